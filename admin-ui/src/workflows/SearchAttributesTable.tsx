import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { WorkflowDetailRecord } from '../dataProvider';
import { EmptyNote } from '../fields/EmptyNote';
import { SectionTitle } from '../fields/SectionTitle';
import { formatDateTime } from '../time/duration';

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const display = (value: unknown, locale: string): string =>
  Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'string' && isoDateTime.test(value)
      ? `${formatDateTime(value, locale)}`
      : String(value);

/** The workflow's search attributes (Liaison's and Temporal's), by name. */
export const SearchAttributesTable = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const entries = Object.entries(record.searchAttributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <SectionTitle>{translate('liaison.workflow.facts.search_attributes')}</SectionTitle>
      {entries.length === 0 ? (
        <EmptyNote>{translate('liaison.workflow.facts.no_search_attributes')}</EmptyNote>
      ) : (
        <Table size="small" sx={{ maxWidth: 880, tableLayout: 'fixed' }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 200 }}>{translate('liaison.workflow.facts.attribute')}</TableCell>
              <TableCell>{translate('liaison.workflow.facts.value')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map(([name, value]) => (
              <TableRow key={name}>
                <TableCell sx={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 13 }}>{name}</TableCell>
                <TableCell title={typeof value === 'string' ? value : undefined} sx={{ overflowWrap: 'anywhere' }}>
                  {display(value, locale)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
};

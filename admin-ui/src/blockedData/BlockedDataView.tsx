import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EmptyNote } from '../fields/EmptyNote';
import { Fact, FactGrid } from '../fields/Fact';

/**
 * The blocked personal data a retrieval answered, shown as its store gives it (a request's store:
 * schema/requestPersonalDataStore.ts; another case type's may differ): an object as facts, a list
 * of rows as a table, nested values as text. Column and fact names are the store's own.
 */

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, empty: string): string => {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value) && Object.keys(value).length === 0) return empty;
  return JSON.stringify(value);
};

const label = (key: string) => key.replace(/_/g, ' ');

const Rows = ({ rows }: { rows: unknown[] }) => {
  const translate = useTranslate();
  const empty = translate('liaison.blocked_data.empty_value');
  if (rows.length === 0) return <EmptyNote>{translate('liaison.blocked_data.no_rows')}</EmptyNote>;
  const columns = [...new Set(rows.flatMap((r) => (isRecord(r) ? Object.keys(r) : [])))];
  if (columns.length === 0) return <Typography variant="body2">{rows.map((r) => text(r, empty)).join(', ')}</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c}>{label(c)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, index) => (
            <TableRow key={index}>
              {columns.map((c) => (
                <TableCell key={c} sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  {text(isRecord(row) ? row[c] : undefined, empty)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

const Facts = ({ value }: { value: Record<string, unknown> }) => {
  const translate = useTranslate();
  const empty = translate('liaison.blocked_data.empty_value');
  // Nested objects (identifiers, fields) spread into facts of their own.
  const facts = Object.entries(value).flatMap(([k, v]): [string, unknown][] =>
    isRecord(v) && Object.keys(v).length > 0 ? Object.entries(v).map(([kk, vv]) => [`${k}: ${kk}`, vv]) : [[k, v]],
  );
  return (
    <FactGrid>
      {facts.map(([k, v]) => (
        <Fact key={k} label={label(k)}>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {text(v, empty)}
          </Typography>
        </Fact>
      ))}
    </FactGrid>
  );
};

export const BlockedDataView = ({ data }: { data: Record<string, unknown> }) => {
  const translate = useTranslate();
  return (
    <Box data-testid="retrieved-data">
      {Object.entries(data).map(([key, value]) => (
        <Box key={key} sx={{ mb: 2 }} data-part={key}>
          <Typography variant="subtitle2" sx={{ fontWeight: 600 }}>
            {translate(`liaison.blocked_data.part.${key}`, { _: label(key) })}
          </Typography>
          {Array.isArray(value) ? (
            <Rows rows={value} />
          ) : isRecord(value) ? (
            <Facts value={value} />
          ) : (
            <Typography variant="body2">{text(value, translate('liaison.blocked_data.empty_value'))}</Typography>
          )}
        </Box>
      ))}
    </Box>
  );
};

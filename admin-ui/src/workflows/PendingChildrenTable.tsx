import { Link, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Link as RouterLink, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import type { WorkflowDetailRecord } from '../dataProvider';
import { EmptyNote } from '../fields/EmptyNote';
import { SectionTitle } from '../fields/SectionTitle';

/** Child workflows started by this one that have not closed yet. */
export const PendingChildrenTable = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!record) return null;
  const t = (key: string) => translate(`liaison.workflow.children.${key}`);
  return (
    <>
      <SectionTitle>{t('title')}</SectionTitle>
      {record.pendingChildren.length === 0 ? (
        <EmptyNote>{t('none')}</EmptyNote>
      ) : (
        <Table size="small" sx={{ maxWidth: 960 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.workflows.fields.workflowId')}</TableCell>
              <TableCell>{t('workflowType')}</TableCell>
              <TableCell>{t('parentClosePolicy')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {record.pendingChildren.map((child) => (
              <TableRow key={child.workflowId}>
                <TableCell>
                  <Link component={RouterLink} to={createPath({ resource: 'workflows', id: child.workflowId, type: 'show' })}>
                    {child.workflowId}
                  </Link>
                </TableCell>
                <TableCell>{child.workflowType}</TableCell>
                <TableCell>{child.parentClosePolicy ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
};

import { Link } from '@mui/material';
import type { MouseEvent } from 'react';
import { Link as RouterLink, useCreatePath, useFieldValue } from 'react-admin';

/** A workflow id that opens the workflow. */
export const WorkflowLinkField = ({ source }: { source: string; label?: string; sortable?: boolean }) => {
  const workflowId = useFieldValue({ source }) as string | undefined;
  const createPath = useCreatePath();
  if (!workflowId) return null;
  return (
    <Link
      component={RouterLink}
      to={createPath({ resource: 'workflows', id: workflowId, type: 'show' })}
      onClick={(e: MouseEvent) => e.stopPropagation()}
      sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
    >
      {workflowId}
    </Link>
  );
};

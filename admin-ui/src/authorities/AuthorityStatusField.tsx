import { useRecordContext, useTranslate } from 'react-admin';
import type { AccessStatus } from '../../../schema/authority';
import { StatusChip } from '../fields/StatusChip';
import type { AuthorityRecord } from './authorityApi';
import { accessStatusColours, authorityStatusColours } from './authorityStatus';

/** The authority's registration status as a coloured chip. */
export const AuthorityStatusField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<AuthorityRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <StatusChip
      label={translate(`liaison.authority.status.${record.status}`, { _: record.status })}
      colour={authorityStatusColours[record.status]}
      data-status={record.status}
    />
  );
};

/** The access status of a legislation area or a workflow. */
export const AccessStatusChip = ({ status }: { status: AccessStatus }) => {
  const translate = useTranslate();
  return <StatusChip label={translate(`liaison.authority.access.${status}`, { _: status })} colour={accessStatusColours[status]} data-status={status} />;
};

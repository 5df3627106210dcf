import { useRecordContext, useTranslate } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import type { InvitationRecord } from './invitationApi';
import { invitationStatusColours } from './invitationStatus';

/** The invitation's status as a coloured chip. */
export const InvitationStatusField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<InvitationRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <StatusChip
      label={translate(`liaison.invitation.status.${record.status}`, { _: record.status })}
      colour={invitationStatusColours[record.status]}
      data-status={record.status}
    />
  );
};

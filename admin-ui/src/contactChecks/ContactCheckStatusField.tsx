import { useRecordContext, useTranslate } from 'react-admin';
import type { ContactCheckRecord } from '../dataProvider';
import { StatusChip } from '../fields/StatusChip';
import { contactCheckStatusColours } from './contactCheckStatus';

/** The check's status as a coloured chip. */
export const ContactCheckStatusField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<ContactCheckRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <StatusChip
      label={translate(`liaison.contactCheck.status.${record.status}`, { _: record.status })}
      colour={contactCheckStatusColours[record.status]}
      data-status={record.status}
    />
  );
};

import { useRecordContext, useTranslate } from 'react-admin';
import type { WorkflowRecord } from '../dataProvider';

const attribute = (record: WorkflowRecord | undefined, name: string): string | undefined => {
  const value = record?.searchAttributes[name];
  return value === undefined ? undefined : Array.isArray(value) ? value.join(', ') : String(value);
};

/**
 * A case search attribute in words: known values are translated (`liaison.caseType.*`,
 * `liaison.caseStatus.*`), others shown as stored.
 */
const CaseAttributeField = ({ name, messages }: { name: string; messages: string }) => {
  const record = useRecordContext<WorkflowRecord>();
  const translate = useTranslate();
  const value = attribute(record, name);
  if (value === undefined) return <span>—</span>;
  return <span title={value}>{translate(`${messages}.${value}`, { _: value })}</span>;
};

type ColumnProps = { label?: string; source?: string; sortable?: boolean };

export const CaseTypeField = (_props: ColumnProps) => <CaseAttributeField name="CaseType" messages="liaison.caseType" />;
export const CaseStatusField = (_props: ColumnProps) => <CaseAttributeField name="CaseStatus" messages="liaison.caseStatus" />;

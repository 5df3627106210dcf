import type { ContactCheckStatus } from '../../../schema/contactCheck';

export const contactCheckStatuses = ['open', 'overdue', 'confirmed', 'withdrawn'] as const satisfies readonly ContactCheckStatus[];

export const contactCheckStatusColours: Record<ContactCheckStatus, string> = {
  open: '#1565c0',
  overdue: '#c62828',
  confirmed: '#2e7d32',
  withdrawn: '#757575',
};

export const contactCheckStatusChoices = contactCheckStatuses.map((id) => ({ id, name: `liaison.contactCheck.status.${id}` }));

/** Confirm and withdraw are possible while the check waits for an answer. */
export const isAwaitingAnswer = (status: ContactCheckStatus) => status === 'open' || status === 'overdue';

/** Past its deadline and still unanswered. */
export const isOverdue = (check: { status: ContactCheckStatus; dueAt: string }, now = Date.now()) =>
  check.status === 'overdue' || (check.status === 'open' && new Date(check.dueAt).getTime() < now);

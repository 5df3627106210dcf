import type { z } from '@hono/zod-openapi';
import type { GetListParams, GetListResult } from 'react-admin';
import type { RequestList, RequestListRow } from '../../../api/requests/search';
import type {
  answerDraftBodySchema,
  caseDataSchema,
  copyBodySchema,
  NewRequestInput,
  EditRequestDraftInput,
  messageBodySchema,
  newAttachmentSchema,
  questionSetListSchema,
  RequestCommandName,
  RequestDetail,
} from '../../../schema/requests';
import { fileAsBase64, saveFromApi } from '../apiFiles';
import { liaisonApi } from '../liaisonApi';
import type { RequestStatus } from './requestStatus';

/**
 * The console's calls of the requests API (api/routes/requests.ts). Every shape is the API's zod
 * schema (schema/requests.ts, api/requests/search.ts) inferred; react-admin records add `id`.
 */

export type { RequestCommandName, RequestDetail, RequestListRow };
export type RequestRecord = RequestListRow;
/** The show page's record: the detail with the summary's fields on top (react-admin needs `id`). */
export type RequestDetailRecord = RequestDetail['request'] & { detail: RequestDetail; events: RequestEventView[] };
export type RequestEventView = { id: string; at: string; action: string; actor: string; reason: string | null; version: number | null };
export type CaseData = z.infer<typeof caseDataSchema>;
export type NewAttachment = z.input<typeof newAttachmentSchema>;
export type QuestionSetList = z.infer<typeof questionSetListSchema>;
export type QuestionSetView = QuestionSetList['data'][number];
export type MessageBody = z.input<typeof messageBodySchema>;
export type AnswerDraftBody = z.input<typeof answerDraftBodySchema>;
export type CopyBody = z.input<typeof copyBodySchema>;
export type { NewRequestInput, EditRequestDraftInput };

const path = (id: string) => `/requests/${encodeURIComponent(id)}`;

const statusesOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const isoDate = (value: unknown): string | undefined => {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const t = text(value);
  return t ? t.slice(0, 10) : undefined;
};

const searchSortFields = new Set(['createdAt', 'sentAt', 'number', 'deadline']);

/** GET /api/requests: react-admin's filters, sort and page as the search's query. */
export async function listRequests(params: GetListParams): Promise<GetListResult<RequestRecord>> {
  const filter = params.filter ?? {};
  const sort = params.sort?.field && searchSortFields.has(params.sort.field) ? params.sort.field : 'createdAt';
  return liaisonApi<RequestList>('/requests', {
    query: {
      scope: filter.scope === 'coordinated' ? 'coordinated' : undefined,
      direction: filter.direction === 'sent' || filter.direction === 'received' ? filter.direction : undefined,
      area: text(filter.area),
      country: text(filter.country)?.toUpperCase(),
      number: text(filter.number)?.toUpperCase(),
      sentFrom: isoDate(filter.sentFrom),
      sentTo: isoDate(filter.sentTo),
      sort,
      order: params.sort?.order === 'ASC' ? 'asc' : 'desc',
      page: params.pagination?.page ?? 1,
      perPage: params.pagination?.perPage ?? 25,
    },
    repeat: { status: statusesOf(filter.status) },
    signal: params.signal,
  });
}

/** The whole action list, at most this many rows (an action list is short; more means work piled up). */
const actionListLimit = 1000;
const actionListPage = 200;

/** Every row of the user's action list, in the API's order (overdue first, then by deadline). */
export async function fetchActionList(filter: { area?: string } = {}, signal?: AbortSignal): Promise<RequestListRow[]> {
  const rows: RequestListRow[] = [];
  for (let page = 1; rows.length < actionListLimit; page += 1) {
    const result = await liaisonApi<RequestList>('/requests/action-list', {
      query: { area: filter.area, page, perPage: actionListPage },
      signal,
    });
    rows.push(...result.data);
    if (result.data.length < actionListPage || rows.length >= result.total) break;
  }
  return rows;
}

const actionSortValue = (row: RequestListRow, field: string): string | number => {
  switch (field) {
    case 'deadline':
      return row.deadline ?? '9999-12-31';
    case 'number':
      return row.number;
    case 'status':
      return row.status;
    case 'sentAt':
      return row.sentAt ?? row.createdAt;
    default:
      return row.createdAt;
  }
};

/**
 * GET /api/requests/action-list, filtered by status and what is expected, sorted and paged here:
 * the API gives the list in its own order (overdue first), the user may sort by any column.
 */
export async function listRequestActions(params: GetListParams): Promise<GetListResult<RequestRecord>> {
  const filter = params.filter ?? {};
  const all = await fetchActionList({ area: text(filter.area) }, params.signal);
  const statuses = statusesOf(filter.status);
  const action = text(filter.action);
  let data = all.filter(
    (row) => (statuses.length === 0 || statuses.includes(row.status)) && (!action || row.actions.includes(action)) && (filter.overdue !== true || row.overdue),
  );
  const field = params.sort?.field;
  if (field && field !== 'priority') {
    const direction = params.sort?.order === 'DESC' ? -1 : 1;
    data = [...data].sort((a, b) => {
      const x = actionSortValue(a, field);
      const y = actionSortValue(b, field);
      return x < y ? -direction : x > y ? direction : 0;
    });
  }
  const page = params.pagination?.page ?? 1;
  const perPage = params.pagination?.perPage ?? 25;
  return { data: data.slice((page - 1) * perPage, page * perPage), total: data.length };
}

/** How many of the action list's requests are in each status (the chips above the list). */
export const countByStatus = (rows: readonly RequestListRow[]): Partial<Record<RequestStatus, number>> => {
  const counts: Partial<Record<RequestStatus, number>> = {};
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
};

/** The timeline in the shape CaseEventTimeline reads (it is shared with contact checks and invitations). */
const toEvents = (detail: RequestDetail): RequestEventView[] =>
  detail.timeline.map((entry, index) => ({
    id: `${entry.version ?? 'x'}-${index}`,
    at: entry.at,
    action: entry.action,
    actor: entry.actor,
    reason: entry.text,
    version: entry.version,
  }));

export const toDetailRecord = (detail: RequestDetail): RequestDetailRecord => ({ ...detail.request, detail, events: toEvents(detail) });

export const getRequest = async (id: string): Promise<RequestDetailRecord> => toDetailRecord(await liaisonApi<RequestDetail>(path(id)));

/** POST /api/requests: a new draft (the creator becomes its case handler). */
export const createRequest = async (body: NewRequestInput): Promise<RequestDetailRecord> =>
  toDetailRecord(await liaisonApi<RequestDetail>('/requests', { method: 'POST', body }));

/** POST /api/requests/{id}/{command} with the command's body; the answer is the request afresh. */
export const requestCommand = async (id: string, command: RequestCommandName, body: Record<string, unknown> = {}, idempotencyKey?: string): Promise<RequestDetailRecord> =>
  toDetailRecord(await liaisonApi<RequestDetail>(`${path(id)}/${command}`, { method: 'POST', body, idempotencyKey }));

export const editRequestDraft = (id: string, body: EditRequestDraftInput) => requestCommand(id, 'edit-draft', body as Record<string, unknown>);

/** POST /api/requests/{id}/messages: a message to the other side (the `send-message` action). */
export const sendRequestMessage = async (id: string, body: MessageBody): Promise<RequestDetailRecord> =>
  toDetailRecord(await liaisonApi<RequestDetail>(`${path(id)}/messages`, { method: 'POST', body }));

/** PUT /api/requests/{id}/answer-draft: the responder's draft answers, replaced for the questions given. */
export const saveAnswerDraft = async (id: string, body: AnswerDraftBody): Promise<RequestDetailRecord> =>
  toDetailRecord(await liaisonApi<RequestDetail>(`${path(id)}/answer-draft`, { method: 'PUT', body }));

/** POST /api/requests/{id}/copy: a new draft seeded from this request. */
export const copyRequest = async (id: string, body: CopyBody): Promise<RequestDetailRecord> =>
  toDetailRecord(await liaisonApi<RequestDetail>(`${path(id)}/copy`, { method: 'POST', body }));

/** GET /api/question-sets: the sets of an area with their questions and answers in the user's language. */
export const listQuestionSets = (area: string | undefined, language: string) =>
  liaisonApi<QuestionSetList>('/question-sets', { query: { area, language } });

/** A file as the API takes it, with the question it belongs to. */
export async function toNewAttachment(file: File, questionCode?: string): Promise<NewAttachment> {
  return { ...(await fileAsBase64(file)), ...(questionCode ? { questionCode } : {}) };
}

/** GET /api/requests/{id}/attachments/{attachmentId}, saved by the browser. */
export const downloadAttachment = (requestId: string, attachment: { id: string; fileName: string }): Promise<void> =>
  saveFromApi(`${path(requestId)}/attachments/${encodeURIComponent(attachment.id)}`, attachment.fileName);

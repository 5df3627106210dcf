import type { DataProvider, GetListParams, GetListResult, RaRecord } from 'react-admin';
import { HttpError } from 'react-admin';
import type { z } from '@hono/zod-openapi';
import type {
  caseEventSchema,
  contactCheckDetailSchema,
  ContactCheckStatus,
  ContactCheckView,
  OpenContactCheck,
} from '../../schema/contactCheck';
import type {
  OpsActionResult,
  OpsAuditEntry,
  OpsAuditList,
  OpsCancelRequest,
  OpsHistory,
  OpsResetRequest,
  OpsSignalRequest,
  OpsTerminateRequest,
  OpsWorkflowCounts,
  OpsWorkflowDetail,
  OpsWorkflowFilter,
  OpsWorkflowList,
  OpsWorkflowSummary,
} from '../../schema/ops';
import { getAuthority, listAuthorities, updateAuthority, type AuthorityDataUpdate } from './authorities/authorityApi';
import {
  createInvitation,
  deleteInvitation,
  getInvitation,
  listInvitations,
  updateInvitation,
} from './invitations/invitationApi';
import { liaisonApi, type QueryValue } from './liaisonApi';
import { getRequest, listRequestActions, listRequests } from './requests/requestApi';
import { getReference, isReferenceResource, listReference } from './referenceData/referenceDataProvider';
import { WorkflowPageTokens } from './workflows/workflowPageTokens';
import { parseWorkflowRecordId, workflowRunRecordId } from './workflows/workflowRecordId';

/**
 * The records react-admin holds: the API's shapes plus the `id` it needs. A list row is one run
 * (id `<workflowId>@@<runId>`, see workflows/workflowRecordId.ts); `earlierRun` marks a run that is
 * not the workflow's latest: a newer run of the same workflow is on the page, or it continued as new.
 */
export type WorkflowRecord = OpsWorkflowSummary & { id: string; earlierRun: boolean };
/** A show page's record: its `id` is the one asked for, a run's id or a plain workflow id (= latest run). */
export type WorkflowDetailRecord = OpsWorkflowDetail & { id: string };
export type CaseEventView = z.infer<typeof caseEventSchema>;
/** A list row has no `events`; the show page's record (ContactCheckDetail) has them. */
export type ContactCheckRecord = ContactCheckView & Partial<Pick<z.infer<typeof contactCheckDetailSchema>, 'events'>>;
export type OpsAuditRecord = OpsAuditEntry;

export type WorkflowAction =
  | { action: 'signal'; body: OpsSignalRequest }
  | { action: 'cancel'; body: OpsCancelRequest }
  | { action: 'terminate'; body: OpsTerminateRequest }
  | { action: 'reset'; body: OpsResetRequest };

/** What the console may call besides react-admin's CRUD methods. */
export interface LiaisonDataProvider extends DataProvider {
  workflowCounts(filter: OpsWorkflowFilter): Promise<OpsWorkflowCounts>;
  workflowHistory(workflowId: string, options: { runId?: string; raw?: boolean }): Promise<OpsHistory>;
  workflowAction(workflowId: string, command: WorkflowAction): Promise<OpsActionResult>;
  confirmContactCheck(id: string, body: { note?: string }): Promise<ContactCheckView>;
  withdrawContactCheck(id: string, body: { reason: string }): Promise<ContactCheckView>;
}

/**
 * react-admin copies each list row into its getOne cache and shows it while the detail loads;
 * show pages pass this `meta` so they never render a summary row as if it were the detail.
 */
export const detailView = { view: 'detail' } as const;

const path = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

// ---------------------------------------------------------------------------------------------
// workflows → /api/ops/workflows

const workflowFilterKeys = [
  'type',
  'status',
  'caseType',
  'caseStatus',
  'countryCode',
  'authorityId',
  'deadlineBefore',
  'deadlineAfter',
  'workflowIdPrefix',
  'startedFrom',
  'startedTo',
  'query',
] as const satisfies readonly (keyof OpsWorkflowFilter)[];

const timeFilterKeys = new Set<string>(['startedFrom', 'startedTo', 'deadlineBefore', 'deadlineAfter']);

/** react-admin's filter values → the API's filter (dates as ISO, blanks dropped). */
export function toWorkflowFilter(filter: Record<string, unknown> = {}): OpsWorkflowFilter {
  const out: Record<string, string> = {};
  for (const key of workflowFilterKeys) {
    const value = filter[key];
    if (value === undefined || value === null || value === '') continue;
    if (timeFilterKeys.has(key)) {
      const raw = value instanceof Date ? value : String(value);
      out[key] = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : new Date(raw).toISOString();
    } else {
      out[key] = String(value).trim();
    }
  }
  return out as OpsWorkflowFilter;
}

const pageTokens = new WorkflowPageTokens();

/** The run that came later: a running run is the newest; else the one that closed (then started) last. */
const isLaterRun = (a: OpsWorkflowSummary, b: OpsWorkflowSummary): boolean => {
  const closed = (w: OpsWorkflowSummary) => (w.closeTime === null ? Number.POSITIVE_INFINITY : Date.parse(w.closeTime));
  return closed(a) !== closed(b) ? closed(a) > closed(b) : Date.parse(a.startTime) > Date.parse(b.startTime);
};

/** A page of runs as rows: one id per run, earlier runs marked. */
export function toWorkflowRecords(items: OpsWorkflowSummary[]): WorkflowRecord[] {
  const latest = new Map<string, OpsWorkflowSummary>();
  for (const item of items) {
    const seen = latest.get(item.workflowId);
    if (!seen || isLaterRun(item, seen)) latest.set(item.workflowId, item);
  }
  return items.map((item) => ({
    ...item,
    id: workflowRunRecordId(item.workflowId, item.runId),
    earlierRun: item.status === 'ContinuedAsNew' || latest.get(item.workflowId) !== item,
  }));
}

async function listWorkflows(params: GetListParams): Promise<GetListResult<WorkflowRecord>> {
  const filter = toWorkflowFilter(params.filter);
  const page = params.pagination?.page ?? 1;
  const pageSize = params.pagination?.perPage ?? 20;
  const queryKey = JSON.stringify({ filter, pageSize });
  const fetchPage = (pageToken: string | null) =>
    liaisonApi<OpsWorkflowList>('/ops/workflows', {
      query: { ...(filter as Record<string, QueryValue>), pageSize, pageToken: pageToken ?? undefined },
      signal: params.signal,
    });

  // Walk forward from the nearest page whose token we know (page 1 needs none).
  let current = pageTokens.nearestKnownPage(queryKey, page);
  let result = await fetchPage(pageTokens.tokenFor(queryKey, current) ?? null);
  pageTokens.rememberNext(queryKey, current, result.nextPageToken);
  while (current < page && result.nextPageToken) {
    current += 1;
    result = await fetchPage(result.nextPageToken);
    pageTokens.rememberNext(queryKey, current, result.nextPageToken);
  }
  const pageInfo = { hasNextPage: current === page && result.nextPageToken !== null, hasPreviousPage: page > 1 };
  if (current < page) return { data: [], pageInfo };
  const data = toWorkflowRecords(result.items);
  // On the last page the total is known exactly ("41–57 of 57"); before it, "1–20 of more than 20".
  return result.nextPageToken === null ? { data, total: (page - 1) * pageSize + data.length, pageInfo } : { data, pageInfo };
}

const fetchWorkflow = (workflowId: string, runId?: string) =>
  liaisonApi<OpsWorkflowDetail>(`/ops/workflows/${path(workflowId)}`, { query: { runId } });

/**
 * One workflow by record id: a run's id opens that run, a plain workflow id the latest run. The
 * record keeps the id it was asked for, so react-admin finds it under that id.
 */
async function getWorkflow(id: string): Promise<WorkflowDetailRecord> {
  const { workflowId, runId } = parseWorkflowRecordId(id);
  if (runId === undefined) return { ...(await fetchWorkflow(id)), id };
  try {
    return { ...(await fetchWorkflow(workflowId, runId)), id };
  } catch (error) {
    // A workflow id that merely looks like "<id>@@<uuid>": try it as a whole before giving up.
    if (!(error instanceof HttpError) || error.status !== 404) throw error;
    const whole = await fetchWorkflow(id).catch(() => {
      throw error;
    });
    return { ...whole, id };
  }
}

// ---------------------------------------------------------------------------------------------
// contact-checks → /api/contact-checks

const contactCheckSortFields = new Set(['openedAt', 'dueAt', 'status', 'authorityRef', 'countryCode', 'updatedAt']);

async function listContactChecks(params: GetListParams): Promise<GetListResult<ContactCheckRecord>> {
  const filter = params.filter ?? {};
  const overdue = filter.overdue;
  const sortField = params.sort?.field && contactCheckSortFields.has(params.sort.field) ? params.sort.field : 'openedAt';
  return liaisonApi<{ data: ContactCheckView[]; total: number }>('/contact-checks', {
    query: {
      status: filter.status as ContactCheckStatus | undefined,
      countryCode: typeof filter.countryCode === 'string' ? filter.countryCode.trim().toUpperCase() : undefined,
      q: filter.q,
      overdue: overdue === true || overdue === 'true' ? 'true' : overdue === false || overdue === 'false' ? 'false' : undefined,
      sort: sortField,
      order: params.sort?.order === 'ASC' ? 'ASC' : 'DESC',
      page: params.pagination?.page ?? 1,
      perPage: params.pagination?.perPage ?? 25,
    },
    signal: params.signal,
  });
}

const getContactCheck = (id: string) => liaisonApi<ContactCheckRecord>(`/contact-checks/${path(id)}`);

// ---------------------------------------------------------------------------------------------
// ops-audit → /api/ops/audit

async function listOpsAudit(params: GetListParams): Promise<GetListResult<OpsAuditRecord>> {
  const result = await liaisonApi<OpsAuditList>('/ops/audit', {
    query: {
      workflowId: params.filter?.workflowId,
      page: params.pagination?.page ?? 1,
      perPage: params.pagination?.perPage ?? 25,
    },
    signal: params.signal,
  });
  return { data: result.items, total: result.total };
}

// ---------------------------------------------------------------------------------------------

const notSupported = (resource: string, method: string): never => {
  throw new HttpError('liaison.error.not_supported', 405, { resource, method });
};

const unknownResource = (resource: string): never => {
  throw new HttpError('liaison.error.unknown_resource', 404, { resource });
};

async function getOne(resource: string, id: string): Promise<RaRecord> {
  switch (resource) {
    case 'workflows':
      return getWorkflow(id);
    case 'contact-checks':
      return getContactCheck(id);
    case 'authorities':
      return getAuthority(id);
    case 'invitations':
      return getInvitation(id);
    case 'requests':
      return getRequest(id);
    default:
      if (isReferenceResource(resource)) return getReference(resource, id);
      return unknownResource(resource);
  }
}

/**
 * The console's one data provider: routes react-admin's calls by resource to the Liaison API.
 * Resources added later (authorities, users, invitations, requests, alerts) get a case here.
 */
export const dataProvider: LiaisonDataProvider = {
  async getList(resource, params) {
    switch (resource) {
      case 'workflows':
        return listWorkflows(params) as Promise<GetListResult<never>>;
      case 'contact-checks':
        return listContactChecks(params) as Promise<GetListResult<never>>;
      case 'ops-audit':
        return listOpsAudit(params) as Promise<GetListResult<never>>;
      case 'authorities':
        return listAuthorities(params) as Promise<GetListResult<never>>;
      case 'invitations':
        return listInvitations(params) as Promise<GetListResult<never>>;
      case 'requests':
        return listRequests(params) as Promise<GetListResult<never>>;
      case 'request-actions':
        return listRequestActions(params) as Promise<GetListResult<never>>;
      default:
        if (isReferenceResource(resource)) return listReference(resource, params) as Promise<GetListResult<never>>;
        return unknownResource(resource);
    }
  },

  async getOne(resource, params) {
    return { data: (await getOne(resource, String(params.id))) as never };
  },

  async getMany(resource, params) {
    const data = await Promise.all(params.ids.map((id) => getOne(resource, String(id))));
    return { data: data as never[] };
  },

  async getManyReference(resource, params) {
    const { target, id, ...rest } = params;
    return this.getList(resource, { ...rest, filter: { ...params.filter, [target]: id } });
  },

  async create(resource, params) {
    if (resource === 'invitations') return { data: (await createInvitation(params.data as Record<string, unknown>)) as never };
    if (resource !== 'contact-checks') return notSupported(resource, 'create');
    // Empty optional inputs (e.g. no "days until deadline") are left out, not sent as null.
    const body = Object.fromEntries(
      Object.entries(params.data as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && v !== ''),
    ) as OpenContactCheck;
    const created = await liaisonApi<ContactCheckView>('/contact-checks', { method: 'POST', body });
    return { data: created as never };
  },

  async update(resource, params) {
    // the edit page's transform has made the data the API's AuthorityDataUpdate
    if (resource === 'authorities') return { data: (await updateAuthority(String(params.id), params.data as AuthorityDataUpdate)) as never };
    if (resource !== 'invitations') return notSupported(resource, 'update');
    return { data: (await updateInvitation(String(params.id), params.data as Record<string, unknown>)) as never };
  },
  updateMany: async (resource) => notSupported(resource, 'updateMany'),
  async delete(resource, params) {
    if (resource !== 'invitations') return notSupported(resource, 'delete');
    await deleteInvitation(String(params.id));
    return { data: (params.previousData ?? { id: params.id }) as never };
  },
  deleteMany: async (resource) => notSupported(resource, 'deleteMany'),

  workflowCounts: (filter) =>
    liaisonApi<OpsWorkflowCounts>('/ops/workflows/counts', { query: filter as Record<string, QueryValue> }),

  workflowHistory: (workflowId, { runId, raw }) =>
    liaisonApi<OpsHistory>(`/ops/workflows/${path(workflowId)}/history`, {
      query: { runId, raw: raw ? 'true' : undefined },
    }),

  workflowAction: (workflowId, { action, body }) =>
    liaisonApi<OpsActionResult>(`/ops/workflows/${path(workflowId)}/${action}`, { method: 'POST', body }),

  confirmContactCheck: (id, body) =>
    liaisonApi<ContactCheckView>(`/contact-checks/${path(id)}/confirm`, { method: 'POST', body }),

  withdrawContactCheck: (id, body) =>
    liaisonApi<ContactCheckView>(`/contact-checks/${path(id)}/withdraw`, { method: 'POST', body }),
};

import type { z } from '@hono/zod-openapi';
import type { DataProvider, GetListParams, GetListResult, RaRecord } from 'react-admin';
import type {
  AlertCommandName,
  AlertDetail,
  alertListSchema,
  alertListItemSchema,
  alertProviderSchema,
  EditAlertContentInput,
  EditAlertDraftInput,
  NewAlertInput,
} from '../../../schema/alerts';
import type { AlertStatus } from '../../../workflows/alert/snapshot';
import { fileAsBase64, saveFromApi } from '../apiFiles';
import { liaisonApi } from '../liaisonApi';

/**
 * The console's calls of the alerts API (api/routes/alerts.ts). Every shape is the API's zod schema
 * (schema/alerts.ts) inferred; react-admin records add `id`.
 */

export type { AlertCommandName, AlertDetail, AlertStatus };
export type AlertList = z.infer<typeof alertListSchema>;
export type AlertListRow = z.infer<typeof alertListItemSchema>;
export type AlertProvider = z.input<typeof alertProviderSchema>;
export type AlertCountryView = AlertDetail['countries'][number];
export type AlertRecipientView = AlertCountryView['recipients'][number];
export type AlertItemView = AlertDetail['items'][number];
export type AlertFileView = AlertDetail['files'][number];
/** The show page's record: the summary's fields on top of the whole detail (react-admin needs `id`). */
export type AlertDetailRecord = AlertDetail['alert'] & { detail: AlertDetail };
export type NewAlertFile = { fileName: string; mimeType: string; contentBase64: string };
export type { EditAlertContentInput, EditAlertDraftInput, NewAlertInput };

const path = (id: string) => `/alerts/${encodeURIComponent(id)}`;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const statusesOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];
const isoDate = (value: unknown): string | undefined => {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const t = text(value);
  return t ? t.slice(0, 10) : undefined;
};

const sortFields = new Set(['number', 'status', 'broadcastAt', 'createdAt']);

/** GET /api/alerts: react-admin's filters, sort and page as the search's query. */
export async function listAlerts(params: GetListParams): Promise<GetListResult<AlertListRow>> {
  const filter = params.filter ?? {};
  const sort = params.sort?.field && sortFields.has(params.sort.field) ? params.sort.field : 'createdAt';
  const provider = text(filter.provider);
  return liaisonApi<AlertList>('/alerts', {
    query: {
      number: text(filter.number)?.toUpperCase(),
      // The API needs two characters; fewer would only be refused.
      provider: provider && provider.length >= 2 ? provider : undefined,
      establishmentCountry: text(filter.establishmentCountry)?.toUpperCase(),
      originatingCountry: text(filter.originatingCountry)?.toUpperCase(),
      broadcastFrom: isoDate(filter.broadcastFrom),
      broadcastTo: isoDate(filter.broadcastTo),
      sort,
      order: params.sort?.order === 'ASC' ? 'asc' : 'desc',
      page: params.pagination?.page ?? 1,
      perPage: params.pagination?.perPage ?? 25,
    },
    repeat: { status: statusesOf(filter.status) },
    signal: params.signal,
  });
}

/** GET /api/alerts/action-list: the alerts where the caller's authority must act now, in the API's order. */
export async function listAlertActions(params: GetListParams): Promise<GetListResult<AlertListRow>> {
  return liaisonApi<AlertList>('/alerts/action-list', {
    query: { page: params.pagination?.page ?? 1, perPage: params.pagination?.perPage ?? 25 },
    signal: params.signal,
  });
}

export const toDetailRecord = (detail: AlertDetail): AlertDetailRecord => ({ ...detail.alert, detail });

export const getAlert = async (id: string): Promise<AlertDetailRecord> => toDetailRecord(await liaisonApi<AlertDetail>(path(id)));

/** POST /api/alerts: a new numbered draft. */
export const createAlert = async (body: NewAlertInput): Promise<AlertDetailRecord> =>
  toDetailRecord(await liaisonApi<AlertDetail>('/alerts', { method: 'POST', body }));

/** POST /api/alerts/{id}/{command} with the command's body (none for commands without one); the answer is the alert afresh. */
export const alertCommand = async (id: string, command: AlertCommandName, body?: Record<string, unknown>, idempotencyKey?: string): Promise<AlertDetailRecord> =>
  toDetailRecord(await liaisonApi<AlertDetail>(`${path(id)}/${command}`, { method: 'POST', idempotencyKey, ...(body !== undefined && { body }) }));

/** GET /api/alerts/criteria: the checklist's codes with their English text (the console shows its own translations). */
export const listAlertCriteria = () => liaisonApi<{ data: { code: string; text: string }[] }>('/alerts/criteria');

/** The user behind the session or the personal token (GET /api/auth/me): its authority picks the alert coordinators. */
export const whoAmI = () => liaisonApi<{ kind: 'user' | 'operator'; user: { id: string; authorityId: string | null } | null }>('/auth/me');

/** A file as the API takes it: base64 inside the JSON body. */
export const toNewAlertFile = (file: File): Promise<NewAlertFile> => fileAsBase64(file);

/** GET /api/alerts/{id}/files/{fileId}, saved by the browser. */
export const downloadAlertFile = (alertId: string, file: { id: string; fileName: string }): Promise<void> =>
  saveFromApi(`${path(alertId)}/files/${encodeURIComponent(file.id)}`, file.fileName);

/**
 * The console's data provider with the alert resources: `alerts` (search, detail) and
 * `alert-actions` (the action list). Everything else goes to the shared provider unchanged.
 */
export function withAlerts<T extends DataProvider>(base: T): T {
  return {
    ...base,
    async getList(resource, params) {
      if (resource === 'alerts') return listAlerts(params) as Promise<GetListResult<never>>;
      if (resource === 'alert-actions') return listAlertActions(params) as Promise<GetListResult<never>>;
      return base.getList(resource, params);
    },
    async getOne(resource, params) {
      if (resource === 'alerts' || resource === 'alert-actions') return { data: (await getAlert(String(params.id))) as never };
      return base.getOne(resource, params);
    },
    async getMany(resource, params) {
      if (resource === 'alerts') return { data: (await Promise.all(params.ids.map((id) => getAlert(String(id))))) as RaRecord[] as never[] };
      return base.getMany(resource, params);
    },
  };
}

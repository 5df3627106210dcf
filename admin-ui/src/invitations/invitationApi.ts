import type { GetListParams, GetListResult } from 'react-admin';
import type { z } from '@hono/zod-openapi';
import type {
  importResultSchema,
  InvitationView,
  invitationDetailSchema,
  submitResultSchema,
  groupResultSchema,
} from '../../../schema/invitations';
import { apiUrl, liaisonApi, toHttpError } from '../liaisonApi';
import { operatorToken } from '../operatorToken';
import { session } from '../session';

export type InvitationRecord = InvitationView & Partial<Pick<z.infer<typeof invitationDetailSchema>, 'events'>>;
export type SubmitResult = z.infer<typeof submitResultSchema>;
export type GroupResult = z.infer<typeof groupResultSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;

const sortFields = new Set(['createdAt', 'submittedAt', 'sentAt', 'status', 'updatedAt']);
const path = (id: string) => `/invitations/${encodeURIComponent(id)}`;

/** GET /api/invitations: statuses as a repeated parameter, free text, sort and page. */
export async function listInvitations(params: GetListParams): Promise<GetListResult<InvitationRecord>> {
  const filter = params.filter ?? {};
  const statuses: string[] = Array.isArray(filter.status) ? filter.status : filter.status ? [String(filter.status)] : [];
  const sortField = params.sort?.field && sortFields.has(params.sort.field) ? params.sort.field : 'createdAt';
  return liaisonApi<{ data: InvitationRecord[]; total: number }>('/invitations', {
    query: {
      q: typeof filter.q === 'string' ? filter.q.trim() : undefined,
      sort: sortField,
      order: params.sort?.order === 'ASC' ? 'ASC' : 'DESC',
      page: params.pagination?.page ?? 1,
      perPage: params.pagination?.perPage ?? 25,
    },
    repeat: { status: statuses },
    signal: params.signal,
  });
}

export const getInvitation = (id: string) => liaisonApi<InvitationRecord>(path(id));

const editable = ['email', 'name', 'language', 'areas', 'workflows', 'message'] as const;
const pick = (data: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const key of editable) if (data[key] !== undefined) out[key] = data[key] === '' && key === 'message' ? null : data[key];
  return out;
};

export const createInvitation = (data: Record<string, unknown>) =>
  liaisonApi<InvitationRecord>('/invitations', { method: 'POST', body: pick(data) });
export const updateInvitation = (id: string, data: Record<string, unknown>) =>
  liaisonApi<InvitationRecord>(path(id), { method: 'PATCH', body: pick(data) });
export const deleteInvitation = (id: string) => liaisonApi<unknown>(path(id), { method: 'DELETE' });

export const submitInvitations = (ids: string[]) => liaisonApi<SubmitResult>('/invitations/submit', { method: 'POST', body: { ids } });
export const groupEditInvitations = (body: { ids: string[]; message?: string | null; areas?: string[]; workflows?: string[] }) =>
  liaisonApi<GroupResult>('/invitations/group-edit', { method: 'POST', body });

export type InvitationCommand = 'withdraw' | 'release' | 'cancel' | 'validate' | 'reject-validation';
export const invitationCommand = (id: string, command: InvitationCommand, body: Record<string, unknown> = {}) =>
  liaisonApi<InvitationRecord | null>(`${path(id)}/${command}`, { method: 'POST', body });

/** The same credentials as liaisonApi, for a download or an upload that is not JSON. */
const authHeaders = (change: boolean): Headers => {
  const headers = new Headers();
  const token = operatorToken.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const csrf = session.csrfToken();
  if (!token && csrf && change) headers.set('X-CSRF-Token', csrf);
  return headers;
};

const failure = async (response: Response) => {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return toHttpError(response.status, json as never);
};

/** GET /api/invitations/import-template, saved by the browser. */
export async function downloadImportTemplate(): Promise<void> {
  const response = await fetch(apiUrl('/invitations/import-template'), { headers: authHeaders(false), credentials: 'same-origin' });
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'liaison-invitations.xlsx';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** POST /api/invitations/import (multipart `file`). */
export async function importInvitations(file: File, language?: string): Promise<ImportResult> {
  const form = new FormData();
  form.set('file', file);
  if (language) form.set('language', language);
  const headers = authHeaders(true);
  headers.set('Accept', 'application/json');
  const response = await fetch(apiUrl('/invitations/import'), { method: 'POST', headers, body: form, credentials: 'same-origin' });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as ImportResult;
}

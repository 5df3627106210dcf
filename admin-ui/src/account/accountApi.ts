import { liaisonApi } from '../liaisonApi';

/** One of the user's API tokens (api/routes/auth.ts `ApiToken`); the secret itself only on creation. */
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export const accountApi = {
  changePassword: (currentPassword: string, newPassword: string) =>
    liaisonApi<void>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
  listTokens: () => liaisonApi<{ data: ApiTokenView[] }>('/auth/tokens').then((r) => r.data),
  createToken: (name: string) => liaisonApi<ApiTokenView & { token: string }>('/auth/tokens', { method: 'POST', body: { name } }),
  revokeToken: (id: string) => liaisonApi<void>(`/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

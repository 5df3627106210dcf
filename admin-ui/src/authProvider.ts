import type { AuthProvider } from 'react-admin';
import { HttpError } from 'react-admin';
import { liaisonApi } from './liaisonApi';
import { operatorToken } from './operatorToken';

export interface TokenCredentials {
  token: string;
}

/**
 * Until users log in, the console is for operators holding the operator token. Login checks the
 * token against a protected route and keeps it; a 401 from any call logs out.
 */
export const authProvider: AuthProvider = {
  async login({ token }: TokenCredentials) {
    const candidate = token?.trim();
    if (!candidate) throw new Error('liaison.login.token_required');
    try {
      await liaisonApi('/ops/workflows/counts', { token: candidate });
    } catch (error) {
      if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
        throw new Error('liaison.login.token_rejected');
      }
      throw error;
    }
    operatorToken.set(candidate);
  },
  async logout() {
    operatorToken.clear();
  },
  async checkAuth() {
    // `message: false`: go to the login page without a "please log in" notification.
    if (!operatorToken.get()) throw { message: false };
  },
  async checkError(error) {
    const status = (error as { status?: number } | undefined)?.status;
    if (status === 401) {
      operatorToken.clear();
      throw { message: 'liaison.login.session_ended' };
    }
  },
};

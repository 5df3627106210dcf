import type { AuthProvider, UserIdentity } from 'react-admin';
import { HttpError } from 'react-admin';
import { i18nProvider } from './i18n/i18nProvider';
import { liaisonApi } from './liaisonApi';
import { operatorToken } from './operatorToken';
import { session, type CurrentUser, type LoginSession } from './session';

export interface TokenCredentials {
  token: string;
}

/** The login page runs the steps (login/loginSteps.ts) and hands over the session they opened. */
export interface SessionCredentials {
  session: LoginSession;
}

interface MeAnswer {
  kind: 'user' | 'operator';
  user: CurrentUser | null;
  csrfToken: string | null;
}

export const fullName = (user: Pick<CurrentUser, 'firstName' | 'lastName'>) => `${user.firstName} ${user.lastName}`.trim();

/** The session behind the cookie, if any (after a reload the CSRF token is only known to the API). */
async function recoverSession(): Promise<LoginSession | null> {
  try {
    const me = await liaisonApi<MeAnswer>('/auth/me', { anonymous: true });
    if (me.kind !== 'user' || !me.user || !me.csrfToken) return null;
    const recovered = { user: me.user, csrfToken: me.csrfToken };
    session.set(recovered);
    return recovered;
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) return null;
    throw error;
  }
}

/**
 * Two ways in: a user's own login (username, password, 3 characters of the security code; the
 * session is an HttpOnly cookie and the CSRF token stays in memory), or — until operators have
 * users — the operator token, kept in localStorage. A 401 from any call logs out.
 */
export const authProvider: AuthProvider = {
  async login(credentials: TokenCredentials | SessionCredentials) {
    if ('session' in credentials) {
      operatorToken.clear();
      session.set(credentials.session);
      return;
    }
    const candidate = credentials.token?.trim();
    if (!candidate) throw new Error('liaison.login.token_required');
    try {
      await liaisonApi('/ops/workflows/counts', { token: candidate });
    } catch (error) {
      if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
        throw new Error('liaison.login.token_rejected');
      }
      throw error;
    }
    session.clear();
    operatorToken.set(candidate);
  },
  async logout() {
    if (operatorToken.get()) {
      operatorToken.clear();
      return;
    }
    if (session.get()) {
      await liaisonApi('/auth/logout', { method: 'POST', anonymous: true }).catch(() => undefined);
    }
    session.clear();
  },
  async checkAuth() {
    if (operatorToken.get() || session.get()) return;
    // `message: false`: go to the login page without a "please log in" notification.
    if (!(await recoverSession())) throw { message: false };
  },
  async checkError(error) {
    const status = (error as { status?: number } | undefined)?.status;
    if (status === 401) {
      const wasOperator = operatorToken.get() !== null;
      operatorToken.clear();
      session.clear();
      throw { message: wasOperator ? 'liaison.login.session_ended' : 'liaison.login.user_session_ended' };
    }
  },
  async getIdentity(): Promise<UserIdentity> {
    if (operatorToken.get()) return { id: 'operator', fullName: i18nProvider.translate('liaison.actor.operator') };
    const current = session.get() ?? (await recoverSession());
    if (!current) throw { message: false };
    return { id: current.user.id, fullName: fullName(current.user) };
  },
  async getPermissions() {
    if (operatorToken.get()) return [{ role: 'system-admin' }];
    return session.get()?.user.roles ?? [];
  },
};

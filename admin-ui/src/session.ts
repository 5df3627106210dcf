import type { UserRole } from '../../schema/entities/identity/user';

/** The logged-in user as GET /api/auth/me and the login answer them (api/routes/auth.ts `CurrentUser`). */
export interface CurrentUser {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  preferredLanguage: string;
  authorityId: string | null;
  roles: UserRole[];
}

export interface LoginSession {
  user: CurrentUser;
  csrfToken: string;
}

/**
 * The user's session as the console holds it: the session itself is an HttpOnly cookie the browser
 * sends; the CSRF token (sent back as `X-CSRF-Token` on every change) and the user live only in
 * memory, and after a reload come back from GET /api/auth/me.
 */
let current: LoginSession | null = null;

export const session = {
  get: (): LoginSession | null => current,
  set: (value: LoginSession) => {
    current = value;
  },
  clear: () => {
    current = null;
  },
  csrfToken: (): string | null => current?.csrfToken ?? null,
};

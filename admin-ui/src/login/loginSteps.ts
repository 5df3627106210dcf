import { HttpError } from 'react-admin';
import { liaisonApi } from '../liaisonApi';
import type { LoginSession } from '../session';

/**
 * The steps of a user's login (domain.md §2) as the API takes them (api/routes/auth.ts): username
 * and password, then 3 positions of the security code; a first login (or one after a reset) sets a
 * new password and chooses the security code instead.
 */
export type LoginStep =
  | { step: 'credentials' }
  | { step: 'security-code'; challengeId: string; positions: number[] }
  | { step: 'change-password'; changeToken: string }
  | { step: 'choose-security-code'; changeToken: string };

type StepAnswer = { challengeId: string; positions: number[] } | { next: 'change-password' | 'choose-security-code'; changeToken: string };

const toStep = (answer: StepAnswer): LoginStep =>
  'challengeId' in answer
    ? { step: 'security-code', challengeId: answer.challengeId, positions: answer.positions }
    : { step: answer.next, changeToken: answer.changeToken };

const post = <T>(path: string, body: unknown) => liaisonApi<T>(path, { method: 'POST', body, anonymous: true });

export const securityCodeLength = 12;

export const loginSteps = {
  start: async (username: string, password: string) => toStep(await post<StepAnswer>('/auth/login', { username, password })),
  answerCode: (challengeId: string, characters: string[]) => post<LoginSession>('/auth/login/code', { challengeId, characters }),
  newPassword: async (changeToken: string, newPassword: string) => toStep(await post<StepAnswer>('/auth/first-login/password', { changeToken, newPassword })),
  chooseCode: (changeToken: string, code: string, confirmation: string) =>
    post<LoginSession>('/auth/first-login/security-code', { changeToken, code, confirmation }),
};

/** What went wrong, as a message key of the console (or the API's own words), and whether to start again. */
export function loginProblem(error: unknown): { message: string; restart: boolean } {
  if (!(error instanceof HttpError)) return { message: (error as Error)?.message || 'ra.auth.sign_in_error', restart: false };
  const code = (error.body as { code?: string } | undefined)?.code;
  if (error.status === 429) return { message: 'liaison.login.too_many_attempts', restart: false };
  if (code === 'account_locked') return { message: 'liaison.login.locked', restart: true };
  if (code === 'wrong_credentials') return { message: 'liaison.login.wrong_credentials', restart: true };
  if (code === 'login_expired') return { message: 'liaison.login.expired', restart: true };
  return { message: error.message, restart: false };
}

/** The API's problems with one field (e.g. the password policy), one per line. */
export function fieldProblems(error: unknown, field: string): string[] {
  if (!(error instanceof HttpError)) return [];
  return (error.body as { fields?: Record<string, string[]> } | undefined)?.fields?.[field] ?? [];
}

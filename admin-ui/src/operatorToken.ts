/**
 * The operator token, kept in the browser's localStorage until login by user exists. Every `/api`
 * call except health and the OpenAPI document sends it as `Authorization: Bearer <token>`.
 */
const key = 'liaison.operatorToken';

export const operatorToken = {
  get: (): string | null => localStorage.getItem(key),
  set: (token: string) => localStorage.setItem(key, token),
  clear: () => localStorage.removeItem(key),
};

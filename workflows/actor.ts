/**
 * Who performs a command. The API resolves it from the session (clients never supply it) and
 * passes it into the workflow update; timers act as `system`. Holds ids only, no personal data.
 */
export interface Actor {
  kind: 'user' | 'operator' | 'system';
  id: string;
  authorityId?: string;
  countryCode?: string;
  roles?: string[];
}

export const systemActor: Actor = { kind: 'system', id: 'system' };

/** Why a command was refused; maps to HTTP 403/409/400 in one place (api/app.ts). */
export type RejectionCode = 'NotAllowed' | 'WrongState' | 'PeriodOver' | 'Invalid';

export interface Rejection {
  code: RejectionCode;
  message: string;
}

export type TransitionResult<State, Effect> =
  | { ok: true; state: State; effects: Effect[] }
  | { ok: false; rejection: Rejection };

export const reject = (code: RejectionCode, message: string): { ok: false; rejection: Rejection } => ({
  ok: false,
  rejection: { code, message },
});

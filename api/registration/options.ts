import type { InvitationRules } from '../../workflows/invitation/machine';

/**
 * What the invitation and self-registration routes let the embedding program choose. Read at
 * request time from `deps.registration`, so a test may set it on the deps `startTestApi` returns.
 * Production leaves it unset and gets the defaults (random captcha text; the country's own zone
 * and the manual's policy).
 */
export interface RegistrationOptions {
  /**
   * Makes the captcha's text. Default: 5 random unambiguous letters/digits. Tests pass a fixed
   * generator so they know the answer without reading it from the database or the picture.
   */
  captchaText?: () => string;
  /** The rules an invitation is started with; default: invitationPolicy + the country's zone. */
  invitationRules?: (defaults: InvitationRules) => InvitationRules;
}

declare module '../deps' {
  interface AppDeps {
    registration?: RegistrationOptions;
  }
}

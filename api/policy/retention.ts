import type { Actor } from '../../workflows/actor';
import { allowed, notAllowed, type PolicyDecision } from './adminRoles';

/**
 * Who may act on a closed case's personal data during retention (domain.md §8, IMI data
 * protection guidelines). Pure: every fact comes in as an argument; the retention machine and the
 * API's blocked-data routes both call it.
 */

const helpdeskRole = 'system-admin';

/** The helpdesk: the operator token or a user holding the helpdesk role. */
export const isHelpdesk = (actor: Pick<Actor, 'kind' | 'roles'>): boolean => actor.kind === 'operator' || (actor.roles ?? []).includes(helpdeskRole);

/** Blocked data is retrieved only by the helpdesk (on a special request with consent, or to prove an exchange). */
export function mayRetrieveBlockedData(actor: Pick<Actor, 'kind' | 'roles'>): PolicyDecision {
  return isHelpdesk(actor) ? allowed : notAllowed('Only the helpdesk may retrieve blocked personal data (domain.md §8).');
}

/**
 * Early erasure is asked by a competent authority taking part in the case, with the data
 * subject's consent; the helpdesk may carry it out for it.
 */
export function mayEraseEarly(actor: Actor, caseAuthorityIds: readonly string[]): PolicyDecision {
  if (isHelpdesk(actor)) return allowed;
  if (actor.kind === 'user' && actor.authorityId && caseAuthorityIds.includes(actor.authorityId)) return allowed;
  return notAllowed('Only an authority taking part in the case, or the helpdesk, may ask for early erasure.');
}

/** A contest of blocked data reaches the case through the helpdesk after closure (domain.md §8). */
export function mayRecordContest(actor: Actor): PolicyDecision {
  return isHelpdesk(actor) ? allowed : notAllowed('After closure a rectification or erasure request goes through the helpdesk.');
}

/** The retention status of a case (dates, contests, early erasure) is for the helpdesk's console. */
export function mayViewRetention(actor: Pick<Actor, 'kind' | 'roles'>): PolicyDecision {
  return isHelpdesk(actor) ? allowed : notAllowed('Only the helpdesk sees the retention of closed cases.');
}

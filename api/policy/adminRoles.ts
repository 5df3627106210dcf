import type { Rejection } from '../../workflows/actor';
import type { AuthorityKind } from '../../schema/authority';
import { alertRoles, type ContentRole } from '../../schema/contentRoles';

/**
 * THE policy for administrative relations between authorities: who may register, validate and
 * manage the access of whom, and who may appoint which content role (domain.md §1 table;
 * imi-user-manual-da.txt ch. 9.1.1 with its footnotes 6, *, **; ch. 9.1.5.2 footnotes 8 and 10).
 * Pure: every fact it needs comes in as an argument. API routes and workflow validators both call it.
 * docs/policy.md shows the table as implemented.
 */

/** Who acts: the acting authority's administrative kind in the area concerned, or the helpdesk. */
export type PolicyActorKind = AuthorityKind | 'system-admin';

export type PolicyDecision = { ok: true } | { ok: false; rejection: Rejection & { code: 'NotAllowed' } };

export const allowed: PolicyDecision = { ok: true };
export const notAllowed = (message: string): PolicyDecision => ({ ok: false, rejection: { code: 'NotAllowed', message } });

/** Rank of administrative kinds: a coordinator may only register/manage authorities ranking lower (ch. 9.1.1). */
export const rank: Record<AuthorityKind, number> = { NIMIC: 4, 'super-DIMIC': 3, LIMIC: 2, DIMIC: 1, CA: 0 };

const article = (kind: PolicyActorKind) => (kind === 'NIMIC' || kind === 'LIMIC' ? 'an' : 'a');
const named = (kind: PolicyActorKind) => (kind === 'system-admin' ? 'the helpdesk' : `${article(kind)} ${kind === 'CA' ? 'competent authority' : kind}`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Facts about a registration or validation the table depends on. */
export interface RegistrationContext {
  actorCountryCode: string;
  targetCountryCode: string;
  /** super-DIMIC registering a LIMIC: the LIMIC's competence lies in the super-DIMIC's region. */
  targetInActorRegion?: boolean;
  /** super-DIMIC registering a LIMIC: LIMICs already registered for this area in its region (not counting the target). */
  existingLimicsInRegionForArea?: number;
  /** NIMIC registering a LIMIC: LIMICs already registered for this area in the country (not counting the target). */
  existingLimicsInCountryForArea?: number;
}

type Verb = 'register' | 'validate';

function mayRegisterOrValidate(verb: Verb, actor: PolicyActorKind, target: AuthorityKind, context: RegistrationContext): PolicyDecision {
  if (actor === 'system-admin') {
    // The Commission's helpdesk sets a country up by registering its NIMIC; the country's
    // coordinators register everything below it.
    return target === 'NIMIC' ? allowed : notAllowed(`The helpdesk only ${verb}s NIMICs; the country's coordinators ${verb} ${named(target)}.`);
  }
  if (actor === 'CA') return notAllowed(`A competent authority cannot ${verb} other authorities (ch. 9.1.1).`);
  if (target === 'NIMIC') return notAllowed(`Only the helpdesk can ${verb} a NIMIC.`);
  if (actor === 'super-DIMIC' && target === 'super-DIMIC') {
    return notAllowed(`A super-DIMIC cannot ${verb} other super-DIMICs (ch. 9.1.1).`);
  }
  if (rank[actor] <= rank[target]) {
    return notAllowed(`${capital(named(actor))} cannot ${verb} ${named(target)}: a coordinator registering a coordinator must rank higher (ch. 9.1.1).`);
  }
  if (context.actorCountryCode !== context.targetCountryCode) {
    return notAllowed(`A coordinator can only ${verb} authorities of its own country (${context.actorCountryCode}), not of ${context.targetCountryCode}.`);
  }
  if (target === 'LIMIC') {
    if (actor === 'super-DIMIC') {
      if (context.targetInActorRegion !== true) {
        return notAllowed(`A super-DIMIC can only ${verb} a LIMIC in its own region (ch. 9.1.1, note *).`);
      }
      if (context.existingLimicsInRegionForArea === undefined) {
        return notAllowed(`Cannot decide: the number of LIMICs already in the region for this legislation area is not known.`);
      }
      if (context.existingLimicsInRegionForArea >= 1) {
        return notAllowed(`A super-DIMIC may ${verb} only one LIMIC per legislation area in its region, and this area already has one (ch. 9.1.1, note *).`);
      }
    } else {
      if (context.existingLimicsInCountryForArea === undefined) {
        return notAllowed(`Cannot decide: the number of LIMICs already in the country for this legislation area is not known.`);
      }
      if (context.existingLimicsInCountryForArea >= 1) {
        return notAllowed(`A country can have only one LIMIC per legislation area, and this area already has one (ch. 9.1.1).`);
      }
    }
  }
  return allowed;
}

/** May an authority of kind `actor` register an authority of kind `target` (ch. 9.1.1)? */
export const mayRegister = (actor: PolicyActorKind, target: AuthorityKind, context: RegistrationContext): PolicyDecision =>
  mayRegisterOrValidate('register', actor, target, context);

/** May an authority of kind `actor` validate the self-registration of an authority of kind `target`? Same table as registering. */
export const mayValidate = (actor: PolicyActorKind, target: AuthorityKind, context: RegistrationContext): PolicyDecision =>
  mayRegisterOrValidate('validate', actor, target, context);

/**
 * May an authority of kind `actor` manage the area and workflow access of one of kind `target`
 * (ch. 9.1.1 rows "Kan forvalte adgang …")? NIMIC: all; super-DIMIC: LIMIC, DIMIC, CA; LIMIC:
 * DIMIC, CA; DIMIC: CA. The helpdesk manages every access (a coordinator's access is suspended
 * only through it, ch. 9.1.5.2 note 8, 9.1.5.3 note 10). A NIMIC's access is horizontal and
 * automatic; only the helpdesk touches it.
 */
export function mayManageAccess(
  actor: PolicyActorKind,
  target: AuthorityKind,
  context?: { actorCountryCode: string; targetCountryCode: string },
): PolicyDecision {
  if (actor === 'system-admin') return allowed;
  if (actor === 'CA') return notAllowed('A competent authority cannot manage access to legislation areas (ch. 9.1.1).');
  if (target === 'NIMIC') return notAllowed(`Only the helpdesk can manage a NIMIC's access.`);
  if (rank[actor] <= rank[target]) {
    return notAllowed(`${capital(named(actor))} cannot manage the access of ${named(target)}: only a higher-ranking coordinator can (ch. 9.1.1).`);
  }
  if (context && context.actorCountryCode !== context.targetCountryCode) {
    return notAllowed(`A coordinator can only manage the access of authorities of its own country (${context.actorCountryCode}), not of ${context.targetCountryCode}.`);
  }
  return allowed;
}

/**
 * May an authority of kind `actor` give an authority a content role in a workflow (ch. 9.1.1, rows
 * "Kan tildele rollen …", "Kan udpege …")? NIMIC and super-DIMIC: every role; LIMIC: every role,
 * the alert roles only if its area is Services (note **); DIMIC: authority, request coordinator and
 * alert authority; a competent authority: none.
 */
export function mayAppointRole(actor: PolicyActorKind, role: ContentRole, context: { actorAreaIsServices: boolean }): PolicyDecision {
  switch (actor) {
    case 'system-admin':
    case 'NIMIC':
    case 'super-DIMIC':
      return allowed;
    case 'LIMIC':
      if ((alertRoles as readonly string[]).includes(role) && !context.actorAreaIsServices) {
        return notAllowed(`A LIMIC can appoint the ${role} role only if it is the LIMIC of the Services area (ch. 9.1.1, note **).`);
      }
      return allowed;
    case 'DIMIC':
      if (role === 'alert-coordinator' || role === 'alert-mailbox') {
        return notAllowed(`A DIMIC cannot appoint the ${role} role; a LIMIC, super-DIMIC or NIMIC can (ch. 9.1.1).`);
      }
      return allowed;
    case 'CA':
      return notAllowed(`A competent authority cannot appoint the ${role} role of another authority (ch. 9.1.1).`);
  }
}

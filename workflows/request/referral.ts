import { reject, type Actor } from '../actor';
import {
  closeWith,
  mayActAs,
  partyOf,
  type Ok,
  type ReferralFacts,
  type ReferralScenario,
  type RequestCommand,
  type RequestEffect,
  type RequestParty,
  type RequestState,
  type Step,
} from './machine';
import type { RequestStatus } from './snapshot';

/**
 * Referrals (domain.md §5, IMI manual 5.3.6): part of the request machine (machine.ts), kept apart
 * for reading. Pure functions of the state; the machine has checked the actor's side and status.
 */

/**
 * The requester is not satisfied after the responder refused more information. Who gives an
 * opinion depends on each side's coordinator's "takes part in referrals" flag:
 * 1 only the requester's, 2 only the responder's, 3 both (requester's first), 4 neither (the
 * requester may ask the responder once more).
 */
export function refer(state: RequestState, facts: ReferralFacts, next: Step, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  const requesterSide = facts.requesterCoordinatorTakesPart && !!state.requesterCoordinatorId;
  const responderSide = facts.responderCoordinatorTakesPart && !!state.responderCoordinatorId;
  const scenario: ReferralScenario = requesterSide && responderSide ? 3 : requesterSide ? 1 : responderSide ? 2 : 4;
  const effects: RequestEffect[] = [{ type: 'cancelTimer', timer: 'closeReminder' }];
  if (scenario === 4) {
    if (state.askedOnceMore) return reject('WrongState', 'The requester has already asked once more; it may close the request.');
    return ok(next({ status: 'reconsideration-requested', referralScenario: 4, askedOnceMore: true }, 'referred'), [...effects, { type: 'notify', kind: 'reconsideration-requested', party: 'responder' }]);
  }
  const status: RequestStatus = scenario === 2 ? 'referred-to-responder-coordinator' : 'referred-to-requester-coordinator';
  const party: RequestParty = scenario === 2 ? 'responder-coordinator' : 'requester-coordinator';
  return ok(next({ status, referralScenario: scenario }, 'referred'), [...effects, { type: 'notify', kind: 'referral', party }]);
}

export function giveOpinion(state: RequestState, command: Extract<RequestCommand, { type: 'giveOpinion' }>, actor: Actor, now: Date, next: Step, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  const party: RequestParty | null =
    state.status === 'referred-to-requester-coordinator' ? 'requester-coordinator' : state.status === 'referred-to-responder-coordinator' ? 'responder-coordinator' : null;
  if (!party) {
    const asCoordinator = partyOf(state, actor, ['requester-coordinator', 'responder-coordinator']);
    if (!asCoordinator) return reject('NotAllowed', 'Only a request coordinator gives an opinion on a referral.');
    const refusal = mayActAs(state, actor, asCoordinator, 'referral-handler');
    if (refusal) return reject('NotAllowed', refusal);
    return reject('WrongState', `The request is ${state.status}; an opinion needs a referral.`);
  }
  const refusal = mayActAs(state, actor, party, 'referral-handler');
  if (refusal) return reject('NotAllowed', refusal);
  const textId = command.remarksId?.trim() || null;
  if (!command.agrees) {
    // The coordinator finds the answer satisfactory: it closes the request.
    return closeWith(state, next({ status: 'closed', closedAt: now.toISOString() }, 'opinion-given', textId), now, [
      { type: 'notify', kind: 'opinion-given', party: 'requester' },
      { type: 'notify', kind: 'request-closed', party: 'responder' },
    ]);
  }
  if (party === 'requester-coordinator' && state.referralScenario === 3) {
    return ok(next({ status: 'referred-to-responder-coordinator' }, 'opinion-given', textId), [
      { type: 'notify', kind: 'opinion-given', party: 'requester' },
      { type: 'notify', kind: 'referral', party: 'responder-coordinator' },
    ]);
  }
  return ok(next({ status: 'reconsideration-requested' }, 'opinion-given', textId), [
    { type: 'notify', kind: 'opinion-given', party: 'requester' },
    { type: 'notify', kind: 'reconsideration-requested', party: 'responder' },
  ]);
}

/** The responder keeps its position: in scenario 2 the referral starts again, otherwise the request closes. */
export function keepPosition(state: RequestState, reasonId: string | null, now: Date, next: Step, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  const textId = reasonId?.trim() || null;
  if (state.referralScenario === 2 && state.responderCoordinatorId) {
    return ok(next({ status: 'referred-to-responder-coordinator' }, 'position-kept', textId), [{ type: 'notify', kind: 'referral', party: 'responder-coordinator' }]);
  }
  return closeWith(state, next({ status: 'closed', closedAt: now.toISOString() }, 'position-kept', textId), now, [{ type: 'notify', kind: 'request-closed', party: 'requester' }]);
}

import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { InvitationActivities } from '../../activities/invitation';
import type { InvitationEmailKind } from '../../activities/emails/invitationEmails';
import { systemActor, type Actor } from '../actor';
import { CaseDeadline, CaseStatus, CaseType, CountryCode } from '../searchAttributes';
import {
  cancelInvitation,
  deleteInvitation,
  editInvitation,
  invitationSnapshot,
  projectedSnapshot,
  registerWithCode,
  rejectValidation,
  releaseInvitation,
  submitInvitation,
  validateRegistration,
  withdrawInvitation,
  type InvitationInput,
  type InvitationSnapshot,
} from './definitions';
import {
  createInvitation,
  isFinal,
  transition,
  type InvitationCommand,
  type InvitationEffect,
  type InvitationEmailEffect,
  type InvitationState,
  type InvitationTimer,
} from './machine';

const { projectInvitation, sendInvitationEmail, eraseInvitationContact } = proxyActivities<InvitationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    // Refusals that a retry cannot fix; everything else (database or SMTP down) is retried.
    nonRetryableErrorTypes: ['InvalidProjection', 'RecipientMissing'],
  },
});

const emailKinds: Record<InvitationEmailEffect, InvitationEmailKind> = {
  sendInvitationEmail: 'invitation',
  sendReminderEmail: 'reminder',
  notifyCoordinator: 'please-validate',
  sendConfirmationToAuthority: 'registration-confirmation',
  sendLoginInstructions: 'login-instructions',
};

/** The internal event each durable timer sends to the machine when it fires. */
const timerCommands: Record<InvitationTimer, InvitationCommand> = {
  dispatch: { type: 'dispatch' },
  reminder: { type: 'codeExpiryReminder' },
  expiry: { type: 'expire' },
  cleanup: { type: 'cleanup' },
};

/**
 * Thin shell around the pure invitation machine: updates validated by `transition`, durable timers
 * for dispatch (business calendar), code reminder (day 25), code expiry (day 30) and clean-up
 * (3 months after validation or withdrawal, 6 after a rejected validation), effects run as
 * activities. Holds ids and non-personal facts only; the registration code never passes through.
 *
 * Timers are the machine's `startTimer`/`cancelTimer` effects kept in one small map; one loop
 * waits with `condition(stateChanged, untilEarliestTimer)`, so an update that changes the state
 * re-plans the wait and a timer that fires goes through the same transition function as a person.
 *
 * No `continueAsNew`: one round (submit → sent → registered → validated → removed) is ~60 history
 * events, and only a resubmission after expiry starts another round (at most one per 30 days), so
 * the history stays far below Temporal's limits. Add it (with `patched()`) if rounds ever repeat
 * without bound.
 */
export async function InvitationWorkflow(input: InvitationInput): Promise<InvitationSnapshot> {
  const { createdBy, ...newInvitation } = input;
  const created = createInvitation(newInvitation, createdBy, new Date());
  let state: InvitationState = created.state;
  let projectedVersion = 0;
  /** Pending durable timers: when each is due (epoch ms). */
  const timers = new Map<InvitationTimer, number>();

  const snapshotOf = (of: InvitationState): InvitationSnapshot => {
    const { lastEvent: _event, rules: _rules, ...rest } = of;
    return rest;
  };
  const snapshot = () => snapshotOf(state);

  const planTimers = (effects: InvitationEffect[]) => {
    for (const effect of effects) {
      if (effect.type === 'startTimer') timers.set(effect.timer, Date.parse(effect.at));
      else if (effect.type === 'cancelTimer') timers.delete(effect.timer);
    }
  };

  const runEffects = async (effects: InvitationEffect[], at: InvitationState) => {
    for (const effect of effects) {
      switch (effect.type) {
        case 'project': {
          const deadline = at.status === 'sent-awaiting-registration' && at.codeExpiresAt ? new Date(at.codeExpiresAt) : null;
          upsertSearchAttributes([
            { key: CaseStatus, value: at.status },
            { key: CaseDeadline, value: deadline },
          ]);
          const { rules: _rules, ...projected } = at;
          await projectInvitation(projected);
          projectedVersion = Math.max(projectedVersion, at.version);
          break;
        }
        case 'erasePersonalData':
          await eraseInvitationContact({ invitationId: at.invitationId });
          break;
        case 'startTimer':
        case 'cancelTimer':
          break; // planned synchronously with the transition (planTimers)
        default:
          await sendInvitationEmail({
            invitationId: at.invitationId,
            kind: emailKinds[effect.type],
            version: at.version,
            senderUserId: at.senderUserId,
            codeExpiresAt: at.codeExpiresAt,
            zone: at.rules.calendar.zone,
          });
      }
    }
  };

  const apply = async (command: InvitationCommand, actor: Actor): Promise<InvitationSnapshot> => {
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
    state = result.state;
    const after = state;
    planTimers(result.effects);
    await runEffects(result.effects, after);
    // The state this command produced, even if a timer moved on while its effects ran.
    return snapshotOf(after);
  };

  const validate = (command: InvitationCommand, actor: Actor) => {
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
  };

  /** One update per user command: the validator runs the machine, so a refusal leaves no trace in history. */
  const on = <A extends { actor: Actor }>(update: UpdateDefinition<InvitationSnapshot, [A]>, toCommand: (args: A) => InvitationCommand) =>
    setHandler(update, (args: A) => apply(toCommand(args), args.actor), { validator: (args: A) => validate(toCommand(args), args.actor) });

  setHandler(invitationSnapshot, snapshot);
  setHandler(projectedSnapshot, async () => {
    await condition(() => projectedVersion >= state.version);
    return snapshot();
  });
  on(editInvitation, ({ areas, workflows }) => ({ type: 'edit', areas, workflows }));
  on(submitInvitation, ({ facts }) => ({ type: 'submit', facts }));
  on(releaseInvitation, () => ({ type: 'release' }));
  on(cancelInvitation, ({ reason }) => ({ type: 'cancel', reason }));
  on(withdrawInvitation, ({ reason }) => ({ type: 'withdraw', reason }));
  on(registerWithCode, ({ registeredAuthorityId }) => ({ type: 'registerWithCode', registeredAuthorityId }));
  on(validateRegistration, () => ({ type: 'validate' }));
  on(rejectValidation, ({ reason }) => ({ type: 'rejectValidation', reason }));
  on(deleteInvitation, () => ({ type: 'delete' }));

  upsertSearchAttributes([
    { key: CaseType, value: 'invitation' },
    { key: CountryCode, value: state.countryCode },
  ]);
  await runEffects(created.effects, state);

  while (!isFinal(state)) {
    const seen = state.version;
    const due = earliest(timers);
    if (!due) {
      await condition(() => state.version !== seen);
      continue;
    }
    const waitMs = due.at - Date.now();
    // Due already (e.g. submitted before 10:00, or released by the helpdesk): no zero-length timer.
    if (waitMs > 0 && (await condition(() => state.version !== seen, waitMs))) continue;
    timers.delete(due.timer);
    const command = timerCommands[due.timer];
    const check = transition(state, command, systemActor, new Date());
    if (!check.ok) {
      // E.g. a reminder due at the very moment a registration was accepted: nothing to do.
      log.info('invitation timer no longer applies', { invitationId: state.invitationId, timer: due.timer, reason: check.rejection.message });
      continue;
    }
    log.info('invitation timer fired', { invitationId: state.invitationId, timer: due.timer });
    await apply(command, systemActor);
  }
  await condition(allHandlersFinished);
  return snapshot();
}

function earliest(timers: Map<InvitationTimer, number>): { timer: InvitationTimer; at: number } | undefined {
  let first: { timer: InvitationTimer; at: number } | undefined;
  for (const [timer, at] of timers) if (!first || at < first.at) first = { timer, at };
  return first;
}

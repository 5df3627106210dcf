import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { systemActor, type Actor } from '../actor';
import { caseActivities } from '../caseActivities';
import { AuthorityIds, CaseDeadline, CaseStatus, CaseType, CountryCode } from '../searchAttributes';
import {
  acceptAlert,
  acknowledgeAlert,
  addTargetCountries,
  alertSnapshot,
  broadcastAlert,
  broadcastAlertClosureProposal,
  broadcastAlertItem,
  broadcastAlertWithdrawal,
  cancelAlertClosureProposal,
  cancelAlertWithdrawal,
  changeEstablishmentCountry,
  closeAlert,
  commentOnAlertClosure,
  declineAlertItem,
  deleteAlert,
  deleteAlertItem,
  editAlertClosureProposal,
  editAlertContent,
  editAlertDraft,
  editAlertItem,
  forwardAlert,
  passAlert,
  projectedAlertSnapshot,
  proposeAlertClosure,
  removeAlertRecipient,
  submitAlert,
  submitAlertItem,
  submitAlertWithdrawal,
  type AlertActivities,
  type AlertInput,
} from './definitions';
import { alertTimerCommands, type AlertCommand, type AlertEffect, type AlertState, type AlertTimer } from './commands';
import { createAlert, involvedAuthorities, isFinal, snapshotOf, transition } from './machine';
import type { AlertSnapshot } from './snapshot';
import { retentionWorkflowId, retentionWorkflowType, type RetentionInput } from '../retention/definitions';

const retry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  // Refusals that a retry cannot fix; everything else (database or SMTP down) is retried.
  nonRetryableErrorTypes: ['InvalidProjection'],
};

/**
 * Thin shell around the pure alert machine (machine.ts): updates validated by `transition` (a
 * refusal leaves no trace in history), effects run as activities or a child workflow, and two
 * durable timers — the end of the closure's comment period and of its objection period — planned
 * by the machine's `startTimer`/`cancelTimer` effects. One loop waits with
 * `condition(stateChanged, untilEarliestTimer)`, so a timer goes through the same transition
 * function as a person, and a command arriving after the end is refused by the machine's clock.
 *
 * A command answers once its projection is written; its emails go out after, in the background
 * (the workflow waits for them before it ends or continues as new). On closure, withdrawal or
 * deletion the retention child starts (ABANDON: it outlives this workflow) to erase the personal
 * data after the policy's delay, and this workflow ends. Information items and forwards have no
 * fixed bound, so the workflow continues as new when Temporal suggests it (or past
 * `continueAsNewAfterEvents`), carrying state and timers.
 */
export async function AlertWorkflow(input: AlertInput): Promise<AlertSnapshot> {
  const { createdBy, resume, ...newAlert } = input;
  const created = resume ? { state: resume.state, effects: [] as AlertEffect[] } : createAlert(newAlert, createdBy, new Date());
  let state: AlertState = created.state;
  let projectedVersion = resume ? state.version : 0;
  /** Pending durable timers: when each is due (epoch ms). */
  const timers = new Map<AlertTimer, number>(resume?.timers ?? []);
  /** Notification emails still on their way. */
  let notifying: Promise<void> = Promise.resolve();
  const { inWorkflowTask, viaTaskQueue } = caseActivities<AlertActivities>(input.localActivities, { startToCloseTimeout: '30 seconds', retry });

  const planTimers = (effects: AlertEffect[]) => {
    for (const effect of effects) {
      if (effect.type === 'startTimer') timers.set(effect.timer, Date.parse(effect.at));
      else if (effect.type === 'cancelTimer') timers.delete(effect.timer);
    }
  };

  const searchAttributes = (at: AlertState) => {
    const due = earliest(timers);
    upsertSearchAttributes([
      { key: CaseStatus, value: at.status },
      { key: AuthorityIds, value: involvedAuthorities(at) },
      // The end of the running closure period, so operators find alerts whose period is due.
      { key: CaseDeadline, value: due && !isFinal(at) ? new Date(due.at) : null },
    ]);
  };

  /** `answering`: a person's command waits for this transition (its emails then go through the task queue). */
  const runEffects = async (effects: AlertEffect[], at: AlertState, answering: boolean) => {
    for (const effect of effects) {
      switch (effect.type) {
        case 'project':
          searchAttributes(at);
          await inWorkflowTask.projectAlert(snapshotOf(at), at.lastEvent);
          projectedVersion = Math.max(projectedVersion, at.version);
          break;
        case 'notify': {
          // Emails go out after the command has answered; the workflow waits for them before it ends.
          const email = (answering ? viaTaskQueue : inWorkflowTask).notifyAlertParties({ alertId: at.alertId, kind: effect.kind, audience: effect.audience, version: at.version }).then(
            () => undefined,
            (error: unknown) => log.warn('alert notification not sent', { alertId: at.alertId, kind: effect.kind, error: (error as Error).message }),
          );
          notifying = Promise.all([notifying, email]).then(() => undefined);
          break;
        }
        case 'startRetention': {
          // No blocking step for alerts (§8). The retention machine needs a positive delay; a deleted alert's (0) is erased at once.
          const retention: RetentionInput = { caseType: 'alert', caseId: at.alertId, blockAfterMs: null, eraseAfterMs: Math.max(1, effect.eraseAfterMs) };
          await startChild(retentionWorkflowType, {
            workflowId: retentionWorkflowId('alert', at.alertId),
            args: [retention],
            parentClosePolicy: ParentClosePolicy.ABANDON,
          });
          break;
        }
        case 'startTimer':
        case 'cancelTimer':
          break; // planned synchronously with the transition (planTimers)
      }
    }
  };

  const apply = async (command: AlertCommand, actor: Actor, answering: boolean): Promise<AlertSnapshot> => {
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
    state = result.state;
    const after = state;
    planTimers(result.effects);
    await runEffects(result.effects, after, answering);
    // The state this command produced, even if a timer moved on while its effects ran.
    return snapshotOf(after);
  };

  const validate = (command: AlertCommand, actor: Actor) => {
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
  };

  /** One update per user command: the validator runs the machine, so a refusal leaves no trace in history. */
  const on = <A extends { actor: Actor }>(update: UpdateDefinition<AlertSnapshot, [A]>, toCommand: (args: A) => AlertCommand) =>
    setHandler(update, (args: A) => apply(toCommand(args), args.actor, true), { validator: (args: A) => validate(toCommand(args), args.actor) });

  setHandler(alertSnapshot, () => snapshotOf(state));
  setHandler(projectedAlertSnapshot, async () => {
    await condition(() => projectedVersion >= state.version);
    return snapshotOf(state);
  });
  on(editAlertDraft, ({ actor: _a, ...edit }) => ({ type: 'editDraft', ...edit }));
  on(editAlertContent, () => ({ type: 'editContent' }));
  on(changeEstablishmentCountry, ({ establishmentCountry }) => ({ type: 'changeEstablishmentCountry', establishmentCountry }));
  on(addTargetCountries, ({ countries, facts }) => ({ type: 'addTargetCountries', countries, facts }));
  on(submitAlert, ({ facts }) => ({ type: 'submit', facts }));
  on(passAlert, ({ toCoordinatorId, facts }) => ({ type: 'pass', toCoordinatorId, facts }));
  on(acceptAlert, () => ({ type: 'accept' }));
  on(broadcastAlert, ({ facts }) => ({ type: 'broadcast', facts }));
  on(deleteAlert, () => ({ type: 'delete' }));
  on(acknowledgeAlert, () => ({ type: 'acknowledge' }));
  on(forwardAlert, ({ targets }) => ({ type: 'forward', targets }));
  on(removeAlertRecipient, ({ authorityId }) => ({ type: 'removeRecipient', authorityId }));
  on(submitAlertItem, ({ itemId, kind, coordinatorId, addressedToCountry, facts }) => ({ type: 'submitItem', itemId, kind, coordinatorId, addressedToCountry, facts }));
  on(editAlertItem, ({ itemId }) => ({ type: 'editItem', itemId }));
  on(deleteAlertItem, ({ itemId }) => ({ type: 'deleteItem', itemId }));
  on(broadcastAlertItem, ({ itemId }) => ({ type: 'broadcastItem', itemId }));
  on(declineAlertItem, ({ itemId }) => ({ type: 'declineItem', itemId }));
  on(submitAlertWithdrawal, ({ itemId }) => ({ type: 'submitWithdrawal', itemId }));
  on(broadcastAlertWithdrawal, () => ({ type: 'broadcastWithdrawal' }));
  on(cancelAlertWithdrawal, () => ({ type: 'cancelWithdrawal' }));
  on(proposeAlertClosure, ({ proposalTextId, closureCoordinatorId, facts }) => ({ type: 'proposeClosure', proposalTextId, closureCoordinatorId, facts }));
  on(commentOnAlertClosure, ({ commentId }) => ({ type: 'commentOnClosure', commentId }));
  on(editAlertClosureProposal, () => ({ type: 'editClosureProposal' }));
  on(cancelAlertClosureProposal, () => ({ type: 'cancelClosureProposal' }));
  on(broadcastAlertClosureProposal, ({ commentIds }) => ({ type: 'broadcastClosureProposal', commentIds }));
  on(closeAlert, () => ({ type: 'close' }));

  // Each upsert is a visibility write; a start that carried them (the API's, the bench's) needs none.
  if (resume || input.searchAttributesSetAtStart !== true) {
    upsertSearchAttributes([
      { key: CaseType, value: 'alert' },
      { key: CountryCode, value: state.originatingCountry },
    ]);
  }
  planTimers(created.effects);
  await runEffects(created.effects, state, false);

  while (!isFinal(state)) {
    if (historyFull(input)) {
      // No update half done and no email on its way (a handler adds emails, and may start while they go).
      for (;;) {
        await condition(allHandlersFinished);
        const emails = notifying;
        await emails;
        if (allHandlersFinished() && emails === notifying) break;
      }
      return continueAsNew<typeof AlertWorkflow>({ ...input, resume: { state, timers: [...timers] } });
    }
    const seen = state.version;
    const due = earliest(timers);
    if (!due) {
      await condition(() => state.version !== seen);
      continue;
    }
    const waitMs = due.at - Date.now();
    if (waitMs > 0 && (await condition(() => state.version !== seen, waitMs))) continue;
    // Not due yet by the workflow's clock (woken early): wait again rather than let the machine refuse it.
    if (Date.now() < due.at) continue;
    timers.delete(due.timer);
    const command = alertTimerCommands[due.timer];
    const check = transition(state, command, systemActor, new Date());
    if (!check.ok) {
      // E.g. the proposal cancelled at the very moment its period ended: nothing to do.
      log.info('alert timer no longer applies', { alertId: state.alertId, timer: due.timer, reason: check.rejection.message });
      continue;
    }
    log.info('alert timer fired', { alertId: state.alertId, timer: due.timer });
    await apply(command, systemActor, false);
  }
  await condition(allHandlersFinished);
  await notifying;
  return snapshotOf(state);
}

function earliest(timers: Map<AlertTimer, number>): { timer: AlertTimer; at: number } | undefined {
  let first: { timer: AlertTimer; at: number } | undefined;
  for (const [timer, at] of timers) if (!first || at < first.at) first = { timer, at };
  return first;
}

/**
 * The default bound on a run's history. Temporal's own suggestion comes first with the server's
 * defaults (about 4,096 events or 4 MB); this bound holds whatever the server is configured to.
 */
const continueAsNewAfterEvents = 10_000;
/**
 * Time to continue as new: Temporal suggests it, or the history passed the input's bound. A fresh
 * run's first task alone is a few events, so a bound below 10 is raised to 10 (no endless chain).
 * Histories below the bound replay as before (the condition is false there, as it was); a longer
 * one had continued as new on Temporal's suggestion already, so no `patched()` is needed.
 */
function historyFull(input: { continueAsNewAfterEvents?: number }): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > Math.max(10, input.continueAsNewAfterEvents ?? continueAsNewAfterEvents);
}

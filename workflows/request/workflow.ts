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
  acceptAdditionalInfo,
  acceptProposedDeadline,
  acceptRequest,
  answerRequest,
  approveAnswer,
  approveRequest,
  assignRequestHandlers,
  changeResponderCoordinator,
  closeRequest,
  editRequestDraft,
  forwardRequest,
  giveReferralOpinion,
  keepPosition,
  projectedRequestSnapshot,
  proposeDeadline,
  provideMore,
  recordCommissionDecision,
  referRequest,
  refuseAdditionalInfo,
  refuseAnswer,
  refuseRequest,
  rejectRequest,
  requestAdditionalInfo,
  requestSnapshot,
  sendRequest,
  sendRequestMessage,
  splitRequest,
  type RequestActivities,
  type RequestInput,
} from './definitions';
import {
  isFinal,
  openRequest,
  partyAuthority,
  requestSearchAttributeValues,
  snapshotOf,
  transition,
  type RequestCommand,
  type RequestEffect,
  type RequestState,
  type RequestTimer,
} from './machine';
import { requestWorkflowId, type RequestSnapshot } from './snapshot';
import { retentionWorkflowId, retentionWorkflowType, type RetentionInput } from '../retention/definitions';

const retry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  // Refusals that a retry cannot fix; everything else (database or SMTP down) is retried.
  nonRetryableErrorTypes: ['InvalidProjection', 'RecipientMissing'],
};

/** The internal event each durable timer sends to the machine when it fires. */
const timerCommands: Record<RequestTimer, RequestCommand> = {
  deadline: { type: 'deadlineOverdue' },
  closeReminder: { type: 'closeReminder' },
  derogationWait: { type: 'derogationWaitOver' },
};

/**
 * Thin shell around the pure request machine (machine.ts): updates validated by `transition`
 * (a refusal leaves no trace in history), effects run as activities or child workflows, durable
 * timers for the deadline (overdue), close reminders and the derogation wait. Timers are the
 * machine's `startTimer`/`cancelTimer` effects in one small map; one loop waits with
 * `condition(stateChanged, untilEarliestTimer)`, so a timer goes through the same transition
 * function as a person.
 *
 * On closure (or rejection) the retention child starts (ABANDON: it outlives this workflow), and
 * this workflow ends. A split starts the new request as an abandoned child RequestWorkflow.
 * Messages and referral rounds have no fixed bound, so the workflow continues as new when
 * Temporal suggests it (or past `continueAsNewAfterEvents`), carrying its state and timers.
 */
export async function RequestWorkflow(input: RequestInput): Promise<RequestSnapshot> {
  const { createdBy, resume, openedAt, sendOnOpen, projectedVersion: projectedByApi, searchAttributesSetAtStart, ...newRequest } = input;
  const created = resume ? { state: resume.state, effects: [] as RequestEffect[] } : openRequest(newRequest, createdBy, openedAt ? new Date(openedAt) : new Date(), sendOnOpen);
  let state: RequestState = created.state;
  let projectedVersion = resume ? state.version : (projectedByApi ?? 0);
  /** Pending durable timers: when each is due (epoch ms). */
  const timers = new Map<RequestTimer, number>(resume?.timers ?? []);
  const { inWorkflowTask, viaTaskQueue } = caseActivities<RequestActivities>(input.localActivities, { startToCloseTimeout: '30 seconds', retry });
  const { projectRequest, discardDraftAnswers, copySplitContent } = inWorkflowTask;

  const snapshot = () => snapshotOf(state);
  /** Notification emails still on their way. */
  let notifying: Promise<void> = Promise.resolve();

  const planTimers = (effects: RequestEffect[]) => {
    for (const effect of effects) {
      if (effect.type === 'startTimer') timers.set(effect.timer, Date.parse(effect.at));
      else if (effect.type === 'cancelTimer') timers.delete(effect.timer);
    }
  };

  const searchAttributes = (at: RequestState) => {
    const values = requestSearchAttributeValues(at);
    upsertSearchAttributes([
      { key: CaseStatus, value: values.status },
      { key: AuthorityIds, value: values.authorityIds },
      { key: CaseDeadline, value: values.deadline },
    ]);
  };
  /**
   * An opened request's start carried every search attribute the API computed from the same state
   * (api/routes/requests.ts): upserting them again would cost the server a visibility write each.
   * An input flag rather than patched(), whose own marker is such a write.
   */
  const attributesSetAtStart = !resume && searchAttributesSetAtStart === true;

  /** `answering`: a person's command waits for this transition (its emails then go through the task queue). */
  const runEffects = async (effects: RequestEffect[], at: RequestState, actor: Actor, answering: boolean) => {
    for (const effect of effects) {
      switch (effect.type) {
        case 'project':
          // Already in the read model (and the search attributes at start): the API projected the opening transitions itself.
          if (at.version <= projectedVersion) {
            if (!attributesSetAtStart) searchAttributes(at);
            break;
          }
          searchAttributes(at);
          await projectRequest(snapshotOf(at), at.lastEvent);
          projectedVersion = Math.max(projectedVersion, at.version);
          break;
        case 'notify': {
          // Emails go out after the command has answered; the workflow waits for them before it ends.
          const authorityId = partyAuthority(at, effect.party);
          if (authorityId) {
            const email = (answering ? viaTaskQueue : inWorkflowTask).notifyRequestParties({ requestId: at.requestId, kind: effect.kind, party: effect.party, authorityId, version: at.version }).catch((error: unknown) =>
              log.warn('request notification not sent', { requestId: at.requestId, kind: effect.kind, party: effect.party, error: (error as Error).message }),
            );
            notifying = Promise.all([notifying, email]).then(() => undefined);
          }
          break;
        }
        case 'discardDraftAnswers':
          await discardDraftAnswers({ requestId: at.requestId, respondingAuthorityId: effect.respondingAuthorityId });
          break;
        case 'startSplitRequest': {
          // Content first, so the new request's responder finds its questions when it is emailed.
          await copySplitContent({ fromRequestId: at.requestId, toRequestId: effect.request.requestId, questionIds: effect.questionIds });
          // The new request runs as this one does; a run begun without local activities starts its child with the input it recorded.
          const child: RequestInput = { ...effect.request, createdBy: actor, ...(input.localActivities === true && { localActivities: true }) };
          await startChild(RequestWorkflow, {
            workflowId: requestWorkflowId(effect.request.requestId),
            args: [child],
            parentClosePolicy: ParentClosePolicy.ABANDON,
          });
          break;
        }
        case 'startRetention': {
          const retention: RetentionInput = { caseType: 'request', caseId: at.requestId, blockAfterMs: effect.blockAfterMs, eraseAfterMs: effect.eraseAfterMs };
          await startChild(retentionWorkflowType, {
            workflowId: retentionWorkflowId('request', at.requestId),
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

  const apply = async (command: RequestCommand, actor: Actor, answering: boolean): Promise<RequestSnapshot> => {
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
    state = result.state;
    const after = state;
    planTimers(result.effects);
    await runEffects(result.effects, after, actor, answering);
    // The state this command produced, even if a timer moved on while its effects ran.
    return snapshotOf(after);
  };

  const validate = (command: RequestCommand, actor: Actor) => {
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
  };

  /** One update per user command: the validator runs the machine, so a refusal leaves no trace in history. */
  const on = <A extends { actor: Actor }>(update: UpdateDefinition<RequestSnapshot, [A]>, toCommand: (args: A) => RequestCommand) =>
    setHandler(update, (args: A) => apply(toCommand(args), args.actor, true), { validator: (args: A) => validate(toCommand(args), args.actor) });

  setHandler(requestSnapshot, snapshot);
  setHandler(projectedRequestSnapshot, async () => {
    await condition(() => projectedVersion >= state.version);
    return snapshot();
  });
  on(editRequestDraft, ({ actor: _a, ...edit }) => ({ type: 'editDraft', ...edit }));
  on(sendRequest, ({ facts }) => ({ type: 'send', facts }));
  on(approveRequest, () => ({ type: 'approveRequest' }));
  on(refuseRequest, ({ remarksId }) => ({ type: 'refuseRequest', remarksId }));
  on(proposeDeadline, ({ deadline }) => ({ type: 'proposeDeadline', deadline }));
  on(acceptProposedDeadline, () => ({ type: 'acceptProposedDeadline' }));
  on(acceptRequest, ({ responderCoordinatorId, facts }) => ({ type: 'accept', responderCoordinatorId, facts }));
  on(changeResponderCoordinator, ({ responderCoordinatorId, facts }) => ({ type: 'changeResponderCoordinator', responderCoordinatorId, facts }));
  on(rejectRequest, ({ reasonId, facts }) => ({ type: 'reject', reasonId, facts }));
  on(forwardRequest, ({ toAuthorityId, toCountry, reasonId, facts }) => ({ type: 'forward', toAuthorityId, toCountry, reasonId, facts }));
  on(splitRequest, ({ actor: _a, ...split }) => ({ type: 'split', ...split }));
  on(sendRequestMessage, ({ messageId }) => ({ type: 'sendMessage', messageId }));
  on(answerRequest, ({ facts }) => ({ type: 'answer', facts }));
  on(approveAnswer, () => ({ type: 'approveAnswer' }));
  on(refuseAnswer, ({ remarksId }) => ({ type: 'refuseAnswer', remarksId }));
  on(closeRequest, () => ({ type: 'close' }));
  on(requestAdditionalInfo, ({ reasonId }) => ({ type: 'requestAdditionalInfo', reasonId }));
  on(acceptAdditionalInfo, () => ({ type: 'acceptAdditionalInfo' }));
  on(refuseAdditionalInfo, ({ reasonId }) => ({ type: 'refuseAdditionalInfo', reasonId }));
  on(referRequest, ({ facts }) => ({ type: 'refer', facts }));
  on(giveReferralOpinion, ({ agrees, remarksId }) => ({ type: 'giveOpinion', agrees, remarksId }));
  on(provideMore, () => ({ type: 'provideMore' }));
  on(keepPosition, ({ reasonId }) => ({ type: 'keepPosition', reasonId }));
  on(assignRequestHandlers, ({ party, userIds }) => ({ type: 'assignHandlers', party, userIds }));
  on(recordCommissionDecision, ({ decision }) => ({ type: 'commissionDecision', decision }));

  if (!attributesSetAtStart) {
    upsertSearchAttributes([
      { key: CaseType, value: 'request' },
      { key: CountryCode, value: state.requestingCountry },
    ]);
  }
  planTimers(created.effects);
  await runEffects(created.effects, state, createdBy, false);

  while (!isFinal(state)) {
    if (historyFull(input)) {
      // No update half done and no email on its way (a handler adds emails, and may start while they go).
      for (;;) {
        await condition(allHandlersFinished);
        const emails = notifying;
        await emails;
        if (allHandlersFinished() && emails === notifying) break;
      }
      return continueAsNew<typeof RequestWorkflow>({ ...input, resume: { state, timers: [...timers] } });
    }
    const seen = state.version;
    const due = earliest(timers);
    if (!due) {
      await condition(() => state.version !== seen);
      continue;
    }
    const waitMs = due.at - Date.now();
    if (waitMs > 0 && (await condition(() => state.version !== seen, waitMs))) continue;
    timers.delete(due.timer);
    const command = timerCommands[due.timer];
    const check = transition(state, command, systemActor, new Date());
    if (!check.ok) {
      // E.g. the deadline passing at the very moment the answer arrived: nothing to do.
      log.info('request timer no longer applies', { requestId: state.requestId, timer: due.timer, reason: check.rejection.message });
      continue;
    }
    log.info('request timer fired', { requestId: state.requestId, timer: due.timer });
    await apply(command, systemActor, false);
  }
  await condition(allHandlersFinished);
  await notifying;
  return snapshot();
}

function earliest(timers: Map<RequestTimer, number>): { timer: RequestTimer; at: number } | undefined {
  let first: { timer: RequestTimer; at: number } | undefined;
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

import { ApplicationFailure, allHandlersFinished, condition, log, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { RetentionActivities } from '../../activities/retention';
import { systemActor, type Actor } from '../actor';
import { CaseDeadline, CaseStatus, CaseType } from '../searchAttributes';
import { eraseEarly, recordContest, retentionSnapshot, type RetentionInput, type RetentionSnapshot } from './definitions';
import { isFinal, nextTimer, startRetention, transition, type RetentionCommand, type RetentionEffect, type RetentionState, type RetentionTimer } from './machine';

const { blockPersonalData, erasePersonalData, projectRetention } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const timerCommands: Record<RetentionTimer, RetentionCommand> = { block: { type: 'block' }, erase: { type: 'erase' } };

/**
 * Thin shell around the pure retention machine (domain.md §8): started at a case's closure, it
 * waits for the blocking and erasure timers, accepts early erasure and contests as updates whose
 * validator is the machine, and runs the effects as activities (the case type's personal data
 * store, then the projection). The history is a handful of events for years: no continueAsNew.
 */
export async function RetentionWorkflow(input: RetentionInput): Promise<RetentionSnapshot> {
  const started = startRetention(input, new Date());
  if (!started.ok) throw ApplicationFailure.nonRetryable(started.rejection.message, started.rejection.code);
  let state: RetentionState = started.state;

  const snapshotOf = ({ lastEvent: _event, ...rest }: RetentionState): RetentionSnapshot => rest;

  const runEffects = async (effects: RetentionEffect[], at: RetentionState) => {
    const ref = { caseType: at.caseType, caseId: at.caseId };
    for (const effect of effects) {
      switch (effect.type) {
        case 'blockPersonalData':
          await blockPersonalData({ ...ref, at: at.blockedAt ?? at.lastEvent.at });
          break;
        case 'erasePersonalData':
          await erasePersonalData(ref);
          break;
        case 'project': {
          const due = nextTimer(at);
          upsertSearchAttributes([
            { key: CaseStatus, value: at.status },
            { key: CaseDeadline, value: due ? new Date(due.at) : null },
          ]);
          await projectRetention(at);
          break;
        }
      }
    }
  };

  const apply = async (command: RetentionCommand, actor: Actor): Promise<RetentionSnapshot> => {
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
    state = result.state;
    const after = state;
    await runEffects(result.effects, after);
    return snapshotOf(after);
  };

  /** One update per command: the validator runs the machine, so a refusal leaves no trace in history. */
  const on = <A extends { actor: Actor }>(update: UpdateDefinition<RetentionSnapshot, [A]>, toCommand: (args: A) => RetentionCommand) =>
    setHandler(update, (args: A) => apply(toCommand(args), args.actor), {
      validator: (args: A) => {
        const result = transition(state, toCommand(args), args.actor, new Date());
        if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
      },
    });

  setHandler(retentionSnapshot, () => snapshotOf(state));
  on(eraseEarly, ({ reason, consentReference, caseAuthorityIds }) => ({ type: 'eraseEarly', reason, consentReference, facts: { caseAuthorityIds } }));
  on(recordContest, ({ kind, reference }) => ({ type: 'recordContest', kind, reference }));

  upsertSearchAttributes([{ key: CaseType, value: 'retention' }]);
  await runEffects(started.effects, state);

  while (!isFinal(state)) {
    const seen = state.version;
    const due = nextTimer(state)!;
    const waitMs = Date.parse(due.at) - Date.now();
    if (waitMs > 0 && (await condition(() => state.version !== seen, waitMs))) continue;
    const command = timerCommands[due.timer];
    const check = transition(state, command, systemActor, new Date());
    if (!check.ok) {
      log.warn('retention timer no longer applies', { caseType: state.caseType, caseId: state.caseId, timer: due.timer, reason: check.rejection.message });
      // Not due yet by the machine's clock (a timer firing a millisecond early): wait again.
      await condition(() => state.version !== seen, 1000);
      continue;
    }
    log.info('retention timer fired', { caseType: state.caseType, caseId: state.caseId, timer: due.timer });
    await apply(command, systemActor);
  }
  await condition(allHandlersFinished);
  return snapshotOf(state);
}

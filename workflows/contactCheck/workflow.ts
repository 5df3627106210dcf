import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { ContactCheckActivities } from '../../activities/contactCheck';
import { systemActor, type Actor } from '../actor';
import { CaseStatus } from '../searchAttributes';
import {
  confirmContactCheck,
  contactCheckSnapshot,
  projectedSnapshot,
  withdrawContactCheck,
  type ContactCheckInput,
  type ContactCheckSnapshot,
} from './definitions';
import { isFinal, openContactCheck, transition, type ContactCheckCommand, type ContactCheckEffect, type ContactCheckState } from './machine';

const { projectContactCheck, sendContactCheckEmail } = proxyActivities<ContactCheckActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    // Refusals that a retry cannot fix; everything else (database or SMTP down) is retried.
    nonRetryableErrorTypes: ['InvalidProjection', 'RecipientMissing'],
  },
});

/**
 * Thin shell around the pure machine: updates validated by `transition`, one durable timer for the
 * due date, effects run as activities. Holds ids and non-personal facts only.
 */
export async function ContactCheckWorkflow(input: ContactCheckInput): Promise<ContactCheckSnapshot> {
  const opened = openContactCheck(input, input.openedBy, new Date());
  let state: ContactCheckState = opened.state;
  let projectedVersion = 0;

  const snapshot = (): ContactCheckSnapshot => {
    const { lastEvent: _event, ...rest } = state;
    return rest;
  };

  const runEffects = async (effects: ContactCheckEffect[], at: ContactCheckState) => {
    for (const effect of effects) {
      if (effect.type === 'project') {
        upsertSearchAttributes([{ key: CaseStatus, value: at.status }]);
        await projectContactCheck({ ...at });
        projectedVersion = Math.max(projectedVersion, at.version);
      } else {
        await sendContactCheckEmail({ checkId: at.checkId, kind: effect.kind, version: at.version });
      }
    }
  };

  const apply = async (command: ContactCheckCommand, actor: Actor): Promise<ContactCheckSnapshot> => {
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
    state = result.state;
    const after = state;
    await runEffects(result.effects, after);
    return snapshot();
  };

  const validate = (command: ContactCheckCommand, actor: Actor) => {
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
  };

  setHandler(contactCheckSnapshot, snapshot);
  setHandler(projectedSnapshot, async () => {
    await condition(() => projectedVersion >= state.version);
    return snapshot();
  });
  setHandler(confirmContactCheck, ({ actor, note }) => apply({ type: 'confirm', note }, actor), {
    validator: ({ actor, note }) => validate({ type: 'confirm', note }, actor),
  });
  setHandler(withdrawContactCheck, ({ actor, reason }) => apply({ type: 'withdraw', reason }, actor), {
    validator: ({ actor, reason }) => validate({ type: 'withdraw', reason }, actor),
  });

  await runEffects(opened.effects, state);

  const dueInMs = Date.parse(state.dueAt) - Date.now();
  const closedBeforeDue = await condition(() => isFinal(state), dueInMs);
  if (!closedBeforeDue && !isFinal(state)) {
    log.info('contact check due date reached', { checkId: state.checkId });
    await apply({ type: 'dueDateReached' }, systemActor);
    await condition(() => isFinal(state));
  }
  await condition(allHandlersFinished);
  return snapshot();
}

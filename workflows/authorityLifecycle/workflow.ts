import { ApplicationFailure, allHandlersFinished, condition, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { AuthorityActivities } from '../../activities/authority';
import { systemActor, type Actor } from '../actor';
import {
  registerAuthority,
  retentionMonths,
  transition,
  type AuthorityCommand,
  type AuthorityEffect,
  type AuthorityNotification,
  type AuthorityStatusState,
  type AuthorityTimerKind,
} from '../authority/statusMachine';
import {
  authorityCommand,
  authorityProjectedSnapshot,
  authoritySnapshot,
  monthsAfter,
  type AuthorityLifecycleInput,
  type AuthoritySnapshot,
} from './definitions';

const { projectAuthority, endAuthority } = proxyActivities<AuthorityActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['InvalidProjection'] },
});

/**
 * Thin shell around workflows/authority/statusMachine.ts: every command is an update whose
 * validator is the machine; effects become a projection activity and the durable timers. When a
 * timer fires, the authority's data is deleted (rejected registration) or removed (inactive) and
 * the workflow ends. Holds ids, statuses and codes only — no personal data.
 */
export async function AuthorityLifecycleWorkflow(input: AuthorityLifecycleInput): Promise<AuthoritySnapshot> {
  const registered = registerAuthority(
    { authorityId: input.authorityId, countryCode: input.countryCode, selfRegistered: input.selfRegistered, areas: input.areas },
    input.registeredBy,
    new Date(),
  );
  let state: AuthorityStatusState = input.adopt ? { ...registered.state, status: input.adopt.status } : registered.state;
  let projectedVersion = input.adopt ? state.version : 0;
  let timer: { kind: AuthorityTimerKind; dueAt: Date } | null = null;
  let ended: AuthorityTimerKind | null = null;

  const snapshot = (): AuthoritySnapshot => {
    const { lastEvent: _event, ...rest } = state;
    return { ...rest, timer: timer && { kind: timer.kind, dueAt: timer.dueAt.toISOString() }, ended };
  };

  const runEffects = async (effects: AuthorityEffect[], at: AuthorityStatusState) => {
    const notifications: AuthorityNotification[] = effects.flatMap((e) => (e.type === 'notify' ? [e.template] : []));
    for (const effect of effects) {
      if (effect.type === 'startTimer') timer = { kind: effect.kind, dueAt: monthsAfter(new Date(), effect.afterMonths) };
      if (effect.type === 'cancelTimer' && timer?.kind === effect.kind) timer = null;
    }
    if (effects.some((e) => e.type === 'project')) {
      await projectAuthority({ ...at, notifications });
      projectedVersion = Math.max(projectedVersion, at.version);
    }
  };

  const validate = (command: AuthorityCommand, actor: Actor) => {
    if (ended) throw ApplicationFailure.nonRetryable('The authority has been deleted.', 'WrongState');
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
  };

  const apply = async (command: AuthorityCommand, actor: Actor): Promise<AuthoritySnapshot> => {
    validate(command, actor);
    const result = transition(state, command, actor, new Date());
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.rejection.message, result.rejection.code);
    state = result.state;
    await runEffects(result.effects, state);
    return snapshot();
  };

  setHandler(authoritySnapshot, snapshot);
  setHandler(authorityProjectedSnapshot, async () => {
    await condition(() => projectedVersion >= state.version);
    return snapshot();
  });
  setHandler(authorityCommand, ({ command, actor }) => apply(command, actor), {
    validator: ({ command, actor }) => validate(command, actor),
  });

  if (input.adopt) {
    if (state.status === 'registration-rejected') timer = { kind: 'deleteRejectedRegistration', dueAt: monthsAfter(new Date(), retentionMonths) };
    if (state.status === 'inactive') timer = { kind: 'removeInactive', dueAt: monthsAfter(new Date(), retentionMonths) };
  } else {
    await runEffects(registered.effects, state);
  }

  for (;;) {
    await condition(() => timer !== null);
    const current = timer!;
    const changed = await condition(() => timer !== current, current.dueAt.getTime() - Date.now());
    if (changed) continue;
    log.info('authority retention timer fired', { authorityId: state.authorityId, kind: current.kind });
    await endAuthority({ authorityId: state.authorityId, kind: current.kind, version: state.version + 1, actor: systemActor.id });
    ended = current.kind;
    timer = null;
    break;
  }
  await condition(allHandlersFinished);
  return snapshot();
}

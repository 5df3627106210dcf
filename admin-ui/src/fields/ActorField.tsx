import { useRecordContext, useTranslate, type TranslateFunction } from 'react-admin';

/**
 * Who did something, as a reader says it. Audit rows and case events store actor ids:
 * `operator` (the ops API until login exists), `operator:<id>`, `user:<id>` and `system`.
 * "operator" and "operator:operator" → "Operator", "operator:<id>" → "Operator <id>",
 * "user:<id>" → the id, "system" → "System"; anything else is shown as stored.
 */
export function actorLabel(actor: string, translate: TranslateFunction): string {
  const colon = actor.indexOf(':');
  const kind = colon < 0 ? actor : actor.slice(0, colon);
  const id = colon < 0 ? '' : actor.slice(colon + 1);
  if (kind === 'system' && (id === '' || id === 'system')) return translate('liaison.actor.system');
  if (kind === 'operator') {
    return id === '' || id === 'operator' ? translate('liaison.actor.operator') : translate('liaison.actor.operator_named', { id });
  }
  if (kind === 'user' && id !== '') return id;
  return actor;
}

/** The record's `actor` in words (see actorLabel). */
export const ActorField = ({ source = 'actor' }: { source?: string; label?: string; sortable?: boolean }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const translate = useTranslate();
  const actor = record?.[source];
  if (typeof actor !== 'string' || actor === '') return null;
  return (
    <span title={actor} data-testid="actor">
      {actorLabel(actor, translate)}
    </span>
  );
};

import { createRoute, z } from '@hono/zod-openapi';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomUUID } from 'node:crypto';
import { composeReport, createReport, InvalidReportOptions, kindShowsPersonalData } from '../../activities/reports';
import { alertCaseView } from '../../activities/reports/alertCaseView';
import { workflowFlagsSchema } from '../../schema/authority';
import { reportSchema } from '../../schema/reports';
import {
  addTargetCountriesSchema,
  alertActionListQuerySchema,
  alertCommands,
  alertCriteria,
  alertCriteriaListSchema,
  alertCriterionCodes,
  alertDetailSchema,
  alertItemRefSchema,
  alertListSchema,
  alertOptionsSchema,
  alertPassResultSchema,
  alertReportBodySchema,
  alertSearchQuerySchema,
  alertTextBodySchema,
  broadcastClosureProposalSchema,
  changeEstablishmentCountrySchema,
  editAlertContentSchema,
  editAlertDraftSchema,
  editAlertItemSchema,
  forwardAlertSchema,
  maxAlertFileBytes,
  newAlertSchema,
  passAlertSchema,
  proposeAlertClosureSchema,
  removeAlertRecipientSchema,
  submitAlertItemSchema,
  type AlertCommandName,
  type AlertDetail,
  type AlertProviderInput,
  type NewAlertFile,
} from '../../schema/alerts';
import { alertPolicyFrom } from '../../schema/alertPolicy';
import { alertPersonalData, nextAlertNumber } from '../../schema/alertReadModel';
import '../../schema/alertPersonalDataStore';
import type { Actor } from '../../workflows/actor';
import type { ActorAuthorityFacts, AlertCommand, AlertState, ForwardTarget, MailboxFacts } from '../../workflows/alert/commands';
import {
  acceptAlert,
  acknowledgeAlert,
  addTargetCountries,
  alertWorkflowId,
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
  type AlertInput,
} from '../../workflows/alert/definitions';
import { closingCountry, stateFromSnapshot, transition } from '../../workflows/alert/machine';
import type { AlertSnapshot } from '../../workflows/alert/snapshot';
import type { AlertWorkflow } from '../../workflows/alert/workflow';
import { CaseStatus, CaseType, CountryCode } from '../../workflows/searchAttributes';
import { alertActionList, searchAlerts } from '../alerts/search';
import type { AuthActor } from '../auth/authenticate';
import { CaseStartFailed, startCaseWithUpdate } from '../caseStart';
import type { AppDeps } from '../deps';
import { ApiError, badRequest, errorResponses, notFound } from '../errors';
import {
  alertPersonalDataAccess,
  alertRolesOf,
  alertViewerSide,
  closureKnownTo,
  commentKnownTo,
  itemKnownTo,
  statusShownTo,
  viewerCountry,
  type AlertViewerFacts,
} from '../policy/alertAccess';
import { mayMakeReport } from '../policy/reports';
import { createRouter } from '../router';
import { refusal, toApiError } from '../temporalErrors';

const tags = ['Alerts'];
const area = 'services';
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const idParam = z.object({ id: z.string().uuid('must be an alert id (uuid)') });
const fileParam = z.object({ id: z.string().uuid('must be an alert id (uuid)'), fileId: z.string().uuid('must be a file id (uuid)') });
const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(8).max(200).optional().openapi({ description: 'Makes a retried call apply once (becomes the Temporal update id).' }),
});
const detailResponses = { 200: json(alertDetailSchema, 'The alert after the command, projected'), ...errorResponses(400, 401, 403, 404, 409, 503) };

type Tx = EntityManager;

/** A uuid derived from its parts: the same text row for a retried keyed call, one description row per alert. */
const derivedId = (...parts: string[]) => {
  const h = createHash('sha256').update(parts.join(':')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const textIdFor = (alertId: string, key: string | undefined, what: string) => (key ? derivedId(alertId, what, key) : randomUUID());
const descriptionId = (alertId: string) => derivedId(alertId, 'description');
const suggestedId = (alertId: string) => derivedId(alertId, 'suggested-authorities');
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Audit actions that tell of a closure proposal before it is broadcast: only the closing country knows of them (6.3.6.1). */
const closureBeforeBroadcastActions = new Set(['closure-proposed', 'closure-commented', 'closure-proposal-edited', 'comment-period-over']);
/** Audit actions about one two-step item (its id is the event's subject). */
const itemActions = new Set(['item-submitted', 'item-edited', 'item-deleted', 'item-declined', 'item-broadcast']);

/**
 * Alerts (domain.md §6, §8; IMI manual ch. 6): create a draft (its personal data written to
 * PostgreSQL first, then AlertWorkflow started and its first projection awaited), every command as
 * `POST /api/alerts/{id}/<command>` (an update; `Idempotency-Key` becomes its update id; texts are
 * stored in PostgreSQL first and passed by id), the detail with the commands this user may perform
 * now (dry-run through the pure machine), files, the list, search and action list. Who sees what is
 * decided by api/policy/alertAccess.ts; authority facts (links, flags, mailboxes) are read here.
 */
export function alertRoutes(deps: AppDeps) {
  const { orm, temporal, config } = deps;
  const app = createRouter();
  const policy = alertPolicyFrom(config);

  app.use('*', async (c, next) => {
    if (!c.get('actor')) throw new ApiError(401, 'unauthenticated', 'Log in first.');
    return next();
  });

  // ───────────── facts from PostgreSQL ─────────────

  /** An active authority with active alert access in the Services area, with its alert roles and flags. */
  const alertAuthority = async (em: Tx, authorityId: string) => {
    const [row] = await em.execute<{ id: string; country_code: string; roles: string[]; flags: unknown }[]>(
      `select a.id, a.country_code, w.roles, aa.flags from authority a
         join authority_area aa on aa.authority_id = a.id and aa.area_code = ? and aa.access_status = 'active'
         join authority_workflow w on w.authority_id = a.id and w.area_code = ? and w.workflow = 'alerts' and w.access_status = 'active'
        where a.id = ? and a.status = 'active'`,
      [area, area, authorityId],
    );
    if (!row) return null;
    const roles = (Array.isArray(row.roles) ? row.roles : []) as string[];
    return { id: row.id, country: row.country_code, roles, isCoordinator: roles.includes('alert-coordinator') || roles.includes('alert-mailbox'), finalApproval: workflowFlagsSchema.parse(row.flags ?? {}).alerts.finalApproval };
  };
  const linkedAlertCoordinators = async (em: Tx, authorityId: string) =>
    (
      await em.execute<{ coordinator_id: string }[]>(
        `select coordinator_id from authority_linked_coordinator where authority_id = ? and area_code = ? and workflow = 'alerts' order by coordinator_id`,
        [authorityId, area],
      )
    ).map((r) => r.coordinator_id);
  const actorFacts = async (em: Tx, authorityId: string | null): Promise<ActorAuthorityFacts> => {
    if (!authorityId) return { isAlertCoordinator: false, linkedAlertCoordinatorIds: [] };
    const [mine, linked] = await Promise.all([alertAuthority(em, authorityId), linkedAlertCoordinators(em, authorityId)]);
    return { isAlertCoordinator: !!mine?.isCoordinator, linkedAlertCoordinatorIds: linked };
  };
  const finalApprovalOf = async (em: Tx, coordinatorId: string | null | undefined) => (coordinatorId ? ((await alertAuthority(em, coordinatorId))?.finalApproval ?? false) : false);
  /** The active alert mailboxes of each country. */
  const mailboxesOf = async (em: Tx, countries: string[]): Promise<MailboxFacts> => {
    const mailboxes: Record<string, string[]> = Object.fromEntries(countries.map((c) => [c, [] as string[]]));
    if (countries.length === 0) return { mailboxes };
    const rows = await em.execute<{ id: string; country_code: string }[]>(
      `select a.id, a.country_code from authority a
         join authority_area aa on aa.authority_id = a.id and aa.area_code = ? and aa.access_status = 'active'
         join authority_workflow w on w.authority_id = a.id and w.area_code = ? and w.workflow = 'alerts' and w.access_status = 'active'
        where a.status = 'active' and w.roles::jsonb @> '["alert-mailbox"]'::jsonb and a.country_code in (${countries.map(() => '?').join(', ')})
        order by a.id`,
      [area, area, ...countries],
    );
    for (const r of rows) (mailboxes[r.country_code] ??= []).push(r.id);
    return { mailboxes };
  };
  const forwardTargets = async (em: Tx, ids: string[]): Promise<ForwardTarget[]> =>
    Promise.all(
      ids.map(async (id) => {
        const [a] = await em.execute<{ country_code: string }[]>('select country_code from authority where id = ?', [id]);
        const alert = await alertAuthority(em, id);
        return { authorityId: id, country: a?.country_code ?? '', hasAlertAccess: !!alert, isAlertCoordinator: !!alert?.isCoordinator };
      }),
    );

  const viewerFacts = (actor: AuthActor): AlertViewerFacts => ({ kind: actor.kind, userId: actor.id, authorityId: actor.authorityId, roles: actor.roles });

  /** The workflow's view of the caller: ids, its country and the alert role names it holds. */
  const workflowActor = async (em: Tx, actor: AuthActor): Promise<Actor> => {
    if (actor.kind === 'operator') return { kind: 'operator', id: actor.id, roles: ['system-admin'] };
    const [row] = actor.authorityId ? await em.execute<{ country_code: string }[]>('select country_code from authority where id = ?', [actor.authorityId]) : [];
    return { kind: 'user', id: actor.id, authorityId: actor.authorityId ?? undefined, ...(row && { countryCode: row.country_code }), roles: alertRolesOf(actor, area) };
  };

  const isBlocked = async (em: Tx, alertId: string) =>
    (
      await em.execute(
        `select 1 from alert_provider where alert_id = ? and blocked_at is not null
         union all select 1 from alert_text where alert_id = ? and blocked_at is not null limit 1`,
        [alertId, alertId],
      )
    ).length > 0;

  /** The alert if the caller may see it (404 otherwise, so its existence is not disclosed). */
  const load = async (actor: AuthActor, id: string) => {
    const em = orm.em.fork();
    const [row] = await em.execute<{ id: string; version: number; snapshot: AlertSnapshot; criteria: Record<string, boolean> }[]>('select id, version, snapshot, criteria from alert where id = ?', [id]);
    if (!row || row.version < 1 || !row.snapshot?.alertId) throw notFound('Alert');
    const snapshot = row.snapshot;
    const facts = viewerFacts(actor);
    const side = alertViewerSide(snapshot, facts);
    if (!side) throw notFound('Alert');
    const blocked = await isBlocked(em, id);
    const access = alertPersonalDataAccess(snapshot, facts, blocked);
    return { em, id, snapshot, criteria: row.criteria ?? {}, facts, side, access, blocked };
  };
  type Loaded = Awaited<ReturnType<typeof load>>;

  const stateOf = (s: AlertSnapshot): AlertState => stateFromSnapshot(s, policy);

  /** The commands this user may perform now: each dry-run through the pure transition with the user's actor. */
  const allowedActions = async (loaded: Loaded, actor: AuthActor): Promise<AlertCommandName[]> => {
    const { em, snapshot: s } = loaded;
    if (actor.kind !== 'user' || !actor.authorityId || loaded.side === 'commission') return [];
    const state = stateOf(s);
    const who = await workflowActor(em, actor);
    const now = new Date();
    const facts = await actorFacts(em, actor.authorityId);
    const someCoordinator = facts.linkedAlertCoordinatorIds[0] ?? (facts.isAlertCoordinator ? actor.authorityId : 'x');
    const otherCountry = s.establishmentCountry === 'ZZ' ? 'ZY' : 'ZZ';
    const mine = viewerCountry(s, actor.authorityId) ?? s.originatingCountry;
    const fake = randomUUID();
    const candidates: [AlertCommandName, AlertCommand][] = [
      ['edit-draft', { type: 'editDraft' }],
      ['edit-content', { type: 'editContent' }],
      ['change-establishment-country', { type: 'changeEstablishmentCountry', establishmentCountry: otherCountry }],
      ['add-target-countries', { type: 'addTargetCountries', countries: ['ZZ'], facts: { mailboxes: { ZZ: ['x'] } } }],
      ['submit', { type: 'submit', facts: { ...facts, coordinatorFinalApproval: false, complete: true } }],
      ['pass', { type: 'pass', toCoordinatorId: fake, facts: { targetIsAlertCoordinator: true, targetCountry: s.originatingCountry, targetFinalApproval: false } }],
      ['accept', { type: 'accept' }],
      ['broadcast', { type: 'broadcast', facts: { mailboxes: Object.fromEntries([...s.targetCountries, s.originatingCountry].map((c) => [c, ['x']])) } }],
      ['delete', { type: 'delete' }],
      ['acknowledge', { type: 'acknowledge' }],
      ['forward', { type: 'forward', targets: [{ authorityId: fake, country: mine, hasAlertAccess: true, isAlertCoordinator: false }] }],
      ['submit-item', { type: 'submitItem', itemId: fake, kind: 'additional-information', coordinatorId: someCoordinator, addressedToCountry: null, facts: { ...facts, coordinatorFinalApproval: false } }],
      ['submit-item', { type: 'submitItem', itemId: fake, kind: 'objection', coordinatorId: null, addressedToCountry: null, facts: { ...facts, coordinatorFinalApproval: false } }],
      ['submit-withdrawal', { type: 'submitWithdrawal', itemId: fake }],
      ['broadcast-withdrawal', { type: 'broadcastWithdrawal' }],
      ['cancel-withdrawal', { type: 'cancelWithdrawal' }],
      ['propose-closure', { type: 'proposeClosure', proposalTextId: fake, closureCoordinatorId: someCoordinator, facts: { ...facts, closureCoordinatorFinalApproval: false } }],
      ['comment-on-closure', { type: 'commentOnClosure', commentId: fake }],
      ['edit-closure-proposal', { type: 'editClosureProposal' }],
      ['cancel-closure-proposal', { type: 'cancelClosureProposal' }],
      ['broadcast-closure-proposal', { type: 'broadcastClosureProposal', commentIds: [] }],
      ['close', { type: 'close' }],
    ];
    const allowed = new Set<AlertCommandName>();
    for (const [name, command] of candidates) {
      const result = transition(state, command, who, now);
      // Only a refusal of who or when hides the button; wrong input is the form's business.
      if (result.ok || result.rejection.code === 'Invalid') allowed.add(name);
    }
    // Commands on something that exists: shown only when one real item or recipient allows them.
    for (const item of s.items) {
      for (const [name, type] of [
        ['edit-item', 'editItem'],
        ['delete-item', 'deleteItem'],
        ['broadcast-item', 'broadcastItem'],
        ['decline-item', 'declineItem'],
      ] as const) {
        if (transition(state, { type, itemId: item.id }, who, now).ok) allowed.add(name);
      }
    }
    for (const c of s.countries) {
      for (const r of c.recipients) if (transition(state, { type: 'removeRecipient', authorityId: r.authorityId }, who, now).ok) allowed.add('remove-recipient');
    }
    // A draft's content is edited with edit-draft.
    if (s.status === 'draft') allowed.delete('edit-content');
    return alertCommands.filter((c) => allowed.has(c));
  };

  // ───────────── the detail ─────────────

  const authorityNames = async (em: Tx, ids: string[]) => {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await em.execute<{ id: string; official_name: string }[]>(`select id, official_name from authority where id in (${ids.map(() => '?').join(', ')})`, ids);
    return new Map(rows.map((r) => [r.id, r.official_name]));
  };

  const detail = async (actor: AuthActor, id: string): Promise<AlertDetail> => {
    const loaded = await load(actor, id);
    const { em, snapshot: s, access, facts } = loaded;
    const visible = access.visible;
    const [provider] = visible
      ? await em.execute<{ provider_kind: 'person' | 'business'; name: string; other_names: string[]; address: Record<string, string>; registration_numbers: Record<string, string>; fields: Record<string, string | number | boolean | null> }[]>(
          'select provider_kind, name, other_names, address, registration_numbers, fields from alert_provider where alert_id = ? and blocked_at is null',
          [id],
        )
      : [];
    const texts = visible
      ? new Map(
          (await em.execute<{ id: string; text: string; language: string | null }[]>('select id, text, language from alert_text where alert_id = ? and blocked_at is null', [id])).map((t) => [t.id, t]),
        )
      : new Map<string, { id: string; text: string; language: string | null }>();
    const knownItems = s.items.filter((i) => itemKnownTo(i, facts));
    const knownTextIds = new Set<string | null>([null, ...knownItems.map((i) => i.id)]);
    const files = (
      await em.execute<{ id: string; file_name: string; mime_type: string; size_bytes: number; text_id: string | null; uploaded_at: Date }[]>(
        'select id, file_name, mime_type, size_bytes, text_id, uploaded_at from alert_file where alert_id = ? and blocked_at is null order by uploaded_at, id',
        [id],
      )
    ).filter((f) => knownTextIds.has(f.text_id));
    const names = await authorityNames(em, [...new Set(s.countries.flatMap((c) => [...c.mailboxIds, ...c.recipients.map((r) => r.authorityId)]))]);
    const events = await em.execute<{ at: Date; action: string; actor: string; details: { authorityId?: string | null; country?: string | null; subjectId?: string | null; targets?: string[] } | null; version: number | null }[]>(
      `select at, action, actor, details, version from audit_event where subject_type = 'alert' and subject_id = ? order by version nulls first, at, id`,
      [id],
    );
    const myCountry = viewerCountry(s, facts.authorityId);
    const closingHere = myCountry !== null && myCountry === closingCountry(s);
    const itemById = new Map(s.items.map((i) => [i.id, i]));
    const closureShown = closureKnownTo(s, facts);
    const closure = s.closure && closureShown ? s.closure : null;
    return {
      alert: {
        id: s.alertId,
        number: s.number,
        legislationArea: s.legislationArea,
        status: statusShownTo(s, facts),
        version: s.version,
        originatingAuthorityId: s.originatingAuthorityId,
        originatingCountry: s.originatingCountry,
        alertCoordinatorId: s.alertCoordinatorId,
        alertCoordinatorFinalApproval: s.alertCoordinatorFinalApproval,
        broadcastingCoordinatorId: s.broadcastingCoordinatorId,
        establishmentCountry: s.establishmentCountry,
        closingCountry: closingCountry(s),
        targetCountries: s.targetCountries,
        commissionReceivedAt: s.commissionReceivedAt,
        createdAt: s.createdAt,
        submittedAt: s.submittedAt,
        broadcastAt: s.broadcastAt,
        withdrawnAt: s.withdrawnAt,
        closedAt: s.closedAt,
        deletedAt: s.deletedAt,
        reducedView: s.reducedView,
        commentPeriodEndsAt: closureShown ? s.commentPeriodEndsAt : null,
        objectionPeriodEndsAt: s.objectionPeriodEndsAt,
        pendingActions: s.pendingActions.filter((a) => closureShown || !['comment-on-closure', 'broadcast-closure-proposal'].includes(a.action)),
      },
      viewerSide: loaded.side,
      personalDataVisible: visible,
      personalDataHiddenReason: access.reason,
      criteria: loaded.criteria,
      provider: provider
        ? { providerKind: provider.provider_kind, name: provider.name, otherNames: provider.other_names ?? [], address: provider.address ?? {}, registrationNumbers: provider.registration_numbers ?? {}, fields: provider.fields ?? {} }
        : null,
      description: texts.get(descriptionId(id))?.text ?? null,
      descriptionLanguage: texts.get(descriptionId(id))?.language ?? null,
      suggestedAuthorities: texts.get(suggestedId(id))?.text ?? null,
      files: files.map((f, i) => ({
        id: f.id,
        // A file name often names the provider: only where personal data is shown.
        fileName: visible ? f.file_name : `file-${i + 1}`,
        mimeType: f.mime_type,
        sizeBytes: f.size_bytes,
        textId: f.text_id,
        uploadedAt: iso(f.uploaded_at)!,
        locked: !visible,
      })),
      countries: s.countries.map((c) => ({
        country: c.country,
        kind: c.kind,
        mailboxState: c.mailboxState,
        receivedAt: c.receivedAt,
        acknowledgedAt: c.acknowledgedAt,
        recipients: [
          ...c.mailboxIds.map((m) => ({
            authorityId: m,
            authorityName: names.get(m) ?? null,
            kind: c.kind === 'origin' ? ('origin-mailbox' as const) : ('mailbox' as const),
            forwardedByAuthorityId: null,
            receivedAt: c.receivedAt,
            acknowledgedAt: c.acknowledgedByAuthorityId === m ? c.acknowledgedAt : null,
            actedAt: c.acknowledgedByAuthorityId === m ? c.acknowledgedAt : (c.recipients.filter((r) => r.addedByAuthorityId === m).map((r) => r.addedAt).sort()[0] ?? null),
            removedAt: null,
            removedByAuthorityId: null,
          })),
          ...c.recipients.map((r) => ({
            authorityId: r.authorityId,
            authorityName: names.get(r.authorityId) ?? null,
            kind: r.isAlertCoordinator ? ('coordinator' as const) : ('authority' as const),
            forwardedByAuthorityId: r.addedByAuthorityId,
            receivedAt: r.addedAt,
            acknowledgedAt: null,
            actedAt: r.actedAt,
            removedAt: r.removedAt,
            removedByAuthorityId: r.removedByAuthorityId,
          })),
        ],
      })),
      items: knownItems.map((i) => ({
        id: i.id,
        kind: i.kind,
        status: i.status,
        submittedByAuthorityId: i.submittedByAuthorityId,
        country: i.country,
        coordinatorId: i.coordinatorId,
        addressedToCountry: i.addressedToCountry,
        submittedAt: i.submittedAt,
        decidedAt: i.decidedAt,
        text: texts.get(i.id)?.text ?? null,
        language: texts.get(i.id)?.language ?? null,
      })),
      closure: closure
        ? {
            country: closure.country,
            proposedByAuthorityId: closure.proposedByAuthorityId,
            closureCoordinatorId: closure.closureCoordinatorId,
            proposedAt: closure.proposedAt,
            proposal: texts.get(closure.proposalTextId)?.text ?? null,
            comments: closure.comments
              .filter((c) => commentKnownTo(s, c, facts))
              .map((c) => ({ id: c.id, authorityId: c.authorityId, at: c.at, text: texts.get(c.id)?.text ?? null, attached: closure.broadcastCommentIds.includes(c.id) })),
            broadcastAt: closure.broadcastAt,
          }
        : null,
      timeline: events
        .filter((e) => {
          // Outside the closing country, a proposal's steps before its broadcast are not known (6.3.6.1).
          if (!closingHere && closureBeforeBroadcastActions.has(e.action)) return false;
          if (!closingHere && e.action === 'closure-proposal-cancelled' && !(e.details?.subjectId && s.history.some((h) => h.action === 'closure-proposal-broadcast' && h.subjectId === e.details?.subjectId))) return false;
          if (itemActions.has(e.action) && e.details?.subjectId) {
            const item = itemById.get(e.details.subjectId);
            if (item && !itemKnownTo(item, facts) ) return false;
          }
          return true;
        })
        .map((e) => ({
          at: iso(e.at)!,
          action: e.action,
          actor: e.actor,
          authorityId: e.details?.authorityId ?? null,
          country: e.details?.country ?? null,
          targets: e.details?.targets ?? [],
          version: e.version,
        })),
      actions: await allowedActions(loaded, actor),
    };
  };

  // ───────────── writes of personal data ─────────────

  const decode = (f: NewAlertFile) => {
    const bytes = Buffer.from(f.contentBase64, 'base64');
    if (bytes.length > maxAlertFileBytes) throw badRequest(`${f.fileName} is larger than ${maxAlertFileBytes} bytes.`, { files: ['too large'] });
    return bytes;
  };
  const addFiles = async (tx: Tx, alertId: string, actor: AuthActor, files: NewAlertFile[], textId: string | null) => {
    for (const f of files) {
      await alertPersonalData.addFile(tx, alertId, { id: randomUUID(), textId, authorityId: actor.authorityId, fileName: f.fileName, mimeType: f.mimeType, content: decode(f), uploadedBy: actor.kind === 'user' ? actor.id : null });
    }
  };
  const writeProvider = (tx: Tx, alertId: string, p: AlertProviderInput) =>
    alertPersonalData.writeProvider(tx, alertId, { providerKind: p.providerKind, name: p.name, otherNames: p.otherNames, address: p.address, registrationNumbers: p.registrationNumbers, fields: p.fields });
  const writeOwnText = async (tx: Tx, alertId: string, actor: AuthActor, kind: 'description' | 'suggested-authorities', text: string | null | undefined, language: string | null) => {
    const id = kind === 'description' ? descriptionId(alertId) : suggestedId(alertId);
    if (!text?.trim()) return alertPersonalData.deleteText(tx, alertId, id);
    await alertPersonalData.writeText(tx, alertId, { id, kind, authorityId: actor.authorityId, userId: actor.kind === 'user' ? actor.id : null, text: text.trim(), language });
  };
  const removeFiles = async (tx: Tx, alertId: string, ids: string[] | undefined) => {
    for (const fileId of ids ?? []) await tx.execute('delete from alert_file where alert_id = ? and id = ? and text_id is null', [alertId, fileId]);
  };

  /** Writes a text (item, proposal, comment, withdrawal reason) and its files; returns its id. A keyed retry rewrites the same row. */
  const storeText = async (loaded: Loaded, actor: AuthActor, kind: string, text: string, language: string, key: string | undefined, files: NewAlertFile[] = []) => {
    const id = textIdFor(loaded.id, key, kind);
    await loaded.em.transactional(async (tx) => {
      const [existing] = await tx.execute('select 1 from alert_text where id = ?', [id]);
      await alertPersonalData.writeText(tx, loaded.id, { id, kind, authorityId: actor.authorityId, userId: actor.kind === 'user' ? actor.id : null, text, language });
      if (!existing) await addFiles(tx, loaded.id, actor, files, id);
    });
    return id;
  };
  /** Removes a text written for a refused command. A keyed call keeps it: its retry reuses the row, and Temporal answers the retry with the first outcome. */
  const undoText = (alertId: string, textId: string, key: string | undefined) => async () => {
    if (!key) await orm.em.fork().transactional((tx) => alertPersonalData.deleteText(tx, alertId, textId));
  };

  const handle = (id: string) => temporal.workflow.getHandle<typeof AlertWorkflow>(alertWorkflowId(id));
  const updateId = (key: string | undefined) => (key ? `http:${key}` : undefined);

  /** Sends one update; a refusal maps to 400/403/409 (api/temporalErrors.ts); `undo` removes rows written for it. */
  const send = async <A extends object>(id: string, update: UpdateDefinition<AlertSnapshot, [{ actor: Actor } & A]>, args: { actor: Actor } & A, key: string | undefined, undo?: () => Promise<unknown>) => {
    try {
      return await handle(id).executeUpdate(update, { args: [args], updateId: updateId(key) });
    } catch (error) {
      if (undo) await undo().catch(() => undefined);
      throw toApiError(error, 'Alert');
    }
  };

  /** Refuses early, before rows are written, what the machine would refuse for who or when. */
  const precheck = (loaded: Loaded, who: Actor, cmd: AlertCommand, key?: string) => {
    // A retried keyed call is answered by Temporal with the first outcome; the state has moved on since.
    if (key) return;
    const result = transition(stateOf(loaded.snapshot), cmd, who, new Date());
    if (result.ok || result.rejection.code === 'Invalid') return;
    throw refusal(result.rejection);
  };

  // ───────────── routes: lists (before /{id}) ─────────────

  app.openapi(
    createRoute({
      method: 'get',
      path: '/criteria',
      tags,
      summary: 'The checklist of criteria an alert must meet before it is submitted (6.3.1.1)',
      responses: { 200: json(alertCriteriaListSchema, 'The criteria') },
    }),
    (c) => c.json({ data: alertCriterionCodes.map((code) => ({ code, text: alertCriteria[code] })) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/options',
      tags,
      summary: 'What the caller’s alert forms choose from: linked alert coordinators, authorities of its country taking part in alerts, countries with a mailbox, the checklist',
      responses: { 200: json(alertOptionsSchema, 'The choices'), ...errorResponses(401) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const em = orm.em.fork();
      const mine = actor.authorityId ? await alertAuthority(em, actor.authorityId) : null;
      const linked = mine ? await linkedAlertCoordinators(em, mine.id) : [];
      const names = await authorityNames(em, linked);
      const linkedCoordinators = await Promise.all(linked.map(async (id) => ({ id, name: names.get(id) ?? id, finalApproval: await finalApprovalOf(em, id) })));
      const inCountry = mine
        ? await em.execute<{ id: string; official_name: string; roles: string[] }[]>(
            `select a.id, a.official_name, w.roles from authority a
               join authority_area aa on aa.authority_id = a.id and aa.area_code = ? and aa.access_status = 'active'
               join authority_workflow w on w.authority_id = a.id and w.area_code = ? and w.workflow = 'alerts' and w.access_status = 'active'
              where a.status = 'active' and a.country_code = ? order by a.official_name limit 500`,
            [area, area, mine.country],
          )
        : [];
      const countries = await em.execute<{ country_code: string }[]>(
        `select distinct a.country_code from authority a
           join authority_area aa on aa.authority_id = a.id and aa.area_code = ? and aa.access_status = 'active'
           join authority_workflow w on w.authority_id = a.id and w.area_code = ? and w.workflow = 'alerts' and w.access_status = 'active'
          where a.status = 'active' and w.roles::jsonb @> '["alert-mailbox"]'::jsonb order by a.country_code`,
        [area, area],
      );
      const rolesOf = (r: { roles: string[] }) => (Array.isArray(r.roles) ? r.roles : []);
      return c.json(
        {
          authorityId: mine?.id ?? null,
          country: mine?.country ?? null,
          isAlertCoordinator: !!mine?.isCoordinator,
          linkedCoordinators,
          authoritiesInCountry: inCountry.map((r) => ({ id: r.id, name: r.official_name, isAlertCoordinator: rolesOf(r).includes('alert-coordinator') || rolesOf(r).includes('alert-mailbox'), isMailbox: rolesOf(r).includes('alert-mailbox') })),
          countriesWithMailbox: countries.map((r) => r.country_code),
          criteria: alertCriterionCodes.map((code) => ({ code, text: alertCriteria[code] })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/action-list',
      tags,
      summary: 'The alerts where the caller must act now, drafts included',
      request: { query: alertActionListQuerySchema },
      responses: { 200: json(alertListSchema, 'The action list'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => c.json(await alertActionList(orm.em.fork(), viewerFacts(c.get('actor')!), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Search the alerts the caller’s authority takes part in (the helpdesk: every broadcast alert); the provider only where its personal data may be seen',
      request: { query: alertSearchQuerySchema },
      responses: { 200: json(alertListSchema, 'Matching alerts'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => c.json(await searchAlerts(orm.em.fork(), viewerFacts(c.get('actor')!), c.req.valid('query')), 200),
  );

  // ───────────── create ─────────────

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Initiate an alert: a numbered draft with the criteria checklist, provider data, description, files (base64), alert coordinator, target countries and suggested authorities',
      request: { body: body(newAlertSchema) },
      responses: { 201: json(alertDetailSchema, 'The new draft, projected'), ...errorResponses(400, 401, 403, 409, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const input = c.req.valid('json');
      const em = orm.em.fork();
      if (actor.kind !== 'user' || !actor.authorityId) throw new ApiError(403, 'forbidden', 'Alerts are initiated by alert handlers of an authority.');
      if (!alertRolesOf(actor, area).includes('alert-handler')) throw new ApiError(403, 'forbidden', 'Only alert handlers initiate alerts.');
      const mine = await alertAuthority(em, actor.authorityId);
      if (!mine) throw new ApiError(403, 'forbidden', 'Your authority has no active alert access in the Services area.');
      if (input.alertCoordinatorId) {
        const facts = await actorFacts(em, mine.id);
        const ok = facts.linkedAlertCoordinatorIds.includes(input.alertCoordinatorId) || (facts.isAlertCoordinator && input.alertCoordinatorId === mine.id);
        if (!ok) throw badRequest('Choose one of the alert coordinators linked to your authority.', { alertCoordinatorId: ['is not linked to your authority'] });
      }
      const targets = [...new Set(input.targetCountries)];
      if (targets.includes(mine.country)) throw badRequest('The originating country receives its own copy; choose other countries.', { targetCountries: ['includes your own country'] });
      const alertId = randomUUID();
      const createdBy = await workflowActor(em, actor);
      let args: AlertInput | undefined;
      await em.transactional(async (tx) => {
        const number = await nextAlertNumber(tx);
        await alertPersonalData.insertProvisionalAlert(tx, { alertId, number, legislationArea: area, originatingAuthorityId: mine.id, originatingCountry: mine.country, criteria: input.criteria });
        if (input.provider) await writeProvider(tx, alertId, input.provider);
        await writeOwnText(tx, alertId, actor, 'description', input.description, input.descriptionLanguage);
        await writeOwnText(tx, alertId, actor, 'suggested-authorities', input.suggestedAuthorities, null);
        await addFiles(tx, alertId, actor, input.files, null);
        args = {
          alertId,
          number,
          legislationArea: area,
          originatingAuthorityId: mine.id,
          originatingCountry: mine.country,
          alertCoordinatorId: input.alertCoordinatorId ?? null,
          targetCountries: targets,
          establishmentCountry: input.establishmentCountry ?? null,
          policy: { commentPeriodMs: policy.commentPeriodMs, objectionPeriodMs: policy.objectionPeriodMs, erasureAfterMs: policy.erasureAfterMs },
          createdBy,
          localActivities: true,
          searchAttributesSetAtStart: true,
        };
      });
      try {
        const startWorkflowOperation = new WithStartWorkflowOperation<typeof AlertWorkflow>('AlertWorkflow', {
          workflowId: alertWorkflowId(alertId),
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowIdConflictPolicy: 'FAIL',
          args: [args!],
          typedSearchAttributes: [
            { key: CaseType, value: 'alert' },
            { key: CaseStatus, value: 'draft' },
            { key: CountryCode, value: mine.country },
          ],
        });
        await startCaseWithUpdate(temporal, projectedAlertSnapshot, { workflowId: alertWorkflowId(alertId), startWorkflowOperation });
      } catch (error) {
        // Only when the workflow surely does not exist: a started one needs its rows.
        if (error instanceof CaseStartFailed && error.started === 'no') await orm.em.fork().execute('delete from alert where id = ? and version = 0', [alertId]);
        throw toApiError(error, 'Alert');
      }
      return c.json(await detail(actor, alertId), 201);
    },
  );

  // ───────────── read ─────────────

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'An alert: summary, provider and texts (only where §8 allows), recipients per country, items, closure, periods, timeline and the commands the caller may perform now',
      request: { params: idParam },
      responses: { 200: json(alertDetailSchema, 'The alert'), ...errorResponses(400, 401, 404) },
    }),
    async (c) => c.json(await detail(c.get('actor')!, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/files/{fileId}',
      tags,
      summary: 'Download a file of the alert (only where its personal data is visible)',
      request: { params: fileParam },
      responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } } }, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id, fileId } = c.req.valid('param');
      const loaded = await load(actor, id);
      const [row] = await loaded.em.execute<{ file_name: string; mime_type: string; content: Buffer | null; text_id: string | null }[]>(
        'select file_name, mime_type, content, text_id from alert_file where id = ? and alert_id = ? and blocked_at is null',
        [fileId, id],
      );
      const item = row?.text_id ? loaded.snapshot.items.find((i) => i.id === row.text_id) : null;
      if (!row || (item && !itemKnownTo(item, loaded.facts))) throw notFound('File');
      if (!loaded.access.visible) throw new ApiError(403, 'locked', loaded.access.reason ?? 'You may not open this file.');
      const name = row.file_name.replace(/["\\\r\n]/g, '_');
      return new Response(new Uint8Array(row.content ?? Buffer.alloc(0)), {
        status: 200,
        headers: { 'content-type': row.mime_type, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
      }) as never;
    },
  );

  // ───────────── reports ─────────────

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reports',
      tags: ['Alerts', 'Reports'],
      summary: 'Make a printable report (PDF, kept 30 days; download it at /api/reports/{id}) of what the caller sees: at every stage, only the reduced view once closed or withdrawn',
      request: { params: idParam, body: body(alertReportBodySchema) },
      responses: { 201: json(reportSchema, 'The report was made'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const loaded = await load(actor, id);
      const personalData = kindShowsPersonalData(input.kind, { includePersonalData: input.includePersonalData });
      // api/policy/reports decides the report roles; api/policy/alertAccess whether personal data may be in it.
      const roles = actor.roles.filter((r) => (!r.area || r.area === area) && (!r.workflow || r.workflow === 'alerts'));
      const made = mayMakeReport({ kind: actor.kind, authorityId: actor.authorityId, roles }, { caseType: 'alert', relation: 'own', personalData });
      if (!made.allowed) throw new ApiError(403, 'not_allowed', made.reason);
      if (personalData && !loaded.access.visible) throw new ApiError(403, 'not_allowed', `${loaded.access.reason} Choose a report without personal data.`);
      const shown = await detail(actor, id);
      const ids = [shown.alert.originatingAuthorityId, ...shown.items.map((i) => i.submittedByAuthorityId), ...(shown.closure ? [shown.closure.proposedByAuthorityId, ...shown.closure.comments.map((x) => x.authorityId)] : [])];
      const names = await authorityNames(loaded.em, [...new Set([...ids, ...shown.countries.flatMap((x) => x.recipients.map((r) => r.authorityId)), ...shown.timeline.flatMap((e) => [e.authorityId, ...e.targets]).filter((x): x is string => !!x && /^[0-9a-f-]{36}$/.test(x))])]);
      const generatedAt = new Date();
      const report = await orm.em.fork().transactional(async (tx) => {
        try {
          const document = composeReport(input.kind, alertCaseView(shown, input.language, names), {
            language: input.language,
            generatedAt,
            ...(input.sections && { sections: input.sections }),
            ...(input.includePersonalData !== undefined && { includePersonalData: input.includePersonalData }),
          });
          return await createReport({
            deps,
            tx,
            caseType: 'alert',
            caseId: id,
            kind: input.kind,
            language: input.language,
            signed: input.signed,
            document,
            actor: { kind: actor.kind, id: actor.id, authorityId: actor.authorityId },
            now: generatedAt,
          });
        } catch (error) {
          if (error instanceof InvalidReportOptions) throw new ApiError(400, 'validation_failed', error.message, error.fields);
          throw error;
        }
      });
      return c.json(report, 201);
    },
  );

  // ───────────── commands ─────────────

  /** Common shape of a command: load (404 if unseen), run it, answer the projected detail. */
  const register = <S extends z.ZodTypeAny | null>(
    name: AlertCommandName,
    summary: string,
    schema: S,
    run: (ctx: { loaded: Loaded; actor: AuthActor; who: Actor; input: S extends z.ZodTypeAny ? z.infer<S> : undefined; key: string | undefined }) => Promise<unknown>,
  ) => {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/{id}/${name}`,
        tags,
        summary,
        request: { params: idParam, headers: idempotencyHeader, ...(schema && { body: body(schema) }) },
        responses: detailResponses,
      }),
      async (c) => {
        const actor = c.get('actor')!;
        const { id } = c.req.valid('param');
        const key = c.req.valid('header')['idempotency-key'];
        const loaded = await load(actor, id);
        if (loaded.side === 'commission') throw new ApiError(403, 'not_allowed', 'The Commission receives alerts but does not act on them.');
        const input = (schema ? (c.req.valid as (t: 'json') => unknown)('json') : undefined) as S extends z.ZodTypeAny ? z.infer<S> : undefined;
        await run({ loaded, actor, who: await workflowActor(loaded.em, actor), input, key });
        return c.json(await detail(actor, id), 200);
      },
    );
  };

  register('edit-draft', 'Edit the draft: checklist, provider, description, files, coordinator, target and establishment countries, suggested authorities', editAlertDraftSchema, async ({ loaded, actor, who, input }) => {
    precheck(loaded, who, { type: 'editDraft' });
    if (input.alertCoordinatorId) {
      const facts = await actorFacts(loaded.em, loaded.snapshot.originatingAuthorityId);
      const ok = facts.linkedAlertCoordinatorIds.includes(input.alertCoordinatorId) || (facts.isAlertCoordinator && input.alertCoordinatorId === loaded.snapshot.originatingAuthorityId);
      if (!ok) throw badRequest('Choose one of the alert coordinators linked to your authority.', { alertCoordinatorId: ['is not linked to your authority'] });
    }
    const contentChanged = [input.criteria, input.provider, input.description, input.files, input.removeFileIds, input.suggestedAuthorities].some((v) => v !== undefined);
    await loaded.em.transactional(async (tx) => {
      if (input.criteria) await alertPersonalData.writeCriteria(tx, loaded.id, input.criteria);
      if (input.provider) await writeProvider(tx, loaded.id, input.provider);
      if (input.description !== undefined) await writeOwnText(tx, loaded.id, actor, 'description', input.description, input.descriptionLanguage ?? 'en');
      if (input.suggestedAuthorities !== undefined) await writeOwnText(tx, loaded.id, actor, 'suggested-authorities', input.suggestedAuthorities, null);
      await removeFiles(tx, loaded.id, input.removeFileIds);
      if (input.files) await addFiles(tx, loaded.id, actor, input.files, null);
    });
    // No update id: an edit rewrites rows, so a retry must apply again (edits are idempotent in content).
    await send(loaded.id, editAlertDraft, {
      actor: who,
      ...(input.alertCoordinatorId !== undefined && { alertCoordinatorId: input.alertCoordinatorId }),
      ...(input.targetCountries !== undefined && { targetCountries: input.targetCountries }),
      ...(input.establishmentCountry !== undefined && { establishmentCountry: input.establishmentCountry }),
      contentChanged,
    }, undefined);
  });

  register('edit-content', 'Edit provider data, description, files or suggested authorities once submitted (the party the final-approval flag names); visible at once, no re-broadcast', editAlertContentSchema, async ({ loaded, actor, who, input }) => {
    precheck(loaded, who, { type: 'editContent' });
    await loaded.em.transactional(async (tx) => {
      if (input.provider) await writeProvider(tx, loaded.id, input.provider);
      if (input.description !== undefined) await writeOwnText(tx, loaded.id, actor, 'description', input.description, input.descriptionLanguage ?? 'en');
      if (input.suggestedAuthorities !== undefined) await writeOwnText(tx, loaded.id, actor, 'suggested-authorities', input.suggestedAuthorities, null);
      await removeFiles(tx, loaded.id, input.removeFileIds);
      if (input.files) await addFiles(tx, loaded.id, actor, input.files, null);
    });
    await send(loaded.id, editAlertContent, { actor: who }, undefined);
  });

  register('change-establishment-country', 'Change the establishment country (the broadcasting coordinator; not after a closure proposal; every recipient emailed)', changeEstablishmentCountrySchema, async ({ loaded, who, input, key }) => {
    await send(loaded.id, changeEstablishmentCountry, { actor: who, establishmentCountry: input.establishmentCountry }, key);
  });
  register('add-target-countries', 'Add recipient countries (their mailboxes receive it at once after broadcast)', addTargetCountriesSchema, async ({ loaded, who, input, key }) => {
    await send(loaded.id, addTargetCountries, { actor: who, countries: input.countries, facts: await mailboxesOf(loaded.em, input.countries) }, key);
  });
  register('submit', 'Submit the draft to the chosen alert coordinator (all criteria met, provider and description filled in)', null, async ({ loaded, who, key }) => {
    const s = loaded.snapshot;
    const [provider] = await loaded.em.execute('select 1 from alert_provider where alert_id = ?', [loaded.id]);
    const [description] = await loaded.em.execute('select 1 from alert_text where id = ?', [descriptionId(loaded.id)]);
    const complete = alertCriterionCodes.every((c) => loaded.criteria[c] === true) && !!provider && !!description;
    const facts = await actorFacts(loaded.em, who.authorityId ?? null);
    await send(loaded.id, submitAlert, { actor: who, facts: { ...facts, coordinatorFinalApproval: await finalApprovalOf(loaded.em, s.alertCoordinatorId), complete } }, key);
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/pass',
      tags,
      summary: 'Pass the submitted alert to another alert coordinator of the country; the passing coordinator then no longer sees it',
      request: { params: idParam, headers: idempotencyHeader, body: body(passAlertSchema) },
      responses: { 200: json(alertPassResultSchema, 'Where the alert went'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const input = c.req.valid('json');
      const loaded = await load(actor, id);
      if (loaded.side === 'commission') throw new ApiError(403, 'not_allowed', 'The Commission receives alerts but does not act on them.');
      const who = await workflowActor(loaded.em, actor);
      const target = await alertAuthority(loaded.em, input.toCoordinatorId);
      const facts = { targetIsAlertCoordinator: !!target?.isCoordinator, targetCountry: target?.country ?? '', targetFinalApproval: target?.finalApproval ?? false };
      const after = await send(loaded.id, passAlert, { actor: who, toCoordinatorId: input.toCoordinatorId, facts }, key);
      return c.json({ id, number: after.number, status: after.status, alertCoordinatorId: after.alertCoordinatorId }, 200);
    },
  );
  register('accept', 'A broadcaster of the alert coordinator accepts the alert to check and broadcast it', null, async ({ loaded, who, key }) => {
    await send(loaded.id, acceptAlert, { actor: who }, key);
  });
  register('broadcast', 'Broadcast to the target countries’ mailboxes, the originating country’s mailbox (a copy) and the Commission', null, async ({ loaded, who, key }) => {
    const s = loaded.snapshot;
    await send(loaded.id, broadcastAlert, { actor: who, facts: await mailboxesOf(loaded.em, [...s.targetCountries, s.originatingCountry]) }, key);
  });
  register('delete', 'Delete the alert before broadcast (its personal data is erased at once)', null, async ({ loaded, who, key }) => {
    await send(loaded.id, deleteAlert, { actor: who }, key);
  });
  register('acknowledge', 'A receiving country’s mailbox broadcaster acknowledges the alert', null, async ({ loaded, who, key }) => {
    await send(loaded.id, acknowledgeAlert, { actor: who }, key);
  });
  register('forward', 'Forward the alert to coordinators and authorities of the own country (mailboxes, then coordinators it went to)', forwardAlertSchema, async ({ loaded, who, input, key }) => {
    await send(loaded.id, forwardAlert, { actor: who, targets: await forwardTargets(loaded.em, [...new Set(input.authorityIds)]) }, key);
  });
  register('remove-recipient', 'A mailbox broadcaster removes a recipient of its country that has not acted yet; it sees nothing further', removeAlertRecipientSchema, async ({ loaded, who, input, key }) => {
    await send(loaded.id, removeAlertRecipient, { actor: who, authorityId: input.authorityId }, key);
  });

  register('submit-item', 'Submit additional information, a clarification request, an objection or a suggestion to close to a coordinator (it broadcasts it)', submitAlertItemSchema, async ({ loaded, actor, who, input, key }) => {
    const facts = await actorFacts(loaded.em, who.authorityId ?? null);
    const coordinatorId = input.coordinatorId ?? null;
    const command = (itemId: string, coordinatorFinalApproval: boolean): AlertCommand & { type: 'submitItem' } => ({
      type: 'submitItem',
      itemId,
      kind: input.kind,
      coordinatorId,
      addressedToCountry: input.addressedToCountry ?? null,
      facts: { ...facts, coordinatorFinalApproval },
    });
    precheck(loaded, who, command(randomUUID(), false), key);
    const finalApproval = await finalApprovalOf(loaded.em, input.kind === 'objection' ? loaded.snapshot.closure?.closureCoordinatorId : coordinatorId);
    const textId = await storeText(loaded, actor, input.kind, input.text, input.language, key, input.files);
    const { type: _t, ...args } = command(textId, finalApproval);
    await send(loaded.id, submitAlertItem, { actor: who, ...args }, key, undoText(loaded.id, textId, key));
  });
  register('edit-item', 'Edit a submitted item before it is broadcast (the submitter, or the coordinator with final approval)', editAlertItemSchema, async ({ loaded, actor, who, input }) => {
    precheck(loaded, who, { type: 'editItem', itemId: input.itemId });
    const item = loaded.snapshot.items.find((i) => i.id === input.itemId);
    if (!item) throw badRequest('No such item.', { itemId: ['not an item of this alert'] });
    const [old] = await loaded.em.execute<{ text: string; language: string | null }[]>('select text, language from alert_text where id = ? and alert_id = ?', [item.id, loaded.id]);
    await loaded.em.transactional((tx) => alertPersonalData.writeText(tx, loaded.id, { id: item.id, kind: item.kind, authorityId: actor.authorityId, userId: actor.id, text: input.text, language: input.language }));
    await send(loaded.id, editAlertItem, { actor: who, itemId: item.id }, undefined, async () => {
      if (old) await orm.em.fork().transactional((tx) => alertPersonalData.writeText(tx, loaded.id, { id: item.id, kind: item.kind, authorityId: actor.authorityId, userId: actor.id, text: old.text, language: old.language }));
    });
  });
  register('delete-item', 'Delete a submitted item before it is broadcast', alertItemRefSchema, async ({ loaded, who, input, key }) => {
    await send(loaded.id, deleteAlertItem, { actor: who, itemId: input.itemId }, key);
  });
  register('broadcast-item', 'A broadcaster of the coordinator broadcasts the item to every authority involved', alertItemRefSchema, async ({ loaded, who, input, key }) => {
    await send(loaded.id, broadcastAlertItem, { actor: who, itemId: input.itemId }, key);
  });
  register('decline-item', 'The coordinator does not broadcast the item (objections always; other items with final approval)', alertItemRefSchema, async ({ loaded, who, input, key }) => {
    await send(loaded.id, declineAlertItem, { actor: who, itemId: input.itemId }, key);
  });

  register('submit-withdrawal', 'The originating side submits a withdrawal with its reason; its coordinator broadcasts it', alertTextBodySchema, async ({ loaded, actor, who, input, key }) => {
    precheck(loaded, who, { type: 'submitWithdrawal', itemId: randomUUID() }, key);
    const textId = await storeText(loaded, actor, 'withdrawal', input.text, input.language, key);
    await send(loaded.id, submitAlertWithdrawal, { actor: who, itemId: textId }, key, undoText(loaded.id, textId, key));
  });
  register('broadcast-withdrawal', 'The broadcasting coordinator broadcasts the withdrawal: the alert is withdrawn (reduced view)', null, async ({ loaded, who, key }) => {
    await send(loaded.id, broadcastAlertWithdrawal, { actor: who }, key);
  });
  register('cancel-withdrawal', 'Cancel the pending withdrawal', null, async ({ loaded, who, key }) => {
    await send(loaded.id, cancelAlertWithdrawal, { actor: who }, key);
  });

  register('propose-closure', 'An alert handler in the closing country proposes closure to a coordinator linked to its authority (the comment period starts)', proposeAlertClosureSchema, async ({ loaded, actor, who, input, key }) => {
    const facts = await actorFacts(loaded.em, who.authorityId ?? null);
    const finalApproval = await finalApprovalOf(loaded.em, input.closureCoordinatorId);
    const command = (proposalTextId: string): AlertCommand & { type: 'proposeClosure' } => ({
      type: 'proposeClosure',
      proposalTextId,
      closureCoordinatorId: input.closureCoordinatorId,
      facts: { ...facts, closureCoordinatorFinalApproval: finalApproval },
    });
    precheck(loaded, who, command(randomUUID()), key);
    const textId = await storeText(loaded, actor, 'closure-proposal', input.text, input.language, key);
    const { type: _t, ...args } = command(textId);
    await send(loaded.id, proposeAlertClosure, { actor: who, ...args }, key, undoText(loaded.id, textId, key));
  });
  register('comment-on-closure', 'Another authority of the closing country comments on the proposal, within the comment period', alertTextBodySchema, async ({ loaded, actor, who, input, key }) => {
    precheck(loaded, who, { type: 'commentOnClosure', commentId: randomUUID() }, key);
    const textId = await storeText(loaded, actor, 'comment', input.text, input.language, key);
    await send(loaded.id, commentOnAlertClosure, { actor: who, commentId: textId }, key, undoText(loaded.id, textId, key));
  });
  register('edit-closure-proposal', 'Edit the closure proposal before it is broadcast (the proposer, or the closure coordinator with final approval)', alertTextBodySchema, async ({ loaded, actor, who, input }) => {
    precheck(loaded, who, { type: 'editClosureProposal' });
    const closure = loaded.snapshot.closure;
    if (!closure) throw new ApiError(409, 'wrong_state', 'There is no closure proposal.');
    const [old] = await loaded.em.execute<{ text: string; language: string | null }[]>('select text, language from alert_text where id = ? and alert_id = ?', [closure.proposalTextId, loaded.id]);
    const write = (text: string, language: string | null) =>
      orm.em.fork().transactional((tx) => alertPersonalData.writeText(tx, loaded.id, { id: closure.proposalTextId, kind: 'closure-proposal', authorityId: actor.authorityId, userId: actor.id, text, language }));
    await write(input.text, input.language);
    await send(loaded.id, editAlertClosureProposal, { actor: who }, undefined, async () => {
      if (old) await write(old.text, old.language);
    });
  });
  register('cancel-closure-proposal', 'Cancel the closure proposal (before its broadcast; after the objection period, by the closure coordinator)', null, async ({ loaded, who, key }) => {
    await send(loaded.id, cancelAlertClosureProposal, { actor: who }, key);
  });
  register('broadcast-closure-proposal', 'After the comment period, the closure coordinator broadcasts the proposal with chosen comments (the objection period starts)', broadcastClosureProposalSchema, async ({ loaded, who, input, key }) => {
    await send(loaded.id, broadcastAlertClosureProposal, { actor: who, commentIds: input.commentIds }, key);
  });
  register('close', 'After the objection period, a broadcaster of the closure coordinator closes the alert (reduced view; personal data erased after 6 months)', null, async ({ loaded, who, key }) => {
    await send(loaded.id, closeAlert, { actor: who }, key);
  });

  return app;
}

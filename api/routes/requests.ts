import { createRoute, z } from '@hono/zod-openapi';
import { CaseStartFailed, startCase } from '../caseStart';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpdateDefinition } from '@temporalio/common';
import { createHash, randomUUID } from 'node:crypto';
import { workflowFlagsSchema, type WorkflowFlags } from '../../schema/authority';
import { Request } from '../../schema/entities/request';
import type { IRequest } from '../../schema/entities/request/request';
import { insertProvisionalSplitRequest, nextRequestNumber, projectRequestSnapshot, projectionEventOf } from '../../schema/requestReadModel';
import { questionSetRules } from '../../schema/questionSets';
import { requestPolicyFrom } from '../../schema/requestPolicy';
import '../../schema/requestPersonalDataStore';
import {
  acceptBodySchema,
  answerDraftBodySchema,
  assignHandlersBodySchema,
  changeCoordinatorBodySchema,
  commissionDecisionBodySchema,
  copyBodySchema,
  editRequestDraftSchema,
  forwardBodySchema,
  forwardResultSchema,
  maxAttachmentBytes,
  messageBodySchema,
  messageComments,
  newRequestSchema,
  opinionBodySchema,
  optionalReasonBodySchema,
  proposeDeadlineBodySchema,
  questionSetListSchema,
  questionSetQuerySchema,
  reasonBodySchema,
  remarksBodySchema,
  sendRequestBodySchema,
  requestCommands,
  requestDetailSchema,
  splitBodySchema,
  type CaseDataInput,
  type NewAttachment,
  type RequestCommandName,
  type RequestDetail,
} from '../../schema/requests';
import type { Actor } from '../../workflows/actor';
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
  proposeDeadline,
  provideMore,
  recordCommissionDecision,
  referRequest,
  refuseAdditionalInfo,
  refuseAnswer,
  refuseRequest,
  rejectRequest,
  requestAdditionalInfo,
  requestWorkflowId,
  sendRequest,
  sendRequestMessage,
  splitRequest,
  type RequestInput,
} from '../../workflows/request/definitions';
import {
  createRequest,
  openRequest as openRequestState,
  requestSearchAttributeValues,
  snapshotOf,
  transition,
  type NewRequest,
  type RequestCommand,
  type RequestParty,
  type RequestState,
  type SendFacts,
} from '../../workflows/request/machine';
import type { RequestSnapshot } from '../../workflows/request/snapshot';
import type { RequestWorkflow } from '../../workflows/request/workflow';
import { AuthorityIds, CaseDeadline, CaseStatus, CaseType, CountryCode } from '../../workflows/searchAttributes';
import type { AuthActor } from '../auth/authenticate';
import type { AppDeps } from '../deps';
import { ApiError, badRequest, errorResponses, notFound } from '../errors';
import { personalDataAccess, questionCommentAccess, requestViewerSide, rolesInArea, type RequestViewerFacts } from '../policy/requestAccess';
import { requestActionList, requestActionListQuerySchema, requestListSchema, requestSearchQuerySchema, searchRequests, coordinatedAuthorities } from '../requests/search';
import { createRouter } from '../router';
import { refusal, toApiError } from '../temporalErrors';

const tags = ['Requests'];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const idParam = z.object({ id: z.string().uuid('must be a request id (uuid)') });
const attachmentParam = z.object({ id: z.string().uuid('must be a request id (uuid)'), attachmentId: z.string().uuid('must be an attachment id (uuid)') });
const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(8).max(200).optional().openapi({ description: 'Makes a retried call apply once (becomes the Temporal update id).' }),
});
const detailResponses = { 200: json(requestDetailSchema, 'The request after the command, projected'), ...errorResponses(400, 401, 403, 404, 409, 503) };

type Tx = EntityManager;
type Side = 'requester' | 'responder';

const translate = (texts: Record<string, string> | null | undefined, language: string) => (texts ? (texts[language] ?? texts.en ?? Object.values(texts)[0] ?? '') : '');
const decode = (a: { contentBase64: string }) => Buffer.from(a.contentBase64, 'base64');
/** A stable id per (request, idempotency key), so a retried call stores its text once. */
const keyedId = (requestId: string, key: string | undefined, what: string) => {
  if (!key) return randomUUID();
  const h = createHash('sha256').update(`${requestId}:${what}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The snapshot as the read model holds it. */
function snapshotOfRow(r: IRequest): RequestSnapshot {
  const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
  return {
    requestId: r.id,
    number: r.number,
    legislationArea: r.legislationArea,
    questionSet: r.questionSet,
    status: r.status,
    version: r.version,
    requestingAuthorityId: r.requestingAuthorityId,
    requestingCountry: r.requestingCountry,
    respondingAuthorityId: r.respondingAuthorityId,
    respondingCountry: r.respondingCountry,
    requesterCoordinatorId: r.requesterCoordinatorId ?? null,
    responderCoordinatorId: r.responderCoordinatorId ?? null,
    requesterHandlerIds: r.requesterHandlerIds ?? [],
    responderHandlerIds: r.responderHandlerIds ?? [],
    pendingActions: [],
    deadline: r.deadline ?? null,
    proposedDeadline: r.proposedDeadline ?? null,
    overdue: r.overdue,
    createdAt: iso(r.createdAt)!,
    sentAt: iso(r.sentAt),
    acceptedAt: iso(r.acceptedAt),
    answeredAt: iso(r.answeredAt),
    closedAt: iso(r.closedAt),
    splitFromRequestId: r.splitFromRequestId ?? null,
    relatedRequestNumber: r.relatedRequestNumber ?? null,
    questionIds: r.questionIds ?? [],
    requesterCoordinatorHandlerIds: r.requesterCoordinatorHandlerIds ?? [],
    responderCoordinatorHandlerIds: r.responderCoordinatorHandlerIds ?? [],
    urgent: r.urgent,
    closeRemindersSent: r.closeRemindersSent,
    measuresMayApplyAt: iso(r.measuresMayApplyAt),
    commissionDecision: r.commissionDecision ?? null,
  };
}

/**
 * Information requests (domain.md §5, §8; IMI manual ch. 5): create a draft (its personal data
 * written to PostgreSQL first, then RequestWorkflow started), every command of the workflow as
 * `POST /api/requests/{id}/<command>`, the detail with the commands this user may perform now,
 * attachments, answer drafts, messages, copy, the action list and the search. Who sees what is
 * decided by api/policy/requestAccess.ts; flags and links are resolved here from PostgreSQL.
 */
export function requestRoutes(deps: AppDeps) {
  const { orm, temporal, config } = deps;
  const app = createRouter();
  const policy = requestPolicyFrom(config);

  app.use('*', async (c, next) => {
    if (!c.get('actor')) throw new ApiError(401, 'unauthenticated', 'Log in first.');
    return next();
  });

  // ───────────── facts from PostgreSQL ─────────────

  /**
   * Flags read once per entity manager, which is one HTTP call's (or one transaction's): a detail's
   * `actions` dry-runs every command, and their facts ask for the same few authorities' flags.
   */
  const flagsRead = new WeakMap<Tx, Map<string, Promise<WorkflowFlags | null>>>();
  const flagsOf = (em: Tx, authorityId: string | null, area: string): Promise<WorkflowFlags | null> => {
    if (!authorityId) return Promise.resolve(null);
    let read = flagsRead.get(em);
    if (!read) flagsRead.set(em, (read = new Map()));
    const key = `${authorityId} ${area}`;
    let flags = read.get(key);
    if (!flags) {
      flags = em
        .execute<{ flags: unknown }[]>('select flags from authority_area where authority_id = ? and area_code = ?', [authorityId, area])
        .then(([row]) => (row ? workflowFlagsSchema.parse(row.flags ?? {}) : null));
      read.set(key, flags);
      flags.catch(() => read!.delete(key));
    }
    return flags;
  };
  /** An active authority with active request access in the area (as a CA or a request coordinator). */
  const requestAuthority = async (em: Tx, authorityId: string, area: string) => {
    const [row] = await em.execute<{ id: string; country_code: string; kind: string; roles: string[] }[]>(
      `select a.id, a.country_code, a.kind, w.roles from authority a
         join authority_area aa on aa.authority_id = a.id and aa.area_code = ? and aa.access_status = 'active'
         join authority_workflow w on w.authority_id = a.id and w.area_code = ? and w.workflow = 'requests' and w.access_status = 'active'
        where a.id = ? and a.status = 'active'`,
      [area, area, authorityId],
    );
    return row ?? null;
  };
  const linkedCoordinators = async (em: Tx, authorityId: string, area: string) =>
    (
      await em.execute<{ coordinator_id: string }[]>(
        `select coordinator_id from authority_linked_coordinator where authority_id = ? and area_code = ? and workflow = 'requests' order by coordinator_id`,
        [authorityId, area],
      )
    ).map((r) => r.coordinator_id);

  const viewerFacts = async (em: Tx, actor: AuthActor, snapshot: RequestSnapshot): Promise<RequestViewerFacts> => {
    let coordinatesParty = false;
    if (actor.authorityId && ![snapshot.requestingAuthorityId, snapshot.respondingAuthorityId, snapshot.requesterCoordinatorId, snapshot.responderCoordinatorId].includes(actor.authorityId)) {
      const coordinated = await coordinatedAuthorities(em, actor.authorityId);
      const received = !['draft', 'request-pending-approval', 'request-approval-refused'].includes(snapshot.status);
      coordinatesParty = coordinated.some(
        (c) => c.area === snapshot.legislationArea && (c.authorityId === snapshot.requestingAuthorityId || (received && c.authorityId === snapshot.respondingAuthorityId)),
      );
    }
    return { kind: actor.kind, userId: actor.id, authorityId: actor.authorityId, roles: actor.roles, coordinatesParty };
  };

  /** The workflow's view of the caller: ids and the role names it holds in the request's area. */
  const workflowActor = (actor: AuthActor, area: string): Actor =>
    actor.kind === 'operator'
      ? { kind: 'operator', id: actor.id, roles: ['system-admin'] }
      : { kind: 'user', id: actor.id, authorityId: actor.authorityId ?? undefined, roles: rolesInArea(actor, area) };

  const isBlocked = async (em: Tx, requestId: string) => {
    const rows = await em.execute(
      `select 1 from request_case_data where request_id = ? and blocked_at is not null
       union all select 1 from request_question where request_id = ? and blocked_at is not null limit 1`,
      [requestId, requestId],
    );
    return rows.length > 0;
  };

  /** The request if the caller may see it (404 otherwise, so its existence is not disclosed). */
  const load = async (actor: AuthActor, id: string) => {
    const em = orm.em.fork();
    const row = await em.findOne(Request, { id });
    if (!row || row.version < 1) throw notFound('Request');
    const snapshot = snapshotOfRow(row);
    const facts = await viewerFacts(em, actor, snapshot);
    const side = requestViewerSide(snapshot, facts);
    if (!side) throw notFound('Request');
    const blocked = await isBlocked(em, id);
    const access = personalDataAccess(snapshot, facts, blocked);
    return { em, row, snapshot, facts, side, access, blocked };
  };
  type Loaded = Awaited<ReturnType<typeof load>>;

  // Facts each command needs, read when the command is sent (or dry-run for `actions`).
  const sendFacts = async (em: Tx, s: RequestSnapshot) => {
    // One after the other: opening a request reads these inside its transaction, whose one connection takes one query at a time.
    const mine = await flagsOf(em, s.requestingAuthorityId, s.legislationArea);
    const coordinator = await flagsOf(em, s.requesterCoordinatorId, s.legislationArea);
    const responder = await flagsOf(em, s.respondingAuthorityId, s.legislationArea);
    let citedRequestValid: boolean | undefined;
    if (s.relatedRequestNumber) {
      const [cited] = await em.execute(
        `select 1 from request where number = ? and question_set = 'services-derogation-request' and requesting_country = ? and responding_country = ? and status not in ('draft')`,
        [s.relatedRequestNumber, s.requestingCountry, s.respondingCountry],
      );
      citedRequestValid = !!cited;
    }
    return {
      approvalRequired: mine?.ca.approvalRequired ?? false,
      coordinatorApprovesRequests: coordinator?.coordinator.approvesRequests ?? false,
      responderUsesAllocation: responder?.coordinator.usesAllocation ?? false,
      ...(citedRequestValid !== undefined && { citedRequestValid }),
    };
  };
  const answerFacts = async (em: Tx, s: RequestSnapshot) => {
    const [mine, coordinator] = await Promise.all([flagsOf(em, s.respondingAuthorityId, s.legislationArea), flagsOf(em, s.responderCoordinatorId, s.legislationArea)]);
    return { approvalRequired: mine?.ca.approvalRequired ?? false, coordinatorApprovesAnswers: coordinator?.coordinator.approvesAnswers ?? false };
  };
  const acceptFacts = async (em: Tx, s: RequestSnapshot) => ({
    linkedCoordinatorIds: await linkedCoordinators(em, s.respondingAuthorityId, s.legislationArea),
    mayAcceptFromOtherCountries: (await flagsOf(em, s.respondingAuthorityId, s.legislationArea))?.ca.mayAcceptFromOtherCountries ?? true,
  });
  const rejectFacts = async (em: Tx, s: RequestSnapshot) => {
    const flags = await flagsOf(em, s.respondingAuthorityId, s.legislationArea);
    const authority = await requestAuthority(em, s.respondingAuthorityId, s.legislationArea);
    return { mayRejectForCountry: flags?.ca.mayRejectForCountry ?? false, responderIsCoordinator: !!authority && (authority.kind !== 'CA' || authority.roles.includes('request-coordinator')) };
  };
  const forwardFacts = async (em: Tx, s: RequestSnapshot, toAuthorityId: string) => {
    const target = await requestAuthority(em, toAuthorityId, s.legislationArea);
    const flags = await flagsOf(em, toAuthorityId, s.legislationArea);
    return { toCountry: target?.country_code ?? '', facts: { targetIsRequestAuthority: !!target, targetUsesAllocation: flags?.coordinator.usesAllocation ?? false } };
  };
  const referralFacts = async (em: Tx, s: RequestSnapshot) => {
    const [req, resp] = await Promise.all([flagsOf(em, s.requesterCoordinatorId, s.legislationArea), flagsOf(em, s.responderCoordinatorId, s.legislationArea)]);
    return { requesterCoordinatorTakesPart: !!req && req.coordinator.takesPartInReferrals, responderCoordinatorTakesPart: !!resp && resp.coordinator.takesPartInReferrals };
  };

  /** The machine's state rebuilt from the read model, to dry-run commands for `actions`. */
  const stateOf = async (em: Tx, s: RequestSnapshot): Promise<RequestState> => {
    const [requesterFlags, responderFlags] = await Promise.all([flagsOf(em, s.requestingAuthorityId, s.legislationArea), flagsOf(em, s.respondingAuthorityId, s.legislationArea)]);
    const [askedOnceMore] = await em.execute(`select 1 from audit_event where subject_type = 'request' and subject_id = ? and action = 'referred' limit 1`, [s.requestId]);
    return {
      ...s,
      rules: { policy, requesterUsesAllocation: requesterFlags?.coordinator.usesAllocation ?? false },
      responderUsesAllocation: responderFlags?.coordinator.usesAllocation ?? false,
      referralScenario: null,
      askedOnceMore: !!askedOnceMore,
      lastEvent: { action: 'created', actor: 'system', textId: null, at: s.createdAt },
    };
  };

  /** The commands this user may perform now: each dry-run through the pure transition with the user's actor. */
  const allowedActions = async (loaded: Loaded, actor: AuthActor): Promise<RequestCommandName[]> => {
    const { em, snapshot: s } = loaded;
    const state = await stateOf(em, s);
    const who = workflowActor(actor, s.legislationArea);
    const now = new Date();
    const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
    const forward = { targetIsRequestAuthority: true, targetUsesAllocation: false };
    const target = { toAuthorityId: randomUUID(), toCountry: s.respondingCountry, reasonId: 'x', facts: forward };
    const candidates: [RequestCommandName, RequestCommand][] = [
      ['edit-draft', { type: 'editDraft' }],
      ['send', { type: 'send', facts: await sendFacts(em, s) }],
      ['approve-request', { type: 'approveRequest' }],
      ['refuse-request', { type: 'refuseRequest', remarksId: 'x' }],
      ['propose-deadline', { type: 'proposeDeadline', deadline: tomorrow }],
      ['accept-proposed-deadline', { type: 'acceptProposedDeadline' }],
      ['accept', { type: 'accept', responderCoordinatorId: null, facts: await acceptFacts(em, s) }],
      ['change-responder-coordinator', { type: 'changeResponderCoordinator', responderCoordinatorId: 'x', facts: { linkedCoordinatorIds: ['x'] } }],
      ['reject', { type: 'reject', reasonId: 'x', facts: await rejectFacts(em, s) }],
      ['forward', { type: 'forward', ...target }],
      ['split', { type: 'split', ...target, newRequestId: 'x', newNumber: 'x', questionIds: s.questionIds.slice(0, 1) }],
      ['answer', { type: 'answer', facts: { approvalRequired: false, coordinatorApprovesAnswers: false } }],
      ['approve-answer', { type: 'approveAnswer' }],
      ['refuse-answer', { type: 'refuseAnswer', remarksId: 'x' }],
      ['close', { type: 'close' }],
      ['request-additional-info', { type: 'requestAdditionalInfo', reasonId: 'x' }],
      ['accept-additional-info', { type: 'acceptAdditionalInfo' }],
      ['refuse-additional-info', { type: 'refuseAdditionalInfo', reasonId: 'x' }],
      ['refer', { type: 'refer', facts: await referralFacts(em, s) }],
      ['give-opinion', { type: 'giveOpinion', agrees: true, remarksId: null }],
      ['provide-more', { type: 'provideMore' }],
      ['keep-position', { type: 'keepPosition', reasonId: null }],
      ['send-message', { type: 'sendMessage', messageId: 'x' }],
      ['commission-decision', { type: 'commissionDecision', decision: 'measures-may-apply' }],
    ];
    const allowed = new Set<RequestCommandName>();
    for (const [name, command] of candidates) {
      const result = transition(state, command, who, now);
      // Only a refusal of who or when hides the button; wrong input is the form's business.
      if (result.ok || result.rejection.code === 'Invalid') allowed.add(name);
    }
    for (const party of ['requester', 'responder', 'requester-coordinator', 'responder-coordinator'] as const) {
      const result = transition(state, { type: 'assignHandlers', party, userIds: ['x'] }, who, now);
      if (result.ok || result.rejection.code === 'Invalid') allowed.add('assign-handlers');
    }
    if (s.questionIds.length < 2) allowed.delete('split');
    if (allowed.has('answer')) allowed.add('answer-draft');
    if (loaded.access.visible && (loaded.side === 'requester' || loaded.side === 'responder')) allowed.add('copy');
    return requestCommands.filter((c) => allowed.has(c));
  };

  // ───────────── the detail ─────────────

  const userLanguage = async (em: Tx, actor: AuthActor, override?: string) => {
    if (override) return override;
    if (actor.kind !== 'user') return 'en';
    const [row] = await em.execute<{ preferred_language: string }[]>('select preferred_language from app_user where id = ?', [actor.id]);
    return row?.preferred_language ?? 'en';
  };

  const detail = async (actor: AuthActor, id: string): Promise<RequestDetail> => {
    const loaded = await load(actor, id);
    const { em, snapshot: s, side, access } = loaded;
    const language = await userLanguage(em, actor);
    const visible = access.visible;
    // The responder's case handler reads the question comments before accepting (manual 5.3.2.1); see questionCommentAccess.
    const commentsShown = questionCommentAccess(s, loaded.facts, loaded.blocked).visible;
    const viewerParty: Side | null = side === 'requester' || side === 'responder' ? side : null;
    const questions = await em.execute<{ id: string; question_code: string; position: number; comment: string | null; comment_language: string | null; texts: Record<string, string> | null }[]>(
      `select q.id, q.question_code, q.position, q.comment, q.comment_language, rq.texts from request_question q left join ref_question rq on rq.code = q.question_code
        where q.request_id = ? and q.blocked_at is null order by q.position`,
      [id],
    );
    const [caseData] = visible
      ? await em.execute<{ subject_kind: 'person' | 'provider'; name: string; identifiers: Record<string, string>; fields: Record<string, string | number | boolean | null>; reason: string | null }[]>(
          'select subject_kind, name, identifiers, fields, reason from request_case_data where request_id = ? and blocked_at is null',
          [id],
        )
      : [];
    const answers = visible
      ? await em.execute<{ question_id: string; round: number; predefined_answer: string | null; texts: Record<string, string> | null; text: string | null; language: string | null; state: 'draft' | 'sent' }[]>(
          `select a.question_id, a.round, a.predefined_answer, pa.texts, a.text, a.language, a.state from request_answer a
              join request_question q on q.id = a.question_id left join ref_predefined_answer pa on pa.code = a.predefined_answer
            where a.request_id = ? and a.blocked_at is null ${viewerParty === 'responder' ? '' : `and a.state = 'sent'`} order by a.round, q.position`,
          [id],
        )
      : [];
    const messages = visible
      ? await em.execute<{ id: string; from_side: Side; authority_id: string; comment_code: string | null; text: string | null; language: string | null; sent_at: Date }[]>(
          `select id, from_side, authority_id, comment_code, text, language, sent_at from request_message where request_id = ? and blocked_at is null and (comment_code is null or comment_code not like 'reason:%') order by sent_at`,
          [id],
        )
      : [];
    const texts = visible
      ? new Map(
          (await em.execute<{ id: string; text: string | null }[]>(`select id, text from request_message where request_id = ? and blocked_at is null and comment_code like 'reason:%'`, [id])).map((t) => [t.id, t.text]),
        )
      : new Map<string, string | null>();
    const lastAnswerSent = await em.execute<{ at: Date | null }[]>(`select max(sent_at) as at from request_answer where request_id = ? and state = 'sent'`, [id]);
    const attachments = (
      await em.execute<{ id: string; file_name: string; mime_type: string; size_bytes: number; side: Side; question_id: string | null; message_id: string | null; uploaded_at: Date }[]>(
        `select id, file_name, mime_type, size_bytes, side, question_id, message_id, uploaded_at from request_attachment where request_id = ? and blocked_at is null order by uploaded_at`,
        [id],
      )
    ).filter((a) => attachmentShown(a, viewerParty, lastAnswerSent[0]?.at ?? null));
    const events = await em.execute<{ at: Date; action: string; actor: string; details: { textId?: string } | null; version: number | null }[]>(
      `select at, action, actor, details, version from audit_event where subject_type = 'request' and subject_id = ? order by version nulls first, at, id`,
      [id],
    );
    const commentText = (code: string | null) => (code && code in messageComments ? translate(messageComments[code as keyof typeof messageComments], language) : null);
    return {
      request: { ...pick(s), pendingActions: loaded.row.version > 0 ? await pendingActions(em, id) : [] },
      viewerSide: side,
      personalDataVisible: visible,
      personalDataHiddenReason: access.reason,
      caseData: caseData
        ? { subjectKind: caseData.subject_kind, name: caseData.name, identifiers: caseData.identifiers, fields: caseData.fields, reason: caseData.reason }
        : null,
      questions: questions.map((q) => ({
        id: q.id,
        code: q.question_code,
        position: q.position,
        text: translate(q.texts, language),
        comment: commentsShown ? q.comment : null,
        commentLanguage: commentsShown ? q.comment_language : null,
      })),
      answers: answers.map((a) => ({
        questionId: a.question_id,
        round: a.round,
        predefinedAnswer: a.predefined_answer,
        predefinedAnswerText: a.texts ? translate(a.texts, language) : null,
        text: a.text,
        language: a.language,
        state: a.state,
      })),
      messages: messages.map((m) => ({
        id: m.id,
        fromSide: m.from_side,
        authorityId: m.authority_id,
        commentCode: m.comment_code,
        commentText: commentText(m.comment_code),
        text: m.text,
        language: m.language,
        sentAt: new Date(m.sent_at).toISOString(),
      })),
      attachments: attachments.map((a, i) => ({
        id: a.id,
        // A file name often names the data subject: only where personal data is shown.
        fileName: visible ? a.file_name : `attachment-${i + 1}`,
        mimeType: a.mime_type,
        sizeBytes: a.size_bytes,
        side: a.side,
        questionId: a.question_id,
        messageId: a.message_id,
        uploadedAt: new Date(a.uploaded_at).toISOString(),
        locked: !visible,
      })),
      timeline: events.map((e) => ({
        at: new Date(e.at).toISOString(),
        action: e.action,
        actor: e.actor,
        text: e.details?.textId ? (texts.get(e.details.textId) ?? null) : null,
        version: e.version,
      })),
      actions: await allowedActions(loaded, actor),
    };
  };

  const pendingActions = async (em: Tx, id: string) => {
    const rows = await em.execute<{ authority_id: string; role: string; user_id: string | null; action: string }[]>(
      'select authority_id, role, user_id, action from request_pending_action where request_id = ? order by id',
      [id],
    );
    const grouped = new Map<string, { authorityId: string; role: string; userIds: string[] | null; action: string }>();
    for (const r of rows) {
      const key = `${r.authority_id}:${r.role}:${r.action}`;
      const entry = grouped.get(key) ?? { authorityId: r.authority_id, role: r.role, userIds: r.user_id ? [] : null, action: r.action };
      if (r.user_id) entry.userIds = [...(entry.userIds ?? []), r.user_id];
      grouped.set(key, entry);
    }
    return [...grouped.values()];
  };

  // ───────────── writes of personal data ─────────────

  const insertAttachments = async (tx: Tx, requestId: string, side: Side, userId: string | null, list: (NewAttachment | Omit<NewAttachment, 'questionCode'>)[], refs: { questionIds?: Map<string, string>; messageId?: string } = {}) => {
    for (const a of list) {
      const bytes = decode(a);
      if (bytes.length > maxAttachmentBytes) throw badRequest(`${a.fileName} is larger than ${maxAttachmentBytes} bytes.`, { attachments: ['too large'] });
      const questionCode = 'questionCode' in a ? a.questionCode : undefined;
      const questionId = questionCode ? refs.questionIds?.get(questionCode) : undefined;
      if (questionCode && !questionId) throw badRequest(`The attachment ${a.fileName} is about a question the request does not have.`, { attachments: [`unknown question ${questionCode}`] });
      await tx.execute(
        `insert into request_attachment (id, request_id, question_id, message_id, side, file_name, mime_type, size_bytes, content, uploaded_by, uploaded_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())`,
        [randomUUID(), requestId, questionId ?? null, refs.messageId ?? null, side, a.fileName, a.mimeType, bytes.length, bytes, userId],
      );
    }
  };

  /** Checks the questions belong to the set (and the set to the area); returns them in order with comment rules applied. */
  const checkQuestions = async (em: Tx, area: string, questionSet: string, questions: { code: string; comment?: string | null; commentLanguage?: string | null }[]) => {
    const [set] = await em.execute<{ code: string }[]>('select code from ref_question_set where code = ? and area_code = ? and retired = false', [questionSet, area]);
    if (!set) throw badRequest(`Unknown question set ${questionSet} in ${area}.`, { questionSet: ['unknown in this legislation area'] });
    const known = new Map(
      (await em.execute<{ code: string; comment_required: boolean }[]>('select code, comment_required from ref_question where question_set_code = ? and retired = false', [questionSet])).map((q) => [
        q.code,
        q.comment_required,
      ]),
    );
    const fields: Record<string, string[]> = {};
    questions.forEach((q, i) => {
      if (!known.has(q.code)) fields[`questions.${i}.code`] = [`not a question of ${questionSet}`];
      else if (known.get(q.code) && !q.comment?.trim()) fields[`questions.${i}.comment`] = ['is required for this question'];
    });
    if (Object.keys(fields).length) throw badRequest('Some questions are not valid.', fields);
  };

  /** Derogation sets (ch. 7): a draft may lack them, but their mandatory free-text questions must be among those sent. */
  const checkMandatoryQuestions = async (em: Tx, questionSet: string, chosen: string[]) => {
    if (!questionSetRules[questionSet]?.checklistMustBeConfirmed) return;
    const required = await em.execute<{ code: string }[]>('select code from ref_question where question_set_code = ? and comment_required and retired = false order by position', [questionSet]);
    const missing = required.map((q) => q.code).filter((code) => !chosen.includes(code));
    if (missing.length) throw badRequest(`Mandatory in ${questionSet}: ${missing.join(', ')}.`, { questions: missing.map((code) => `${code} is mandatory`) });
  };

  /** Derogation sets (ch. 7): the requester confirms every step of the set's checklist when sending. */
  const checkChecklistConfirmed = async (em: Tx, questionSet: string, confirmed: readonly number[] | undefined) => {
    if (!questionSetRules[questionSet]?.checklistMustBeConfirmed) return;
    const [set] = await em.execute<{ checklist: unknown[] | null }[]>('select checklist from ref_question_set where code = ?', [questionSet]);
    const steps = set?.checklist?.length ?? 0;
    const done = new Set(confirmed ?? []);
    const fields: Record<string, string[]> = {};
    for (let i = 0; i < steps; i++) if (!done.has(i)) fields[`confirmedChecklist.${i}`] = [`step ${i + 1} of the checklist must be confirmed`];
    if (Object.keys(fields).length) throw badRequest(`Confirm every step of the ${questionSet} checklist before sending.`, fields);
  };

  const writeCaseData = async (tx: Tx, requestId: string, data: CaseDataInput) => {
    await tx.execute(
      `insert into request_case_data (request_id, subject_kind, name, identifiers, fields, reason, updated_at) values (?, ?, ?, ?::jsonb, ?::jsonb, ?, now())
       on conflict (request_id) do update set subject_kind = excluded.subject_kind, name = excluded.name, identifiers = excluded.identifiers,
         fields = excluded.fields, reason = excluded.reason, updated_at = now()`,
      [requestId, data.subjectKind, data.name, JSON.stringify(data.identifiers), JSON.stringify(data.fields), data.reason ?? null],
    );
  };

  const writeQuestions = async (tx: Tx, requestId: string, questionSet: string, questions: { code: string; comment?: string | null; commentLanguage?: string | null }[]) => {
    const ids = new Map<string, string>();
    for (const [i, q] of questions.entries()) {
      const id = randomUUID();
      ids.set(q.code, id);
      await tx.execute(
        'insert into request_question (id, request_id, question_set, question_code, position, comment, comment_language) values (?, ?, ?, ?, ?, ?, ?)',
        [id, requestId, questionSet, q.code, i + 1, q.comment?.trim() || null, q.comment?.trim() ? (q.commentLanguage ?? null) : null],
      );
    }
    return ids;
  };

  /** A reason or remarks: stored as a request text (a `reason:<command>` message row, personal data), id for the workflow. */
  const storeText = async (loaded: Loaded, actor: AuthActor, command: string, text: string | null | undefined, language: string, key: string | undefined) => {
    if (!text?.trim()) return null;
    const id = keyedId(loaded.row.id, key, command);
    const requesterSide = loaded.side === 'requester' || loaded.side === 'requester-coordinator';
    await loaded.em.execute(
      `insert into request_message (id, request_id, from_side, authority_id, user_id, comment_code, text, language, sent_at) values (?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (id) do nothing`,
      [id, loaded.row.id, requesterSide ? 'requester' : 'responder', actor.authorityId ?? loaded.row.requestingAuthorityId, actor.kind === 'user' ? actor.id : null, `reason:${command}`, text.trim(), language],
    );
    return id;
  };

  const handle = (id: string) => temporal.workflow.getHandle<typeof RequestWorkflow>(requestWorkflowId(id));
  const updateId = (key: string | undefined, suffix = '') => (key ? `http:${key}${suffix}` : undefined);

  /** Sends one update; a refusal maps to 400/403/409 (api/temporalErrors.ts); `undo` removes rows written for it. */
  const send = async <A extends object>(id: string, update: UpdateDefinition<RequestSnapshot, [{ actor: Actor } & A]>, args: { actor: Actor } & A, key: string | undefined, undo?: () => Promise<unknown>) => {
    try {
      return await handle(id).executeUpdate(update, { args: [args], updateId: updateId(key) });
    } catch (error) {
      if (undo) await undo().catch(() => undefined);
      throw toApiError(error, 'Request');
    }
  };

  // ───────────── routes: lists (before /{id}) ─────────────

  const viewerOf = (actor: AuthActor) => {
    if (!actor.authorityId) throw new ApiError(403, 'forbidden', 'Request lists are for users of an authority.');
    return { userId: actor.id, authorityId: actor.authorityId, roles: actor.roles };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/action-list',
      tags,
      summary: 'The requests where the caller must act now (5.3.9.1), drafts included',
      request: { query: requestActionListQuerySchema },
      responses: { 200: json(requestListSchema, 'The action list'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => c.json(await requestActionList(orm.em.fork(), viewerOf(c.get('actor')!), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Search the requests the caller’s authority sent or received, or (coordinators) of the authorities it coordinates',
      request: { query: requestSearchQuerySchema },
      responses: { 200: json(requestListSchema, 'Matching requests (no personal data)'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => c.json(await searchRequests(orm.em.fork(), viewerOf(c.get('actor')!), c.req.valid('query')), 200),
  );

  // ───────────── create ─────────────

  /** The caller as a requesting case handler of its authority in the area. */
  const requesterAuthority = async (em: Tx, actor: AuthActor, area: string) => {
    if (actor.kind !== 'user' || !actor.authorityId) throw new ApiError(403, 'forbidden', 'Requests are made by case handlers of an authority.');
    if (!rolesInArea(actor, area).includes('case-handler')) throw new ApiError(403, 'forbidden', `Only case handlers make requests in ${area}.`);
    const authority = await requestAuthority(em, actor.authorityId, area);
    if (!authority) throw new ApiError(403, 'forbidden', `Your authority has no active request access in ${area}.`);
    return authority;
  };

  /**
   * Opens a request: writes its rows and the read model's first snapshots (created, and sent when
   * `send`) in one transaction, computed by the same pure machine the workflow runs, then starts
   * the workflow with those inputs (RequestInput.openedAt/sendOnOpen/projectedVersion). The
   * answer needs no round trip through the worker: the workflow reaches the same state on its own.
   */
  const openRequest = async (
    actor: AuthActor,
    input: {
      legislationArea: string;
      questionSet: string;
      respondingAuthorityId: string;
      deadline: string | null;
      relatedRequestNumber: string | null;
      urgent: boolean;
      send: boolean;
      write: (tx: Tx, requestId: string) => Promise<string[]>;
    },
  ) => {
    const em = orm.em.fork();
    const mine = await requesterAuthority(em, actor, input.legislationArea);
    if (input.respondingAuthorityId === mine.id) throw badRequest('An authority cannot send a request to itself.', { respondingAuthorityId: ['is your own authority'] });
    const responder = await requestAuthority(em, input.respondingAuthorityId, input.legislationArea);
    if (!responder) throw badRequest('The responding authority does not take part in requests in this area.', { respondingAuthorityId: ['has no active request access in this area'] });
    const requestId = randomUUID();
    const [coordinators, flags] = await Promise.all([linkedCoordinators(em, mine.id, input.legislationArea), flagsOf(em, mine.id, input.legislationArea)]);
    const createdBy = workflowActor(actor, input.legislationArea);
    const openedAt = new Date();
    let args: RequestInput | undefined;
    let attributes: ReturnType<typeof requestSearchAttributeValues> | undefined;
    await em.transactional(async (tx) => {
      const number = await nextRequestNumber(tx);
      // A provisional row (version 0) so the personal data rows have their parent; the first projection (version 1) replaces it.
      await tx.execute(
        `insert into request (id, number, legislation_area, question_set, status, version, requesting_authority_id, requesting_country, responding_authority_id,
           responding_country, requester_handler_ids, responder_handler_ids, question_ids, requester_coordinator_handler_ids, responder_coordinator_handler_ids,
           overdue, urgent, close_reminders_sent, created_at, updated_at)
         values (?, ?, ?, ?, 'draft', 0, ?, ?, ?, ?, '[]', '[]', '[]', '[]', '[]', false, ?, 0, ?, now())`,
        [requestId, number, input.legislationArea, input.questionSet, mine.id, mine.country_code, responder.id, responder.country_code, input.urgent, openedAt],
      );
      const questionIds = await input.write(tx, requestId);
      const newRequest: NewRequest = {
        requestId,
        number,
        legislationArea: input.legislationArea,
        questionSet: input.questionSet,
        questionIds,
        requestingAuthorityId: mine.id,
        requestingCountry: mine.country_code,
        respondingAuthorityId: responder.id,
        respondingCountry: responder.country_code,
        requesterCoordinatorId: coordinators[0] ?? null,
        deadline: input.deadline,
        relatedRequestNumber: input.relatedRequestNumber,
        urgent: input.urgent,
        rules: { policy, requesterUsesAllocation: flags?.coordinator.usesAllocation ?? false },
        splitFrom: null,
      };
      let sendOnOpen: SendFacts | undefined;
      if (input.send) {
        const created = createRequest(newRequest, createdBy, openedAt).state;
        sendOnOpen = await sendFacts(tx, created);
        const sent = transition(created, { type: 'send', facts: sendOnOpen }, createdBy, openedAt);
        // Refused (e.g. a cited request that does not exist): nothing is kept, the transaction rolls back.
        if (!sent.ok) throw refusal(sent.rejection);
      }
      const opened = openRequestState(newRequest, createdBy, openedAt, sendOnOpen);
      for (const step of opened.projected) await projectRequestSnapshot(tx, snapshotOf(step), projectionEventOf(step.lastEvent));
      attributes = requestSearchAttributeValues(opened.state);
      args = { ...newRequest, createdBy, openedAt: openedAt.toISOString(), ...(sendOnOpen && { sendOnOpen }), projectedVersion: opened.state.version, searchAttributesSetAtStart: true, localActivities: true };
    });
    try {
      await startCase<typeof RequestWorkflow>(temporal, 'RequestWorkflow', {
        workflowId: requestWorkflowId(requestId),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowIdConflictPolicy: 'FAIL',
        args: [args!],
        // All of them now, from the opened state: the workflow does not upsert them again.
        typedSearchAttributes: [
          { key: CaseType, value: 'request' },
          { key: CaseStatus, value: attributes!.status },
          { key: CountryCode, value: mine.country_code },
          { key: AuthorityIds, value: attributes!.authorityIds },
          ...(attributes!.deadline ? [{ key: CaseDeadline, value: attributes!.deadline }] : []),
        ],
      });
    } catch (error) {
      // Only when the workflow surely does not exist: a started one needs its rows.
      if (error instanceof CaseStartFailed && error.started === 'no') {
        await orm.em.fork().transactional(async (tx) => {
          await tx.execute('delete from request where id = ?', [requestId]);
          await tx.execute(`delete from audit_event where subject_type = 'request' and subject_id = ?`, [requestId]);
        });
      }
      throw toApiError(error, 'Request');
    }
    return requestId;
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a request — a draft, or sent at once with `send: true` — with case data, questions with comments, attachments (base64); the caller becomes its case handler',
      request: { body: body(newRequestSchema) },
      responses: { 201: json(requestDetailSchema, 'The new request (a draft unless sent)'), ...errorResponses(400, 401, 403, 409, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const input = c.req.valid('json');
      await checkQuestions(orm.em.fork(), input.legislationArea, input.questionSet, input.questions);
      if (input.send) {
        await checkMandatoryQuestions(orm.em.fork(), input.questionSet, input.questions.map((q) => q.code));
        await checkChecklistConfirmed(orm.em.fork(), input.questionSet, input.confirmedChecklist);
      }
      const id = await openRequest(actor, {
        legislationArea: input.legislationArea,
        questionSet: input.questionSet,
        respondingAuthorityId: input.respondingAuthorityId,
        deadline: input.deadline ?? null,
        relatedRequestNumber: input.relatedRequestNumber ?? null,
        urgent: input.urgent,
        send: input.send,
        write: async (tx, requestId) => {
          await writeCaseData(tx, requestId, input.caseData);
          const ids = await writeQuestions(tx, requestId, input.questionSet, input.questions);
          await insertAttachments(tx, requestId, 'requester', actor.id, input.attachments, { questionIds: ids });
          return [...ids.values()];
        },
      });
      return c.json(await detail(actor, id), 201);
    },
  );

  // ───────────── read ─────────────

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'A request: its facts, questions, answers, messages, attachments, timeline and the commands the caller may perform now',
      request: { params: idParam },
      responses: { 200: json(requestDetailSchema, 'The request (personal data only where §8 allows)'), ...errorResponses(400, 401, 404) },
    }),
    async (c) => c.json(await detail(c.get('actor')!, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/attachments/{attachmentId}',
      tags,
      summary: 'Download an attachment (locked for the responder until it accepts, and for everyone once blocked)',
      request: { params: attachmentParam },
      responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } } }, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id, attachmentId } = c.req.valid('param');
      const loaded = await load(actor, id);
      const [row] = await loaded.em.execute<{ file_name: string; mime_type: string; content: Buffer | null; side: Side; message_id: string | null; uploaded_at: Date }[]>(
        'select file_name, mime_type, content, side, message_id, uploaded_at from request_attachment where id = ? and request_id = ? and blocked_at is null',
        [attachmentId, id],
      );
      const party = loaded.side === 'requester' || loaded.side === 'responder' ? loaded.side : null;
      const [last] = await loaded.em.execute<{ at: Date | null }[]>(`select max(sent_at) as at from request_answer where request_id = ? and state = 'sent'`, [id]);
      if (!row || !attachmentShown(row, party, last?.at ?? null)) throw notFound('Attachment');
      if (!loaded.access.visible) throw new ApiError(403, 'locked', loaded.access.reason ?? 'You may not open this attachment.');
      const name = row.file_name.replace(/["\\\r\n]/g, '_');
      return new Response(new Uint8Array(row.content ?? Buffer.alloc(0)), {
        status: 200,
        headers: { 'content-type': row.mime_type, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
      }) as never;
    },
  );

  // ───────────── commands ─────────────

  const command = <S extends z.ZodTypeAny | null>(name: RequestCommandName, summary: string, schema: S, bodyRequired = true) =>
    createRoute({
      method: 'post',
      path: `/{id}/${name}`,
      tags,
      summary,
      request: { params: idParam, headers: idempotencyHeader, ...(schema && { body: { ...body(schema), required: bodyRequired } }) },
      responses: detailResponses,
    });

  /** Common shape of a command: load (404 if unseen), build the update's args, send it, answer the projected detail. */
  const register = <S extends z.ZodTypeAny | null>(
    name: RequestCommandName,
    summary: string,
    schema: S,
    run: (ctx: { loaded: Loaded; actor: AuthActor; who: Actor; input: S extends z.ZodTypeAny ? z.infer<S> : undefined; key: string | undefined }) => Promise<unknown>,
    bodyRequired = true,
  ) => {
    app.openapi(command(name, summary, schema, bodyRequired), async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const loaded = await load(actor, id);
      const input = (schema ? (c.req.valid as (t: 'json') => unknown)('json') : undefined) as S extends z.ZodTypeAny ? z.infer<S> : undefined;
      await run({ loaded, actor, who: workflowActor(actor, loaded.row.legislationArea), input, key });
      return c.json(await detail(actor, id), 200);
    });
  };
  /** Removes a text written for a refused command. A keyed call keeps it: its retry reuses the row, and Temporal answers the retry with the first outcome. */
  const undoText = (loaded: Loaded, textId: string | null, key: string | undefined) => async () => {
    if (textId && !key) await orm.em.fork().execute('delete from request_message where id = ?', [textId]);
  };

  /** Refuses early, before rows are written, what the machine would refuse for who or when. */
  const precheck = async (loaded: Loaded, who: Actor, cmd: RequestCommand, key?: string) => {
    // A retried keyed call is answered by Temporal with the first outcome; the state has moved on since.
    if (key) return;
    const result = transition(await stateOf(loaded.em, loaded.snapshot), cmd, who, new Date());
    if (result.ok || result.rejection.code === 'Invalid') return;
    throw refusal(result.rejection);
  };

  /**
   * A command with a reason or remarks: refused early before its text is written (as `command`),
   * then sent with the text's id; a refused update removes the text again.
   */
  const sendWithText = async <A extends object>(
    { loaded, actor, who, key }: { loaded: Loaded; actor: AuthActor; who: Actor; key: string | undefined },
    command: string,
    check: RequestCommand,
    input: { text: string | null | undefined; language: string },
    update: UpdateDefinition<RequestSnapshot, [{ actor: Actor } & A]>,
    args: (textId: string | null) => A,
  ) => {
    await precheck(loaded, who, check, key);
    const textId = await storeText(loaded, actor, command, input.text, input.language, key);
    return send(loaded.row.id, update, { actor: who, ...args(textId) }, key, undoText(loaded, textId, key));
  };

  register('edit-draft', 'Edit a draft (or a request the coordinator refused): case data, questions, deadline, responder', editRequestDraftSchema, async ({ loaded, who, input }) => {
    await precheck(loaded, who, { type: 'editDraft' });
    const s = loaded.snapshot;
    let questionIds: string[] | undefined;
    let responder: { id: string; country_code: string } | null = null;
    if (input.respondingAuthorityId) {
      responder = await requestAuthority(loaded.em, input.respondingAuthorityId, s.legislationArea);
      if (!responder) throw badRequest('The responding authority does not take part in requests in this area.', { respondingAuthorityId: ['has no active request access in this area'] });
    }
    if (input.questions) await checkQuestions(loaded.em, s.legislationArea, s.questionSet, input.questions);
    await loaded.em.transactional(async (tx) => {
      if (input.caseData) await writeCaseData(tx, s.requestId, input.caseData);
      if (input.questions) {
        await tx.execute('delete from request_question where request_id = ?', [s.requestId]);
        questionIds = [...(await writeQuestions(tx, s.requestId, s.questionSet, input.questions)).values()];
      }
    });
    await send(
      s.requestId,
      editRequestDraft,
      {
        actor: who,
        ...(questionIds && { questionIds }),
        ...(input.deadline !== undefined && { deadline: input.deadline }),
        ...(responder && { respondingAuthorityId: responder.id, respondingCountry: responder.country_code }),
        ...(input.relatedRequestNumber !== undefined && { relatedRequestNumber: input.relatedRequestNumber }),
        ...(input.urgent !== undefined && { urgent: input.urgent }),
      },
      // No update id: an edit writes new question rows, so a retry must apply again (edits are idempotent in content).
      undefined,
    );
  });

  register(
    'send',
    'Send the request (to the coordinator first when approval is required); derogation sets need every checklist step confirmed',
    sendRequestBodySchema,
    async ({ loaded, who, key, input }) => {
      if (loaded.side === 'requester') {
        const chosen = await loaded.em.execute<{ question_code: string }[]>('select question_code from request_question where request_id = ? and blocked_at is null', [loaded.row.id]);
        await checkMandatoryQuestions(loaded.em, loaded.snapshot.questionSet, chosen.map((q) => q.question_code));
        await checkChecklistConfirmed(loaded.em, loaded.snapshot.questionSet, input?.confirmedChecklist);
      }
      await send(loaded.row.id, sendRequest, { actor: who, facts: await sendFacts(loaded.em, loaded.snapshot) }, key);
    },
    false,
  );
  register('approve-request', 'The requester’s coordinator approves the request (it is sent)', null, async ({ loaded, who, key }) => {
    await send(loaded.row.id, approveRequest, { actor: who }, key);
  });
  register('refuse-request', 'The requester’s coordinator does not approve: back with remarks', remarksBodySchema, async (ctx) => {
    const { input } = ctx;
    await sendWithText(ctx, 'refuse-request', { type: 'refuseRequest', remarksId: 'x' }, { text: input.remarks, language: input.language }, refuseRequest, (textId) => ({ remarksId: textId! }));
  });
  register('propose-deadline', 'The responder proposes a new deadline', proposeDeadlineBodySchema, async ({ loaded, who, input, key }) => {
    await send(loaded.row.id, proposeDeadline, { actor: who, deadline: input.deadline }, key);
  });
  register('accept-proposed-deadline', 'The requester accepts the proposed deadline', null, async ({ loaded, who, key }) => {
    await send(loaded.row.id, acceptProposedDeadline, { actor: who }, key);
  });
  register('accept', 'The responder accepts the request (choosing its request coordinator when linked to several)', acceptBodySchema, async ({ loaded, who, input, key }) => {
    await send(loaded.row.id, acceptRequest, { actor: who, responderCoordinatorId: input.responderCoordinatorId ?? null, facts: await acceptFacts(loaded.em, loaded.snapshot) }, key);
  });
  register('change-responder-coordinator', 'The responder chooses another of its linked request coordinators', changeCoordinatorBodySchema, async ({ loaded, who, input, key }) => {
    await send(loaded.row.id, changeResponderCoordinator, { actor: who, responderCoordinatorId: input.responderCoordinatorId, facts: await acceptFacts(loaded.em, loaded.snapshot) }, key);
  });
  register('reject', 'The responder rejects the request (only with the flag, or a coordinator); ends it', reasonBodySchema, async (ctx) => {
    const { loaded, input } = ctx;
    const facts = await rejectFacts(loaded.em, loaded.snapshot);
    await sendWithText(ctx, 'reject', { type: 'reject', reasonId: 'x', facts }, { text: input.reason, language: input.language }, rejectRequest, (textId) => ({ reasonId: textId!, facts }));
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/forward',
      tags,
      summary: 'The responder forwards the request to another authority of its country (also after acceptance, deleting its draft answer); it then no longer sees it',
      request: { params: idParam, headers: idempotencyHeader, body: body(forwardBodySchema) },
      responses: { 200: json(forwardResultSchema, 'Where the request went'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const input = c.req.valid('json');
      const loaded = await load(actor, id);
      const who = workflowActor(actor, loaded.row.legislationArea);
      const { toCountry, facts } = await forwardFacts(loaded.em, loaded.snapshot, input.toAuthorityId);
      const after = await sendWithText(
        { loaded, actor, who, key },
        'forward',
        { type: 'forward', toAuthorityId: input.toAuthorityId, toCountry, reasonId: 'x', facts },
        { text: input.reason, language: input.language },
        forwardRequest,
        (textId) => ({ toAuthorityId: input.toAuthorityId, toCountry, reasonId: textId!, facts }),
      );
      return c.json({ id, number: after.number, status: after.status, respondingAuthorityId: after.respondingAuthorityId, respondingCountry: after.respondingCountry }, 200);
    },
  );
  register('split', 'The responder sends some questions on to another authority of its country as a new request', splitBodySchema, async ({ loaded, actor, who, input, key }) => {
    const s = loaded.snapshot;
    const { toCountry, facts } = await forwardFacts(loaded.em, s, input.toAuthorityId);
    const newRequestId = keyedId(s.requestId, key, 'split');
    await precheck(loaded, who, { type: 'split', toAuthorityId: input.toAuthorityId, toCountry, reasonId: 'x', facts, newRequestId, newNumber: 'x', questionIds: input.questionIds }, key);
    const textId = await storeText(loaded, actor, 'split', input.reason, input.language, key);
    // The new request's provisional row (id and number, in no list) for copySplitContent; its first projection replaces it.
    let [existing] = await loaded.em.execute<{ number: string }[]>('select number from request where id = ?', [newRequestId]);
    if (!existing) {
      const number = await nextRequestNumber(loaded.em);
      await insertProvisionalSplitRequest(loaded.em, {
        id: newRequestId,
        number,
        splitFrom: s.requestId,
        legislationArea: s.legislationArea,
        questionSet: s.questionSet,
        requestingAuthorityId: s.requestingAuthorityId,
        requestingCountry: s.requestingCountry,
        respondingAuthorityId: input.toAuthorityId,
        respondingCountry: toCountry,
        urgent: s.urgent,
      });
      existing = { number };
    }
    await send(
      s.requestId,
      splitRequest,
      { actor: who, newRequestId, newNumber: existing.number, toAuthorityId: input.toAuthorityId, toCountry, questionIds: input.questionIds, reasonId: textId!, facts },
      key,
      async () => {
        await undoText(loaded, textId, key)();
        await orm.em.fork().execute('delete from request where id = ? and version = 0', [newRequestId]);
      },
    );
  });
  register('answer', 'The responder sends its saved draft answer (to its coordinator first when approval is required)', null, async ({ loaded, who, key }) => {
    await precheck(loaded, who, { type: 'answer', facts: { approvalRequired: false, coordinatorApprovesAnswers: false } }, key);
    const [draft] = await loaded.em.execute(`select 1 from request_answer where request_id = ? and state = 'draft' limit 1`, [loaded.row.id]);
    if (!draft && !key) throw badRequest('Save a draft answer first (PUT /api/requests/{id}/answer-draft).', { answers: ['no draft answer'] });
    await send(loaded.row.id, answerRequest, { actor: who, facts: await answerFacts(loaded.em, loaded.snapshot) }, key);
  });
  register('approve-answer', 'The responder’s coordinator approves the answer (it is sent)', null, async ({ loaded, who, key }) => {
    await send(loaded.row.id, approveAnswer, { actor: who }, key);
  });
  register('refuse-answer', 'The responder’s coordinator does not approve the answer: back with remarks', remarksBodySchema, async (ctx) => {
    const { input } = ctx;
    await sendWithText(ctx, 'refuse-answer', { type: 'refuseAnswer', remarksId: 'x' }, { text: input.remarks, language: input.language }, refuseAnswer, (textId) => ({ remarksId: textId! }));
  });
  register('close', 'The requester closes the request (the answer is satisfactory); retention starts', null, async ({ loaded, who, key }) => {
    await send(loaded.row.id, closeRequest, { actor: who }, key);
  });
  register('request-additional-info', 'The requester asks for additional information about the original questions', reasonBodySchema, async (ctx) => {
    const { input } = ctx;
    await sendWithText(ctx, 'request-additional-info', { type: 'requestAdditionalInfo', reasonId: 'x' }, { text: input.reason, language: input.language }, requestAdditionalInfo, (textId) => ({ reasonId: textId! }));
  });
  register('accept-additional-info', 'The responder accepts to give additional information', null, async ({ loaded, who, key }) => {
    await send(loaded.row.id, acceptAdditionalInfo, { actor: who }, key);
  });
  register('refuse-additional-info', 'The responder refuses to give additional information', reasonBodySchema, async (ctx) => {
    const { input } = ctx;
    await sendWithText(ctx, 'refuse-additional-info', { type: 'refuseAdditionalInfo', reasonId: 'x' }, { text: input.reason, language: input.language }, refuseAdditionalInfo, (textId) => ({ reasonId: textId! }));
  });
  register('refer', 'The requester refers the disagreement (scenarios 1–4 by the coordinators’ flags)', null, async ({ loaded, who, key }) => {
    await send(loaded.row.id, referRequest, { actor: who, facts: await referralFacts(loaded.em, loaded.snapshot) }, key);
  });
  register('give-opinion', 'The coordinator whose turn it is gives its opinion on the referral', opinionBodySchema, async (ctx) => {
    const { input } = ctx;
    await sendWithText(ctx, 'give-opinion', { type: 'giveOpinion', agrees: input.agrees, remarksId: null }, { text: input.remarks, language: input.language }, giveReferralOpinion, (textId) => ({ agrees: input.agrees, remarksId: textId }));
  });
  register('provide-more', 'The responder will provide more information (after a referral or a new ask)', null, async ({ loaded, who, key }) => {
    await send(loaded.row.id, provideMore, { actor: who }, key);
  });
  register('keep-position', 'The responder keeps its position', optionalReasonBodySchema, async (ctx) => {
    const { input } = ctx;
    await sendWithText(ctx, 'keep-position', { type: 'keepPosition', reasonId: null }, { text: input.reason, language: input.language }, keepPosition, (textId) => ({ reasonId: textId }));
  });
  register('assign-handlers', 'An allocator assigns the request to case handlers (or, at coordinators, referral handlers)', assignHandlersBodySchema, async ({ loaded, who, input, key }) => {
    const s = loaded.snapshot;
    const authorityId = { requester: s.requestingAuthorityId, responder: s.respondingAuthorityId, 'requester-coordinator': s.requesterCoordinatorId, 'responder-coordinator': s.responderCoordinatorId }[input.party];
    await precheck(loaded, who, { type: 'assignHandlers', party: input.party as RequestParty, userIds: input.userIds }, key);
    const role = input.party.endsWith('coordinator') ? 'referral-handler' : 'case-handler';
    const users = await loaded.em.execute<{ id: string }[]>(
      `select id from app_user where authority_id = ? and status = 'active' and id in (${input.userIds.map(() => '?').join(', ')})
         and exists (select 1 from jsonb_array_elements(roles::jsonb) r where r->>'role' = ? and (r->>'area' is null or r->>'area' = ?))`,
      [authorityId, ...input.userIds, role, s.legislationArea],
    );
    const missing = input.userIds.filter((u) => !users.some((x) => x.id === u));
    if (missing.length) throw badRequest(`These users are not ${role}s of the authority: ${missing.join(', ')}.`, { userIds: [`not ${role}s of the authority: ${missing.join(', ')}`] });
    await send(s.requestId, assignRequestHandlers, { actor: who, party: input.party as RequestParty, userIds: input.userIds }, key);
  });
  register('commission-decision', 'The Commission (helpdesk) decides on a notification of measures', commissionDecisionBodySchema, async ({ loaded, who, input, key }) => {
    await send(loaded.row.id, recordCommissionDecision, { actor: who, decision: input.decision }, key);
  });

  // ───────────── messages, answer drafts, copy ─────────────

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/messages',
      tags,
      summary: 'Send a message to the other side: a predefined comment and/or text, attachments (base64)',
      request: { params: idParam, headers: idempotencyHeader, body: body(messageBodySchema) },
      responses: { 201: json(requestDetailSchema, 'The request with the message'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const input = c.req.valid('json');
      const loaded = await load(actor, id);
      const who = workflowActor(actor, loaded.row.legislationArea);
      await precheck(loaded, who, { type: 'sendMessage', messageId: 'x' }, key);
      if (loaded.side !== 'requester' && loaded.side !== 'responder') throw new ApiError(403, 'not_allowed', 'Only the requester or the responder exchange messages.');
      const side = loaded.side;
      const messageId = keyedId(id, key, 'message');
      const [exists] = await loaded.em.execute('select 1 from request_message where id = ?', [messageId]);
      if (!exists) {
        await loaded.em.transactional(async (tx) => {
          await tx.execute(
            'insert into request_message (id, request_id, from_side, authority_id, user_id, comment_code, text, language, sent_at) values (?, ?, ?, ?, ?, ?, ?, ?, now())',
            [messageId, id, side, actor.authorityId, actor.id, input.commentCode ?? null, input.text?.trim() || null, input.language],
          );
          await insertAttachments(tx, id, side, actor.id, input.attachments, { messageId });
        });
      }
      await send(id, sendRequestMessage, { actor: who, messageId }, key, async () => {
        if (!exists) await orm.em.fork().execute('delete from request_message where id = ?', [messageId]);
      });
      return c.json(await detail(actor, id), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{id}/answer-draft',
      tags,
      summary: 'Save the responder’s draft answer: per question a predefined answer and/or text with its language; attachments (base64)',
      request: { params: idParam, body: body(answerDraftBodySchema) },
      responses: { 200: json(requestDetailSchema, 'The request with the draft'), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const loaded = await load(actor, id);
      const who = workflowActor(actor, loaded.row.legislationArea);
      await precheck(loaded, who, { type: 'answer', facts: { approvalRequired: false, coordinatorApprovesAnswers: false } });
      const s = loaded.snapshot;
      const fields: Record<string, string[]> = {};
      const predefined = new Map(
        (
          await loaded.em.execute<{ code: string; question_code: string }[]>(
            `select pa.code, pa.question_code from ref_predefined_answer pa join request_question q on q.question_code = pa.question_code where q.request_id = ?`,
            [id],
          )
        ).map((p) => [p.code, p.question_code]),
      );
      const questions = new Map((await loaded.em.execute<{ id: string; question_code: string }[]>('select id, question_code from request_question where request_id = ?', [id])).map((q) => [q.id, q.question_code]));
      input.answers.forEach((a, i) => {
        if (!s.questionIds.includes(a.questionId) || !questions.has(a.questionId)) fields[`answers.${i}.questionId`] = ['not a question of this request'];
        else if (a.predefinedAnswer && predefined.get(a.predefinedAnswer) !== questions.get(a.questionId)) fields[`answers.${i}.predefinedAnswer`] = ['not an answer to this question'];
      });
      if (Object.keys(fields).length) throw badRequest('Some answers are not valid.', fields);
      // Round 1 is the answer; each accepted ask for more information opens the next round.
      const [{ rounds }] = await loaded.em.execute<{ rounds: string }[]>(
        `select count(*)::text as rounds from audit_event where subject_type = 'request' and subject_id = ? and action in ('additional-info-accepted', 'more-provided')`,
        [id],
      );
      const round = Number(rounds) + 1;
      await loaded.em.transactional(async (tx) => {
        for (const a of input.answers) {
          await tx.execute(
            `insert into request_answer (id, request_id, question_id, round, predefined_answer, text, language, state, author_id, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, 'draft', ?, now())
             on conflict (question_id, round) do update set predefined_answer = excluded.predefined_answer, text = excluded.text, language = excluded.language,
               author_id = excluded.author_id, updated_at = now() where request_answer.state = 'draft'`,
            [randomUUID(), id, a.questionId, round, a.predefinedAnswer ?? null, a.text?.trim() || null, a.text?.trim() ? (a.language ?? null) : null, actor.id],
          );
        }
        const codes = new Map([...questions.entries()].map(([qid, code]) => [code, qid]));
        await insertAttachments(tx, id, 'responder', actor.id, input.attachments, { questionIds: codes });
      });
      return c.json(await detail(actor, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/copy',
      tags,
      summary: 'A new draft from this request (5.3.8): case data, and the chosen parts (responding authority, questions, attachments)',
      request: { params: idParam, body: body(copyBodySchema.extend({ respondingAuthorityId: z.string().uuid('must be an authority id (uuid)').optional() })) },
      responses: { 201: json(requestDetailSchema, 'The new draft'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const loaded = await load(actor, id);
      if (!loaded.access.visible || (loaded.side !== 'requester' && loaded.side !== 'responder')) {
        throw new ApiError(403, 'not_allowed', loaded.access.reason ?? 'Only case handlers of the two authorities may copy a request.');
      }
      const s = loaded.snapshot;
      // The other party of the original, seen from the copier's authority.
      const counterpart = loaded.side === 'requester' ? s.respondingAuthorityId : s.requestingAuthorityId;
      const respondingAuthorityId = input.respondingAuthorityId ?? (input.respondingAuthority ? counterpart : undefined);
      if (!respondingAuthorityId) throw badRequest('Choose the responding authority of the new request.', { respondingAuthorityId: ['Required'] });
      const newId = await openRequest(actor, {
        legislationArea: s.legislationArea,
        questionSet: s.questionSet,
        respondingAuthorityId,
        deadline: null,
        relatedRequestNumber: null,
        urgent: false,
        send: false,
        write: async (tx, requestId) => {
          await tx.execute(
            `insert into request_case_data (request_id, subject_kind, name, identifiers, fields, reason, updated_at)
             select ?, subject_kind, name, identifiers, fields, reason, now() from request_case_data where request_id = ? and blocked_at is null`,
            [requestId, id],
          );
          if (!input.questions) return [];
          const originals = await tx.execute<{ id: string; question_code: string; position: number; comment: string | null; comment_language: string | null }[]>(
            'select id, question_code, position, comment, comment_language from request_question where request_id = ? and blocked_at is null order by position',
            [id],
          );
          const map = new Map<string, string>();
          for (const q of originals) {
            const qid = randomUUID();
            map.set(q.id, qid);
            await tx.execute('insert into request_question (id, request_id, question_set, question_code, position, comment, comment_language) values (?, ?, ?, ?, ?, ?, ?)', [
              qid,
              requestId,
              s.questionSet,
              q.question_code,
              q.position,
              q.comment,
              q.comment_language,
            ]);
          }
          if (input.attachments) {
            const files = await tx.execute<{ id: string; question_id: string | null }[]>(
              `select id, question_id from request_attachment where request_id = ? and side = 'requester' and message_id is null and blocked_at is null`,
              [id],
            );
            for (const f of files) {
              await tx.execute(
                `insert into request_attachment (id, request_id, question_id, message_id, side, file_name, mime_type, size_bytes, content, storage_path, uploaded_by, uploaded_at)
                 select ?, ?, ?, null, 'requester', file_name, mime_type, size_bytes, content, storage_path, ?, now() from request_attachment where id = ?`,
                [randomUUID(), requestId, f.question_id ? (map.get(f.question_id) ?? null) : null, actor.id, f.id],
              );
            }
          }
          return [...map.values()];
        },
      });
      return c.json(await detail(actor, newId), 201);
    },
  );

  return app;
}

/**
 * Whether an attachment shows for the viewer at all: each side sees its own; the requester sees
 * the responder's only in messages or once they came with a sent answer (drafts stay private).
 */
function attachmentShown(a: { side: Side; message_id: string | null; uploaded_at: Date }, viewer: Side | null, lastAnswerSentAt: Date | null) {
  if (a.side === viewer || a.message_id || a.side === 'requester') return true;
  return !!lastAnswerSentAt && new Date(a.uploaded_at).getTime() <= new Date(lastAnswerSentAt).getTime();
}

const pick = (s: RequestSnapshot) => ({
  id: s.requestId,
  number: s.number,
  legislationArea: s.legislationArea,
  questionSet: s.questionSet,
  status: s.status,
  version: s.version,
  requestingAuthorityId: s.requestingAuthorityId,
  requestingCountry: s.requestingCountry,
  respondingAuthorityId: s.respondingAuthorityId,
  respondingCountry: s.respondingCountry,
  requesterCoordinatorId: s.requesterCoordinatorId,
  responderCoordinatorId: s.responderCoordinatorId,
  requesterHandlerIds: s.requesterHandlerIds,
  responderHandlerIds: s.responderHandlerIds,
  deadline: s.deadline,
  proposedDeadline: s.proposedDeadline,
  overdue: s.overdue,
  createdAt: s.createdAt,
  sentAt: s.sentAt,
  acceptedAt: s.acceptedAt,
  answeredAt: s.answeredAt,
  closedAt: s.closedAt,
  splitFromRequestId: s.splitFromRequestId,
  relatedRequestNumber: s.relatedRequestNumber,
  urgent: s.urgent,
  measuresMayApplyAt: s.measuresMayApplyAt,
  commissionDecision: s.commissionDecision,
});

/** `GET /api/question-sets`: the question sets of an area (or all), translated into the caller's language, with the predefined message comments. */
export function questionSetRoutes({ orm }: Pick<AppDeps, 'orm'>) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'Question sets with their questions and predefined answers, in the caller’s language (or `language`)',
      request: { query: questionSetQuerySchema },
      responses: { 200: json(questionSetListSchema, 'The question sets'), ...errorResponses(400, 401) },
    }),
    async (c) => {
      const actor = c.get('actor');
      if (!actor) throw new ApiError(401, 'unauthenticated', 'Log in first.');
      const { area, language: asked } = c.req.valid('query');
      const em = orm.em.fork();
      const [user] = actor.kind === 'user' ? await em.execute<{ preferred_language: string }[]>('select preferred_language from app_user where id = ?', [actor.id]) : [];
      const language = asked ?? user?.preferred_language ?? 'en';
      const sets = await em.execute<{ code: string; area_code: string; names: Record<string, string>; instructions: Record<string, string> | null; checklist: Record<string, string>[] | null }[]>(
        `select code, area_code, names, instructions, checklist from ref_question_set where retired = false ${area ? 'and area_code = ?' : ''} order by area_code, position`,
        area ? [area] : [],
      );
      const questions = await em.execute<{ code: string; question_set_code: string; texts: Record<string, string>; comment_required: boolean }[]>(
        'select code, question_set_code, texts, comment_required from ref_question where retired = false order by question_set_code, position',
      );
      const answers = await em.execute<{ code: string; question_code: string; texts: Record<string, string> }[]>(
        'select code, question_code, texts from ref_predefined_answer where retired = false order by question_code, position',
      );
      return c.json(
        {
          data: sets.map((s) => ({
            code: s.code,
            area: s.area_code,
            name: translate(s.names, language),
            instructions: s.instructions ? translate(s.instructions, language) : null,
            checklist: (s.checklist ?? []).map((item) => translate(item, language)),
            questions: questions
              .filter((q) => q.question_set_code === s.code)
              .map((q) => ({
                code: q.code,
                text: translate(q.texts, language),
                commentRequired: q.comment_required,
                answers: answers.filter((a) => a.question_code === q.code).map((a) => ({ code: a.code, text: translate(a.texts, language) })),
              })),
          })),
          messageComments: Object.entries(messageComments).map(([code, texts]) => ({ code, text: translate(texts, language) })),
        },
        200,
      );
    },
  );
  return app;
}

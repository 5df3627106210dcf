/**
 * The request read model against real PostgreSQL: the version-guarded projection of
 * RequestSnapshot with its pending actions and audit events, request numbers, and retention's
 * block and erase of a request's personal data (domain.md §5, §8).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { nextRequestNumber, projectRequestSnapshot, requestPersonalData, type RequestProjectionEvent } from '../schema/requestReadModel';
import type { RequestSnapshot } from '../workflows/request/snapshot';
import { openTestOrm } from './stack';

let orm: MikroORM;
beforeAll(async () => {
  orm = (await openTestOrm()) as MikroORM;
});
afterAll(async () => {
  await orm?.close();
});

const requester = randomUUID();
const responder = randomUUID();

function aDraftRequest(overrides: Partial<RequestSnapshot> = {}): RequestSnapshot {
  const requestId = overrides.requestId ?? randomUUID();
  const handler = randomUUID();
  return {
    requestId,
    number: `REQ-2026-T${requestId.slice(0, 8)}`,
    legislationArea: 'professional-qualifications',
    questionSet: 'pq-diploma',
    status: 'draft',
    version: 1,
    requestingAuthorityId: requester,
    requestingCountry: 'DK',
    respondingAuthorityId: responder,
    respondingCountry: 'DE',
    requesterCoordinatorId: null,
    responderCoordinatorId: null,
    requesterHandlerIds: [handler],
    responderHandlerIds: [],
    pendingActions: [{ authorityId: requester, role: 'case-handler', userIds: [handler], action: 'send' }],
    deadline: '2026-12-20',
    proposedDeadline: null,
    overdue: false,
    createdAt: '2026-11-25T10:00:00.000Z',
    sentAt: null,
    acceptedAt: null,
    answeredAt: null,
    closedAt: null,
    splitFromRequestId: null,
    relatedRequestNumber: null,
    questionIds: [randomUUID()],
    requesterCoordinatorHandlerIds: [],
    responderCoordinatorHandlerIds: [],
    urgent: false,
    closeRemindersSent: 0,
    measuresMayApplyAt: null,
    commissionDecision: null,
    ...overrides,
  };
}

const event = (action: string, at = '2026-11-25T10:00:00.000Z'): RequestProjectionEvent => ({ action, actor: 'system', at, reason: null });

async function project(snapshot: RequestSnapshot, action: string) {
  return orm.em.fork().transactional((tx) => projectRequestSnapshot(tx, snapshot, event(action)));
}

async function stored(requestId: string) {
  const em = orm.em.fork();
  const [row] = await em.execute<{ status: string; version: number; responding_authority_id: string; sent_at: Date | null; deadline: string | null }[]>(
    'select status, version, responding_authority_id, sent_at, deadline::text as deadline from request where id = ?',
    [requestId],
  );
  const actions = await em.execute<{ authority_id: string; role: string; user_id: string | null; action: string; legislation_area: string }[]>(
    'select authority_id, role, user_id, action, legislation_area from request_pending_action where request_id = ? order by authority_id, role, user_id nulls first',
    [requestId],
  );
  const audit = await em.execute<{ action: string; version: number }[]>(`select action, version from audit_event where subject_type = 'request' and subject_id = ? order by version`, [requestId]);
  return { row, actions, audit };
}

describe('projectRequestSnapshot', () => {
  it('keeps the highest version when snapshots arrive out of order, and audits each step once', async () => {
    const draft = aDraftRequest();
    const sent = { ...draft, status: 'awaiting-acceptance' as const, version: 2, sentAt: '2026-11-25T11:00:00.000Z', pendingActions: [{ authorityId: responder, role: 'case-handler' as const, userIds: null, action: 'accept-or-reject' }] };
    const accepted = { ...sent, status: 'accepted' as const, version: 3, acceptedAt: '2026-11-26T09:00:00.000Z', pendingActions: [{ authorityId: responder, role: 'case-handler' as const, userIds: null, action: 'answer' }] };

    expect(await project(accepted, 'accepted')).toEqual({ applied: true });
    expect(await project(draft, 'created')).toEqual({ applied: false });
    expect(await project(sent, 'sent')).toEqual({ applied: false });
    expect(await project(accepted, 'accepted')).toEqual({ applied: false }); // a retried activity

    const { row, actions, audit } = await stored(draft.requestId);
    expect(row).toMatchObject({ status: 'accepted', version: 3, deadline: '2026-12-20' });
    expect(actions).toEqual([{ authority_id: responder, role: 'case-handler', user_id: null, action: 'answer', legislation_area: 'professional-qualifications' }]);
    expect(audit).toEqual([
      { action: 'created', version: 1 },
      { action: 'sent', version: 2 },
      { action: 'accepted', version: 3 },
    ]);
  });

  it('replaces the pending actions with each newer snapshot: one row per allocated user, none in a final state', async () => {
    const [u1, u2] = [randomUUID(), randomUUID()];
    const coordinator = randomUUID();
    const draft = aDraftRequest();
    await project(draft, 'created');
    expect((await stored(draft.requestId)).actions).toHaveLength(1);

    const allocated = {
      ...draft,
      status: 'accepted' as const,
      version: 2,
      pendingActions: [
        { authorityId: responder, role: 'case-handler' as const, userIds: [u1, u2].sort(), action: 'answer' },
        { authorityId: coordinator, role: 'referral-handler' as const, userIds: null, action: 'give-opinion' },
      ],
    };
    await project(allocated, 'allocated');
    const expected = [
      { authority_id: responder, role: 'case-handler', user_id: [u1, u2].sort()[0], action: 'answer' },
      { authority_id: responder, role: 'case-handler', user_id: [u1, u2].sort()[1], action: 'answer' },
      { authority_id: coordinator, role: 'referral-handler', user_id: null, action: 'give-opinion' },
    ].sort((a, b) => a.authority_id.localeCompare(b.authority_id));
    expect((await stored(draft.requestId)).actions.map(({ legislation_area: _, ...a }) => a)).toEqual(expected);

    await project({ ...allocated, status: 'closed', version: 3, closedAt: '2026-12-01T00:00:00.000Z', pendingActions: [] }, 'closed');
    const after = await stored(draft.requestId);
    expect(after.row!.status).toBe('closed');
    expect(after.actions).toEqual([]);
  });

  it('follows a forward: the new responder is stored and acts', async () => {
    const draft = aDraftRequest();
    await project({ ...draft, status: 'awaiting-acceptance', version: 2 }, 'sent');
    const other = randomUUID();
    await project({ ...draft, status: 'awaiting-acceptance', version: 3, respondingAuthorityId: other, pendingActions: [{ authorityId: other, role: 'allocator', userIds: null, action: 'allocate' }] }, 'forwarded');
    const { row, actions } = await stored(draft.requestId);
    expect(row!.responding_authority_id).toBe(other);
    expect(actions.map((a) => [a.authority_id, a.role, a.action])).toEqual([[other, 'allocator', 'allocate']]);
  });
});

describe('nextRequestNumber', () => {
  it('gives REQ-<year>-<6 digits>, increasing', async () => {
    const em = orm.em.fork();
    const a = await nextRequestNumber(em, new Date('2026-03-01T00:00:00Z'));
    const b = await nextRequestNumber(em, new Date('2026-03-01T00:00:00Z'));
    expect(a).toMatch(/^REQ-2026-\d{6,}$/);
    expect(Number(b.slice(9))).toBe(Number(a.slice(9)) + 1);
  });
});

describe('requestPersonalData', () => {
  async function aRequestWithPersonalData() {
    const draft = aDraftRequest();
    await project(draft, 'created');
    const em = orm.em.fork();
    const questionId = randomUUID();
    const messageId = randomUUID();
    await em.execute(
      `insert into request_case_data (request_id, subject_kind, name, identifiers, fields, reason, updated_at) values (?, 'person', 'Jane Doe', '{"nationalId":"010101-1234"}', '{}', 'checks a diploma', now())`,
      [draft.requestId],
    );
    await em.execute(`insert into request_question (id, request_id, question_set, question_code, position, comment, comment_language) values (?, ?, 'pq-diploma', 'pq-diploma/authentic', 1, 'Jane Doe''s diploma', 'en')`, [questionId, draft.requestId]);
    await em.execute(`insert into request_answer (id, request_id, question_id, round, predefined_answer, text, language, state, updated_at) values (?, ?, ?, 1, 'pq-diploma/authentic/yes', 'It is', 'en', 'draft', now())`, [randomUUID(), draft.requestId, questionId]);
    await em.execute(`insert into request_message (id, request_id, from_side, authority_id, comment_code, text, language, sent_at) values (?, ?, 'responder', ?, 'send-document', 'the 2019 certificate', 'en', now())`, [messageId, draft.requestId, responder]);
    await em.execute(
      `insert into request_attachment (id, request_id, question_id, message_id, side, file_name, mime_type, size_bytes, content, uploaded_at) values (?, ?, ?, null, 'requester', 'diploma.pdf', 'application/pdf', 4, '\\x25504446', now())`,
      [randomUUID(), draft.requestId, questionId],
    );
    return draft.requestId;
  }

  const counts = async (requestId: string) => {
    const [row] = await orm.em.fork().execute<Record<string, string>[]>(
      `select ${['request_case_data', 'request_question', 'request_answer', 'request_message', 'request_attachment']
        .map((t) => `(select count(*) from ${t} where request_id = ?) as ${t}, (select count(*) from ${t} where request_id = ? and blocked_at is not null) as ${t}_blocked`)
        .join(', ')}`,
      Array(10).fill(requestId),
    );
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
  };

  it('blocks every personal-data row of the request once, and leaves other requests alone', async () => {
    const requestId = await aRequestWithPersonalData();
    const other = await aRequestWithPersonalData();
    const at = new Date('2027-06-01T00:00:00Z');
    expect(await orm.em.fork().transactional((tx) => requestPersonalData.block(tx, requestId, at))).toBe(5);
    expect(await requestPersonalData.block(orm.em.fork(), requestId, new Date('2027-07-01T00:00:00Z'))).toBe(0);
    const c = await counts(requestId);
    for (const t of ['request_case_data', 'request_question', 'request_answer', 'request_message', 'request_attachment']) expect([t, c[t], c[`${t}_blocked`]]).toEqual([t, 1, 1]);
    const [blocked] = await orm.em.fork().execute<{ blocked_at: string }[]>('select blocked_at from request_case_data where request_id = ?', [requestId]);
    expect(new Date(blocked!.blocked_at).toISOString()).toBe(at.toISOString());
    expect((await counts(other)).request_case_data_blocked).toBe(0);
  });

  it('erases every personal-data row of the request and keeps its read-model row', async () => {
    const requestId = await aRequestWithPersonalData();
    expect(await orm.em.fork().transactional((tx) => requestPersonalData.erase(tx, requestId))).toBe(5);
    expect(Object.values(await counts(requestId)).every((n) => n === 0)).toBe(true);
    expect((await stored(requestId)).row!.status).toBe('draft');
  });
});

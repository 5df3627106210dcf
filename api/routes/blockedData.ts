import { createRoute, z } from '@hono/zod-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  earlyErasureRequestSchema,
  blockedDataRetrievalRequestSchema,
  blockedDataRetrievalSchema,
  newContestSchema,
  caseByNumberSchema,
  caseNumberParams,
  retentionCaseParams,
  retentionStatusSchema,
  type RetentionStatusView,
} from '../../schema/blockedData';
import { personalDataStoreOf } from '../../schema/personalDataStores';
import { eraseEarly, recordContest, retentionWorkflowId } from '../../workflows/retention/definitions';
import type { RetentionCaseType } from '../../workflows/retention/machine';
import type { RetentionWorkflow } from '../../workflows/retention/workflow';
import type { AuthActor } from '../auth/authenticate';
import type { AppDeps } from '../deps';
import { ApiError, conflict, errorResponses, notFound } from '../errors';
import type { PolicyDecision } from '../policy/adminRoles';
import { mayRecordContest, mayRetrieveBlockedData, mayViewRetention } from '../policy/retention';
import { createRouter } from '../router';
import { toApiError } from '../temporalErrors';
import { workflowActor } from './invitations';

const tags = ['Retention'];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

interface RetentionRow {
  case_type: RetentionCaseType;
  case_id: string;
  status: RetentionStatusView['status'];
  version: number;
  closed_at: Date;
  block_at: Date | null;
  erase_at: Date;
  blocked_at: Date | null;
  erased_at: Date | null;
  early_erasure: RetentionStatusView['earlyErasure'];
  contests: RetentionStatusView['contests'];
}

const isoOrNull = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const viewOf = (row: RetentionRow): RetentionStatusView => ({
  caseType: row.case_type,
  caseId: row.case_id,
  status: row.status,
  version: row.version,
  closedAt: new Date(row.closed_at).toISOString(),
  blockAt: isoOrNull(row.block_at),
  eraseAt: new Date(row.erase_at).toISOString(),
  blockedAt: isoOrNull(row.blocked_at),
  erasedAt: isoOrNull(row.erased_at),
  earlyErasure: row.early_erasure,
  contests: row.contests,
});

const caseName = (caseType: RetentionCaseType, caseId: string) => `The retention of ${caseType} ${caseId}`;
const auditActor = (actor: AuthActor) => (actor.kind === 'user' ? `user:${actor.id}` : actor.kind);
const enforce = (decision: PolicyDecision) => {
  if (!decision.ok) throw new ApiError(403, 'not_allowed', decision.rejection.message);
};

async function retentionRow(em: EntityManager, caseType: RetentionCaseType, caseId: string, lock = ''): Promise<RetentionRow> {
  const [row] = await em.execute<RetentionRow[]>(`select * from case_retention where case_type = ? and case_id = ? ${lock}`, [caseType, caseId]);
  if (!row) throw notFound(caseName(caseType, caseId));
  return row;
}

/**
 * Retention of closed cases (domain.md §8), for the helpdesk: a case's retention status, the
 * retrieval of blocked personal data (only on a special request with the data subject's consent
 * or to prove an exchange; every retrieval is audited with its reason), contests recorded beside
 * blocked data, and early erasure on a participating authority's request with consent. Mounted at /api behind authentication; the policy module decides the rest.
 */
export function blockedDataRoutes(deps: AppDeps) {
  const { orm, temporal } = deps;
  const app = createRouter();

  // Before /retention/{caseType}/{caseId}, which would take `by-number` for a case type.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/retention/by-number/{number}',
      tags,
      summary: 'The case behind a request or alert number, for the helpdesk (it uses no authority’s lists)',
      request: { params: caseNumberParams },
      responses: { 200: json(caseByNumberSchema, 'The case type and id'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      enforce(mayViewRetention(workflowActor(c.get('actor')!)));
      const { number } = c.req.valid('param');
      const caseType: RetentionCaseType = number.startsWith('ALR-') ? 'alert' : 'request';
      // Provisional rows (version 0, a start under way) are not a case yet.
      const [row] = await orm.em.fork().execute<{ id: string }[]>(`select id from ${caseType === 'alert' ? 'alert' : 'request'} where number = ? and version > 0`, [number]);
      if (!row) throw notFound(`${caseType === 'alert' ? 'Alert' : 'Request'} ${number}`);
      return c.json({ caseType, caseId: row.id, number }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/retention/{caseType}/{caseId}',
      tags,
      summary: "A closed case's retention: active, blocked or erased, with the due dates",
      request: { params: retentionCaseParams },
      responses: { 200: json(retentionStatusSchema, 'The retention status'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      enforce(mayViewRetention(workflowActor(c.get('actor')!)));
      const { caseType, caseId } = c.req.valid('param');
      return c.json(viewOf(await retentionRow(orm.em.fork(), caseType, caseId)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/blocked-data/{caseType}/{caseId}/retrievals',
      tags,
      summary: "Retrieve a case's blocked personal data (helpdesk only; audited with the reason)",
      request: { params: retentionCaseParams, body: body(blockedDataRetrievalRequestSchema) },
      responses: {
        200: json(blockedDataRetrievalSchema, 'The blocked personal data'),
        ...errorResponses(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      enforce(mayRetrieveBlockedData(workflowActor(actor)));
      const { caseType, caseId } = c.req.valid('param');
      const { reason, legalBasis, consentReference } = c.req.valid('json');
      const result = await orm.em.fork().transactional(async (tx) => {
        // `for share`: erasure (which updates the row) waits until this retrieval is recorded.
        const row = await retentionRow(tx, caseType, caseId, 'for share');
        if (row.status === 'active') throw conflict(`The personal data of ${caseType} ${caseId} is not blocked; the case's participants see it through the normal interface.`);
        if (row.status === 'erased') throw conflict(`The personal data of ${caseType} ${caseId} is erased; nothing can be retrieved.`);
        const store = personalDataStoreOf(caseType);
        if (!store) throw new ApiError(503, 'store_unavailable', `No personal data store is registered for ${caseType} cases in this deployment.`);
        const data = await store.retrieveBlocked(tx, caseId);
        if (!data) throw notFound(`Blocked personal data of ${caseType} ${caseId}`);
        const retrievedAt = new Date();
        await tx.execute(
          `insert into audit_event (at, subject_type, subject_id, action, actor, reason, details, version)
           values (?, ?, ?, 'retention.blocked-data-retrieved', ?, ?, ?::jsonb, null)`,
          [retrievedAt, caseType, caseId, auditActor(actor), reason, JSON.stringify({ legalBasis, consentReference: consentReference ?? null })],
        );
        return { row, data, retrievedAt };
      });
      return c.json(
        {
          caseType,
          caseId,
          blockedAt: new Date(result.row.blocked_at!).toISOString(),
          eraseAt: new Date(result.row.erase_at).toISOString(),
          retrievedAt: result.retrievedAt.toISOString(),
          legalBasis,
          data: result.data,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/retention/{caseType}/{caseId}/contests',
      tags,
      summary: 'Record a rectification or erasure contest beside blocked data (helpdesk only; the data stays unchanged)',
      request: { params: retentionCaseParams, body: body(newContestSchema) },
      responses: { 200: json(retentionStatusSchema, 'The retention status with the contest, projected'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const actor = workflowActor(c.get('actor')!);
      enforce(mayRecordContest(actor));
      const { caseType, caseId } = c.req.valid('param');
      const { kind, reference } = c.req.valid('json');
      await retentionRow(orm.em.fork(), caseType, caseId);
      try {
        const handle = temporal.workflow.getHandle<typeof RetentionWorkflow>(retentionWorkflowId(caseType, caseId));
        const snapshot = await handle.executeUpdate(recordContest, { args: [{ actor, kind, reference }] });
        return c.json(snapshot, 200);
      } catch (error) {
        throw toApiError(error, caseName(caseType, caseId));
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/retention/{caseType}/{caseId}/early-erasure',
      tags,
      summary: "Erase a closed case's personal data before the end of its period, on a CA's explicit request with the data subject's consent",
      request: { params: retentionCaseParams, body: body(earlyErasureRequestSchema) },
      responses: { 200: json(retentionStatusSchema, 'The retention status, erased'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const actor = workflowActor(c.get('actor')!);
      const { caseType, caseId } = c.req.valid('param');
      const { reason, consentReference } = c.req.valid('json');
      const em = orm.em.fork();
      await retentionRow(em, caseType, caseId);
      // The facts the machine's policy needs; the participants come from the case type's store.
      const store = personalDataStoreOf(caseType);
      const caseAuthorityIds = store?.participantAuthorityIds ? await store.participantAuthorityIds(em, caseId) : [];
      try {
        const handle = temporal.workflow.getHandle<typeof RetentionWorkflow>(retentionWorkflowId(caseType, caseId));
        const snapshot = await handle.executeUpdate(eraseEarly, { args: [{ actor, reason, consentReference, caseAuthorityIds }] });
        return c.json(snapshot, 200);
      } catch (error) {
        throw toApiError(error, caseName(caseType, caseId));
      }
    },
  );

  return app;
}

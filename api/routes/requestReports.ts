import { createRoute } from '@hono/zod-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { composeReport, createReport, InvalidReportOptions, kindShowsPersonalData } from '../../activities/reports';
import { loadRequestCaseView } from '../../activities/reports/requestCaseView';
import { requestIdParamSchema, requestReportBodySchema, type RequestReportBody } from '../../schema/requestReports';
import { reportSchema } from '../../schema/reports';
import type { RequestSnapshot } from '../../workflows/request/snapshot';
import type { AuthActor } from '../auth/authenticate';
import type { AppDeps } from '../deps';
import { ApiError, errorResponses, notFound } from '../errors';
import { mayMakeReport, type ReportDecision } from '../policy/reports';
import { personalDataAccess, requestViewerSide, type RequestViewerFacts } from '../policy/requestAccess';
import { coordinatedAuthorities } from '../requests/search';
import { createRouter } from '../router';

type RequestFacts = Pick<
  RequestSnapshot,
  'requestId' | 'status' | 'legislationArea' | 'requestingAuthorityId' | 'respondingAuthorityId' | 'requesterCoordinatorId' | 'responderCoordinatorId' | 'acceptedAt'
>;

/**
 * Who may make which report of a request (5.3.10, §8), from the two policy modules without
 * repeating them: api/policy/requestAccess decides whether the viewer sees the request at all
 * (null side → 404) and its personal data (participant's case handler; a responder only after
 * acceptance; never blocked data), api/policy/reports decides the report roles and the
 * coordinators' "only without personal data". Both must allow a report with personal data.
 */
export function mayMakeRequestReport(
  request: RequestFacts,
  viewer: RequestViewerFacts,
  facts: { blocked: boolean; personalData: boolean },
): { visible: false } | { visible: true; decision: ReportDecision } {
  const side = requestViewerSide(request, viewer);
  if (side === null) return { visible: false };
  const relation = side === 'requester' || side === 'responder' ? 'own' : 'coordinated';
  const roles = viewer.roles.filter((r) => (!r.area || r.area === request.legislationArea) && (!r.workflow || r.workflow === 'requests'));
  const made = mayMakeReport({ kind: viewer.kind, authorityId: viewer.authorityId, roles }, { caseType: 'request', relation, personalData: facts.personalData });
  if (!made.allowed || !facts.personalData) return { visible: true, decision: made };
  const access = personalDataAccess(request, viewer, facts.blocked);
  return { visible: true, decision: access.visible ? { allowed: true } : { allowed: false, reason: access.reason ?? 'The personal data of this request is not visible to you.' } };
}

interface RequestRow {
  id: string;
  status: RequestSnapshot['status'];
  legislation_area: string;
  requesting_authority_id: string;
  responding_authority_id: string;
  requester_coordinator_id: string | null;
  responder_coordinator_id: string | null;
  accepted_at: Date | null;
}

async function requestFacts(em: EntityManager, id: string): Promise<RequestFacts | null> {
  const [row] = await em.execute<RequestRow[]>(
    `select id, status, legislation_area, requesting_authority_id, responding_authority_id, requester_coordinator_id, responder_coordinator_id, accepted_at
       from request where id = ? and version > 0`,
    [id],
  );
  if (!row) return null;
  return {
    requestId: row.id,
    status: row.status,
    legislationArea: row.legislation_area,
    requestingAuthorityId: row.requesting_authority_id,
    respondingAuthorityId: row.responding_authority_id,
    requesterCoordinatorId: row.requester_coordinator_id,
    responderCoordinatorId: row.responder_coordinator_id,
    acceptedAt: row.accepted_at ? new Date(row.accepted_at).toISOString() : null,
  };
}

/** Retention has blocked (or erased) the request's personal data. */
async function isBlocked(em: EntityManager, requestId: string): Promise<boolean> {
  const [row] = await em.execute<{ status: string }[]>(`select status from case_retention where case_type = 'request' and case_id = ?`, [requestId]);
  return row !== undefined && row.status !== 'active';
}

async function viewerFacts(em: EntityManager, actor: AuthActor, request: RequestFacts): Promise<RequestViewerFacts> {
  let coordinatesParty = false;
  if (actor.authorityId) {
    const coordinated = await coordinatedAuthorities(em, actor.authorityId);
    coordinatesParty = coordinated.some(
      (c) => c.area === request.legislationArea && (c.authorityId === request.requestingAuthorityId || c.authorityId === request.respondingAuthorityId),
    );
  }
  return { kind: actor.kind, userId: actor.id, authorityId: actor.authorityId, roles: actor.roles, coordinatesParty };
}

/**
 * Reports of an information request (domain.md §5 "Reports", 5.3.10): full with or without
 * personal data, custom (chosen sections), for the data subject, or the consent form, in one of the
 * report languages, optionally signed (PAdES). Made through the generic reports module (kept 30
 * days, downloaded at GET /api/reports/{id}). Mounted at /api/requests behind authentication.
 */
export function requestReportRoutes(deps: AppDeps) {
  const { orm } = deps;
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reports',
      tags: ['Requests', 'Reports'],
      summary: 'Make a report of a request (PDF, kept 30 days; download it at /api/reports/{id})',
      request: { params: requestIdParamSchema, body: { content: { 'application/json': { schema: requestReportBodySchema } }, required: true } },
      responses: {
        201: { description: 'The report was made', content: { 'application/json': { schema: reportSchema } } },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const body: RequestReportBody = c.req.valid('json');
      const personalData = kindShowsPersonalData(body.kind, { includePersonalData: body.includePersonalData });
      const report = await orm.em.fork().transactional(async (tx) => {
        const request = await requestFacts(tx, id);
        if (!request) throw notFound(`Request ${id}`);
        const blocked = await isBlocked(tx, id);
        const rule = mayMakeRequestReport(request, await viewerFacts(tx, actor, request), { blocked, personalData });
        if (!rule.visible) throw notFound(`Request ${id}`);
        if (!rule.decision.allowed) throw new ApiError(403, 'not_allowed', rule.decision.reason);
        const caseView = await loadRequestCaseView(tx, id, body.language);
        if (!caseView) throw notFound(`Request ${id}`);
        const generatedAt = new Date();
        try {
          const document = composeReport(body.kind, caseView, {
            language: body.language,
            generatedAt,
            ...(body.sections && { sections: body.sections }),
            ...(body.includePersonalData !== undefined && { includePersonalData: body.includePersonalData }),
          });
          return await createReport({
            deps,
            tx,
            caseType: 'request',
            caseId: id,
            kind: body.kind,
            language: body.language,
            signed: body.signed,
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

  return app;
}

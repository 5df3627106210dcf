import { status as grpcStatus } from '@grpc/grpc-js';
import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import { temporal as proto } from '@temporalio/proto';
import { AuditEvent } from '../../schema/entities/auditEvent';
import {
  OpsActionResult,
  OpsAuditList,
  OpsAuditQuery,
  OpsCancelRequest,
  OpsHistory,
  OpsHistoryQuery,
  OpsResetRequest,
  OpsRunQuery,
  OpsSignalRequest,
  OpsTerminateRequest,
  OpsWorkflowCounts,
  OpsWorkflowCountsQuery,
  OpsWorkflowDetail,
  OpsWorkflowList,
  OpsWorkflowListQuery,
  OpsWorkflowParams,
  workflowStatuses,
  type OpsAction,
  type OpsStatusCounts,
} from '../../schema/ops';
import type { AppDeps } from '../deps';
import { badRequest, conflict, errorResponses } from '../errors';
import { historyToJsonObject } from '../ops/historyJson';
import { historyTimeline } from '../ops/historyTimeline';
import { resetPointsIn } from '../ops/historyEvents';
import { grpcFacts, opsError } from '../ops/opsErrors';
import {
  buildVisibilityQuery,
  decodePageToken,
  encodePageToken,
  groupByStatusQuery,
  withStatus,
} from '../ops/visibilityQuery';
import { executionStatusName, workflowDetailOf, workflowSummaryOf } from '../ops/workflowViews';
import { createRouter } from '../router';

const tags = ['Operations'];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/**
 * Who did it, for the audit trail. Until login exists every ops call comes from the operator
 * token; this is the one place to read the signed-in user from the context later.
 */
function actorOf(_c: Context): string {
  return 'operator';
}

/**
 * The operations console's API (mounted at /api/ops behind the operator guard): find workflows
 * through Temporal visibility, count them per status, inspect one (pending activities, timers,
 * history as a timeline) and signal, cancel, terminate or reset it. Every action leaves an audit
 * entry (subjectType `ops`, subjectId = workflow id).
 */
export function opsRoutes(deps: AppDeps): OpenAPIHono {
  const { temporal, orm, logger } = deps;
  const namespace = deps.config.TEMPORAL_NAMESPACE;
  const app = createRouter();

  const what = (workflowId: string) => `Workflow ${workflowId}`;

  /** The run an operator means: the given one, or the latest. 404 when there is none. */
  const describe = async (workflowId: string, runId?: string) => {
    try {
      return await temporal.workflow.getHandle(workflowId, runId).describe();
    } catch (error) {
      throw opsError(error, { what: what(workflowId) });
    }
  };
  const history = async (workflowId: string, runId: string) => {
    try {
      return await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
    } catch (error) {
      throw opsError(error, { what: what(workflowId) });
    }
  };

  const audit = async (
    c: Context,
    action: OpsAction,
    workflowId: string,
    reason: string | undefined,
    details: Record<string, unknown>,
  ): Promise<string> => {
    const em = orm.em.fork();
    const row = em.create(AuditEvent, {
      subjectType: 'ops',
      subjectId: workflowId,
      action,
      actor: actorOf(c),
      reason: reason ?? null,
      details,
      at: new Date(),
    });
    await em.flush();
    logger.info({ workflowId, action, actor: row.actor, details }, 'ops action');
    return String(row.id);
  };

  // ---------------------------------------------------------------------------------- list

  app.openapi(
    createRoute({
      method: 'get',
      path: '/workflows',
      tags,
      summary: 'Find workflows (Temporal visibility)',
      description:
        'Filters combine with AND. `query` passes a raw visibility query for experts. Page with the returned `nextPageToken`.',
      request: { query: OpsWorkflowListQuery },
      responses: { 200: json(OpsWorkflowList, 'A page of workflow executions'), ...errorResponses(400, 401, 503) },
    }),
    async (c) => {
      const { pageSize, pageToken, ...filter } = c.req.valid('query');
      const query = buildVisibilityQuery(filter);
      const nextPageToken = pageToken === undefined ? undefined : decodePageToken(pageToken, query);
      if (pageToken !== undefined && !nextPageToken) {
        throw badRequest('The page token does not belong to these filters; start again from the first page.', {
          pageToken: ['not a page token of these filters'],
        });
      }
      let response;
      try {
        response = await temporal.workflowService.listWorkflowExecutions({ namespace, query, pageSize, nextPageToken });
      } catch (error) {
        throw opsError(error, { what: 'The workflow list', input: 'query' });
      }
      return c.json(
        {
          items: (response.executions ?? []).map(workflowSummaryOf),
          nextPageToken: encodePageToken(response.nextPageToken, query),
          query,
        },
        200,
      );
    },
  );

  // ---------------------------------------------------------------------------------- counts

  app.openapi(
    createRoute({
      method: 'get',
      path: '/workflows/counts',
      tags,
      summary: 'Count workflows per execution status',
      request: { query: OpsWorkflowCountsQuery },
      responses: { 200: json(OpsWorkflowCounts, 'Counts per status and the total'), ...errorResponses(400, 401, 503) },
    }),
    async (c) => {
      const query = buildVisibilityQuery(c.req.valid('query'));
      const byStatus = Object.fromEntries(workflowStatuses.map((s) => [s, 0])) as OpsStatusCounts;
      let total: number;
      try {
        try {
          const counted = await temporal.workflow.count(groupByStatusQuery(query));
          total = counted.count;
          for (const group of counted.groups) {
            // Group values come decoded as lists: [['Running']].
            const value = [group.groupValues[0]].flat()[0];
            const status = String(value);
            if (status in byStatus) byStatus[status as keyof OpsStatusCounts] += group.count;
          }
        } catch (error) {
          if (grpcFacts(error).code !== grpcStatus.INVALID_ARGUMENT && grpcFacts(error).code !== grpcStatus.UNIMPLEMENTED) throw error;
          // A visibility store without GROUP BY: one count per status.
          const counts = await Promise.all([
            temporal.workflow.count(query),
            ...workflowStatuses.map((s) => temporal.workflow.count(withStatus(query, s))),
          ]);
          total = counts[0]!.count;
          workflowStatuses.forEach((s, i) => (byStatus[s] = counts[i + 1]!.count));
        }
      } catch (error) {
        throw opsError(error, { what: 'The workflow count', input: 'query' });
      }
      return c.json({ total, byStatus, query }, 200);
    },
  );

  // ---------------------------------------------------------------------------------- detail

  app.openapi(
    createRoute({
      method: 'get',
      path: '/workflows/{workflowId}',
      tags,
      summary: 'One workflow run: pending activities, timers, children, workflow task, reset points',
      request: { params: OpsWorkflowParams, query: OpsRunQuery },
      responses: { 200: json(OpsWorkflowDetail, 'The run as an operator sees it'), ...errorResponses(400, 401, 404, 503) },
    }),
    async (c) => {
      const { workflowId } = c.req.valid('param');
      const { runId } = c.req.valid('query');
      const description = await describe(workflowId, runId);
      const events = (await history(workflowId, description.runId)).events ?? [];
      return c.json(workflowDetailOf(description, events), 200);
    },
  );

  // ---------------------------------------------------------------------------------- history

  app.openapi(
    createRoute({
      method: 'get',
      path: '/workflows/{workflowId}/history',
      tags,
      summary: 'The run’s event history as a readable timeline',
      request: { params: OpsWorkflowParams, query: OpsHistoryQuery },
      responses: { 200: json(OpsHistory, 'Timeline entries, and the raw events with raw=true'), ...errorResponses(400, 401, 404, 503) },
    }),
    async (c) => {
      const { workflowId } = c.req.valid('param');
      const { runId, raw } = c.req.valid('query');
      const run = runId ?? (await describe(workflowId)).runId;
      const fetched = await history(workflowId, run);
      return c.json(
        {
          workflowId,
          runId: run,
          entries: historyTimeline(fetched.events ?? []),
          raw: raw === 'true' ? historyToJsonObject(fetched).events : null,
        },
        200,
      );
    },
  );

  // ---------------------------------------------------------------------------------- actions

  const actionRoute = <T extends z.ZodTypeAny>(action: string, schema: T, summary: string, description: string) =>
    createRoute({
      method: 'post',
      path: `/workflows/{workflowId}/${action}`,
      tags,
      summary,
      description,
      request: { params: OpsWorkflowParams, ...body(schema) },
      responses: { 200: json(OpsActionResult, 'Done; the audit entry is written'), ...errorResponses(400, 401, 404, 409, 503) },
    });

  /** The run to act on, which must still be running. */
  const runningRun = async (workflowId: string, runId: string | undefined, verb: string) => {
    const description = await describe(workflowId, runId);
    if (description.status.name !== 'RUNNING') {
      throw conflict(
        `${what(workflowId)} is ${executionStatusName(description.status.code)}, so it cannot be ${verb}; only running workflows can.`,
      );
    }
    return description.runId;
  };

  const identity = (c: Context) => `liaison-ops:${actorOf(c)}`;

  app.openapi(
    actionRoute('signal', OpsSignalRequest, 'Send a signal', 'Delivers `signalName` with `args` (JSON values) to the running workflow.'),
    async (c) => {
      const { workflowId } = c.req.valid('param');
      const { signalName, args, reason, runId: requested } = c.req.valid('json');
      const runId = await runningRun(workflowId, requested, 'signalled');
      try {
        await temporal.workflow.getHandle(workflowId, runId).signal(signalName, ...args);
      } catch (error) {
        throw opsError(error, { what: what(workflowId), input: 'action' });
      }
      const auditEventId = await audit(c, 'ops.signal', workflowId, reason, { runId, signalName, argCount: args.length });
      return c.json({ action: 'ops.signal' as const, workflowId, runId, newRunId: null, auditEventId }, 200);
    },
  );

  app.openapi(
    actionRoute(
      'cancel',
      OpsCancelRequest,
      'Request cancellation',
      'Asks the workflow to cancel; it may clean up and ends as Canceled (or however its code handles cancellation).',
    ),
    async (c) => {
      const { workflowId } = c.req.valid('param');
      const { reason, runId: requested } = c.req.valid('json');
      const runId = await runningRun(workflowId, requested, 'canceled');
      try {
        await temporal.workflowService.requestCancelWorkflowExecution({
          namespace,
          workflowExecution: { workflowId, runId },
          identity: identity(c),
          requestId: randomUUID(),
          reason: reason ?? '',
        });
      } catch (error) {
        throw opsError(error, { what: what(workflowId), input: 'action' });
      }
      const auditEventId = await audit(c, 'ops.cancel', workflowId, reason, { runId });
      return c.json({ action: 'ops.cancel' as const, workflowId, runId, newRunId: null, auditEventId }, 200);
    },
  );

  app.openapi(
    actionRoute('terminate', OpsTerminateRequest, 'Terminate (reason required)', 'Ends the run at once; its code gets no chance to react.'),
    async (c) => {
      const { workflowId } = c.req.valid('param');
      const { reason, runId: requested } = c.req.valid('json');
      const runId = await runningRun(workflowId, requested, 'terminated');
      try {
        await temporal.workflowService.terminateWorkflowExecution({
          namespace,
          workflowExecution: { workflowId, runId },
          reason,
          identity: identity(c),
        });
      } catch (error) {
        throw opsError(error, { what: what(workflowId), input: 'action' });
      }
      const auditEventId = await audit(c, 'ops.terminate', workflowId, reason, { runId });
      return c.json({ action: 'ops.terminate' as const, workflowId, runId, newRunId: null, auditEventId }, 200);
    },
  );

  app.openapi(
    actionRoute(
      'reset',
      OpsResetRequest,
      'Reset to the first or last completed workflow task (reason required)',
      'Starts a new run that replays the history up to that workflow task and continues from there with the current code; a running run is terminated. Signals after the point are reapplied.',
    ),
    async (c) => {
      const { workflowId } = c.req.valid('param');
      const { to, reason, runId: requested } = c.req.valid('json');
      const description = await describe(workflowId, requested);
      const runId = description.runId;
      const points = resetPointsIn((await history(workflowId, runId)).events ?? []);
      const eventId = to === 'first-workflow-task' ? points.first : points.last;
      if (eventId === null) {
        throw conflict(
          `${what(workflowId)} cannot be reset: no workflow task of run ${runId} has completed yet, so there is no point to go back to.`,
        );
      }
      let newRunId: string;
      try {
        const response = await temporal.workflowService.resetWorkflowExecution(
          // fromObject turns the event id into the int64 the request needs.
          proto.api.workflowservice.v1.ResetWorkflowExecutionRequest.fromObject({
            namespace,
            workflowExecution: { workflowId, runId },
            reason,
            workflowTaskFinishEventId: eventId,
            requestId: randomUUID(),
            identity: identity(c),
          }),
        );
        newRunId = response.runId ?? '';
      } catch (error) {
        throw opsError(error, { what: what(workflowId), input: 'action' });
      }
      const auditEventId = await audit(c, 'ops.reset', workflowId, reason, { runId, newRunId, to, eventId });
      return c.json({ action: 'ops.reset' as const, workflowId, runId, newRunId, auditEventId }, 200);
    },
  );

  // ---------------------------------------------------------------------------------- audit

  app.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags,
      summary: 'Operator actions on workflows, newest first',
      request: { query: OpsAuditQuery },
      responses: { 200: json(OpsAuditList, 'A page of audit entries and the total'), ...errorResponses(400, 401) },
    }),
    async (c) => {
      const { workflowId, page, perPage } = c.req.valid('query');
      const [rows, total] = await orm.em
        .fork()
        .findAndCount(
          AuditEvent,
          { subjectType: 'ops', ...(workflowId !== undefined && { subjectId: workflowId }) },
          { orderBy: { at: 'desc', id: 'desc' }, limit: perPage, offset: (page - 1) * perPage },
        );
      return c.json(
        {
          items: rows.map((r) => ({
            id: String(r.id),
            at: r.at.toISOString(),
            workflowId: r.subjectId,
            action: r.action,
            actor: r.actor,
            reason: r.reason ?? null,
            details: r.details ?? null,
          })),
          total,
          page,
          perPage,
        },
        200,
      );
    },
  );

  return app;
}

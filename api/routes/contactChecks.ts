import { createRoute, z } from '@hono/zod-openapi';
import { CaseStartFailed, startCaseWithUpdate } from '../caseStart';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../schema/entities/auditEvent';
import { ContactCheck, type IContactCheck } from '../../schema/entities/contactCheck';
import { ContactCheckContact } from '../../schema/entities/contactCheckContact';
import {
  confirmContactCheckSchema,
  contactCheckDetailSchema,
  contactCheckListQuerySchema,
  contactCheckListSchema,
  contactCheckSchema,
  openContactCheckSchema,
  withdrawContactCheckSchema,
  type ContactCheckView,
} from '../../schema/contactCheck';
import type { ContactCheckWorkflow } from '../../workflows/contactCheck/workflow';
import {
  confirmContactCheck,
  contactCheckWorkflowId,
  projectedSnapshot,
  withdrawContactCheck,
} from '../../workflows/contactCheck/definitions';
import { AuthorityIds, CaseDeadline, CaseStatus, CaseType, CountryCode } from '../../workflows/searchAttributes';
import type { Actor } from '../../workflows/actor';
import type { AppDeps } from '../deps';
import { errorResponses, notFound } from '../errors';
import { createRouter } from '../router';
import { toApiError } from '../temporalErrors';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.string().uuid('must be a contact check id (uuid)') });
const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(8).max(200).optional().openapi({ description: 'Makes a retried call apply once (becomes the Temporal update id).' }),
});

/** Until login exists, every command comes from the operator. */
const operatorActor: Actor = { kind: 'operator', id: 'operator' };

/** The demo case type: open a contact-data check, list and read it, confirm or withdraw it. */
export function contactCheckRoutes(deps: AppDeps) {
  const { orm, temporal, config } = deps;
  const app = createRouter();

  const view = (row: IContactCheck, contact: { email: string; language: string } | null): ContactCheckView => ({
    id: row.id,
    workflowId: row.workflowId,
    authorityRef: row.authorityRef,
    countryCode: row.countryCode,
    contactEmail: contact?.email ?? null,
    language: contact?.language ?? 'en',
    status: row.status as ContactCheckView['status'],
    version: row.version,
    openedAt: row.openedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    remindedAt: row.remindedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  });

  const load = async (id: string): Promise<ContactCheckView> => {
    const em = orm.em.fork();
    const row = await em.findOne(ContactCheck, { id });
    if (!row) throw notFound('Contact check');
    const contact = await em.findOne(ContactCheckContact, { checkId: id });
    return view(row, contact);
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['Contact checks'],
      summary: 'Open a contact-data check for an authority',
      request: { body: { content: { 'application/json': { schema: openContactCheckSchema } }, required: true } },
      responses: { 201: json(contactCheckSchema, 'The check, opened and projected'), ...errorResponses(400, 401, 409, 503) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const checkId = randomUUID();
      const periodMs = (body.dueInDays ?? config.CONTACT_CHECK_DAYS) * 86_400_000;
      const em = orm.em.fork();
      // Personal data goes to PostgreSQL only; the workflow gets the id.
      await em.insert(ContactCheckContact, { checkId, email: body.contactEmail, language: body.language, createdAt: new Date() });
      try {
        const startWorkflowOperation = new WithStartWorkflowOperation<typeof ContactCheckWorkflow>('ContactCheckWorkflow', {
          workflowId: contactCheckWorkflowId(checkId),
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowIdConflictPolicy: 'FAIL',
          args: [{ checkId, authorityRef: body.authorityRef, countryCode: body.countryCode, periodMs, openedBy: operatorActor }],
          typedSearchAttributes: [
            { key: CaseType, value: 'contact-check' },
            { key: CaseStatus, value: 'open' },
            { key: CountryCode, value: body.countryCode },
            { key: AuthorityIds, value: [body.authorityRef] },
            { key: CaseDeadline, value: new Date(Date.now() + periodMs) },
          ],
        });
        await startCaseWithUpdate(temporal, projectedSnapshot, { workflowId: contactCheckWorkflowId(checkId), startWorkflowOperation });
      } catch (error) {
        // Only when the workflow surely does not exist: a started one needs its contact row.
        if (error instanceof CaseStartFailed && error.started === 'no') await orm.em.fork().nativeDelete(ContactCheckContact, { checkId });
        throw toApiError(error, 'Contact check');
      }
      return c.json(await load(checkId), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Contact checks'],
      summary: 'List contact checks (read model)',
      request: { query: contactCheckListQuerySchema },
      responses: { 200: json(contactCheckListSchema, 'A page of checks and the total'), ...errorResponses(400, 401) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const em = orm.em.fork();
      const where: Record<string, unknown> = {};
      if (q.status) where.status = q.status;
      if (q.countryCode) where.countryCode = q.countryCode;
      if (q.q) where.authorityRef = { $ilike: `%${q.q.replace(/[%_\\]/g, (ch) => '\\' + ch)}%` };
      if (q.overdue === 'true') Object.assign(where, { status: { $in: ['open', 'overdue'] }, dueAt: { $lt: new Date() } });
      if (q.overdue === 'false') where.$or = [{ status: { $in: ['confirmed', 'withdrawn'] } }, { dueAt: { $gte: new Date() } }];
      const [rows, total] = await em.findAndCount(ContactCheck, where, {
        orderBy: { [q.sort]: q.order.toLowerCase(), id: 'asc' },
        limit: q.perPage,
        offset: (q.page - 1) * q.perPage,
      });
      const contacts = await em.find(ContactCheckContact, { checkId: { $in: rows.map((r) => r.id) } });
      const byId = new Map(contacts.map((ct) => [ct.checkId, ct]));
      return c.json({ data: rows.map((r) => view(r, byId.get(r.id) ?? null)), total }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Contact checks'],
      summary: 'One contact check with its business timeline',
      request: { params: idParam },
      responses: { 200: json(contactCheckDetailSchema, 'The check and its events'), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const check = await load(id);
      const events = await orm.em.fork().find(AuditEvent, { subjectType: 'contact-check', subjectId: id }, { orderBy: { at: 'asc', id: 'asc' } });
      return c.json(
        {
          ...check,
          events: events.map((e) => ({ id: String(e.id), at: e.at.toISOString(), action: e.action, actor: e.actor, reason: e.reason ?? null, version: e.version ?? null })),
        },
        200,
      );
    },
  );

  const command = <B extends z.ZodTypeAny>(name: 'confirm' | 'withdraw', body: B, summary: string) =>
    createRoute({
      method: 'post',
      path: `/{id}/${name}`,
      tags: ['Contact checks'],
      summary,
      request: { params: idParam, headers: idempotencyHeader, body: { content: { 'application/json': { schema: body } }, required: true } },
      responses: { 200: json(contactCheckSchema, 'The check after the command, projected'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    });

  const runUpdate = async (id: string, idempotencyKey: string | undefined, send: (handle: ReturnType<typeof temporal.workflow.getHandle>, updateId: string | undefined) => Promise<unknown>) => {
    await load(id); // 404 for an unknown id before touching Temporal
    try {
      await send(temporal.workflow.getHandle(contactCheckWorkflowId(id)), idempotencyKey ? `http:${idempotencyKey}` : undefined);
    } catch (error) {
      throw toApiError(error, 'Contact check');
    }
    return load(id);
  };

  app.openapi(command('confirm', confirmContactCheckSchema, 'Confirm that the contact data is current'), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await runUpdate(id, c.req.valid('header')['idempotency-key'], (h, updateId) =>
      h.executeUpdate(confirmContactCheck, { args: [{ actor: operatorActor, note: body.note }], updateId }),
    );
    return c.json(result, 200);
  });

  app.openapi(command('withdraw', withdrawContactCheckSchema, 'Withdraw the check (reason required)'), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await runUpdate(id, c.req.valid('header')['idempotency-key'], (h, updateId) =>
      h.executeUpdate(withdrawContactCheck, { args: [{ actor: operatorActor, reason: body.reason }], updateId }),
    );
    return c.json(result, 200);
  });

  return app;
}

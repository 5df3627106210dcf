import { createRoute, z } from '@hono/zod-openapi';
import { CaseStartFailed, startCaseWithUpdate } from '../caseStart';
import pLimit from 'p-limit';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../schema/entities/auditEvent';
import { Authority, AuthorityArea, AuthorityWorkflow } from '../../schema/entities/authority';
import { User } from '../../schema/entities/identity/user';
import { Invitation, type IInvitation } from '../../schema/entities/invitation';
import { InvitationContact, type IInvitationContact } from '../../schema/entities/invitationContact';
import { Country, LegislationArea } from '../../schema/entities/reference';
import { invitationPolicy } from '../../schema/invitationPolicy';
import {
  editInvitationSchema,
  groupEditInvitationsSchema,
  groupResultSchema,
  idsSchema,
  importResultSchema,
  invitationDetailSchema,
  invitationListQuerySchema,
  invitationListSchema,
  invitationSchema,
  newInvitationSchema,
  reasonSchema,
  servicesAlertsWorkflow,
  submitResultSchema,
  validateBodySchema,
  type InvitationView,
} from '../../schema/invitations';
import type { AuthorityKind } from '../../schema/authority';
import type { Actor } from '../../workflows/actor';
import {
  cancelInvitation,
  deleteInvitation,
  editInvitation,
  invitationWorkflowId,
  projectedSnapshot,
  rejectValidation,
  releaseInvitation,
  submitInvitation,
  validateRegistration,
  withdrawInvitation,
  type InvitationInput,
  type InvitationSnapshot,
} from '../../workflows/invitation/definitions';
import { coordinatorRole, helpdeskRole, type InvitationRules, type SubmissionFacts } from '../../workflows/invitation/machine';
import type { InvitationWorkflow } from '../../workflows/invitation/workflow';
import { CaseStatus, CaseType, CountryCode } from '../../workflows/searchAttributes';
import type { AuthActor } from '../auth/authenticate';
import type { AppDeps } from '../deps';
import { ApiError, badRequest, errorResponses, notFound } from '../errors';
import { mayValidate } from '../policy/adminRoles';
import { importInvitationRows, invitationTemplateXlsx } from '../registration/invitationImport';
import '../registration/options';
import { createRouter } from '../router';
import { toApiError } from '../temporalErrors';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodTypeAny>(schema: T, required = true) => ({ content: { 'application/json': { schema } }, required });
const idParam = z.object({ id: z.string().uuid('must be an invitation id (uuid)') });
const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(8).max(200).optional().openapi({ description: 'Makes a retried call apply once (becomes the Temporal update id).' }),
});
const tags = ['Invitations'];
/** Statuses in which the contact data (address, name, message) may still change. */
const editable = new Set(['draft', 'rejected', 'expired']);
/** An invitation "already invited" refers to: submitted and not closed. */
/** Import and group edit start or update this many invitation workflows at once (each is independent). */
const rowsInFlight = 8;
const liveStatuses = ['submitted', 'blocked', 'sent-awaiting-registration', 'registered-awaiting-validation'];

/** The workflow's view of the HTTP caller: ids and role names only. */
export function workflowActor(actor: AuthActor): Actor {
  return { kind: actor.kind, id: actor.id, authorityId: actor.authorityId ?? undefined, roles: [...new Set(actor.roles.map((r) => r.role))] };
}
const isHelpdesk = (actor: AuthActor) => actor.kind === 'operator' || actor.roles.some((r) => r.role === helpdeskRole);
const isCoordinator = (actor: AuthActor) => actor.authorityId !== null && actor.roles.some((r) => r.role === coordinatorRole);

/**
 * Invitations to self-register (domain.md §4, IMI manual 9.1.2–9.1.3): drafts made, edited singly
 * or as a group, imported from a spreadsheet, submitted (the API computes the SubmissionFacts that
 * need the address), withdrawn, deleted; the helpdesk releases or cancels blocked ones; the
 * inviting coordinator validates or rejects the self-registration. Coordinators (data
 * administrators) see their authority's invitations; the helpdesk (and the operator token) all.
 */
export function invitationRoutes(deps: AppDeps) {
  const { orm, temporal, config } = deps;
  const app = createRouter();

  app.use('*', async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw new ApiError(401, 'unauthenticated', 'Log in first.');
    if (!isHelpdesk(actor) && !isCoordinator(actor)) throw new ApiError(403, 'forbidden', 'Invitations are for the data administrators of a coordinator and the helpdesk.');
    return next();
  });

  const view = (row: IInvitation, contact: IInvitationContact | null): InvitationView => ({
    id: row.id,
    email: contact?.email ?? null,
    name: contact?.name ?? null,
    language: contact?.language ?? 'en',
    message: contact?.message ?? null,
    coordinatorAuthorityId: row.coordinatorAuthorityId,
    countryCode: row.countryCode,
    status: row.status as InvitationView['status'],
    version: row.version,
    areas: row.areas,
    workflows: row.workflows,
    rejectionReason: row.rejectionReason ?? null,
    registeredAuthorityId: row.registeredAuthorityId ?? null,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    dispatchAt: row.dispatchAt?.toISOString() ?? null,
    sentAt: row.sentAt?.toISOString() ?? null,
    codeExpiresAt: row.codeExpiresAt?.toISOString() ?? null,
    registeredAt: row.registeredAt?.toISOString() ?? null,
    validatedAt: row.validatedAt?.toISOString() ?? null,
    removeAt: row.removeAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  });

  /** The row if the caller may see it (its coordinator's data admins, the helpdesk), else 404. */
  const find = async (actor: AuthActor, id: string) => {
    const em = orm.em.fork();
    const row = await em.findOne(Invitation, { id, removedAt: null });
    if (!row || (!isHelpdesk(actor) && row.coordinatorAuthorityId !== actor.authorityId)) throw notFound('Invitation');
    const contact = await em.findOne(InvitationContact, { invitationId: id });
    return { row, contact };
  };
  const load = async (actor: AuthActor, id: string) => {
    const { row, contact } = await find(actor, id);
    return view(row, contact);
  };

  const coordinatorAuthority = async (actor: AuthActor) => {
    if (!isCoordinator(actor)) throw new ApiError(403, 'forbidden', 'Only a data administrator of a coordinator can do this.');
    const authority = await orm.em.fork().findOne(Authority, { id: actor.authorityId! });
    if (!authority) throw new ApiError(403, 'forbidden', 'Your authority is not registered.');
    return authority;
  };

  const rulesFor = async (countryCode: string): Promise<InvitationRules> => {
    const country = await orm.em.fork().findOne(Country, { code: countryCode });
    const defaults: InvitationRules = { policy: invitationPolicy, calendar: { zone: country?.timeZone ?? 'Europe/Brussels', holidays: deps.config.PUBLIC_HOLIDAYS[countryCode] ?? [] } };
    return deps.registration?.invitationRules?.(defaults) ?? defaults;
  };

  /** Unknown areas, workflows of areas not chosen or not offered by the area: 400 with the field. */
  const checkCodes = async (areas: string[] | undefined, workflows: string[] | undefined, currentAreas: string[] = []) => {
    const chosen = areas ?? currentAreas;
    if (areas?.length) {
      const known = await orm.em.fork().find(LegislationArea, { code: { $in: areas } });
      const missing = areas.filter((a) => !known.some((k) => k.code === a));
      if (missing.length) throw badRequest(`Unknown legislation area: ${missing.join(', ')}.`, { areas: [`unknown: ${missing.join(', ')}`] });
    }
    if (workflows?.length) {
      const offered = await orm.em.fork().find(LegislationArea, { code: { $in: chosen } });
      const bad = workflows.filter((w) => {
        const [area, workflow] = w.split(':');
        return !chosen.includes(area!) || !offered.find((o) => o.code === area)?.workflows.includes(workflow as never);
      });
      if (bad.length) throw badRequest(`A workflow must belong to a chosen area that offers it: ${bad.join(', ')}.`, { workflows: [`not available: ${bad.join(', ')}`] });
    }
  };

  const updateId = (key: string | undefined, suffix = '') => (key ? `http:${key}${suffix}` : undefined);
  const handle = (id: string) => temporal.workflow.getHandle(invitationWorkflowId(id));

  /** Starts a draft's workflow; the contact row is written first and removed again if the start fails. */
  const createDraft = async (actor: AuthActor, authority: { id: string; countryCode: string }, input: { email: string; name: string; language: string; message?: string | null; areas: string[]; workflows: string[] }) => {
    const invitationId = randomUUID();
    await orm.em.fork().insert(InvitationContact, {
      invitationId,
      email: input.email,
      name: input.name,
      message: input.message ?? null,
      language: input.language,
      codeHash: null,
      codeVersion: null,
      createdAt: new Date(),
    });
    try {
      const args: InvitationInput = {
        invitationId,
        coordinatorAuthorityId: authority.id,
        countryCode: authority.countryCode,
        areas: input.areas,
        workflows: input.workflows,
        rules: await rulesFor(authority.countryCode),
        createdBy: workflowActor(actor),
      };
      const startWorkflowOperation = new WithStartWorkflowOperation<typeof InvitationWorkflow>('InvitationWorkflow', {
        workflowId: invitationWorkflowId(invitationId),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowIdConflictPolicy: 'FAIL',
        args: [args],
        typedSearchAttributes: [
          { key: CaseType, value: 'invitation' },
          { key: CaseStatus, value: 'draft' },
          { key: CountryCode, value: authority.countryCode },
        ],
      });
      await startCaseWithUpdate(temporal, projectedSnapshot, { workflowId: invitationWorkflowId(invitationId), startWorkflowOperation });
    } catch (error) {
      // Only when the workflow surely does not exist: a started one needs its contact row.
      if (error instanceof CaseStartFailed && error.started === 'no') await orm.em.fork().nativeDelete(InvitationContact, { invitationId });
      throw toApiError(error, 'Invitation');
    }
    return invitationId;
  };

  // ---------- create, import ----------

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a draft invitation',
      request: { body: body(newInvitationSchema) },
      responses: { 201: json(invitationSchema, 'The draft, projected'), ...errorResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const input = c.req.valid('json');
      const authority = await coordinatorAuthority(actor);
      await checkCodes(input.areas, input.workflows);
      const id = await createDraft(actor, authority, input);
      return c.json(await load(actor, id), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/import-template',
      tags,
      summary: 'The spreadsheet template for a bulk import (xlsx; columns name, email)',
      responses: { 200: { description: 'An xlsx workbook', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.any() } } }, ...errorResponses(401, 403) },
    }),
    async () => {
      const file = await invitationTemplateXlsx();
      return new Response(new Uint8Array(file), {
        status: 200,
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': 'attachment; filename="liaison-invitations.xlsx"',
        },
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/import',
      tags,
      summary: 'Bulk import: drafts (no areas or workflows) from an xlsx or CSV file with the columns name and email',
      request: {
        body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }), language: z.string().optional() }) } }, required: true },
      },
      responses: { 200: json(importResultSchema, 'How many drafts were made, and the rows that were not'), ...errorResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const authority = await coordinatorAuthority(actor);
      let form: FormData | null = null;
      try {
        form = await c.req.formData();
      } catch {
        form = null;
      }
      const file = form?.get('file');
      if (!form || !file || typeof file === 'string') throw badRequest('Send the spreadsheet as the multipart field "file".');
      const language = String(form.get('language') ?? 'en');
      const { rows, errors } = await importInvitationRows(file.name, Buffer.from(await file.arrayBuffer()));
      // Each row is its own workflow, so several start at once; ids keep the file's order.
      const limit = pLimit(rowsInFlight);
      const made = await Promise.all(
        rows.map((row) =>
          limit(async () => {
            try {
              return await createDraft(actor, authority, { email: row.email, name: row.name, language: /^[a-z]{2}$/.test(language) ? language : 'en', areas: [], workflows: [] });
            } catch (error) {
              errors.push({ row: row.row, message: (error as Error).message });
              return null;
            }
          }),
        ),
      );
      const ids = made.filter((id) => id !== null);
      errors.sort((a, b) => a.row - b.row);
      return c.json({ created: ids.length, ids, errors }, 200);
    },
  );

  // ---------- read ----------

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'List invitations (read model): status filters, sort and paging',
      request: { query: invitationListQuerySchema },
      responses: { 200: json(invitationListSchema, 'A page and the total'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const q = c.req.valid('query');
      const em = orm.em.fork();
      const where: Record<string, unknown> = { removedAt: null };
      if (!isHelpdesk(actor)) where.coordinatorAuthorityId = actor.authorityId;
      if (q.status) where.status = { $in: q.status };
      if (q.q) {
        const like = `%${q.q.replace(/[%_\\]/g, (ch) => '\\' + ch)}%`;
        const matching = await em.find(InvitationContact, { $or: [{ name: { $ilike: like } }, { email: { $ilike: like } }] }, { fields: ['invitationId'] });
        where.id = { $in: matching.map((m) => m.invitationId) };
      }
      const [rows, total] = await em.findAndCount(Invitation, where, {
        orderBy: { [q.sort]: q.order.toLowerCase(), id: 'asc' },
        limit: q.perPage,
        offset: (q.page - 1) * q.perPage,
      });
      const contacts = await em.find(InvitationContact, { invitationId: { $in: rows.map((r) => r.id) } });
      const byId = new Map(contacts.map((ct) => [ct.invitationId, ct]));
      return c.json({ data: rows.map((r) => view(r, byId.get(r.id) ?? null)), total }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One invitation with its business timeline',
      request: { params: idParam },
      responses: { 200: json(invitationDetailSchema, 'The invitation and its events'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const invitation = await load(actor, id);
      const events = await orm.em.fork().find(AuditEvent, { subjectType: 'invitation', subjectId: id }, { orderBy: { at: 'asc', id: 'asc' } });
      return c.json(
        {
          ...invitation,
          events: events.map((e) => ({ id: String(e.id), at: e.at.toISOString(), action: e.action, actor: e.actor, reason: e.reason ?? null, version: e.version ?? null })),
        },
        200,
      );
    },
  );

  // ---------- edit ----------

  /** Edits one invitation: contact data in PostgreSQL, areas and workflows through the workflow. */
  const editOne = async (actor: AuthActor, id: string, input: z.infer<typeof editInvitationSchema>, key?: string) => {
    const { row } = await find(actor, id);
    if (!isCoordinator(actor) || row.coordinatorAuthorityId !== actor.authorityId) throw new ApiError(403, 'not_allowed', 'Only a coordinator of the inviting authority may do this.');
    if (!editable.has(row.status)) throw new ApiError(409, 'wrong_state', `The invitation is ${row.status}; only drafts, rejected and expired invitations can be edited.`);
    await checkCodes(input.areas, input.workflows, row.areas);
    if (input.areas !== undefined || input.workflows !== undefined) {
      // Workflows of areas no longer chosen go with them.
      const areas = input.areas;
      const workflows = input.workflows ?? (areas ? row.workflows.filter((w) => areas.includes(w.split(':')[0]!)) : undefined);
      try {
        await handle(id).executeUpdate(editInvitation, { args: [{ actor: workflowActor(actor), areas, workflows }], updateId: updateId(key) });
      } catch (error) {
        throw toApiError(error, 'Invitation');
      }
    }
    const patch: Partial<IInvitationContact> = {};
    if (input.email !== undefined) patch.email = input.email;
    if (input.name !== undefined) patch.name = input.name;
    if (input.language !== undefined) patch.language = input.language;
    if (input.message !== undefined) patch.message = input.message ?? null;
    if (Object.keys(patch).length) await orm.em.fork().nativeUpdate(InvitationContact, { invitationId: id }, patch);
  };

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Edit one draft, rejected or expired invitation',
      request: { params: idParam, headers: idempotencyHeader, body: body(editInvitationSchema) },
      responses: { 200: json(invitationSchema, 'The invitation after the edit'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      await editOne(actor, id, c.req.valid('json'), c.req.valid('header')['idempotency-key']);
      return c.json(await load(actor, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/group-edit',
      tags,
      summary: 'Set the message, areas or workflows of many invitations (not the Services alerts workflow)',
      request: { body: body(groupEditInvitationsSchema) },
      responses: { 200: json(groupResultSchema, 'Which were edited and which refused, with the reason'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const input = c.req.valid('json');
      if (input.workflows?.includes(servicesAlertsWorkflow)) {
        throw badRequest('The Services alerts workflow can only be given by editing one invitation at a time.', { workflows: ['services:alerts only in a single edit'] });
      }
      const limit = pLimit(rowsInFlight);
      const outcomes = await Promise.all(
        [...new Set(input.ids)].map((id) =>
          limit(async () => {
            try {
              await editOne(actor, id, { areas: input.areas, workflows: input.workflows, message: input.message });
              return { id, message: null };
            } catch (error) {
              return { id, message: (error as Error).message };
            }
          }),
        ),
      );
      const edited = outcomes.filter((o) => o.message === null).map((o) => o.id);
      const refused = outcomes.flatMap((o) => (o.message === null ? [] : [{ id: o.id, message: o.message }]));
      return c.json({ edited, refused }, 200);
    },
  );

  // ---------- submit ----------

  const submissionFacts = async (actor: AuthActor, row: IInvitation, contact: IInvitationContact | null, zone: string): Promise<SubmissionFacts> => {
    const em = orm.em.fork();
    const email = contact?.email ?? '';
    const emailValid = z.string().email().safeParse(email).success;
    const users = emailValid ? await em.count(User, { email, removedAt: null }) : 0;
    const authorities = emailValid ? await em.count(Authority, { contactEmail: email, status: { $ne: 'registration-rejected' } }) : 0;
    const sameAddress = emailValid ? await em.find(InvitationContact, { email, invitationId: { $ne: row.id } }, { fields: ['invitationId'] }) : [];
    const invited = sameAddress.length
      ? await em.count(Invitation, { id: { $in: sameAddress.map((s) => s.invitationId) }, status: { $in: liveStatuses }, removedAt: null })
      : 0;
    const startOfDay = DateTime.now().setZone(zone).startOf('day').toJSDate();
    const today = await em.count(Invitation, { senderUserId: actor.id, submittedAt: { $gte: startOfDay }, status: { $nin: ['draft', 'rejected'] }, id: { $ne: row.id } });
    return { emailValid, emailAlreadyRegistered: users + authorities > 0, alreadyInvited: invited > 0, submittedTodayByCoordinator: today };
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submit',
      tags,
      summary: 'Submit one or many invitations: each is submitted, rejected with a reason, or blocked (≥100 today)',
      request: { headers: idempotencyHeader, body: body(idsSchema) },
      responses: { 200: json(submitResultSchema, 'What became of each invitation'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { ids } = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const result: z.infer<typeof submitResultSchema> = { submitted: [], rejected: [], blocked: [] };
      const zones = new Map<string, string>();
      // One after the other, so each one's facts see the ones submitted before it.
      for (const id of new Set(ids)) {
        try {
          const { row, contact } = await find(actor, id);
          if (!zones.has(row.countryCode)) zones.set(row.countryCode, (await rulesFor(row.countryCode)).calendar.zone);
          const facts = await submissionFacts(actor, row, contact, zones.get(row.countryCode)!);
          let snapshot: InvitationSnapshot;
          try {
            snapshot = await handle(id).executeUpdate(submitInvitation, { args: [{ actor: workflowActor(actor), facts }], updateId: updateId(key, `:${id}`) });
          } catch (error) {
            throw toApiError(error, 'Invitation');
          }
          if (snapshot.status === 'blocked') result.blocked.push(id);
          else if (snapshot.status === 'rejected') result.rejected.push({ id, reason: snapshot.rejectionReason ?? 'rejected' });
          else result.submitted.push(id);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          result.rejected.push({ id, reason: error.code, message: error.message });
        }
      }
      return c.json(result, 200);
    },
  );

  // ---------- single commands ----------

  const command = (name: string, summary: string, withBody = true) =>
    createRoute({
      method: 'post',
      path: `/{id}/${name}`,
      tags,
      summary,
      request: { params: idParam, headers: idempotencyHeader, ...(withBody && { body: body(reasonSchema, false) }) },
      responses: { 200: json(invitationSchema, 'The invitation after the command, projected'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    });

  const run = async (actor: AuthActor, id: string, send: (h: ReturnType<typeof handle>) => Promise<unknown>) => {
    await find(actor, id);
    try {
      await send(handle(id));
    } catch (error) {
      throw toApiError(error, 'Invitation');
    }
  };
  const reasonOf = async (c: { req: { json(): Promise<unknown> } }) => {
    const parsed = reasonSchema.safeParse(await c.req.json().catch(() => ({})));
    return parsed.success ? parsed.data.reason : undefined;
  };

  app.openapi(command('withdraw', 'Withdraw a sent or expired invitation (its code stops working)'), async (c) => {
    const actor = c.get('actor')!;
    const { id } = c.req.valid('param');
    const reason = await reasonOf(c);
    await run(actor, id, (h) => h.executeUpdate(withdrawInvitation, { args: [{ actor: workflowActor(actor), reason }], updateId: updateId(c.req.valid('header')['idempotency-key']) }));
    return c.json(await load(actor, id), 200);
  });

  for (const [name, update, summary] of [
    ['release', releaseInvitation, 'Helpdesk: release a blocked invitation (sent at once)'],
    ['cancel', cancelInvitation, 'Helpdesk: cancel a blocked or submitted invitation (back to draft)'],
  ] as const) {
    const typed = update as typeof cancelInvitation;
    app.openapi(command(name, summary), async (c) => {
      const actor = c.get('actor')!;
      if (!isHelpdesk(actor)) throw new ApiError(403, 'forbidden', 'This needs the system-admin role (the helpdesk).');
      const { id } = c.req.valid('param');
      const reason = await reasonOf(c);
      await run(actor, id, (h) => h.executeUpdate(typed, { args: [{ actor: workflowActor(actor), reason }], updateId: updateId(c.req.valid('header')['idempotency-key']) }));
      return c.json(await load(actor, id), 200);
    });
  }

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete a draft, rejected or withdrawn invitation (its personal data is erased)',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      await run(actor, id, (h) => h.executeUpdate(deleteInvitation, { args: [{ actor: workflowActor(actor) }] }));
      return c.body(null, 204);
    },
  );

  // ---------- validation of a self-registration ----------

  const registeredAuthority = async (actor: AuthActor, id: string) => {
    const { row } = await find(actor, id);
    const coordinator = await coordinatorAuthority(actor);
    if (row.status !== 'registered-awaiting-validation' || !row.registeredAuthorityId) {
      throw new ApiError(409, 'wrong_state', `The invitation is ${row.status}; there is no registration awaiting validation.`);
    }
    const authority = await orm.em.fork().findOne(Authority, { id: row.registeredAuthorityId });
    if (!authority) throw notFound('Registered authority');
    const decision = mayValidate(coordinator.kind as AuthorityKind, authority.kind as AuthorityKind, { actorCountryCode: coordinator.countryCode, targetCountryCode: authority.countryCode });
    if (!decision.ok) throw new ApiError(403, 'not_allowed', decision.rejection.message);
    return { row, authority, coordinator };
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/validate',
      tags,
      summary: 'Validate the self-registered authority (optionally changing its workflow roles first)',
      request: { params: idParam, headers: idempotencyHeader, body: body(validateBodySchema, false) },
      responses: { 200: json(invitationSchema, 'The invitation, authority-validated'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const parsed = validateBodySchema.safeParse(await c.req.json().catch(() => ({})));
      if (!parsed.success) throw badRequest('The roles are not valid.');
      const { authority, coordinator } = await registeredAuthority(actor, id);
      const em = orm.em.fork();
      for (const change of parsed.data.roles ?? []) {
        const found = await em.nativeUpdate(AuthorityWorkflow, { authorityId: authority.id, areaCode: change.area, workflow: change.workflow }, { roles: change.roles });
        if (!found) throw badRequest(`The authority has no ${change.area}:${change.workflow} workflow.`);
      }
      await run(actor, id, (h) => h.executeUpdate(validateRegistration, { args: [{ actor: workflowActor(actor) }], updateId: updateId(c.req.valid('header')['idempotency-key']) }));
      await em.transactional(async (tx) => {
        await tx.nativeUpdate(Authority, { id: authority.id }, { status: 'active', validatingCoordinatorId: coordinator.id, updatedAt: new Date() });
        await tx.nativeUpdate(AuthorityArea, { authorityId: authority.id, accessStatus: 'requested' }, { accessStatus: 'active' });
        await tx.nativeUpdate(AuthorityWorkflow, { authorityId: authority.id, accessStatus: 'requested' }, { accessStatus: 'active' });
      });
      return c.json(await load(actor, id), 200);
    },
  );

  app.openapi(command('reject-validation', 'Reject the self-registration (the authority is not admitted)'), async (c) => {
    const actor = c.get('actor')!;
    const { id } = c.req.valid('param');
    const reason = await reasonOf(c);
    const { authority } = await registeredAuthority(actor, id);
    await run(actor, id, (h) => h.executeUpdate(rejectValidation, { args: [{ actor: workflowActor(actor), reason }], updateId: updateId(c.req.valid('header')['idempotency-key']) }));
    const em = orm.em.fork();
    await em.nativeUpdate(Authority, { id: authority.id }, { status: 'registration-rejected', updatedAt: new Date() });
    // Its users never got in: they are removed with the registration.
    await em.nativeUpdate(User, { authorityId: authority.id, removedAt: null }, { status: 'removed', removedAt: new Date() });
    return c.json(await load(actor, id), 200);
  });

  return app;
}

import { createRoute, z } from '@hono/zod-openapi';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'hono';
import { createHash, randomUUID } from 'node:crypto';
import { isCoordinatorKind, type AuthorityKind, type ContentRole, type Workflow } from '../../schema/authority';
import {
  authorityByEmailSchema,
  authorityCommandSchema,
  authorityLifecycleSchema,
  byEmailQuerySchema,
  emailTemplateCreateSchema,
  emailTemplateEditSchema,
  emailTemplateListSchema,
  emailTemplateSchema,
  massEmailResultSchema,
  massEmailSchema,
  registerAuthoritySchema,
  registeredAuthoritySchema,
  type AuthorityCommandBody,
  type EmailTemplateCreateBody,
  type EmailTemplateEditBody,
  type RegisterAuthorityBody,
} from '../../schema/coordination';
import { publicUrl } from '../../schema/config';
import { bodyOf, coordinationEmail, coordinationEmailLanguages, coordinationEmailTemplates, languageFor, paragraphsOf, type CoordinationEmailLanguage } from '../../activities/emails/coordinationEmails';
import { EmailTemplate, type IEmailTemplate } from '../../schema/entities/emailTemplate';
import { renderEmail } from '../../activities/emails/layout';
import { Authority, type IAuthority } from '../../schema/entities/authority/authority';
import { AuthorityArea } from '../../schema/entities/authority/authorityArea';
import { AuthorityWorkflow } from '../../schema/entities/authority/authorityWorkflow';
import { User, type UserRole } from '../../schema/entities/identity/user';
import { Country, LegislationArea } from '../../schema/entities/reference';
import type { AreaAccessState, AuthorityCommand } from '../../workflows/authority/statusMachine';
import {
  authorityCommand,
  authorityProjectedSnapshot,
  authorityWorkflowId,
  type AuthorityLifecycleInput,
  type AuthoritySnapshot,
} from '../../workflows/authorityLifecycle/definitions';
import type { AuthorityLifecycleWorkflow } from '../../workflows/authorityLifecycle/workflow';
import { mayRegister, mayValidate, type RegistrationContext } from '../policy/adminRoles';
import type { AuthActor } from '../auth/authenticate';
import { createUser } from '../auth/users';
import {
  actingCoordinator,
  actorLabel,
  forbidden,
  loadAuthority,
  ongoingCasesOf,
  relationTo,
  roleFactsOf,
  workflowActor,
} from '../coordination/actorRelation';
import type { AppDeps } from '../deps';
import { ApiError, badRequest, conflict, errorResponses, notFound } from '../errors';
import { createRouter } from '../router';
import { toApiError } from '../temporalErrors';
import { assertEligible, assertMinimums, withAutomaticAssignments } from './users';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.string().uuid('must be an authority id (uuid)') });

/** The access the machine starts from, as the tables hold it (an authority registered before its workflow existed). */
async function accessFromTables(em: EntityManager, authorityId: string): Promise<Record<string, AreaAccessState>> {
  const areas = await em.find(AuthorityArea, { authorityId });
  const workflows = await em.find(AuthorityWorkflow, { authorityId });
  return Object.fromEntries(
    areas.map((a) => [
      a.areaCode,
      {
        status: a.accessStatus,
        role: a.role,
        workflows: Object.fromEntries(
          workflows.filter((w) => w.areaCode === a.areaCode).map((w) => [w.workflow, { status: w.accessStatus, role: (w.roles[0] ?? 'authority') as ContentRole }]),
        ),
      },
    ]),
  );
}

const lifecycleView = (s: AuthoritySnapshot) => ({
  id: s.authorityId,
  status: s.status,
  version: s.version,
  areas: Object.fromEntries(
    Object.entries(s.areas).map(([code, a]) => [
      code,
      { status: a.status, role: a.role, workflows: Object.fromEntries(Object.entries(a.workflows).map(([w, x]) => [w, { status: x!.status, role: x!.role }])) },
    ]),
  ),
  timer: s.timer,
});

/** A predefined template's fixed id, so seeding is idempotent. */
function predefinedTemplateId(code: string, language: string): string {
  const h = createHash('sha256').update(`email-template:${code}:${language}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Inserts the predefined templates (activities/emails/coordinationEmails.ts) that are not in `email_template` yet. */
export async function seedPredefinedEmailTemplates(em: EntityManager): Promise<void> {
  const rows = coordinationEmailTemplates.flatMap((t) =>
    coordinationEmailLanguages.map((language) => [predefinedTemplateId(t.id, language), t.id, language, t.name, t.texts[language].subject, t.texts[language].heading, bodyOf(t.texts[language].paragraphs)]),
  );
  await em.getConnection().execute(
    `insert into email_template (id, owner_authority_id, code, language, name, subject, heading, body, updated_at, updated_by)
     values ${rows.map(() => '(?, null, ?, ?, ?, ?, ?, ?, now(), null)').join(', ')} on conflict do nothing`,
    rows.flat(),
  );
}

/**
 * What coordinators do to the authorities they coordinate (IMI manual ch. 9.1): register one
 * directly with its superuser, change its status and access through its lifecycle workflow, find
 * it by its own or its users' email. Every decision goes through api/policy and the status machine.
 */
export function coordinationRoutes(deps: AppDeps) {
  const { orm, temporal, config } = deps;
  const app = createRouter();
  const actorOf = (c: Context) => c.get('actor') as AuthActor;

  /** The facts the register table needs (ch. 9.1.1): countries, region, LIMICs already there per area. */
  async function registrationContext(em: EntityManager, own: IAuthority | null, body: RegisterAuthorityBody): Promise<RegistrationContext> {
    const context: RegistrationContext = { actorCountryCode: own?.countryCode ?? body.countryCode, targetCountryCode: body.countryCode };
    const limicAreas = body.areas.filter((a) => a.role === 'LIMIC').map((a) => a.area);
    if (body.kind === 'LIMIC' && limicAreas.length === 0) limicAreas.push(...body.areas.map((a) => a.area));
    if (limicAreas.length === 0) return context;
    const conn = em.getConnection();
    const count = async (sql: string, params: unknown[]) => Number((await conn.execute<{ n: string }[]>(sql, params))[0]!.n);
    const base = `select count(*) as n from authority_area aa join authority a on a.id = aa.authority_id
                  where aa.role = 'LIMIC' and aa.area_code = any(?::text[]) and a.country_code = ? and a.status <> 'inactive'`;
    context.existingLimicsInCountryForArea = await count(base, [`{${limicAreas.join(',')}}`, body.countryCode]);
    if (own?.kind === 'super-DIMIC') {
      context.targetInActorRegion = !!own.region && own.region === body.region;
      context.existingLimicsInRegionForArea = await count(`${base} and a.region = ?`, [`{${limicAreas.join(',')}}`, body.countryCode, own.region ?? '']);
    }
    return context;
  }

  /** LIMICs other than `target` already in its LIMIC areas, in the country and (for a super-DIMIC) the region (ch. 9.1.1). */
  async function limicCounts(em: EntityManager, own: IAuthority | null, target: IAuthority) {
    const areas = (await em.find(AuthorityArea, { authorityId: target.id })).filter((a) => a.role === 'LIMIC' || target.kind === 'LIMIC').map((a) => a.areaCode);
    if (areas.length === 0) return { existingLimicsInCountryForArea: 0, existingLimicsInRegionForArea: 0 };
    const sql = `select count(*) as n from authority_area aa join authority a on a.id = aa.authority_id
                 where aa.role = 'LIMIC' and aa.area_code = any(?::text[]) and a.country_code = ? and a.id <> ? and a.status in ('active', 'suspended')`;
    const conn = em.getConnection();
    const params = [`{${areas.join(',')}}`, target.countryCode, target.id];
    const inCountry = Number((await conn.execute<{ n: string }[]>(sql, params))[0]!.n);
    const inRegion = Number((await conn.execute<{ n: string }[]>(`${sql} and a.region = ?`, [...params, own?.region ?? '']))[0]!.n);
    return { existingLimicsInCountryForArea: inCountry, existingLimicsInRegionForArea: inRegion };
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/authorities',
      tags: ['Coordination'],
      summary: 'Register an authority directly, with its superuser',
      description:
        'The authority is active at once; its superuser becomes its local data administrator and gets a temporary password by email. ' +
        'Refused (403) when the register table of ch. 9.1.1 does not allow the coordinator to register this kind.',
      request: { body: { content: { 'application/json': { schema: registerAuthoritySchema } }, required: true } },
      responses: { 201: json(registeredAuthoritySchema, 'Registered; the superuser\'s username is shown once'), ...errorResponses(400, 401, 403, 409, 503) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const em = orm.em.fork();
      const { authority: own, kind } = await actingCoordinator(em, actor);

      const fields: Record<string, string[]> = {};
      if (!(await em.count(Country, { code: body.countryCode }))) fields.countryCode = [`names no Liaison country: ${body.countryCode}`];
      const areaCodes = [...new Set(body.areas.map((a) => a.area))];
      if (areaCodes.length !== body.areas.length) fields.areas = ['names a legislation area twice'];
      else if ((await em.count(LegislationArea, { code: { $in: areaCodes } })) < areaCodes.length) fields.areas = [`names an unknown legislation area: ${areaCodes.join(', ')}`];
      body.areas.forEach((a, i) => {
        if (a.workflows.some((w) => w.workflow === 'alerts') && a.area !== 'services') (fields[`areas.${i}.workflows`] ??= []).push('only the Services area has the alerts workflow');
      });
      if (Object.keys(fields).length > 0) throw badRequest('The request is not valid: ' + Object.entries(fields).map(([k, v]) => `${k}: ${v.join(', ')}`).join('; '), fields);

      const decision = mayRegister(kind, body.kind, await registrationContext(em, own, body));
      if (!decision.ok) throw forbidden(decision.rejection.message);
      const email = body.superuser.email.toLowerCase();
      if (await em.count(User, { email })) throw conflict(`A user with the email ${email} already exists.`);

      const id = randomUUID();
      const now = new Date();
      const authority = em.create(Authority, {
        id,
        countryCode: body.countryCode,
        kind: body.kind,
        region: body.region ?? null,
        officialName: body.officialName,
        informalTitle: body.informalTitle,
        description: body.description ?? null,
        descriptionLanguage: null,
        languages: body.languages,
        addressLines: body.addressLines,
        postcode: body.postcode ?? null,
        city: body.city,
        phone: body.phone ?? null,
        website: body.website ?? null,
        contactEmail: body.contactEmail.toLowerCase(),
        horizontalCompetence: body.kind === 'NIMIC' || body.kind === 'super-DIMIC',
        status: 'active',
        validatingCoordinatorId: own?.id ?? null,
        createdAt: now,
        updatedAt: now,
      } as never);
      for (const area of body.areas) {
        em.create(AuthorityArea, {
          authorityId: id,
          areaCode: area.area,
          accessStatus: 'active',
          previousAccessStatus: null,
          role: area.role,
          accessCoordinatorId: own?.id ?? null,
          keywords: area.keywords,
          flags: {},
        } as never);
        for (const w of area.workflows) {
          em.create(AuthorityWorkflow, { authorityId: id, areaCode: area.area, workflow: w.workflow, accessStatus: 'active', previousAccessStatus: null, roles: [w.role] } as never);
        }
      }
      await em.flush();

      const undo = async () => {
        await orm.em.fork().nativeDelete(Authority, { id });
      };
      try {
        const facts = await roleFactsOf(em, authority as IAuthority);
        const asked: UserRole[] = body.superuser.roles ?? [
          ...(facts.isCoordinator ? [{ role: 'data-administrator' }] : []),
          ...(facts.hasRequestAccess ? [{ role: 'case-handler' }] : []),
          ...(facts.isRequestCoordinator ? [{ role: 'referral-handler' }] : []),
        ];
        const roles = withAutomaticAssignments([{ role: 'local-data-administrator' }, ...asked.filter((r) => r.role !== 'local-data-administrator')], facts);
        assertEligible(facts, roles);
        const superuserId = 'superuser';
        await assertMinimums(em, authority as IAuthority, facts, { userId: superuserId, roles });

        const input: AuthorityLifecycleInput = {
          authorityId: id,
          countryCode: body.countryCode,
          registeredBy: workflowActor(actor),
          selfRegistered: false,
          areas: Object.fromEntries(
            body.areas.map((a) => [
              a.area,
              { status: 'active', role: a.role as AuthorityKind, workflows: Object.fromEntries(a.workflows.map((w) => [w.workflow as Workflow, { status: 'active', role: w.role }])) },
            ]),
          ) as Record<string, AreaAccessState>,
        };
        const startWorkflowOperation = new WithStartWorkflowOperation<typeof AuthorityLifecycleWorkflow>('AuthorityLifecycleWorkflow', {
          workflowId: authorityWorkflowId(id),
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowIdConflictPolicy: 'FAIL',
          args: [input],
        });
        await temporal.workflow.executeUpdateWithStart(authorityProjectedSnapshot, { startWorkflowOperation });
        const created = await createUser(orm.em.fork(), deps.mailer, {
          firstName: body.superuser.firstName,
          lastName: body.superuser.lastName,
          email,
          phone: body.superuser.phone ?? null,
          preferredLanguage: body.superuser.preferredLanguage,
          authorityId: id,
          roles,
          loginUrl: publicUrl(config),
        });
        await em.getConnection().execute(
          `insert into audit_event (at, subject_type, subject_id, action, actor, details) values (now(), 'user', ?, 'created', ?, ?::jsonb)`,
          [created.id, actorLabel(actor), JSON.stringify({ authorityId: id, roles: roles.map((r) => r.role), superuser: true })],
        );
        return c.json({ id, status: 'active' as const, workflowId: authorityWorkflowId(id), superuser: created }, 201);
      } catch (error) {
        await temporal.workflow.getHandle(authorityWorkflowId(id)).terminate('registration failed').catch(() => undefined);
        await undo();
        throw toApiError(error, 'Authority');
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/authorities/{id}/commands',
      tags: ['Coordination'],
      summary: "Change an authority's status or access",
      description:
        'A command of the status machine (ch. 9.1.5, 9.1.6). The API looks up who the caller is to the authority (validating or access coordinator, ' +
        'its kind) and the ongoing cases; the machine decides. Refusals: 403 (not allowed, with the reason) or 409 (wrong state, with the reason).',
      request: { params: idParam, body: { content: { 'application/json': { schema: authorityCommandSchema } }, required: true } },
      responses: { 200: json(authorityLifecycleSchema, 'The authority after the command, projected'), ...errorResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body: AuthorityCommandBody = c.req.valid('json');
      const actor = actorOf(c);
      const em = orm.em.fork();
      const target = await loadAuthority(em, id);
      const area = 'target' in body ? body.target.area : undefined;
      const by = await relationTo(em, actor, target, area);

      if (body.type === 'validateRegistration') {
        const own = actor.authorityId ? await em.findOne(Authority, { id: actor.authorityId }) : null;
        const kind = own && !actor.roles.some((r) => r.role === 'system-admin') ? own.kind : 'system-admin';
        if (kind !== 'system-admin' && !isCoordinatorKind(kind)) throw forbidden('A competent authority cannot validate other authorities (ch. 9.1.1).');
        const decision = mayValidate(kind, target.kind, {
          actorCountryCode: own?.countryCode ?? target.countryCode,
          targetCountryCode: target.countryCode,
          targetInActorRegion: !!own?.region && own.region === target.region,
          ...(await limicCounts(em, own, target)),
        });
        if (!decision.ok) throw forbidden(decision.rejection.message);
      }
      const ongoingCases = body.type === 'inactivateAuthority' || body.type === 'revokeAccess' ? await ongoingCasesOf(em, id) : 0;
      const command = (
        body.type === 'requestAccess' || body.type === 'requestReactivation'
          ? body
          : body.type === 'inactivateAuthority' || body.type === 'revokeAccess'
            ? { ...body, by, ongoingCases }
            : { ...body, by }
      ) as AuthorityCommand;

      const adopt: AuthorityLifecycleInput = {
        authorityId: id,
        countryCode: target.countryCode,
        areas: await accessFromTables(em, id),
        registeredBy: workflowActor(actor),
        selfRegistered: target.status === 'registration-requested',
        adopt: { status: target.status },
      };
      try {
        const startWorkflowOperation = new WithStartWorkflowOperation<typeof AuthorityLifecycleWorkflow>('AuthorityLifecycleWorkflow', {
          workflowId: authorityWorkflowId(id),
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowIdConflictPolicy: 'USE_EXISTING',
          args: [adopt],
        });
        const snapshot = await temporal.workflow.executeUpdateWithStart(authorityCommand, { startWorkflowOperation, args: [{ command, actor: workflowActor(actor) }] });
        return c.json(lifecycleView(snapshot), 200);
      } catch (error) {
        throw toApiError(error, 'Authority');
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/authorities/by-email',
      tags: ['Coordination'],
      summary: 'Find authorities by their own or their users\' email',
      request: { query: byEmailQuerySchema },
      responses: { 200: json(authorityByEmailSchema, 'Matching authorities (removed users are not searched)'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { email } = c.req.valid('query');
      const em = orm.em.fork();
      await actingCoordinator(em, actorOf(c));
      const rows = await em.getConnection().execute<{ id: string; official_name: string; country_code: string; kind: AuthorityKind; status: IAuthority['status']; matched_on: 'authority' | 'user' }[]>(
        `select a.id, a.official_name, a.country_code, a.kind, a.status, 'authority' as matched_on from authority a where lower(a.contact_email) = lower(?)
         union
         select a.id, a.official_name, a.country_code, a.kind, a.status, 'user' as matched_on from authority a
           join app_user u on u.authority_id = a.id where u.email = lower(?) and u.status <> 'removed'
         order by official_name`,
        [email, email],
      );
      return c.json(
        { data: rows.map((r) => ({ id: r.id, officialName: r.official_name, countryCode: r.country_code, kind: r.kind, status: r.status, matchedOn: r.matched_on })) },
        200,
      );
    },
  );

  /** The predefined templates in `email_template`, once per process and idempotently (fixed ids, `on conflict do nothing`). */
  let seeded: Promise<void> | null = null;
  const seedTemplates = (em: EntityManager) =>
    (seeded ??= seedPredefinedEmailTemplates(em).catch((error) => {
      seeded = null;
      throw error;
    }));

  const templateView = (t: IEmailTemplate) => ({
    id: t.id,
    code: t.code,
    language: t.language as CoordinationEmailLanguage,
    name: t.name,
    subject: t.subject,
    heading: t.heading,
    body: t.body,
    predefined: t.ownerAuthorityId === null,
    ownerAuthorityId: t.ownerAuthorityId ?? null,
    updatedAt: new Date(t.updatedAt).toISOString(),
    updatedBy: t.updatedBy ?? null,
  });

  /** The coordinator that owns the templates the caller edits: its own authority (the helpdesk has none). */
  async function templateOwner(em: EntityManager, actor: AuthActor): Promise<IAuthority> {
    const { authority } = await actingCoordinator(em, actor);
    if (!authority) throw forbidden('The helpdesk sends the predefined templates; only a coordinator keeps its own versions.');
    return authority;
  }

  /** A template the caller may see (predefined or its own); another coordinator's is refused (403). */
  async function visibleTemplate(em: EntityManager, own: IAuthority | null, id: string): Promise<IEmailTemplate> {
    const template = await em.findOne(EmailTemplate, { id });
    if (!template) throw notFound(`Email template ${id}`);
    if (template.ownerAuthorityId && template.ownerAuthorityId !== own?.id) throw forbidden('This email template belongs to another coordinator.');
    return template;
  }

  const templateIdParam = z.object({ id: z.string().uuid('must be an email template id (uuid)') });
  const duplicate = (code: string, language: string) =>
    new ApiError(409, 'conflict', `You already have a template ${code} in ${language}.`, { code: [`you already have a template ${code} in ${language}`] });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/email-templates',
      tags: ['Coordination'],
      summary: "The emails a coordinator sends to the authorities it coordinates: the predefined ones and the coordinator's own (en, da)",
      responses: { 200: json(emailTemplateListSchema, 'Every template the caller may use, one per code and language'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const em = orm.em.fork();
      const { authority: own } = await actingCoordinator(em, actorOf(c));
      await seedTemplates(em);
      const rows = await em.find(
        EmailTemplate,
        own ? { $or: [{ ownerAuthorityId: null }, { ownerAuthorityId: own.id }] } : { ownerAuthorityId: null },
        { orderBy: { code: 'asc', language: 'asc', ownerAuthorityId: 'asc' } },
      );
      return c.json({ data: rows.map(templateView) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/email-templates',
      tags: ['Coordination'],
      summary: "Create one of the coordinator's own email templates",
      description: "Only a data administrator of a coordinator (the template belongs to the coordinator's authority). A predefined template's code makes the coordinator's own version of it.",
      request: { body: { content: { 'application/json': { schema: emailTemplateCreateSchema } }, required: true } },
      responses: { 201: json(emailTemplateSchema, 'The new template'), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const body: EmailTemplateCreateBody = c.req.valid('json');
      const actor = actorOf(c);
      const em = orm.em.fork();
      const own = await templateOwner(em, actor);
      const code = body.code ?? `own-${randomUUID().slice(0, 8)}`;
      if (await em.count(EmailTemplate, { ownerAuthorityId: own.id, code, language: body.language })) throw duplicate(code, body.language);
      const template = em.create(EmailTemplate, {
        id: randomUUID(),
        ownerAuthorityId: own.id,
        code,
        language: body.language,
        name: body.name,
        subject: body.subject,
        heading: body.heading,
        body: body.body,
        updatedAt: new Date(),
        updatedBy: actor.id,
      } as never) as IEmailTemplate;
      await em.flush();
      return c.json(templateView(template), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/email-templates/{id}',
      tags: ['Coordination'],
      summary: 'Edit an email template',
      description:
        "Edits the coordinator's own template; editing a predefined one creates (or updates) the coordinator's own version of it, " +
        'which its mass emails then use. Another coordinator\'s template: 403.',
      request: { params: templateIdParam, body: { content: { 'application/json': { schema: emailTemplateEditSchema } }, required: true } },
      responses: { 200: json(emailTemplateSchema, "The coordinator's template after the edit (a new id when a predefined one was edited)"), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body: EmailTemplateEditBody = c.req.valid('json');
      const actor = actorOf(c);
      const em = orm.em.fork();
      const own = await templateOwner(em, actor);
      await seedTemplates(em);
      const chosen = await visibleTemplate(em, own, id);
      const edit = { subject: body.subject, heading: body.heading, body: body.body, updatedAt: new Date(), updatedBy: actor.id };
      let template: IEmailTemplate;
      if (chosen.ownerAuthorityId === own.id) {
        template = em.assign(chosen, { ...edit, ...(body.name && { name: body.name }) });
      } else {
        const existing = await em.findOne(EmailTemplate, { ownerAuthorityId: own.id, code: chosen.code, language: chosen.language });
        template = existing
          ? em.assign(existing, { ...edit, ...(body.name && { name: body.name }) })
          : (em.create(EmailTemplate, { id: randomUUID(), ownerAuthorityId: own.id, code: chosen.code, language: chosen.language, name: body.name ?? chosen.name, ...edit } as never) as IEmailTemplate);
      }
      await em.flush();
      return c.json(templateView(template), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/email-templates/{id}',
      tags: ['Coordination'],
      summary: "Delete one of the coordinator's own email templates",
      description: "Deleting the coordinator's version of a predefined template brings back the predefined one. Predefined templates and another coordinator's cannot be deleted (403).",
      request: { params: templateIdParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const em = orm.em.fork();
      const own = await templateOwner(em, actorOf(c));
      const template = await visibleTemplate(em, own, id);
      if (!template.ownerAuthorityId) throw forbidden('A predefined email template cannot be deleted.');
      await em.nativeDelete(EmailTemplate, { id: template.id });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/mass-email',
      tags: ['Coordination'],
      summary: "Send a template (the coordinator's own version, else the predefined one), edited for this sending, to a list of coordinated authorities",
      description: "Each authority gets it at its contact email, in the first of its languages the template has (else English). Only authorities the caller validates or coordinates an area of (the helpdesk: any).",
      request: { body: { content: { 'application/json': { schema: massEmailSchema } }, required: true } },
      responses: { 200: json(massEmailResultSchema, 'Who it was sent to'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const em = orm.em.fork();
      const { authority: own } = await actingCoordinator(em, actor);
      await seedTemplates(em);
      // The chosen template gives the code; each authority gets the coordinator's own version in its language, else the predefined one.
      const unknown = () => badRequest(`No email template ${body.templateId}.`, { templateId: [`names no template: ${body.templateId}`] });
      const isId = z.string().uuid().safeParse(body.templateId).success;
      const chosen = isId ? await em.findOne(EmailTemplate, { id: body.templateId }) : null;
      if (chosen?.ownerAuthorityId && chosen.ownerAuthorityId !== own?.id) throw unknown();
      const code = chosen?.code ?? body.templateId;
      const versions = await em.find(EmailTemplate, { code, $or: [{ ownerAuthorityId: null }, ...(own ? [{ ownerAuthorityId: own.id }] : [])] });
      if (versions.length === 0) throw unknown();
      const versionIn = (language: string) =>
        versions.find((t) => t.language === language && t.ownerAuthorityId) ?? versions.find((t) => t.language === language && !t.ownerAuthorityId);
      const ids = [...new Set(body.authorityIds)];
      const targets = await em.find(Authority, { id: { $in: ids } });
      if (targets.length < ids.length) throw notFound(`Authority ${ids.filter((id) => !targets.some((t) => t.id === id)).join(', ')}`);
      if (own) {
        const coordinatedAreas = await em.find(AuthorityArea, { authorityId: { $in: ids }, accessCoordinatorId: own.id });
        const notCoordinated = targets.filter((t) => t.validatingCoordinatorId !== own.id && !coordinatedAreas.some((a) => a.authorityId === t.id));
        if (notCoordinated.length > 0) throw forbidden(`You do not coordinate ${notCoordinated.map((t) => t.officialName).join(', ')}.`);
      }
      const sent: { authorityId: string; to: string; language: string }[] = [];
      for (const target of targets) {
        const wanted = languageFor(target.languages);
        const template = versionIn(wanted) ?? versionIn('en') ?? chosen ?? versions[0]!;
        const language = template.language as CoordinationEmailLanguage;
        const text = { subject: template.subject, heading: template.heading, paragraphs: paragraphsOf(template.body) };
        const rendered = await renderEmail(coordinationEmail(text, language, { authority: target.officialName, coordinator: own?.officialName ?? 'Liaison helpdesk' }, body.overrides[language]));
        await deps.mailer.send({ to: target.contactEmail, ...rendered });
        sent.push({ authorityId: target.id, to: target.contactEmail, language });
      }
      await em.getConnection().execute(
        `insert into audit_event (at, subject_type, subject_id, action, actor, details) values (now(), 'coordination', ?, 'mass-email', ?, ?::jsonb)`,
        [own?.id ?? 'helpdesk', actorLabel(actor), JSON.stringify({ templateId: body.templateId, code, authorityIds: ids })],
      );
      return c.json({ sent }, 200);
    },
  );

  return app;
}

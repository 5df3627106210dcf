import { createRoute, z } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { verifyRegistrationCode } from '../../activities/invitation';
import { Authority, AuthorityArea, AuthorityWorkflow } from '../../schema/entities/authority';
import { Invitation, type IInvitation } from '../../schema/entities/invitation';
import { InvitationContact } from '../../schema/entities/invitationContact';
import { User } from '../../schema/entities/identity/user';
import { AreaKeyword, LegislationArea } from '../../schema/entities/reference';
import { RegistrationToken } from '../../schema/entities/registration';
import type { ContentRole, Workflow } from '../../schema/authority';
import {
  captchaSchema,
  registrationCheckResultSchema,
  registrationCheckSchema,
  registrationCompleteSchema,
  registrationSummarySchema,
} from '../../schema/invitations';
import { invitationWorkflowId, registerWithCode } from '../../workflows/invitation/definitions';
import { registrantActor, registrationRefusal, type InvitationState, type RegistrationRefusal } from '../../workflows/invitation/machine';
import { newToken, sha256 } from '../auth/credentials';
import { createUser } from '../auth/users';
import type { AppDeps } from '../deps';
import { ApiError, badRequest, errorResponses } from '../errors';
import { createCaptcha, randomCaptchaText, verifyCaptcha } from '../registration/captcha';
import '../registration/options';
import { publicUrl } from '../../schema/config';
import { createRouter } from '../router';
import { toApiError } from '../temporalErrors';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const tags = ['Self-registration'];
export const registrationTokenValidMs = 2 * 60 * 60_000;

/** The three reasons of the manual (3.1.2) and two more, each with its own code. */
const refusalAnswers: Record<RegistrationRefusal, string> = {
  'code-expired': 'The registration code has expired. Ask the coordinator who invited you to send a new invitation.',
  'invitation-withdrawn': 'The invitation was withdrawn by the coordinator who sent it.',
  'already-registered': 'Your authority is already registered with this invitation.',
  'not-sent': 'The invitation has not been sent: there is no valid registration code.',
  deleted: 'The invitation was deleted.',
};
const refused = (reason: RegistrationRefusal) => new ApiError(409, reason, refusalAnswers[reason]);
const invalidCode = () => new ApiError(400, 'invalid_code', 'The security check failed: the registration code is not right.');

/** The content roles an invited workflow gives the authority (role "Authority" / competent authority). */
const authorityRoles: Record<Workflow, ContentRole[]> = { requests: ['authority'], alerts: ['alert-authority'] };
/** The superuser's user roles per invited workflow, beside local data administrator (LDA). */
const superuserRoles: Record<Workflow, string> = { requests: 'case-handler', alerts: 'alert-handler' };

/**
 * Public self-registration (no login; domain.md §4, IMI manual 3.1): a captcha, then the security
 * check with the registration code, then the registration itself. A passed check gives a
 * short-lived token for one completion. The username is shown here once, never emailed.
 */
export function registrationRoutes(deps: AppDeps) {
  const { orm, temporal, mailer, config } = deps;
  const app = createRouter();

  const refusalOf = (row: IInvitation) =>
    registrationRefusal({ status: row.status, codeExpiresAt: row.codeExpiresAt?.toISOString() ?? null, removedAt: row.removedAt?.toISOString() ?? null } as InvitationState, new Date());

  app.openapi(
    createRoute({ method: 'post', path: '/captcha', tags, summary: 'A new captcha (SVG); it answers once, within 10 minutes', responses: { 201: json(captchaSchema, 'The captcha') } }),
    async (c) => c.json(await createCaptcha(orm, (deps.registration?.captchaText ?? randomCaptchaText)()), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/check',
      tags,
      summary: 'Security check: captcha + registration code → a registration token and what was invited',
      request: { body: { content: { 'application/json': { schema: registrationCheckSchema } }, required: true } },
      responses: { 200: json(registrationCheckResultSchema, 'The code is valid'), ...errorResponses(400, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      if (!(await verifyCaptcha(orm, input.captchaId, input.captchaAnswer))) {
        throw new ApiError(400, 'captcha_failed', 'The characters from the picture were not right, or the picture is too old. Try a new one.');
      }
      const em = orm.em.fork();
      // The code is only stored hashed (scrypt, salted): find the invitation by the link's id, or try each issued code.
      const candidates = await em.find(InvitationContact, { codeHash: { $ne: null }, ...(input.invitationId && { invitationId: input.invitationId }) }, { orderBy: { createdAt: 'desc' }, limit: 500 });
      let match: (typeof candidates)[number] | undefined;
      for (const candidate of candidates) {
        if (await verifyRegistrationCode(input.code, candidate.codeHash)) {
          match = candidate;
          break;
        }
      }
      if (!match) throw invalidCode();
      const row = await em.findOne(Invitation, { id: match.invitationId });
      if (!row) throw invalidCode();
      const refusal = refusalOf(row);
      if (refusal) throw refused(refusal);

      const { token, hash } = newToken();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + registrationTokenValidMs);
      await em.insert(RegistrationToken, { id: randomUUID(), tokenHash: hash, invitationId: row.id, createdAt: now, expiresAt, usedAt: null });
      const areas = await em.find(LegislationArea, { code: { $in: row.areas } });
      const keywords = await em.find(AreaKeyword, { area: { $in: row.areas }, retired: false }, { orderBy: { position: 'asc' } });
      return c.json(
        {
          token,
          expiresAt: expiresAt.toISOString(),
          countryCode: row.countryCode,
          email: match.email,
          areas: row.areas.map((code) => ({
            code,
            labels: areas.find((a) => a.code === code)?.names ?? { en: code },
            keywords: keywords.filter((k) => (k.area as unknown as string) === code || (k.area as unknown as { code?: string })?.code === code).map((k) => ({ code: k.code, labels: k.labels })),
          })),
          workflows: row.workflows,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/complete',
      tags,
      summary: 'Register the authority and its superuser; answers the summary WITH the username (shown once)',
      request: { body: { content: { 'application/json': { schema: registrationCompleteSchema } }, required: true } },
      responses: { 201: json(registrationSummarySchema, 'The registration, awaiting validation'), ...errorResponses(400, 401, 409, 503) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const em = orm.em.fork();
      const stored = await em.findOne(RegistrationToken, { tokenHash: sha256(input.token) });
      if (!stored || stored.usedAt || stored.expiresAt.getTime() <= Date.now()) {
        throw new ApiError(401, 'registration_token', 'The registration session has ended; start again with the registration code.');
      }
      const row = await em.findOne(Invitation, { id: stored.invitationId });
      if (!row) throw new ApiError(401, 'registration_token', 'The invitation is gone.');
      const refusal = refusalOf(row);
      if (refusal) throw refused(refusal);

      // Area keywords: ≥1 per invited area, each of its own area.
      const fields: Record<string, string[]> = {};
      const keywords = await em.find(AreaKeyword, { area: { $in: row.areas }, retired: false });
      const areaOf = new Map(keywords.map((k) => [k.code, (k.area as unknown as { code?: string })?.code ?? (k.area as unknown as string)]));
      for (const area of row.areas) {
        const chosen = input.keywords[area] ?? [];
        if (chosen.length === 0) fields[`keywords.${area}`] = ['choose at least one keyword'];
        const wrong = chosen.filter((k) => areaOf.get(k) !== area);
        if (wrong.length) fields[`keywords.${area}`] = [`not keywords of ${area}: ${wrong.join(', ')}`];
      }
      if (Object.keys(fields).length) throw badRequest('Choose the area keywords that describe your competence.', fields);
      if (await em.count(User, { email: input.superuser.email })) {
        throw badRequest('A user with this email already exists; give the superuser’s own address.', { 'superuser.email': ['already a user'] });
      }

      // One use: taken before anything is created, so a double click cannot register twice.
      const taken = await em.nativeUpdate(RegistrationToken, { id: stored.id, usedAt: null }, { usedAt: new Date() });
      if (!taken) throw new ApiError(401, 'registration_token', 'This registration was already completed.');

      const authorityId = randomUUID();
      const now = new Date();
      const a = input.authority;
      const workflows = row.workflows.map((w) => {
        const [area, workflow] = w.split(':') as [string, Workflow];
        return { area, workflow };
      });
      await em.transactional(async (tx) => {
        const authority = tx.create(Authority, {
          id: authorityId,
          countryCode: row.countryCode,
          kind: 'CA',
          region: null,
          officialName: a.officialName,
          informalTitle: { [a.informalTitleLanguage]: a.informalTitle },
          description: a.description ?? null,
          descriptionLanguage: a.description ? (a.descriptionLanguage ?? a.informalTitleLanguage) : null,
          languages: a.languages,
          addressLines: a.addressLines,
          postcode: a.postcode ?? null,
          city: a.city,
          phone: a.phone ?? null,
          website: a.website ?? null,
          contactEmail: a.contactEmail,
          horizontalCompetence: false,
          status: 'registration-requested',
          validatingCoordinatorId: row.coordinatorAuthorityId,
          createdAt: now,
          updatedAt: now,
        } as never);
        tx.persist(authority);
        await tx.flush();
        for (const area of row.areas) {
          await tx.insert(AuthorityArea, {
            authorityId,
            areaCode: area,
            accessStatus: 'requested',
            previousAccessStatus: null,
            role: 'CA',
            accessCoordinatorId: row.coordinatorAuthorityId,
            keywords: [...new Set(input.keywords[area]!)],
            flags: {},
          } as never);
        }
        for (const { area, workflow } of workflows) {
          await tx.insert(AuthorityWorkflow, { authorityId, areaCode: area, workflow, accessStatus: 'requested', previousAccessStatus: null, roles: authorityRoles[workflow] } as never);
        }
      });

      let username: string;
      try {
        const user = await createUser(orm.em.fork(), mailer, {
          firstName: input.superuser.firstName,
          lastName: input.superuser.lastName,
          email: input.superuser.email,
          phone: input.superuser.phone ?? null,
          preferredLanguage: input.superuser.language,
          authorityId,
          roles: [{ role: 'local-data-administrator' }, ...workflows.map(({ area, workflow }) => ({ role: superuserRoles[workflow], area, workflow }))],
          loginUrl: `${publicUrl(config)}/#/login`,
        });
        username = user.username;
        await temporal.workflow
          .getHandle(invitationWorkflowId(row.id))
          .executeUpdate(registerWithCode, { args: [{ actor: registrantActor(stored.id), registeredAuthorityId: authorityId }], updateId: `registration:${stored.id}` });
      } catch (error) {
        // Nothing half-made stays behind: the authority and its user go, the token may be used again.
        const undo = orm.em.fork();
        await undo.nativeDelete(User, { authorityId });
        await undo.nativeDelete(Authority, { id: authorityId });
        await undo.nativeUpdate(RegistrationToken, { id: stored.id }, { usedAt: null });
        throw toApiError(error, 'Invitation');
      }

      return c.json(
        {
          authorityId,
          status: 'registration-requested',
          officialName: a.officialName,
          countryCode: row.countryCode,
          contactEmail: a.contactEmail,
          areas: row.areas.map((code) => ({ code, keywords: input.keywords[code]! })),
          workflows: row.workflows,
          superuser: { firstName: input.superuser.firstName, lastName: input.superuser.lastName, email: input.superuser.email, username },
        },
        201,
      );
    },
  );

  return app;
}

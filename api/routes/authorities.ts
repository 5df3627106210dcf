import { createRoute, z } from '@hono/zod-openapi';
import { authorityEditRights } from '../policy/authorityEdit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorityDataUpdateSchema, authorityDetailSchema, authorityListSchema, authoritySearchQuerySchema, type AuthoritySearchQuery } from '../../schema/authorityDirectory';
import { AreaKeyword, Country, Language, LegislationArea, NaceCode, PolicyArea } from '../../schema/entities/reference';
import { Authority } from '../../schema/entities/authority/authority';
import { loadAuthorityDetail } from '../directory/authorityDetail';
import { searchAuthorities, type DirectoryViewer } from '../directory/searchAuthorities';
import type { AuthActor } from '../auth/authenticate';

import type { AppDeps } from '../deps';
import { ApiError, badRequest, errorResponses, notFound } from '../errors';
import { createRouter } from '../router';

/** The helpdesk sees every registration; a coordinator's data administrators see those it invited. */
export function directoryViewer(actor: AuthActor | undefined): DirectoryViewer {
  const roles = actor?.roles ?? [];
  if (roles.some((r) => r.role === 'system-admin')) return { seesAllRegistrations: true };
  const isDataAdmin = roles.some((r) => r.role === 'data-administrator');
  return { seesAllRegistrations: false, validatingCoordinatorId: isDataAdmin && actor?.authorityId ? actor.authorityId : undefined };
}

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.string().uuid('must be an authority id (uuid)') });

/**
 * Codes in the query that name no reference data: a 400 with a message per field is clearer than
 * an empty result for a typo.
 */
async function unknownCodes(em: EntityManager, query: AuthoritySearchQuery): Promise<Record<string, string[]>> {
  const fields: Record<string, string[]> = {};
  const check = async (field: string, codes: string[] | undefined, count: (codes: string[]) => Promise<number>, what: string) => {
    if (!codes?.length) return;
    const found = await count(codes);
    if (found < new Set(codes).size) fields[field] = [`names no ${what}: ${codes.join(', ')}`];
  };
  await Promise.all([
    check('country', query.country ? [query.country] : undefined, (c) => em.count(Country, { code: { $in: c } }), 'Liaison country'),
    check('area', query.area ? [query.area] : undefined, (c) => em.count(LegislationArea, { code: { $in: c } }), 'legislation area'),
    check('keyword', query.keyword, (c) => em.count(AreaKeyword, { code: { $in: c } }), 'area keyword (or not all of them)'),
    check('nace', query.nace ? [query.nace] : undefined, (c) => em.count(NaceCode, { code: { $in: c } }), 'NACE code'),
    check('policyArea', query.policyArea ? [query.policyArea] : undefined, (c) => em.count(PolicyArea, { code: { $in: c } }), 'policy area'),
  ]);
  return fields;
}

/** The authority directory: search authorities (IMI ch. 5.3.1) and read one with all its data (ch. 4.1). */
export function authorityRoutes(deps: AppDeps) {
  const { orm } = deps;
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Authorities'],
      summary: 'Search the authority directory',
      description:
        'By country, legislation area, area keywords, NACE activity, policy area, status, kind and free text. All criteria must hold. ' +
        'Free text `mode=exact` is IMI\'s search (as typed, accent-sensitive); `mode=words` finds every word ignoring case and accents in any language.',
      request: { query: authoritySearchQuerySchema },
      responses: { 200: json(authorityListSchema, 'A page of authorities and the total'), ...errorResponses(400, 401) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const em = orm.em.fork();
      const fields = await unknownCodes(em, query);
      if (Object.keys(fields).length > 0) {
        throw badRequest('The request is not valid: ' + Object.entries(fields).map(([k, v]) => `${k}: ${v.join(', ')}`).join('; '), fields);
      }
      return c.json(await searchAuthorities(em, query, directoryViewer(c.get('actor'))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Authorities'],
      summary: 'One authority with all its data',
      description: 'General and contact data, competences, and per legislation area its access, role, keywords, flags (defaults filled in), workflows and linked coordinators.',
      request: { params: idParam },
      responses: { 200: json(authorityDetailSchema, 'The authority'), ...errorResponses(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const detail = await loadAuthorityDetail(orm.em.fork(), id);
      const viewer = directoryViewer(c.get('actor'));
      const hidden =
        detail &&
        !viewer.seesAllRegistrations &&
        (detail.status === 'registration-requested' || detail.status === 'registration-rejected') &&
        detail.validatingCoordinator?.id !== viewer.validatingCoordinatorId;
      if (!detail || hidden) throw notFound('Authority');
      return c.json(detail, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags: ['Authorities'],
      summary: "Update an authority's general and contact data",
      description:
        "By its local data administrators, the data administrators of its validating coordinator, or the helpdesk. " +
        'The official name is changed only by the validating coordinator (or the helpdesk).',
      request: { params: idParam, body: { content: { 'application/json': { schema: authorityDataUpdateSchema } }, required: true } },
      responses: { 200: json(authorityDetailSchema, 'The authority after the change'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const change = c.req.valid('json');
      const actor = c.get('actor');
      const em = orm.em.fork();
      const authority = await em.findOne(Authority, { id });
      if (!authority) throw notFound('Authority');
      const rights = authorityEditRights(actor ?? null, { id, validatingCoordinatorId: authority.validatingCoordinatorId ?? null });
      if (!rights.mayEdit) {
        throw new ApiError(403, 'not_allowed', "Only the authority's local data administrators, its validating coordinator or the helpdesk may change its data.");
      }
      if (change.officialName !== undefined && change.officialName !== authority.officialName && !rights.mayChangeOfficialName) {
        throw new ApiError(403, 'not_allowed', 'Only the validating coordinator changes the official name.');
      }
      const languages = [...new Set([...(change.languages ?? []), ...(change.descriptionLanguage ? [change.descriptionLanguage] : []), ...Object.keys(change.informalTitle ?? {})])];
      if (languages.length) {
        const known = await em.count(Language, { code: { $in: languages } });
        if (known < languages.length) throw badRequest('The request names an unknown language.', { languages: [`not all of ${languages.join(', ')} are Liaison languages`] });
      }
      em.assign(authority, { ...change, updatedAt: new Date() });
      await em.flush();
      const detail = await loadAuthorityDetail(orm.em.fork(), id);
      return c.json(detail!, 200);
    },
  );

  return app;
}

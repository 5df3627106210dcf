import type { EntityManager } from '@mikro-orm/postgresql';
import { workflowFlagsSchema } from '../../schema/authority';
import type { AuthorityDetail, AuthorityRef } from '../../schema/authorityDirectory';
import { Authority, AuthorityArea, AuthorityCompetence, AuthorityWorkflow, LinkedCoordinator, type IAuthority } from '../../schema/entities/authority';
import { LegislationArea } from '../../schema/entities/reference';

const workflowOrder = { requests: 0, alerts: 1 } as const;

/** Everything about one authority, or null if there is none with that id. */
export async function loadAuthorityDetail(em: EntityManager, id: string): Promise<AuthorityDetail | null> {
  const authority = await em.findOne(Authority, { id });
  if (!authority) return null;
  const [areas, workflows, competences, links, legislationAreas] = await Promise.all([
    em.find(AuthorityArea, { authorityId: id }),
    em.find(AuthorityWorkflow, { authorityId: id }),
    em.find(AuthorityCompetence, { authorityId: id }, { orderBy: { naceCode: 'asc', policyAreaCode: 'asc' } }),
    em.find(LinkedCoordinator, { authorityId: id }),
    em.find(LegislationArea, {}, { fields: ['code', 'position'] }),
  ]);

  const referencedIds = new Set<string>([
    ...(authority.validatingCoordinatorId ? [authority.validatingCoordinatorId] : []),
    ...areas.flatMap((a) => (a.accessCoordinatorId ? [a.accessCoordinatorId] : [])),
    ...links.map((l) => l.coordinatorId),
  ]);
  const referenced = referencedIds.size
    ? await em.find(Authority, { id: { $in: [...referencedIds] } }, { fields: ['id', 'officialName', 'countryCode', 'kind'] })
    : [];
  const refs = new Map(referenced.map((r) => [r.id, { id: r.id, officialName: r.officialName, countryCode: r.countryCode, kind: r.kind } satisfies AuthorityRef]));
  const ref = (refId: string | null | undefined) => (refId ? (refs.get(refId) ?? null) : null);
  const position = new Map(legislationAreas.map((a) => [a.code, a.position]));

  return {
    ...summaryFields(authority),
    description: authority.description ?? null,
    descriptionLanguage: authority.descriptionLanguage ?? null,
    languages: authority.languages,
    addressLines: authority.addressLines,
    postcode: authority.postcode ?? null,
    phone: authority.phone ?? null,
    website: authority.website ?? null,
    contactEmail: authority.contactEmail,
    validatingCoordinator: ref(authority.validatingCoordinatorId),
    competence: {
      naceCodes: competences.flatMap((c) => (c.naceCode ? [c.naceCode] : [])),
      policyAreaCodes: competences.flatMap((c) => (c.policyAreaCode ? [c.policyAreaCode] : [])),
    },
    areas: areas
      .sort((x, y) => (position.get(x.areaCode) ?? 0) - (position.get(y.areaCode) ?? 0))
      .map((area) => ({
        area: area.areaCode,
        status: area.accessStatus,
        previousStatus: area.previousAccessStatus ?? null,
        role: area.role,
        accessCoordinator: ref(area.accessCoordinatorId),
        keywords: area.keywords,
        flags: workflowFlagsSchema.parse(area.flags ?? {}),
        workflows: workflows
          .filter((w) => w.areaCode === area.areaCode)
          .sort((x, y) => workflowOrder[x.workflow] - workflowOrder[y.workflow])
          .map((w) => ({
            workflow: w.workflow,
            status: w.accessStatus,
            previousStatus: w.previousAccessStatus ?? null,
            roles: w.roles,
            linkedCoordinators: links
              .filter((l) => l.areaCode === area.areaCode && l.workflow === w.workflow)
              .flatMap((l) => {
                const coordinator = ref(l.coordinatorId);
                return coordinator ? [coordinator] : [];
              })
              .sort((x, y) => x.officialName.localeCompare(y.officialName)),
          })),
      })),
    createdAt: authority.createdAt.toISOString(),
    updatedAt: authority.updatedAt.toISOString(),
  };
}

const summaryFields = (a: IAuthority) => ({
  id: a.id,
  countryCode: a.countryCode,
  kind: a.kind,
  region: a.region ?? null,
  officialName: a.officialName,
  informalTitle: a.informalTitle,
  city: a.city,
  status: a.status,
  horizontalCompetence: a.horizontalCompetence,
});

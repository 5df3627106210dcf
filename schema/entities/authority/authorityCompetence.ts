import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { NaceCode } from '../reference/naceCode';
import { PolicyArea } from '../reference/policyArea';
import { Authority } from './authority';

/**
 * One keyword of an authority's competence (ch. 4.1.2): a NACE economic activity or an EU policy
 * area — exactly one of the two per row. Authorities with horizontal competence need none.
 */
export const AuthorityCompetence = defineEntity({
  name: 'AuthorityCompetence',
  tableName: 'authority_competence',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    authorityId: () => p.manyToOne(Authority).mapToPk().fieldName('authority_id').index().deleteRule('cascade'),
    naceCode: () => p.manyToOne(NaceCode).mapToPk().fieldName('nace_code').nullable().index(),
    policyAreaCode: () => p.manyToOne(PolicyArea).mapToPk().fieldName('policy_area_code').nullable().index(),
  },
  checks: [{ name: 'authority_competence_one_kind', expression: '(nace_code is null) <> (policy_area_code is null)' }],
});

export type IAuthorityCompetence = InferEntity<typeof AuthorityCompetence>;

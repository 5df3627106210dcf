import type { EntitySchema } from '@mikro-orm/core';
import { Authority } from './authority';
import { AuthorityArea } from './authorityArea';
import { AuthorityCompetence } from './authorityCompetence';
import { AuthorityWorkflow } from './authorityWorkflow';
import { LinkedCoordinator } from './linkedCoordinator';

export { Authority, AuthorityArea, AuthorityCompetence, AuthorityWorkflow, LinkedCoordinator };
export type { IAuthority } from './authority';
export type { IAuthorityArea } from './authorityArea';
export type { IAuthorityCompetence } from './authorityCompetence';
export type { IAuthorityWorkflow } from './authorityWorkflow';
export type { ILinkedCoordinator } from './linkedCoordinator';

/** The authority entities, for `allEntities`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const authorityEntities: EntitySchema<any>[] = [Authority, AuthorityArea, AuthorityWorkflow, AuthorityCompetence, LinkedCoordinator];

import { z } from '@hono/zod-openapi';
import { userRoleSchema, workflowSchema } from './authority';

/**
 * Shapes of the users an authority's local data administrator manages (domain.md §2; IMI manual
 * ch. 4 "lokal dataadministrator"): listing, creating (the username is shown once), rights per
 * legislation area and workflow, password reset and removal.
 */
export const userRoleAssignmentSchema = z
  .object({
    role: userRoleSchema,
    /** Legislation area code; absent for a role held in every area. */
    area: z.string().min(1).optional(),
    workflow: workflowSchema.optional(),
  })
  .openapi('UserRoleAssignment');
export type UserRoleAssignment = z.infer<typeof userRoleAssignmentSchema>;

export const userStatusSchema = z.enum(['active', 'locked']).openapi('UserStatus');

export const authorityUserSchema = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    authorityId: z.string().uuid().nullable(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    preferredLanguage: z.string(),
    roles: z.array(userRoleAssignmentSchema),
    status: userStatusSchema,
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
  })
  .openapi('AuthorityUser');
export type AuthorityUserView = z.infer<typeof authorityUserSchema>;

export const userListQuerySchema = z
  .object({ authorityId: z.string().uuid('must be an authority id (uuid)') })
  .openapi('UserListQuery');

export const userListSchema = z.object({ data: z.array(authorityUserSchema), total: z.number().int() }).openapi('UserList');

export const newUserSchema = z
  .object({
    authorityId: z.string().uuid('must be an authority id (uuid)'),
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: z.string().trim().email('must be an email address').max(254),
    phone: z.string().trim().max(40).optional(),
    preferredLanguage: z.string().min(2).max(5).optional(),
    roles: z.array(userRoleAssignmentSchema).default([]),
  })
  .openapi('NewUser');
export type NewUserBody = z.infer<typeof newUserSchema>;

export const createdUserSchema = z
  .object({
    user: authorityUserSchema,
    /** Shown this once, to pass on to the user out of band: it is never emailed. */
    username: z.string(),
  })
  .openapi('CreatedUser');

export const changeUserRolesSchema = z.object({ roles: z.array(userRoleAssignmentSchema) }).openapi('ChangeUserRoles');

export const removedUserSchema = z
  .object({
    id: z.string().uuid(),
    status: z.literal('removed'),
    /** When the blocked personal data is erased (3 years after removal). */
    eraseAt: z.string(),
  })
  .openapi('RemovedUser');

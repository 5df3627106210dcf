import { z } from '@hono/zod-openapi';
import { contentRoles, requestRoles, servicesAreaCode, type ContentRole } from './contentRoles';

/**
 * Shapes of authorities, their access and their users' roles, shared by API and console
 * (domain.md §1 and §3; imi-user-manual-da.txt ch. 9.1.1, 9.1.4, 9.1.5, 9.1.6). No I/O here.
 */

/** Administrative roles of coordinators, highest first (ch. 9.1.1). */
export const coordinatorKinds = ['NIMIC', 'super-DIMIC', 'LIMIC', 'DIMIC'] as const;
export const coordinatorKindSchema = z.enum(coordinatorKinds).openapi('CoordinatorKind');
export type CoordinatorKind = z.infer<typeof coordinatorKindSchema>;

/** What an authority is (in a legislation area): a coordinator of some kind or a competent authority (`CA`). */
export const authorityKinds = [...coordinatorKinds, 'CA'] as const;
export const authorityKindSchema = z.enum(authorityKinds).openapi('AuthorityKind');
export type AuthorityKind = z.infer<typeof authorityKindSchema>;
export const isCoordinatorKind = (kind: AuthorityKind): kind is CoordinatorKind => kind !== 'CA';

/** Authority status (ch. 9.1.5.1). */
export const authorityStatuses = ['registration-requested', 'active', 'registration-rejected', 'suspended', 'inactive'] as const;
export const authorityStatusSchema = z.enum(authorityStatuses).openapi('AuthorityStatus');
export type AuthorityStatus = z.infer<typeof authorityStatusSchema>;

/** Access status of one legislation area or one workflow of an authority (ch. 9.1.5.2–3). */
export const accessStatuses = [
  'requested',
  'active',
  'suspended',
  'suspended-reactivation-requested',
  'revoked',
  'revoked-reactivation-requested',
] as const;
export const accessStatusSchema = z.enum(accessStatuses).openapi('AccessStatus');
export type AccessStatus = z.infer<typeof accessStatusSchema>;

/** Workflows inside a legislation area; alerts exist only in the Services area. */
export const workflows = ['requests', 'alerts'] as const;
export const workflowSchema = z.enum(workflows).openapi('Workflow');
export type Workflow = z.infer<typeof workflowSchema>;


export { servicesAreaCode, requestRoles, alertRoles, contentRolesByWorkflow, contentRoles, type ContentRole, type RequestRole, type AlertRole } from './contentRoles';
export const contentRoleSchema = z.enum(contentRoles).openapi('ContentRole');
export const workflowOfRole = (role: ContentRole): Workflow => ((requestRoles as readonly string[]).includes(role) ? 'requests' : 'alerts');

/** User roles (domain.md §1 "User roles"); `system-admin` is the Commission helpdesk. */
export const userRoles = [
  'local-data-administrator',
  'data-administrator',
  'ordinary-user',
  'case-handler',
  'request-observer',
  'allocator',
  'referral-handler',
  'alert-observer',
  'alert-handler',
  'alert-broadcaster',
  'system-admin',
] as const;
export const userRoleSchema = z.enum(userRoles).openapi('UserRole');
export type UserRole = z.infer<typeof userRoleSchema>;
export const alertUserRoles = ['alert-observer', 'alert-handler', 'alert-broadcaster'] as const satisfies readonly UserRole[];

/**
 * Workflow flags ("flag") per authority per legislation area (ch. 9.1.4). Parsing `{}` yields the
 * defaults the manual gives (STANDARDINDSTILLING).
 */
export const caRequestFlagsSchema = z
  .object({
    /** (1) Requests and answers need the coordinator's approval before they are sent — default NO. */
    approvalRequired: z.boolean().default(false),
    /** (2) May exceptionally reject requests on behalf of its country — default NO. */
    mayRejectForCountry: z.boolean().default(false),
    /** (3) May accept requests from other countries — default YES. */
    mayAcceptFromOtherCountries: z.boolean().default(true),
  })
  .openapi('CaRequestFlags');
export type CaRequestFlags = z.infer<typeof caRequestFlagsSchema>;

export const coordinatorRequestFlagsSchema = z
  .object({
    /** (1) Takes part in the coordinated authorities' referrals — default YES. */
    takesPartInReferrals: z.boolean().default(true),
    /** (2) Approves requests of some coordinated authorities before they are sent — default NO. */
    approvesRequests: z.boolean().default(false),
    /** (3) Approves answers of some coordinated authorities before they are sent — default NO. */
    approvesAnswers: z.boolean().default(false),
    /** (4) Uses allocation of requests to its users — default NO; the coordinator changes this itself. */
    usesAllocation: z.boolean().default(false),
  })
  .openapi('CoordinatorRequestFlags');
export type CoordinatorRequestFlags = z.infer<typeof coordinatorRequestFlagsSchema>;

export const alertCoordinatorFlagsSchema = z
  .object({
    /** Final approval: may edit/delete alerts and related info before broadcast — default NO (ch. 6.2.2). */
    finalApproval: z.boolean().default(false),
  })
  .openapi('AlertCoordinatorFlags');
export type AlertCoordinatorFlags = z.infer<typeof alertCoordinatorFlagsSchema>;

/** All flags of one authority in one legislation area; `{}` parses to every default. */
export const workflowFlagsSchema = z
  .object({
    ca: caRequestFlagsSchema.prefault({}),
    coordinator: coordinatorRequestFlagsSchema.prefault({}),
    alerts: alertCoordinatorFlagsSchema.prefault({}),
  })
  .openapi('WorkflowFlags');
export type WorkflowFlags = z.infer<typeof workflowFlagsSchema>;
export const defaultWorkflowFlags = (): WorkflowFlags => workflowFlagsSchema.parse({});

/** Access of an authority to one workflow of an area, and to one area. */
export const workflowAccessSchema = z
  .object({
    workflow: workflowSchema,
    status: accessStatusSchema,
    role: contentRoleSchema,
  })
  .openapi('WorkflowAccess');
export type WorkflowAccessView = z.infer<typeof workflowAccessSchema>;

export const areaAccessSchema = z
  .object({
    area: z.string().min(1).openapi({ example: servicesAreaCode }),
    status: accessStatusSchema,
    role: authorityKindSchema,
    flags: workflowFlagsSchema.prefault({}),
    workflows: z.array(workflowAccessSchema),
  })
  .openapi('AreaAccess');
export type AreaAccessView = z.infer<typeof areaAccessSchema>;

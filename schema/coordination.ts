import { z } from '@hono/zod-openapi';
import { authorityKindSchema, authorityStatusSchema, contentRoleSchema, workflowSchema } from './authority';
import { userRoleAssignmentSchema } from './users';

/**
 * Shapes of what coordinators do to the authorities they coordinate (IMI manual ch. 9.1): register
 * one directly with its superuser, change its status and access, find it by email.
 */
export const registerWorkflowSchema = z.object({ workflow: workflowSchema, role: contentRoleSchema }).openapi('RegisterWorkflowAccess');

export const registerAreaSchema = z
  .object({
    area: z.string().min(1),
    /** The authority's administrative role in the area. */
    role: authorityKindSchema,
    keywords: z.array(z.string()).default([]),
    workflows: z.array(registerWorkflowSchema).default([]),
  })
  .openapi('RegisterAreaAccess');

export const superuserSchema = z
  .object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: z.string().trim().email('must be an email address').max(254),
    phone: z.string().trim().max(40).optional(),
    preferredLanguage: z.string().min(2).max(5).optional(),
    /** Besides local data administrator (always given); defaults to what the authority needs. */
    roles: z.array(userRoleAssignmentSchema).optional(),
  })
  .openapi('Superuser');

export const registerAuthoritySchema = z
  .object({
    countryCode: z.string().length(2),
    kind: authorityKindSchema,
    region: z.string().max(120).optional(),
    officialName: z.string().trim().min(1).max(300),
    informalTitle: z.record(z.string(), z.string()).default({}),
    description: z.string().optional(),
    languages: z.array(z.string()).min(1),
    addressLines: z.array(z.string()).default([]),
    postcode: z.string().max(20).optional(),
    city: z.string().trim().min(1).max(120),
    phone: z.string().max(40).optional(),
    website: z.string().max(300).optional(),
    contactEmail: z.string().trim().email('must be an email address').max(254),
    areas: z.array(registerAreaSchema).min(1, 'needs at least one legislation area'),
    superuser: superuserSchema,
  })
  .openapi('RegisterAuthority');
export type RegisterAuthorityBody = z.infer<typeof registerAuthoritySchema>;

export const registeredAuthoritySchema = z
  .object({
    id: z.string().uuid(),
    status: authorityStatusSchema,
    workflowId: z.string(),
    superuser: z.object({ id: z.string().uuid(), username: z.string().openapi({ description: 'Shown once; never emailed.' }) }),
  })
  .openapi('RegisteredAuthority');

const accessTargetSchema = z.object({ area: z.string().min(1), workflow: workflowSchema.optional() }).openapi('AccessTarget');
const roleSchema = z.union([authorityKindSchema, contentRoleSchema]);

/** The status machine's commands (workflows/authority/statusMachine.ts) without the actor facts: the API looks those up. */
export const authorityCommandSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('validateRegistration') }),
    z.object({ type: z.literal('rejectRegistration'), reason: z.string().max(2000).optional() }),
    z.object({ type: z.literal('suspendAuthority') }),
    z.object({ type: z.literal('reactivateAuthority') }),
    z.object({ type: z.literal('inactivateAuthority') }),
    z.object({ type: z.literal('requestAccess'), target: accessTargetSchema, role: roleSchema }),
    z.object({ type: z.literal('grantAccess'), target: accessTargetSchema, role: roleSchema }),
    z.object({ type: z.literal('approveAccess'), target: accessTargetSchema }),
    z.object({ type: z.literal('refuseAccess'), target: accessTargetSchema }),
    z.object({ type: z.literal('suspendAccess'), target: accessTargetSchema }),
    z.object({ type: z.literal('requestReactivation'), target: accessTargetSchema }),
    z.object({ type: z.literal('reactivateAccess'), target: accessTargetSchema }),
    z.object({ type: z.literal('refuseReactivation'), target: accessTargetSchema }),
    z.object({ type: z.literal('revokeAccess'), target: accessTargetSchema }),
    z.object({ type: z.literal('changeRole'), target: accessTargetSchema, role: roleSchema }),
  ])
  .openapi('AuthorityCommand');
export type AuthorityCommandBody = z.infer<typeof authorityCommandSchema>;

export const authorityLifecycleSchema = z
  .object({
    id: z.string().uuid(),
    status: authorityStatusSchema,
    version: z.number().int(),
    areas: z.record(
      z.string(),
      z.object({
        status: z.string(),
        role: z.string(),
        workflows: z.record(z.string(), z.object({ status: z.string(), role: z.string() })),
      }),
    ),
    timer: z.object({ kind: z.string(), dueAt: z.string() }).nullable(),
  })
  .openapi('AuthorityLifecycle');

export const byEmailQuerySchema = z.object({ email: z.string().trim().email('must be an email address') }).openapi('AuthorityByEmailQuery');

export const authorityByEmailSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.string().uuid(),
        officialName: z.string(),
        countryCode: z.string(),
        kind: authorityKindSchema,
        status: authorityStatusSchema,
        /** `authority`: its contact email; `user`: one of its users' email. */
        matchedOn: z.enum(['authority', 'user']),
      }),
    ),
  })
  .openapi('AuthoritiesByEmail');

const emailTextSchema = z.object({ subject: z.string().min(1).max(200), heading: z.string().min(1).max(200), paragraphs: z.array(z.string().max(5000)).min(1) });

const templateLanguageSchema = z.enum(['en', 'da'], { message: 'must be en or da' });

export const emailTemplateSchema = z
  .object({
    id: z.string().uuid(),
    /** Shared by a predefined template and a coordinator's own version of it. */
    code: z.string(),
    language: templateLanguageSchema,
    name: z.string(),
    subject: z.string(),
    heading: z.string(),
    /** Plain text; paragraphs separated by a blank line; `{authority}` and `{coordinator}` are filled in. */
    body: z.string(),
    /** true: Liaison's own, read-only; editing it makes the coordinator's own version. */
    predefined: z.boolean(),
    ownerAuthorityId: z.string().uuid().nullable(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .openapi('CoordinationEmailTemplate');

export const emailTemplateListSchema = z.object({ data: z.array(emailTemplateSchema) }).openapi('CoordinationEmailTemplateList');

const templateText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A coordinator's edit of a template (its own, or a predefined one, which makes its own version). */
export const emailTemplateEditSchema = z
  .object({ name: templateText(200).optional(), subject: templateText(200), heading: templateText(200), body: templateText(20000) })
  .openapi('CoordinationEmailTemplateEdit');
export type EmailTemplateEditBody = z.infer<typeof emailTemplateEditSchema>;

export const emailTemplateCreateSchema = emailTemplateEditSchema
  .extend({
    name: templateText(200),
    language: templateLanguageSchema,
    /** Defaults to a new code; a predefined template's code makes the coordinator's own version of it. */
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be lower-case letters, digits and dashes (at most 80)')
      .optional(),
  })
  .openapi('CoordinationEmailTemplateCreate');
export type EmailTemplateCreateBody = z.infer<typeof emailTemplateCreateSchema>;

export const massEmailSchema = z
  .object({
    /** A template id (uuid), or a template code; either way each authority gets the coordinator's own version in its language if there is one, else the predefined one. */
    templateId: z.string().min(1),
    authorityIds: z.array(z.string().uuid('must be an authority id (uuid)')).min(1).max(500),
    /** The coordinator's edits of the template for this sending, per language. */
    overrides: z.object({ en: emailTextSchema.partial().optional(), da: emailTextSchema.partial().optional() }).default({}),
  })
  .openapi('MassEmail');

export const massEmailResultSchema = z
  .object({ sent: z.array(z.object({ authorityId: z.string().uuid(), to: z.string(), language: z.string() })) })
  .openapi('MassEmailResult');

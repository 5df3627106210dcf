import { z } from '@hono/zod-openapi';
import { contentRoleSchema, workflowSchema } from './authority';
import { invitationStatuses } from '../workflows/invitation/machine';

/**
 * HTTP shapes of invitations to self-register and of the public self-registration
 * (domain.md §4, IMI manual 3.1 and 9.1.2–9.1.3).
 */
export const invitationStatusSchema = z.enum(invitationStatuses).openapi('InvitationStatus');

const areaCode = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be a legislation area code').openapi({ example: 'services' });
/** `<area>:<workflow>`, e.g. `services:requests`. */
const workflowCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}:(requests|alerts)$/, 'must be <area>:<requests|alerts>')
  .openapi({ example: 'services:requests' });
export const servicesAlertsWorkflow = 'services:alerts';

export const newInvitationSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('must be a valid email address').max(254).openapi({ example: 'imi@authority.example.dk' }),
    name: z.string().trim().min(1, 'is required').max(200).openapi({ description: 'Shown in the coordinator’s list only', example: 'Municipality of Aarhus' }),
    language: z.string().trim().regex(/^[a-z]{2}$/).default('en').openapi({ description: 'Language of the invitation email', example: 'da' }),
    areas: z.array(areaCode).max(40).default([]),
    workflows: z.array(workflowCode).max(80).default([]),
    message: z.string().trim().max(2000).nullish(),
  })
  .openapi('NewInvitation');

export const editInvitationSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('must be a valid email address').max(254).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    language: z.string().trim().regex(/^[a-z]{2}$/).optional(),
    areas: z.array(areaCode).max(40).optional(),
    workflows: z.array(workflowCode).max(80).optional(),
    message: z.string().trim().max(2000).nullish(),
  })
  .openapi('EditInvitation');

export const groupEditInvitationsSchema = z
  .object({
    ids: z.array(z.string().uuid()).min(1).max(500),
    areas: z.array(areaCode).max(40).optional(),
    workflows: z.array(workflowCode).max(80).optional(),
    message: z.string().trim().max(2000).nullish(),
  })
  .openapi('GroupEditInvitations');

export const idsSchema = z.object({ ids: z.array(z.string().uuid()).min(1).max(500) }).openapi('InvitationIds');
export const reasonSchema = z.object({ reason: z.string().trim().max(500).optional() }).openapi('InvitationReason');

export const invitationSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    language: z.string(),
    message: z.string().nullable(),
    coordinatorAuthorityId: z.string(),
    countryCode: z.string(),
    status: invitationStatusSchema,
    version: z.number().int(),
    areas: z.array(z.string()),
    workflows: z.array(z.string()),
    rejectionReason: z.string().nullable(),
    registeredAuthorityId: z.string().nullable(),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    dispatchAt: z.string().nullable(),
    sentAt: z.string().nullable(),
    codeExpiresAt: z.string().nullable(),
    registeredAt: z.string().nullable(),
    validatedAt: z.string().nullable(),
    removeAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('Invitation');
export type InvitationView = z.infer<typeof invitationSchema>;

export const invitationDetailSchema = invitationSchema
  .extend({
    events: z.array(z.object({ id: z.string(), at: z.string(), action: z.string(), actor: z.string(), reason: z.string().nullable(), version: z.number().nullable() })),
  })
  .openapi('InvitationDetail');

const sortable = ['createdAt', 'submittedAt', 'sentAt', 'status', 'updatedAt'] as const;
export const invitationListQuerySchema = z.object({
  status: z
    .union([invitationStatusSchema, z.array(invitationStatusSchema)])
    .optional()
    .transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s]))
    .openapi({ description: 'One or more statuses (repeat the parameter)' }),
  q: z.string().trim().max(120).optional().openapi({ description: 'Name or email contains' }),
  sort: z.enum(sortable).default('createdAt'),
  order: z.enum(['ASC', 'DESC', 'asc', 'desc']).default('DESC').transform((o) => o.toUpperCase() as 'ASC' | 'DESC'),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(25),
});
export const invitationListSchema = z.object({ data: z.array(invitationSchema), total: z.number().int() }).openapi('InvitationList');

export const groupResultSchema = z
  .object({ edited: z.array(z.string()), refused: z.array(z.object({ id: z.string(), message: z.string() })) })
  .openapi('InvitationGroupResult');

export const submitResultSchema = z
  .object({
    submitted: z.array(z.string()).openapi({ description: 'Ids submitted (sent at the dispatch time)' }),
    rejected: z.array(z.object({ id: z.string(), reason: z.string(), message: z.string().optional() })).openapi({
      description: 'Ids not submitted, with the reason: email-invalid, email-already-registered, already-invited, no-workflow-chosen, or a refusal (not-found, wrong-state, not-allowed)',
    }),
    blocked: z.array(z.string()).openapi({ description: 'Ids blocked (≥100 today) until the helpdesk releases them' }),
  })
  .openapi('InvitationSubmitResult');

export const importResultSchema = z
  .object({ created: z.number().int(), ids: z.array(z.string()), errors: z.array(z.object({ row: z.number().int(), message: z.string() })) })
  .openapi('InvitationImportResult');

export const validateBodySchema = z
  .object({
    /** Replaces the content roles of the listed workflows before validating. */
    roles: z.array(z.object({ area: areaCode, workflow: workflowSchema, roles: z.array(contentRoleSchema).min(1) })).optional(),
  })
  .openapi('ValidateRegistration');

// ---------- public self-registration ----------

export const captchaSchema = z.object({ captchaId: z.string().uuid(), svg: z.string(), expiresAt: z.string() }).openapi('Captcha');

export const registrationCheckSchema = z
  .object({
    captchaId: z.string().uuid(),
    captchaAnswer: z.string().trim().min(1).max(20),
    code: z.string().trim().min(12).max(20).openapi({ example: 'ABCD-EFGH-JKMN' }),
    invitationId: z.string().uuid().optional().openapi({ description: 'From the email’s link; speeds the check up' }),
  })
  .openapi('RegistrationCheck');

const labelled = z.object({ code: z.string(), labels: z.record(z.string(), z.string()) });
export const registrationCheckResultSchema = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
    countryCode: z.string(),
    email: z.string(),
    areas: z.array(labelled.extend({ keywords: z.array(labelled) })),
    workflows: z.array(z.string()),
  })
  .openapi('RegistrationCheckResult');

const language = z.string().trim().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code');
export const registrationCompleteSchema = z
  .object({
    token: z.string().min(20).max(200),
    authority: z.object({
      officialName: z.string().trim().min(2).max(300),
      informalTitle: z.string().trim().min(1).max(120),
      informalTitleLanguage: language,
      description: z.string().trim().max(2000).nullish(),
      descriptionLanguage: language.nullish(),
      languages: z.array(language).min(1).max(30),
      addressLines: z.array(z.string().trim().min(1).max(200)).min(1).max(4),
      postcode: z.string().trim().max(20).nullish(),
      city: z.string().trim().min(1).max(120),
      phone: z.string().trim().max(40).nullish(),
      website: z.string().trim().max(300).nullish(),
      contactEmail: z.string().trim().toLowerCase().email('must be a valid email address').max(254),
    }),
    superuser: z.object({
      firstName: z.string().trim().min(1).max(100),
      lastName: z.string().trim().min(1).max(100),
      email: z.string().trim().toLowerCase().email('must be a valid email address').max(254),
      phone: z.string().trim().max(40).nullish(),
      language,
    }),
    /** Area code → keyword codes of that area (at least one per invited area). */
    keywords: z.record(z.string(), z.array(z.string()).min(1)),
  })
  .openapi('RegistrationComplete');

export const registrationSummarySchema = z
  .object({
    authorityId: z.string(),
    status: z.string(),
    officialName: z.string(),
    countryCode: z.string(),
    contactEmail: z.string(),
    areas: z.array(z.object({ code: z.string(), keywords: z.array(z.string()) })),
    workflows: z.array(z.string()),
    superuser: z.object({ firstName: z.string(), lastName: z.string(), email: z.string(), username: z.string() }),
  })
  .openapi('RegistrationSummary');

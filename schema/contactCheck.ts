import { z } from '@hono/zod-openapi';

/**
 * Shapes of the demo case type, a contact-data check: Liaison asks an authority to confirm that its
 * contact data is still current (the IMI new-user leaflet asks authorities to keep it so). It
 * proves the pattern every later case type copies: pure machine, update with validator, durable
 * timer, projection into PostgreSQL, email rendered with mjml.
 */
export const contactCheckStatuses = ['open', 'overdue', 'confirmed', 'withdrawn'] as const;
export const contactCheckStatusSchema = z.enum(contactCheckStatuses).openapi('ContactCheckStatus');
export type ContactCheckStatus = z.infer<typeof contactCheckStatusSchema>;

export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DK')
  .openapi({ example: 'DK' });

export const openContactCheckSchema = z
  .object({
    authorityRef: z.string().trim().min(2).max(120).openapi({ example: 'DK-ERST' }),
    countryCode: countryCodeSchema,
    /** Where the request to confirm is sent. Kept in PostgreSQL only, never in Temporal. */
    contactEmail: z.string().trim().email().max(254).openapi({ example: 'contact@erst.example.dk' }),
    /** Language of the email. */
    language: z.enum(['en', 'da', 'de', 'fr']).default('en'),
    /** Days until the reminder; defaults to CONTACT_CHECK_DAYS. */
    dueInDays: z.coerce.number().int().min(1).max(365).optional(),
  })
  .openapi('OpenContactCheck');
export type OpenContactCheck = z.infer<typeof openContactCheckSchema>;

export const contactCheckSchema = z
  .object({
    id: z.string().uuid(),
    workflowId: z.string(),
    authorityRef: z.string(),
    countryCode: z.string(),
    contactEmail: z.string().nullable(),
    language: z.string(),
    status: contactCheckStatusSchema,
    version: z.number().int(),
    openedAt: z.string().datetime(),
    dueAt: z.string().datetime(),
    remindedAt: z.string().datetime().nullable(),
    closedAt: z.string().datetime().nullable(),
    updatedAt: z.string().datetime(),
  })
  .openapi('ContactCheck');
export type ContactCheckView = z.infer<typeof contactCheckSchema>;

export const contactCheckListQuerySchema = z.object({
  status: contactCheckStatusSchema.optional(),
  countryCode: countryCodeSchema.optional(),
  q: z.string().trim().max(120).optional().openapi({ description: 'Authority reference contains' }),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(['openedAt', 'dueAt', 'status', 'authorityRef', 'countryCode', 'updatedAt']).default('openedAt'),
  order: z.enum(['ASC', 'DESC']).default('DESC'),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(25),
});

export const contactCheckListSchema = z
  .object({ data: z.array(contactCheckSchema), total: z.number().int() })
  .openapi('ContactCheckList');

export const confirmContactCheckSchema = z
  .object({ note: z.string().trim().max(500).optional() })
  .openapi('ConfirmContactCheck');

export const withdrawContactCheckSchema = z
  .object({ reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(500) })
  .openapi('WithdrawContactCheck');

export const caseEventSchema = z
  .object({
    id: z.string(),
    at: z.string().datetime(),
    action: z.string(),
    actor: z.string(),
    reason: z.string().nullable(),
    version: z.number().int().nullable(),
  })
  .openapi('CaseEvent');

export const contactCheckDetailSchema = contactCheckSchema
  .extend({ events: z.array(caseEventSchema) })
  .openapi('ContactCheckDetail');

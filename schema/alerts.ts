import { z } from '@hono/zod-openapi';
import { alertReportSections } from '../activities/reports/alertCaseView';
import { alertItemKinds, alertStatuses } from '../workflows/alert/snapshot';
import { reportKindSchema, reportLanguageSchema } from './reports';

/**
 * HTTP shapes of alerts (domain.md §6, §8; IMI manual ch. 6): the single source of validation for
 * the API (api/routes/alerts.ts), its OpenAPI document and the console's types. No I/O.
 *
 * Files travel as base64 inside JSON (`contentBase64`), like the requests' attachments, so a
 * command and its files are one validated body.
 */

const uuid = (what = 'an id') => z.string().uuid(`must be ${what} (uuid)`);
const country = z.string().trim().regex(/^[A-Z]{2}$/, 'must be a 2-letter country code (upper case)');
export const alertLanguageSchema = z.string().trim().regex(/^[a-z]{2}$/, 'must be a 2-letter language code').openapi({ example: 'da' });
const freeText = (max = 8000) => z.string().trim().min(1, 'is required').max(max);

/** Largest file accepted, decoded. */
export const maxAlertFileBytes = 5 * 1024 * 1024;
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
  .max(Math.ceil(maxAlertFileBytes / 3) * 4, `must be at most ${maxAlertFileBytes} bytes`);

export const alertStatusEnum = z.enum(alertStatuses).openapi('AlertStatus');
export const alertItemKindEnum = z.enum(alertItemKinds).openapi('AlertItemKind');
/** What a handler or broadcaster submits through "additional information" (the withdrawal has its own command). */
export const alertInformationKindEnum = z.enum(['additional-information', 'clarification-request', 'objection', 'suggestion-to-close']).openapi('AlertInformationKind');

/**
 * The checklist of initiation (6.3.1.1; Services Directive art. 29(3) and 32(1)): every criterion
 * must be met before the alert is submitted. Codes are stable; texts are for the console.
 */
export const alertCriteria = {
  'services-directive-activity': 'The provider’s activity falls under the Services Directive.',
  'specific-acts': 'The alert concerns specific acts or circumstances of a service provider.',
  'serious-damage': 'They could cause serious damage to the health or safety of persons or to the environment.',
  'other-countries-affected': 'The provider provides, or may provide, services in other countries.',
  'facts-established': 'The facts rest on evidence the authority holds, and the alert is proportionate.',
} as const;
export type AlertCriterion = keyof typeof alertCriteria;
export const alertCriterionCodes = Object.keys(alertCriteria) as AlertCriterion[];

export const alertCriteriaSchema = z
  .record(z.string(), z.boolean())
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) if (!(key in alertCriteria)) ctx.addIssue({ code: 'custom', message: `is not a criterion (${alertCriterionCodes.join(', ')})`, path: [key] });
  })
  .openapi('AlertCriteria', { example: Object.fromEntries(alertCriterionCodes.map((c) => [c, true])) });

export const newAlertFileSchema = z
  .object({
    fileName: z.string().trim().min(1, 'is required').max(255).regex(/^[^/\\\0]+$/, 'must be a file name without a path'),
    mimeType: z.string().trim().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type').max(120).default('application/octet-stream'),
    contentBase64: base64,
  })
  .openapi('NewAlertFile');
export type NewAlertFile = z.infer<typeof newAlertFileSchema>;

/** The service provider the alert is about: personal data, shown only to the authorities taking part while the alert is live. */
export const alertProviderSchema = z
  .object({
    providerKind: z.enum(['person', 'business']),
    name: freeText(300),
    otherNames: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
    address: z.record(z.string().trim().min(1).max(40), z.string().trim().max(300)).default({}),
    registrationNumbers: z.record(z.string().trim().min(1).max(60), z.string().trim().max(200)).default({}),
    fields: z.record(z.string().trim().min(1).max(60), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).default({}),
  })
  .openapi('AlertProvider');
export type AlertProviderInput = z.infer<typeof alertProviderSchema>;

export const newAlertSchema = z
  .object({
    criteria: alertCriteriaSchema.default({}),
    provider: alertProviderSchema.nullish(),
    description: z.string().trim().max(20000).nullish(),
    descriptionLanguage: alertLanguageSchema.default('en'),
    files: z.array(newAlertFileSchema).max(20).default([]),
    /** One of the authority's linked alert coordinators (or the authority itself if it is one); may be chosen later. */
    alertCoordinatorId: uuid('an authority id').nullish(),
    targetCountries: z.array(country).max(31).default([]),
    /** Null or absent: unknown (the originating country then closes). */
    establishmentCountry: country.nullish(),
    /** Free text naming authorities the receiving countries should warn (6.3.1.1). */
    suggestedAuthorities: z.string().trim().max(4000).nullish(),
  })
  .openapi('NewAlert');
export type NewAlertInput = z.infer<typeof newAlertSchema>;

/** Edit a draft: what is given replaces what is stored. */
export const editAlertDraftSchema = z
  .object({
    criteria: alertCriteriaSchema.optional(),
    provider: alertProviderSchema.optional(),
    description: z.string().trim().max(20000).optional(),
    descriptionLanguage: alertLanguageSchema.optional(),
    /** Added to the files already there. */
    files: z.array(newAlertFileSchema).max(20).optional(),
    removeFileIds: z.array(uuid('a file id')).max(50).optional(),
    alertCoordinatorId: uuid('an authority id').nullish(),
    targetCountries: z.array(country).max(31).optional(),
    establishmentCountry: country.nullish(),
    suggestedAuthorities: z.string().trim().max(4000).nullish(),
  })
  .openapi('EditAlertDraft');
export type EditAlertDraftInput = z.infer<typeof editAlertDraftSchema>;

/** Edit provider data, description, files or suggested authorities once submitted (6.2.2, 6.3.2: by the party the final-approval flag names). */
export const editAlertContentSchema = z
  .object({
    provider: alertProviderSchema.optional(),
    description: z.string().trim().min(1, 'is required').max(20000).optional(),
    descriptionLanguage: alertLanguageSchema.optional(),
    files: z.array(newAlertFileSchema).max(20).optional(),
    removeFileIds: z.array(uuid('a file id')).max(50).optional(),
    suggestedAuthorities: z.string().trim().max(4000).nullish(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'change at least one thing', path: ['provider'] })
  .openapi('EditAlertContent');
export type EditAlertContentInput = z.infer<typeof editAlertContentSchema>;

export const changeEstablishmentCountrySchema = z.object({ establishmentCountry: country.nullable() }).openapi('ChangeAlertEstablishmentCountry');
export const addTargetCountriesSchema = z.object({ countries: z.array(country).min(1, 'choose at least one country').max(31) }).openapi('AddAlertTargetCountries');
export const passAlertSchema = z.object({ toCoordinatorId: uuid('an authority id') }).openapi('PassAlert');
export const forwardAlertSchema = z.object({ authorityIds: z.array(uuid('an authority id')).min(1, 'choose at least one authority').max(100) }).openapi('ForwardAlert');
export const removeAlertRecipientSchema = z.object({ authorityId: uuid('an authority id') }).openapi('RemoveAlertRecipient');

/** Additional information, a clarification request, an objection or a suggestion to close (two steps: submit, then a broadcaster broadcasts). */
export const submitAlertItemSchema = z
  .object({
    kind: alertInformationKindEnum,
    text: freeText(),
    language: alertLanguageSchema.default('en'),
    /** The alert coordinator it goes to (linked to the authority, or itself); objections go to the closure coordinator. */
    coordinatorId: uuid('an authority id').nullish(),
    /** A clarification request: the country asked. */
    addressedToCountry: country.nullish(),
    files: z.array(newAlertFileSchema).max(20).default([]),
  })
  .openapi('SubmitAlertItem');
export type SubmitAlertItemInput = z.infer<typeof submitAlertItemSchema>;
export const editAlertItemSchema = z.object({ itemId: uuid('an item id'), text: freeText(), language: alertLanguageSchema.default('en') }).openapi('EditAlertItem');
export const alertItemRefSchema = z.object({ itemId: uuid('an item id') }).openapi('AlertItemRef');
export const alertTextBodySchema = z.object({ text: freeText(), language: alertLanguageSchema.default('en') }).openapi('AlertText');
export const proposeAlertClosureSchema = z
  .object({ text: freeText(), language: alertLanguageSchema.default('en'), closureCoordinatorId: uuid('an authority id') })
  .openapi('ProposeAlertClosure');
export const broadcastClosureProposalSchema = z.object({ commentIds: z.array(uuid('a comment id')).max(200).default([]) }).openapi('BroadcastAlertClosureProposal');

// ───────────────────────────── responses ─────────────────────────────

/** Every command of an alert, as `POST /api/alerts/{id}/<command>`; `actions` lists those the caller may perform now. */
export const alertCommands = [
  'edit-draft',
  'edit-content',
  'change-establishment-country',
  'add-target-countries',
  'submit',
  'pass',
  'accept',
  'broadcast',
  'delete',
  'acknowledge',
  'forward',
  'remove-recipient',
  'submit-item',
  'edit-item',
  'delete-item',
  'broadcast-item',
  'decline-item',
  'submit-withdrawal',
  'broadcast-withdrawal',
  'cancel-withdrawal',
  'propose-closure',
  'comment-on-closure',
  'edit-closure-proposal',
  'cancel-closure-proposal',
  'broadcast-closure-proposal',
  'close',
] as const;
export type AlertCommandName = (typeof alertCommands)[number];
export const alertCommandEnum = z.enum(alertCommands).openapi('AlertCommand');

/** How the viewer relates to the alert (api/policy/alertAccess.ts). */
export const alertViewerSides = ['originator', 'coordinator', 'recipient', 'commission'] as const;
export const alertViewerSideEnum = z.enum(alertViewerSides).openapi('AlertViewerSide');

export const alertPendingActionSchema = z.object({ authorityId: z.string(), role: z.string(), action: z.string(), itemId: z.string().nullable() }).openapi('AlertPendingAction');

/** One row of the alert list (6.4.2): never personal data except the provider's name for viewers who may see it. */
export const alertListItemSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: alertStatusEnum,
    /** The provider's name; null when the viewer may not see personal data (the Commission, reduced view, coordinators' summaries). */
    providerName: z.string().nullable(),
    establishmentCountry: z.string().nullable(),
    originatingAuthorityId: z.string(),
    originatingAuthorityName: z.string().nullable(),
    originatingCountry: z.string(),
    broadcastAt: z.string().nullable(),
    createdAt: z.string(),
    reducedView: z.boolean(),
    /** What the caller's authority must do now, for the caller's roles (the action list). */
    actions: z.array(z.string()),
  })
  .openapi('AlertListItem');
export const alertListSchema = z.object({ data: z.array(alertListItemSchema), total: z.number().int() }).openapi('AlertList');

export const alertSearchQuerySchema = z.object({
  number: z.string().trim().max(40).optional().openapi({ description: 'The number or its start, e.g. ALR-2026-0000' }),
  provider: z.string().trim().min(2, 'give at least 2 characters').max(300).optional().openapi({ description: 'Part of the provider’s name: matches only alerts whose personal data the caller may see' }),
  establishmentCountry: country.optional(),
  originatingAuthorityId: uuid('an authority id').optional(),
  originatingCountry: country.optional(),
  status: z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(alertStatusEnum).min(1).max(alertStatuses.length))
    .optional()
    .openapi({ description: 'One or more statuses (repeat the parameter or separate by commas)' }),
  broadcastFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
  broadcastTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
  sort: z.enum(['number', 'status', 'broadcastAt', 'createdAt']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(25),
});
export type AlertSearchQuery = z.infer<typeof alertSearchQuerySchema>;
export const alertActionListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(25),
});

export const alertRecipientViewSchema = z
  .object({
    authorityId: z.string(),
    authorityName: z.string().nullable(),
    kind: z.enum(['mailbox', 'origin-mailbox', 'coordinator', 'authority']),
    forwardedByAuthorityId: z.string().nullable(),
    receivedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    /** When it first acted; a recipient that acted can no longer be removed. */
    actedAt: z.string().nullable(),
    removedAt: z.string().nullable(),
    removedByAuthorityId: z.string().nullable(),
  })
  .openapi('AlertRecipientView');
export const alertCountryViewSchema = z
  .object({
    country: z.string(),
    kind: z.enum(['target', 'origin']),
    mailboxState: z.enum(['awaiting-acceptance', 'acknowledged', 'copy']),
    receivedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    recipients: z.array(alertRecipientViewSchema),
  })
  .openapi('AlertCountryView');

export const alertFileViewSchema = z
  .object({
    id: z.string(),
    /** A file name often names the provider: shown only with personal data ("file-1" otherwise). */
    fileName: z.string(),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    /** The item (text) it belongs to; null: the alert's own files. */
    textId: z.string().nullable(),
    uploadedAt: z.string(),
    /** The viewer may not download it. */
    locked: z.boolean(),
  })
  .openapi('AlertFileView');

export const alertItemViewSchema = z
  .object({
    id: z.string(),
    kind: alertItemKindEnum,
    status: z.enum(['submitted', 'broadcast', 'declined', 'deleted']),
    submittedByAuthorityId: z.string(),
    country: z.string(),
    coordinatorId: z.string(),
    addressedToCountry: z.string().nullable(),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    /** The text; null when the viewer may not see personal data. */
    text: z.string().nullable(),
    language: z.string().nullable(),
  })
  .openapi('AlertItemView');

export const alertClosureViewSchema = z
  .object({
    country: z.string(),
    proposedByAuthorityId: z.string(),
    closureCoordinatorId: z.string(),
    proposedAt: z.string(),
    proposal: z.string().nullable(),
    comments: z.array(z.object({ id: z.string(), authorityId: z.string(), at: z.string(), text: z.string().nullable(), attached: z.boolean() })),
    broadcastAt: z.string().nullable(),
  })
  .openapi('AlertClosureView');

export const alertTimelineEntrySchema = z
  .object({ at: z.string(), action: z.string(), actor: z.string(), authorityId: z.string().nullable(), country: z.string().nullable(), targets: z.array(z.string()), version: z.number().int().nullable() })
  .openapi('AlertTimelineEntry');

export const alertSummarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    legislationArea: z.string(),
    status: alertStatusEnum,
    version: z.number().int(),
    originatingAuthorityId: z.string(),
    originatingCountry: z.string(),
    alertCoordinatorId: z.string().nullable(),
    alertCoordinatorFinalApproval: z.boolean(),
    broadcastingCoordinatorId: z.string().nullable(),
    establishmentCountry: z.string().nullable(),
    /** The country that closes: the establishment country, or the originating one when unknown. */
    closingCountry: z.string(),
    targetCountries: z.array(z.string()),
    commissionReceivedAt: z.string().nullable(),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    broadcastAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    deletedAt: z.string().nullable(),
    reducedView: z.boolean(),
    /** When the comment period ends (closure-open-for-comments), and the objection period (closure-open-for-objections). */
    commentPeriodEndsAt: z.string().nullable(),
    objectionPeriodEndsAt: z.string().nullable(),
    pendingActions: z.array(alertPendingActionSchema),
  })
  .openapi('AlertSummary');

export const alertDetailSchema = z
  .object({
    alert: alertSummarySchema,
    viewerSide: alertViewerSideEnum,
    /** Whether provider data, texts and files are shown (§8). */
    personalDataVisible: z.boolean(),
    personalDataHiddenReason: z.string().nullable(),
    criteria: z.record(z.string(), z.boolean()),
    provider: alertProviderSchema.nullable(),
    description: z.string().nullable(),
    descriptionLanguage: z.string().nullable(),
    suggestedAuthorities: z.string().nullable(),
    files: z.array(alertFileViewSchema),
    /** Per receiving country: its mailbox state and who received, who acted, who was removed. */
    countries: z.array(alertCountryViewSchema),
    items: z.array(alertItemViewSchema),
    closure: alertClosureViewSchema.nullable(),
    timeline: z.array(alertTimelineEntrySchema),
    /** The commands this user may perform now (the console shows only these buttons). */
    actions: z.array(alertCommandEnum),
  })
  .openapi('AlertDetail');
export type AlertDetail = z.infer<typeof alertDetailSchema>;

/** After passing the alert on, the passing coordinator no longer sees it: what it gets back instead of the detail. */
export const alertPassResultSchema = z
  .object({ id: z.string(), number: z.string(), status: alertStatusEnum, alertCoordinatorId: z.string().nullable() })
  .openapi('AlertPassResult');

export const alertCriteriaListSchema = z.object({ data: z.array(z.object({ code: z.string(), text: z.string() })) }).openapi('AlertCriteriaList');

// ───────────────────────────── reports ─────────────────────────────

/**
 * `POST /api/alerts/{id}/reports` (6.4.3): a printable/PDF report at every stage, through the
 * generic reports module (schema/reports.ts kinds and languages, kept 30 days, downloaded at
 * GET /api/reports/{id}); with personal data only where the viewer sees it, so once closed or
 * withdrawn only the reduced view.
 */
export const alertReportSectionSchema = z.enum(alertReportSections).openapi('AlertReportSection');
export const alertReportBodySchema = z
  .object({
    kind: reportKindSchema,
    language: reportLanguageSchema.default('en'),
    signed: z.boolean().default(false),
    /** Custom reports only: the sections, at least one. */
    sections: z.array(alertReportSectionSchema).min(1, 'choose at least one section').optional(),
    /** Custom reports only: show personal data (default no). */
    includePersonalData: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'custom' && !body.sections) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'choose at least one section for a custom report' });
    if (body.kind !== 'custom' && body.sections) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'only a custom report takes a choice of sections' });
    if (body.kind !== 'custom' && body.includePersonalData !== undefined)
      ctx.addIssue({ code: 'custom', path: ['includePersonalData'], message: 'only a custom report takes this choice; the kind decides for the others' });
  })
  .openapi('AlertReportBody');
export type AlertReportBody = z.infer<typeof alertReportBodySchema>;

// ───────────────────────────── choices for the console ─────────────────────────────

/** What the caller's forms choose from: its linked alert coordinators, the authorities of its country it may forward to, the countries that can receive alerts. */
export const alertOptionsSchema = z
  .object({
    authorityId: z.string().nullable(),
    country: z.string().nullable(),
    /** The caller's authority is an alert coordinator (it may submit to itself). */
    isAlertCoordinator: z.boolean(),
    /** Coordinators the caller submits alerts, information and closure proposals to. */
    linkedCoordinators: z.array(z.object({ id: z.string(), name: z.string(), finalApproval: z.boolean() })),
    /** Authorities of the caller's country taking part in alerts (forward targets; the coordinators among them for passing). */
    authoritiesInCountry: z.array(z.object({ id: z.string(), name: z.string(), isAlertCoordinator: z.boolean(), isMailbox: z.boolean() })),
    /** Countries with an active alert mailbox (possible target countries). */
    countriesWithMailbox: z.array(z.string()),
    criteria: z.array(z.object({ code: z.string(), text: z.string() })),
  })
  .openapi('AlertOptions');

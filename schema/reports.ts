import { z } from '@hono/zod-openapi';

/**
 * Reports of a case (domain.md §5 "Reports", 5.3.10; §8): shapes shared by the report machinery,
 * the API and the console. Requests and alerts both use them; the case type says which.
 */

export const reportCaseTypes = ['request', 'alert'] as const;
export const reportCaseTypeSchema = z.enum(reportCaseTypes).openapi('ReportCaseType');
export type ReportCaseType = z.infer<typeof reportCaseTypeSchema>;

/**
 * The five kinds of 5.3.10: full with personal data, full without, custom (chosen sections),
 * the report for the data subject, and the consent form (report + disclaimer + consent to sign).
 */
export const reportKinds = ['full', 'full-without-personal-data', 'custom', 'data-subject', 'consent-form'] as const;
export const reportKindSchema = z.enum(reportKinds).openapi('ReportKind');
export type ReportKind = z.infer<typeof reportKindSchema>;

/** Languages the report's own labels (headings of the frame, disclaimer, consent) exist in. */
export const reportLanguages = ['en', 'da', 'de', 'fr'] as const;
export const reportLanguageSchema = z.enum(reportLanguages).openapi('ReportLanguage');
export type ReportLanguage = z.infer<typeof reportLanguageSchema>;

/** How long a generated report stays downloadable (5.3.10: 30 days); passed into ReportExpiryWorkflow. */
export const reportPolicy = { keepDays: 30 } as const;
export type ReportPolicy = { keepDays: number };

/** One generated report as the API lists it; never its bytes. */
export const reportSchema = z
  .object({
    id: z.string().uuid(),
    caseType: reportCaseTypeSchema,
    caseId: z.string(),
    kind: reportKindSchema,
    language: reportLanguageSchema,
    signed: z.boolean(),
    /** The report shows personal data (who may download it depends on it). */
    personalData: z.boolean(),
    createdBy: z.string().openapi({ description: 'User id, or `operator`.' }),
    authorityId: z.string().uuid().nullable(),
    createdAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
    sizeBytes: z.number().int(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .openapi('Report');
export type ReportView = z.infer<typeof reportSchema>;

export const reportListQuerySchema = z.object({
  caseType: reportCaseTypeSchema,
  caseId: z.string().min(1, 'must be a case id').max(100, 'must be at most 100 characters'),
});

export const reportListSchema = z.object({ data: z.array(reportSchema), total: z.number().int() }).openapi('ReportList');

import { z } from '@hono/zod-openapi';
import { requestReportSections } from '../activities/reports/requestCaseView';
import { reportKindSchema, reportLanguageSchema } from './reports';

/**
 * `POST /api/requests/{id}/reports` (domain.md §5 "Reports", 5.3.10): which report of a request to
 * make. The kinds, languages and the 30-day keeping are the generic reports module's
 * (schema/reports.ts); this adds the request's own section ids for custom reports.
 */
export const requestReportSectionSchema = z.enum(requestReportSections).openapi('RequestReportSection');

export const requestReportBodySchema = z
  .object({
    kind: reportKindSchema,
    language: reportLanguageSchema.default('en'),
    /** A PAdES signature with the operator's signing certificate (or the embedded default's). */
    signed: z.boolean().default(false),
    /** Custom reports only: the sections, at least one. */
    sections: z.array(requestReportSectionSchema).min(1, 'choose at least one section').optional(),
    /** Custom reports only: show personal data (default no). */
    includePersonalData: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'custom' && !body.sections) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'choose at least one section for a custom report' });
    if (body.kind !== 'custom' && body.sections) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'only a custom report takes a choice of sections' });
    if (body.kind !== 'custom' && body.includePersonalData !== undefined)
      ctx.addIssue({ code: 'custom', path: ['includePersonalData'], message: 'only a custom report takes this choice; the kind decides for the others' });
  })
  .openapi('RequestReportBody');
export type RequestReportBody = z.infer<typeof requestReportBodySchema>;

export const requestIdParamSchema = z.object({ id: z.string().uuid('must be a request id') });

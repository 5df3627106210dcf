import { createRoute, z } from '@hono/zod-openapi';
import { findReport, listCaseReports, reportBytes } from '../../activities/reports/reportStore';
import { reportListQuerySchema, reportListSchema, reportPolicy } from '../../schema/reports';
import type { AppDeps } from '../deps';
import { ApiError, errorResponses, notFound } from '../errors';
import { mayDownloadReport } from '../policy/reports';
import { createRouter } from '../router';

const tags = ['Reports'];
const idParam = z.object({ id: z.string().uuid('must be a report id (uuid)') });

/**
 * Generated reports of requests and alerts (domain.md §5 "Reports"): listed per case and
 * downloaded as PDF for 30 days by the authority that made them (and the helpdesk). Making a
 * report belongs to the case's own routes, which call createReport.
 */
export function reportRoutes({ orm }: Pick<AppDeps, 'orm'>) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The reports of a case that the caller may download (not yet expired), newest first',
      request: { query: reportListQuerySchema },
      responses: { 200: { description: 'The reports', content: { 'application/json': { schema: reportListSchema } } }, ...errorResponses(400, 401) },
    }),
    async (c) => {
      const viewer = c.get('actor')!;
      const { caseType, caseId } = c.req.valid('query');
      const reports = (await listCaseReports(orm.em.fork(), caseType, caseId)).filter((r) => mayDownloadReport(viewer, r).allowed);
      return c.json({ data: reports, total: reports.length }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'Download a report (PDF; signed reports carry a PAdES signature)',
      description: `Reports are kept ${reportPolicy.keepDays} days; an expired one answers 404 with the code \`report_expired\`.`,
      request: { params: idParam },
      responses: {
        200: { description: 'The PDF', content: { 'application/pdf': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } } },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const viewer = c.get('actor')!;
      const { id } = c.req.valid('param');
      const em = orm.em.fork();
      const report = await findReport(em, id);
      if (!report) throw notFound('The report');
      const decision = mayDownloadReport(viewer, report);
      if (!decision.allowed) throw new ApiError(403, 'forbidden', decision.reason);
      const bytes = await reportBytes(em, id);
      if (!bytes) {
        throw new ApiError(404, 'report_expired', `The report expired on ${report.expiresAt}: reports are kept ${reportPolicy.keepDays} days. Make a new one.`);
      }
      return new Response(new Uint8Array(bytes), {
        status: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="liaison-${report.caseType}-report-${report.id}.pdf"`,
          'content-length': String(bytes.length),
          // It may hold personal data: no shared or browser cache.
          'cache-control': 'no-store',
          'x-content-sha256': report.sha256,
        },
      });
    },
  );

  return app;
}

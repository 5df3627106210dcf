import type { ReportCaseType } from '../../schema/reports';

/**
 * Who may make and download reports (domain.md §5 "Reports", §8). Pure; the API passes the caller
 * and what it knows about the case or report. Reports belong to the authority whose user made them.
 */
export interface ReportViewer {
  kind: 'user' | 'operator';
  authorityId: string | null;
  roles: readonly { role: string }[];
}

export type ReportDecision = { allowed: true } | { allowed: false; reason: string };

const helpdeskRole = 'system-admin';
/** Roles that act on a case of the type and so may put its personal data in a report. */
const personalDataRoles: Record<ReportCaseType, readonly string[]> = {
  request: ['case-handler'],
  alert: ['alert-handler', 'alert-broadcaster', 'alert-observer'],
};
/** Roles that may make reports of the case type at all (some only without personal data). */
const reportRoles: Record<ReportCaseType, readonly string[]> = {
  request: ['case-handler', 'request-observer', 'allocator', 'referral-handler'],
  alert: ['alert-handler', 'alert-broadcaster', 'alert-observer'],
};

export const isReportHelpdesk = (viewer: ReportViewer) => viewer.kind === 'operator' || viewer.roles.some((r) => r.role === helpdeskRole);
const holds = (viewer: ReportViewer, roles: readonly string[]) => viewer.roles.some((r) => roles.includes(r.role));

/**
 * May the viewer make a report of a case? `relation` is how the viewer's authority stands to the
 * case: a participant (`own`) or the coordinator of a participant (`coordinated`). 5.3.10: any
 * user with request access may report its authority's requests; allocators and observers (and
 * referral handlers, who never see personal data) only without; coordinators only without for
 * their coordinated authorities.
 */
export function mayMakeReport(viewer: ReportViewer, facts: { caseType: ReportCaseType; relation: 'own' | 'coordinated'; personalData: boolean }): ReportDecision {
  if (isReportHelpdesk(viewer)) return { allowed: true };
  if (!viewer.authorityId) return { allowed: false, reason: 'Only users of an authority make reports.' };
  if (!holds(viewer, reportRoles[facts.caseType])) return { allowed: false, reason: `Making reports of ${facts.caseType}s needs one of the roles ${reportRoles[facts.caseType].join(', ')}.` };
  if (!facts.personalData) return { allowed: true };
  if (facts.relation === 'coordinated') return { allowed: false, reason: 'A coordinator makes reports of its coordinated authorities’ cases only without personal data.' };
  if (!holds(viewer, personalDataRoles[facts.caseType])) return { allowed: false, reason: `A report with personal data needs one of the roles ${personalDataRoles[facts.caseType].join(', ')}; choose a report without personal data.` };
  return { allowed: true };
}

/**
 * May the viewer download (or see listed) a generated report? The helpdesk may; otherwise only
 * users of the authority that made it, and a report with personal data only those who could have
 * made it.
 */
export function mayDownloadReport(viewer: ReportViewer, report: { caseType: ReportCaseType; authorityId: string | null; personalData: boolean }): ReportDecision {
  if (isReportHelpdesk(viewer)) return { allowed: true };
  if (!viewer.authorityId || viewer.authorityId !== report.authorityId) return { allowed: false, reason: 'Only users of the authority that made the report may download it.' };
  if (report.personalData && !holds(viewer, personalDataRoles[report.caseType])) return { allowed: false, reason: `This report holds personal data; downloading it needs one of the roles ${personalDataRoles[report.caseType].join(', ')}.` };
  return { allowed: true };
}

// The report machinery (domain.md §5 "Reports", §8), generic over requests and alerts: compose
// (with redaction) → render → sign → store with a 30-day expiry. Pure of HTTP.
export { composeReport, kindShowsPersonalData, reportLabels, InvalidReportOptions } from './document';
export type { ReportDocument, ReportCaseView, ReportSection, ReportBlock, ReportOptions } from './document';
export { renderReportPdf } from './pdf';
export { signReportPdf, verifyReportSignature, prepareReportSigning, reportSigningIdentity } from './signing';
export { createReport, findReport, reportBytes, listCaseReports } from './reportStore';
export type { CreateReportInput, ReportMaker } from './reportStore';

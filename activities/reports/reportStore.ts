import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../schema/config';
import { reportCaseTypeSchema, reportKindSchema, reportLanguageSchema, reportPolicy, type ReportCaseType, type ReportKind, type ReportLanguage, type ReportPolicy, type ReportView } from '../../schema/reports';
import { reportExpiresAt, reportExpiryWorkflowId, type ReportExpiryInput } from '../../workflows/reportExpiry/definitions';
import { InvalidReportOptions, type ReportDocument } from './document';
import { renderReportPdf } from './pdf';
import { reportSigningIdentity, signReportPdf } from './signing';

const createFactsSchema = z.object({
  caseType: reportCaseTypeSchema,
  caseId: z.string().min(1).max(100),
  kind: reportKindSchema,
  language: reportLanguageSchema,
  signed: z.boolean(),
});

/** Who makes the report: ids only (kept on the row and in the audit event). */
export interface ReportMaker {
  kind: 'user' | 'operator';
  id: string;
  authorityId: string | null;
}

export interface CreateReportInput {
  /** The API's config (signing certificate, task queue) and Temporal client (expiry timer). */
  deps: { config: Pick<Config, 'REPORT_SIGNING_P12_PATH' | 'REPORT_SIGNING_P12_PASSWORD' | 'LIAISON_DATA_DIR' | 'TEMPORAL_TASK_QUEUE'>; temporal: Client };
  /** The caller's transaction: the row and its audit event commit or roll back with the caller's work. */
  tx: EntityManager;
  caseType: ReportCaseType;
  caseId: string;
  kind: ReportKind;
  language: ReportLanguage;
  /** Sign with PAdES (5.3.10 "signed reports"). */
  signed: boolean;
  /** From composeReport: redaction is already done. */
  document: ReportDocument;
  actor: ReportMaker;
  now?: Date;
  policy?: ReportPolicy;
}

/**
 * Renders (and signs) a report, stores it for download and starts its ReportExpiryWorkflow,
 * which deletes it when the keeping time is over. The expiry workflow is started before the
 * caller commits: if the caller then rolls back, the timer later deletes a row that never was,
 * which is harmless; a report that exists always has its timer.
 */
export async function createReport(input: CreateReportInput): Promise<ReportView> {
  const { deps, tx, document, actor } = input;
  const facts = createFactsSchema.safeParse({ caseType: input.caseType, caseId: input.caseId, kind: input.kind, language: input.language, signed: input.signed });
  if (!facts.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of facts.error.issues) (fields[String(issue.path[0])] ??= []).push(issue.message);
    throw new InvalidReportOptions(fields);
  }
  if (document.kind !== input.kind || document.language !== input.language || document.caseType !== input.caseType) {
    throw new InvalidReportOptions({ document: ['was composed for another kind, language or case type than the one asked for'] });
  }
  const now = input.now ?? new Date();
  const policy = input.policy ?? reportPolicy;
  let pdf = await renderReportPdf(document);
  if (input.signed) {
    pdf = await signReportPdf(pdf, reportSigningIdentity(deps.config), { reason: `Liaison ${input.caseType} report ${document.caseNumber}`, signingTime: now });
  }
  const id = crypto.randomUUID();
  const sha256 = crypto.createHash('sha256').update(pdf).digest('hex');
  const expiresAt = reportExpiresAt(now, policy.keepDays);
  const createdBy = actor.kind === 'operator' ? 'operator' : actor.id;
  await tx.execute(
    `insert into report (id, case_type, case_id, kind, language, signed, personal_data, created_by, authority_id, created_at, expires_at, size_bytes, sha256, bytes)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, input.caseType, input.caseId, input.kind, input.language, input.signed, document.personalData, createdBy, actor.authorityId, now, expiresAt, pdf.length, sha256, pdf],
  );
  await tx.execute(
    `insert into audit_event (at, subject_type, subject_id, action, actor, details, version) values (?, 'report', ?, 'created', ?, ?, 1) on conflict do nothing`,
    [now, id, createdBy, JSON.stringify({ caseType: input.caseType, caseId: input.caseId, kind: input.kind, signed: input.signed, personalData: document.personalData })],
  );
  const expiry: ReportExpiryInput = { reportId: id, createdAt: now.toISOString(), keepDays: policy.keepDays };
  await deps.temporal.workflow.start('ReportExpiryWorkflow', { workflowId: reportExpiryWorkflowId(id), taskQueue: deps.config.TEMPORAL_TASK_QUEUE, args: [expiry] });
  return {
    id,
    caseType: input.caseType,
    caseId: input.caseId,
    kind: input.kind,
    language: input.language,
    signed: input.signed,
    personalData: document.personalData,
    createdBy,
    authorityId: actor.authorityId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    sizeBytes: pdf.length,
    sha256,
  };
}

interface ReportRow {
  id: string;
  case_type: ReportCaseType;
  case_id: string;
  kind: ReportKind;
  language: ReportLanguage;
  signed: boolean;
  personal_data: boolean;
  created_by: string;
  authority_id: string | null;
  created_at: Date | string;
  expires_at: Date | string;
  size_bytes: number;
  sha256: string;
}

const columns = 'id, case_type, case_id, kind, language, signed, personal_data, created_by, authority_id, created_at, expires_at, size_bytes, sha256';
const iso = (value: Date | string) => new Date(value).toISOString();
const toView = (row: ReportRow): ReportView => ({
  id: row.id,
  caseType: row.case_type,
  caseId: row.case_id,
  kind: row.kind,
  language: row.language,
  signed: row.signed,
  personalData: row.personal_data,
  createdBy: row.created_by,
  authorityId: row.authority_id,
  createdAt: iso(row.created_at),
  expiresAt: iso(row.expires_at),
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
});

/** A stored report's facts (not its bytes), expired or not; null when there is none (or it was deleted). */
export async function findReport(em: EntityManager, id: string): Promise<ReportView | null> {
  const rows = await em.execute<ReportRow[]>(`select ${columns} from report where id = ?`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

/** The PDF of a report that has not expired at `now`; null otherwise. */
export async function reportBytes(em: EntityManager, id: string, now = new Date()): Promise<Buffer | null> {
  const rows = await em.execute<{ bytes: Buffer }[]>('select bytes from report where id = ? and expires_at > ?', [id, now]);
  return rows[0]?.bytes ?? null;
}

/** The not yet expired reports of a case, newest first. */
export async function listCaseReports(em: EntityManager, caseType: ReportCaseType, caseId: string, now = new Date()): Promise<ReportView[]> {
  const rows = await em.execute<ReportRow[]>(`select ${columns} from report where case_type = ? and case_id = ? and expires_at > ? order by created_at desc, id`, [caseType, caseId, now]);
  return rows.map(toView);
}

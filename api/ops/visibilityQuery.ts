import { createHash } from 'node:crypto';
import type { OpsWorkflowFilter } from '../../schema/ops';

/**
 * Builds Temporal visibility queries (the SQL-like list filter) from the console's filters.
 * Every value is a quoted string literal with backslashes, quotes and control characters
 * escaped, so no filter value can close its literal and add a clause of its own. Attribute names
 * are fixed here, never taken from input. The expert `query` is the one deliberate passthrough:
 * the server parses and validates it (a bad one answers INVALID_ARGUMENT → 400 on `query`).
 *
 * Pure: no Temporal import, no I/O, no clock.
 */

const escapes: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
  '\x1a': '\\Z',
};

/** A string literal for a visibility query: `'it\'s'`. */
export function quote(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\0\x1a]/g, (c) => escapes[c]!)}'`;
}

/** `2026-12-09` → midnight UTC; a date-time with offset → its UTC instant, RFC 3339. */
export function toQueryTime(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date or date-time: ${value}`);
  return date.toISOString();
}

type Clause = [attribute: string, operator: '=' | '<' | '>' | '<=' | '>=' | 'STARTS_WITH', value: string];

/** The structured filters as clauses, in a stable order. */
function clauses(f: OpsWorkflowFilter): Clause[] {
  const out: Clause[] = [];
  if (f.type !== undefined) out.push(['WorkflowType', '=', f.type]);
  if (f.status !== undefined) out.push(['ExecutionStatus', '=', f.status]);
  if (f.workflowIdPrefix !== undefined) out.push(['WorkflowId', 'STARTS_WITH', f.workflowIdPrefix]);
  if (f.caseType !== undefined) out.push(['CaseType', '=', f.caseType]);
  if (f.caseStatus !== undefined) out.push(['CaseStatus', '=', f.caseStatus]);
  if (f.countryCode !== undefined) out.push(['CountryCode', '=', f.countryCode]);
  // On a keyword list, `=` means "contains".
  if (f.authorityId !== undefined) out.push(['AuthorityIds', '=', f.authorityId]);
  if (f.deadlineAfter !== undefined) out.push(['CaseDeadline', '>', toQueryTime(f.deadlineAfter)]);
  if (f.deadlineBefore !== undefined) out.push(['CaseDeadline', '<', toQueryTime(f.deadlineBefore)]);
  if (f.startedFrom !== undefined) out.push(['StartTime', '>=', toQueryTime(f.startedFrom)]);
  if (f.startedTo !== undefined) out.push(['StartTime', '<=', toQueryTime(f.startedTo)]);
  return out;
}

/**
 * The visibility query for these filters, combined with AND; `''` (all workflows) when none is
 * set. The expert query alone is passed through unchanged (so its own ORDER BY works); together
 * with other filters it is parenthesised.
 */
export function buildVisibilityQuery(filter: OpsWorkflowFilter): string {
  const structured = clauses(filter).map(([attribute, op, value]) => `${attribute} ${op} ${quote(value)}`);
  const expert = filter.query?.trim();
  if (!expert) return structured.join(' AND ');
  if (structured.length === 0) return expert;
  return [...structured, `(${expert})`].join(' AND ');
}

/** The same filters, counted per execution status (for `count`). */
export function groupByStatusQuery(query: string): string {
  return query ? `${query} GROUP BY ExecutionStatus` : 'GROUP BY ExecutionStatus';
}

/** The same filters narrowed to one status (the fallback when GROUP BY is refused). */
export function withStatus(query: string, status: string): string {
  const clause = `ExecutionStatus = ${quote(status)}`;
  return query ? `(${query}) AND ${clause}` : clause;
}

/** Bytes of the query's fingerprint that prefix each page token. */
const fingerprintLength = 6;
const fingerprint = (query: string) => createHash('sha256').update(query).digest().subarray(0, fingerprintLength);

/**
 * Temporal's opaque page token as URL-safe text, prefixed with a fingerprint of the query it
 * belongs to, so a token from another query (or none of ours) is refused here instead of
 * reaching the server, which answers such a token only after its retries with a vague error.
 */
export function encodePageToken(token: Uint8Array | null | undefined, query: string): string | null {
  if (!token || token.length === 0) return null;
  return Buffer.concat([fingerprint(query), Buffer.from(token)]).toString('base64url');
}

/** The Temporal page token inside `text`, or undefined when it is not one of ours for this query. */
export function decodePageToken(text: string, query: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length <= fingerprintLength || !bytes.subarray(0, fingerprintLength).equals(fingerprint(query))) return undefined;
  return new Uint8Array(bytes.subarray(fingerprintLength));
}

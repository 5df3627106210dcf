import { z } from 'zod';
import path from 'node:path';
import { alertDurationLimits, isoDurationVariable } from './alertPolicy';

/** The project root: data, tools and the built console are found relative to it. */
export const projectRoot = path.resolve(__dirname, '..');

const portReason = 'must be a port number from 1 to 65535';
const port = z.coerce.number({ error: portReason }).int(portReason).min(1, portReason).max(65535, portReason);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.join(' or ')}//`)
    .optional();

/**
 * One schema over the environment. Every variable has an embedded default so that `npm start`
 * works with none set; an external service is used instead of the embedded one when its URL or
 * address is given.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LIAISON_DATA_DIR: z.string().default(path.join(projectRoot, '.data')),
  LIAISON_TOOLS_DIR: z.string().default(path.join(projectRoot, '.tools')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(3000),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),

  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  EMBEDDED_POSTGRES_PORT: port.default(5433),

  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port, e.g. localhost:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only').default('liaison'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('liaison'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: optionalUrl(['http:', 'https:']),

  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().email().default('no-reply@liaison.local'),
  MAIL_CATCHER_SMTP_PORT: port.default(1025),
  MAIL_CATCHER_WEB_PORT: port.default(1080),
  MAIL_INBOX_URL: optionalUrl(['http:', 'https:']),

  /** Guards /api/ops until login exists; in production it must be set explicitly. */
  OPERATOR_TOKEN: z.string().min(12, 'must be at least 12 characters').default('liaison-operator-dev-token'),

  /**
   * Workflows the worker keeps in memory between tasks; unset, the SDK sizes it from the heap.
   * An evicted workflow is replayed from its history when its next task comes.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).optional(),

  /**
   * PKCS#12 file (key + certificate) that signs reports (PAdES). Unset: a self-signed certificate
   * generated once into LIAISON_DATA_DIR/reports/signing.p12.
   */
  REPORT_SIGNING_P12_PATH: z.string().min(1).optional(),
  REPORT_SIGNING_P12_PASSWORD: z.string().default(''),

  /** Days a contact-data check stays open before the reminder (demo workflow). */
  CONTACT_CHECK_DAYS: z.coerce.number().int().min(1).max(365).default(14),

  /** Information requests (schema/requestPolicy.ts); unset ones keep the manual's defaults. */
  REQUEST_CLOSE_REMINDER_INTERVAL_DAYS: z.coerce.number().int().min(1).max(365).optional(),
  REQUEST_CLOSE_REMINDER_MAX: z.coerce.number().int().min(0).max(100).optional(),
  REQUEST_DEROGATION_WAIT_DAYS: z.coerce.number().int().min(0).max(365).optional(),
  REQUEST_RETENTION_BLOCK_MONTHS: z.coerce.number().int().min(0).max(120).optional(),
  REQUEST_SOLVIT_RETENTION_BLOCK_MONTHS: z.coerce.number().int().min(0).max(120).optional(),
  REQUEST_RETENTION_ERASE_YEARS: z.coerce.number().int().min(1).max(30).optional(),

  /** Alerts (schema/alertPolicy.ts), ISO 8601 durations such as P7D or PT1M; unset ones keep the manual's defaults. */
  ALERT_COMMENT_PERIOD: isoDurationVariable(alertDurationLimits.periodMinMs, alertDurationLimits.periodMaxMs).optional(),
  ALERT_OBJECTION_PERIOD: isoDurationVariable(alertDurationLimits.periodMinMs, alertDurationLimits.periodMaxMs).optional(),
  ALERT_ERASURE_AFTER: isoDurationVariable(alertDurationLimits.erasureMinMs, alertDurationLimits.erasureMaxMs).optional(),

  /**
   * Public holidays per country for the invitation dispatch schedule (working days), as JSON:
   * `{"DK":["2026-12-24","2026-12-25"],"DE":["2026-12-25"]}`. Weekends are never working days.
   */
  PUBLIC_HOLIDAYS: z
    .string()
    .default('{}')
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON like {"DK":["2026-12-24"]}' });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .record(z.string(), z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates must be YYYY-MM-DD')))
        .refine((map) => Object.keys(map).every((k) => /^[A-Z]{2}$/.test(k)), 'keys must be two-letter country codes'),
    ),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; reason: string }[]) {
    super(
      'Invalid configuration: ' +
        issues.map((i) => `${i.variable} ${i.reason}`).join('; ') +
        '. Fix or unset these environment variables and start again.',
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `FOO= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0]), reason: i.message })),
    );
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && !env.OPERATOR_TOKEN) {
    throw new ConfigError([{ variable: 'OPERATOR_TOKEN', reason: 'must be set in production' }]);
  }
  return config;
}

export function databaseUrl(config: Config): string {
  return config.DATABASE_URL ?? `postgres://liaison:liaison@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/liaison`;
}

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
}

export function smtpUrl(config: Config): string {
  return config.SMTP_URL ?? `smtp://127.0.0.1:${config.MAIL_CATCHER_SMTP_PORT}`;
}

export function publicUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.API_PORT}`;
}

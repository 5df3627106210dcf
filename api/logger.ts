import pino, { Logger } from 'pino';

/** Structured logs: one JSON line per event, with the request id or case id as a field. */
export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };

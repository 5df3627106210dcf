import fs from 'node:fs';
import path from 'node:path';
import pino, { Logger } from 'pino';

/** Structured logs: one JSON line per event, with the request id or case id as a field. */
export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}

/**
 * For `npm start`: every event as JSON into a log file in the data folder, and only warnings and
 * errors on the terminal, so the URLs stay readable. LOG_LEVEL set explicitly also goes to the terminal.
 */
export function createEmbeddedLogger(level: string, name: string, logDir: string, terminalLevel: string): { logger: Logger; file: string } {
  fs.mkdirSync(logDir, { recursive: true });
  const file = path.join(logDir, `${name}.log`);
  const logger = pino(
    { level: lowest(level, terminalLevel), name, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.multistream([
      // Opened now, not in the background: a start that fails at once exits before an async open
      // finishes, and pino's exit flush then throws ("sonic boom is not ready yet").
      { level: level as pino.Level, stream: pino.destination({ fd: fs.openSync(file, 'a') }) },
      { level: terminalLevel as pino.Level, stream: process.stdout },
    ]),
  );
  return { logger, file };
}

function lowest(a: string, b: string): string {
  const order = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
  return order[Math.min(order.indexOf(a), order.indexOf(b))] ?? 'info';
}

export type { Logger };

import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcesses } from './childProcesses';
import { ensurePortFree, waitForPort } from './ports';
import { StartupError } from './startupError';

/**
 * The local SMTP catcher with a web inbox (MailDev, run as its own process: it is ESM-only and
 * should not share the API's event loop). Mail is kept in `mailDir` between runs.
 */
export async function startMailCatcher(options: {
  smtpPort: number;
  webPort: number;
  mailDir: string | null;
  processes: ChildProcesses;
}): Promise<{ smtpUrl: string; inboxUrl: string }> {
  const { smtpPort, webPort, mailDir, processes } = options;
  await ensurePortFree(smtpPort, 'MAIL_CATCHER_SMTP_PORT');
  await ensurePortFree(webPort, 'MAIL_CATCHER_WEB_PORT');
  const args = [
    maildevBin(),
    '--smtp', String(smtpPort),
    '--web', String(webPort),
    '--ip', '127.0.0.1',
    '--web-ip', '127.0.0.1',
    '--silent',
  ];
  if (mailDir) {
    fs.mkdirSync(mailDir, { recursive: true });
    args.push('--mail-directory', mailDir, '--max-emails', '5000');
  }
  processes.start('maildev', process.execPath, args);
  await waitForPort(smtpPort, '127.0.0.1', 20_000, 'The SMTP catcher');
  await waitForPort(webPort, '127.0.0.1', 20_000, 'The mail inbox');
  return { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, inboxUrl: `http://localhost:${webPort}` };
}

/** maildev's CLI script; its package exports no paths, so look for it where Node would. */
function maildevBin(): string {
  for (const dir of module.paths) {
    const candidate = path.join(dir, 'maildev', 'dist', 'bin', 'maildev.js');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new StartupError('The maildev package is missing; run npm install, or set SMTP_URL to use another SMTP server.');
}

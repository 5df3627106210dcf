import fs from 'node:fs';
import type { ChildProcesses } from './childProcesses';
import { ensurePortFree, waitForPort } from './ports';

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
    require.resolve('maildev/package.json').replace(/package\.json$/, 'dist/bin/maildev.js'),
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

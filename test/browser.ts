import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * What the browser tests share: Debian's chromium launched headless in a throw-away profile, the
 * built console (rebuilt when its sources changed) and screenshots when SCREENSHOT_DIR is set.
 */

const root = path.resolve(__dirname, '..');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = process.env.SCREENSHOT_DIR ? path.resolve(process.env.SCREENSHOT_DIR) : null;

/** A failure that reads as one sentence, without a stack trace. */
export const plainError = (message: string) => Object.assign(new Error(message), { stack: message });

/** Builds the console when admin-ui/dist is missing or older than its sources (about two seconds). */
export function ensureConsoleBuilt(): void {
  const index = path.join(root, 'admin-ui', 'dist', 'index.html');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  const sourcesChanged = Math.max(newest(path.join(root, 'admin-ui', 'src')), fs.statSync(path.join(root, 'admin-ui', 'index.html')).mtimeMs);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sourcesChanged) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'admin-ui/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page. */
  pageErrors: string[];
  /** React's "two children with the same key" (development builds print it; a production build stays silent). */
  keyWarnings: string[];
  /** A picture of the page as `<name>.png` in SCREENSHOT_DIR (nothing without it). */
  shoot(name: string): Promise<void>;
  /** Opens the console at `path` signed in with a bearer token (the operator's or a user's personal API token). */
  openWithToken(baseUrl: string, token: string, path: string): Promise<void>;
  /** Opens the console at `path` with a session cookie (`name=value`): the console recovers the session from /api/auth/me. */
  openWithSession(baseUrl: string, cookie: string, path: string): Promise<void>;
  /**
   * Runs `act` while the first call to `urlPattern` reaches the API but its answer is lost (the
   * browser sees a network failure); later calls pass. Gives each call's `Idempotency-Key` and the
   * lost answer's status.
   */
  withFirstAnswerLost(urlPattern: string, act: () => Promise<void>): Promise<{ keys: (string | undefined)[]; lostStatus: number | undefined }>;
  close(): Promise<void>;
}

/** Checks chromium is there, builds the console if needed and opens one page (en-GB, Copenhagen time). */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!fs.existsSync(chromiumPath)) {
    throw plainError(`Chromium is not installed at ${chromiumPath}: run \`apt-get install chromium\` (or set CHROMIUM_PATH).`);
  }
  ensureConsoleBuilt();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Copenhagen',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // A full run starts every test file at once on 2 cores: a file's first page missed 20 s twice in
  // fresh-clone runs (it takes ~1 s alone). Waits end as soon as the page is there.
  page.setDefaultTimeout(45_000);
  const pageErrors: string[] = [];
  const keyWarnings: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/same key/i.test(message.text())) keyWarnings.push(message.text());
  });
  /**
   * Sign-in state is written on a page of the console's origin that runs no console code
   * (/api/health): on the console itself, its login page's sign-out could land after the write
   * and undo it, which a loaded machine showed (the page then sat on the login form).
   */
  const openSignedIn = async (baseUrl: string, path: string, signIn: () => Promise<void>) => {
    await page.goto(`${baseUrl}/api/health`);
    await page.evaluate(() => localStorage.removeItem('liaison.operatorToken'));
    await context.clearCookies();
    await signIn();
    await page.goto(`${baseUrl}/#${path}`);
  };
  return {
    context,
    page,
    pageErrors,
    keyWarnings,
    async shoot(name: string) {
      if (!screenshotDir) return;
      fs.mkdirSync(screenshotDir, { recursive: true });
      await page.waitForTimeout(400); // let chip colour transitions finish: pictures only, not a wait for the app
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
    },
    openWithToken: (baseUrl, token, path) =>
      openSignedIn(baseUrl, path, () => page.evaluate((value) => localStorage.setItem('liaison.operatorToken', value), token)),
    openWithSession: (baseUrl, cookie, path) =>
      openSignedIn(baseUrl, path, () => {
        const [name, ...value] = cookie.split('=');
        return context.addCookies([{ name: name!, value: value.join('='), url: baseUrl }]);
      }),
    async withFirstAnswerLost(urlPattern, act) {
      const keys: (string | undefined)[] = [];
      let lostStatus: number | undefined;
      await page.route(urlPattern, async (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        if (keys.length > 1) return route.continue();
        lostStatus = (await route.fetch()).status();
        await route.abort('failed');
      });
      try {
        await act();
      } finally {
        await page.unroute(urlPattern);
      }
      return { keys, lostStatus };
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

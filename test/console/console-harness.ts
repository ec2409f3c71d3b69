import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ActorClaimsInput } from '../../apps/api/src/auth/actor-token';
import { createTestApp, tokenFor, type TestApp } from '../utils';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Where the browser tests leave their screenshots (the README's are copied from here by npm run docs:screenshots). */
export const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS ?? '/tmp/console-screenshots';

function newestIn(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const path = join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }, 0);
}

/** Builds the console when dist/web is missing or older than its sources (CI has built it already). */
export function ensureConsoleBuilt(): void {
  const index = join(ROOT, 'dist', 'web', 'index.html');
  const sources = Math.max(newestIn(join(ROOT, 'apps', 'web', 'src')), statSync(join(ROOT, 'apps', 'web', 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'apps', 'web', 'vite.config.ts'), '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

/**
 * The real server with the built console, and Debian's Chromium driving it as people would: each person in
 * a browser context of their own, logged in through the console link the token CLI prints.
 * Every console error, page error and failed request is collected in `problems`.
 */
export class ConsoleHarness {
  readonly problems: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    readonly t: TestApp,
    readonly browser: Browser,
    readonly base: string,
    /** requests whose failure is expected (an API another change adds), by a part of their URL */
    private readonly tolerated: string[],
  ) {}

  static async start(tolerated: string[] = []): Promise<ConsoleHarness> {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (as .ci/run does), or set CHROMIUM_PATH`);
    ensureConsoleBuilt();
    const t = await createTestApp();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    return new ConsoleHarness(t, browser, `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`, tolerated);
  }

  /** A page of the console, logged in as `person` through the console link (a browser in `timezoneId`). */
  async pageAs(person: ActorClaimsInput, timezoneId = 'Asia/Shanghai'): Promise<Page> {
    const context = await this.browser.newContext({ locale: 'zh-CN', timezoneId, viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(60_000);
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && !this.tolerated.some((s) => m.text().includes(s)) && !m.text().startsWith('Failed to load resource') && this.problems.push(`${person.sub}: ${m.text()}`));
    page.on('pageerror', (e) => this.problems.push(`${person.sub}: ${e.message}`));
    page.on('response', (r) => {
      // refusals the test provokes on purpose are 4xx answers to POSTs; anything else failing is a problem
      if (r.status() >= 400 && r.request().method() === 'GET' && !this.tolerated.some((s) => r.url().includes(s))) this.problems.push(`${person.sub}: ${r.status()} ${r.url()}`);
    });
    await page.goto(`${this.base}/console/login#token=${tokenFor(person)}`);
    try {
      await page.getByTestId('user-name').waitFor();
    } catch (error) {
      throw new Error(`login of ${person.sub} did not finish; the page says: ${await page.locator('body').innerText()}`, { cause: error });
    }
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser?.close();
    await this.t?.close();
  }
}

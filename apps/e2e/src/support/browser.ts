import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '@shop/testing';

/** Debian's Chromium (installed by .ci/run with apt); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  // The gateway listens on 127.0.0.1; Chromium would try ::1 for "localhost" first.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--host-resolver-rules=MAP localhost 127.0.0.1'] });
}

/** What a page reported that the tests forbid: CSP violations (DOM event and console) and page errors. */
export interface PageReport {
  readonly violations: string[];
  readonly errors: string[];
}

/**
 * A fresh browser profile whose pages record every `securitypolicyviolation`
 * event (the init script runs before the page's own code) and every console
 * message about the Content Security Policy or Trusted Types.
 * The gateway's certificate comes from the platform's own dev CA, which this
 * profile does not know, hence ignoreHTTPSErrors; the page is still https.
 */
export async function shopContext(browser: Browser, report: PageReport): Promise<BrowserContext> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1200, height: 800 } });
  // Generous: CI machines are shared (2 cores, several platforms); a failure here should mean broken, not busy.
  context.setDefaultTimeout(60_000);
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => void report.violations.push(text));
  // Page code, as a string: this project's TypeScript has no DOM types.
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    window.__reportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));`);
  context.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) report.violations.push(`console: ${message.text()}`);
  });
  context.on('weberror', (error) => void report.errors.push(error.error().message));
  return context;
}

/** Everything the page could persist: web storage of the page and the profile's cookies. */
export async function persistedState(page: Page): Promise<{ localStorage: number; sessionStorage: number; cookies: number; indexedDb: number }> {
  const storage = await page.evaluate<{ localStorage: number; sessionStorage: number; indexedDb: number }>(
    `(async () => ({ localStorage: localStorage.length, sessionStorage: sessionStorage.length, indexedDb: (await indexedDB.databases()).length }))()`,
  );
  return { ...storage, cookies: (await page.context().cookies()).length };
}

/** PNGs for the README, written only when asked (the spec passes SHOP_SCREENSHOTS=1), so test runs leave the tree clean. */
export async function screenshot(page: Page, name: string, enabled: boolean): Promise<void> {
  if (!enabled) return;
  const dir = join(REPO_ROOT, 'docs', 'web');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

import { readFileSync } from 'node:fs';
import { ATTACKS, LabTarget, runAttacks } from '@shop/attack-lab';
import { DEMO_ACCOUNTS, DEMO_PRODUCT_IDS } from '@shop/contracts';
import { startTestPlatform, type TestPlatform } from '@shop/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CARDS, placeOrder, stockOf } from './support/checkout';
import { launchChromium, persistedState, screenshot, shopContext, type PageReport } from './support/browser';

const [ALICE, BOB, ADMIN] = DEMO_ACCOUNTS;
type Account = (typeof DEMO_ACCOUNTS)[number];
const MUG = DEMO_PRODUCT_IDS.mug;
/** `SHOP_SCREENSHOTS=1` rewrites the README's PNGs in docs/web. */
const SCREENSHOTS = process.env['SHOP_SCREENSHOTS'] === '1';

describe('the storefront and the security console in headless Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  const opened: Array<{ context: BrowserContext; page: Page; report: PageReport }> = [];

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      // Lab mode with one control off (the SSRF guard), so the console can show an attack
      // succeeding next to others blocked; the storefront's own checks do not depend on it.
      startTestPlatform({ label: 'web', labDisable: 'ssrf-guard', env: { SHOP_RATE_LIMIT_IP_PER_10S: '5000', SHOP_RATE_LIMIT_USER_PER_10S: '5000' } }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    if (process.env['KEEP_LOGS']) require('node:fs').cpSync(`${platform.devDir}/logs`, process.env['KEEP_LOGS'], { recursive: true });
    await browser?.close();
    await platform?.destroy();
  });

  /** Every page of every test: no CSP violation, no page error, nothing persisted by the browser. */
  afterEach(async () => {
    for (const { context, page, report } of opened.splice(0)) {
      const state = await persistedState(page);
      await context.close();
      expect(report).toEqual({ violations: [], errors: [] });
      expect(state).toEqual({ localStorage: 0, sessionStorage: 0, cookies: 0, indexedDb: 0 });
    }
  });

  async function openShop(path = '/'): Promise<Page> {
    const report: PageReport = { violations: [], errors: [] };
    const context = await shopContext(browser, report);
    const page = await context.newPage();
    opened.push({ context, page, report });
    await page.goto(`${platform.gatewayUrl}/#${path}`);
    await page.locator('body[data-ready]').waitFor();
    return page;
  }

  async function signIn(page: Page, account: Account): Promise<void> {
    await page.goto(`${platform.gatewayUrl}/#/login`);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: `Signed in as ${account.email}` }).waitFor();
  }

  const mugRow = (page: Page) => page.locator(`tr[data-product="${MUG}"]`);
  const stockShown = async (page: Page) => Number((await mugRow(page).locator('.stock').innerText()).match(/\d+/)?.[0]);

  it('serves the page under a strict CSP with the helmet headers', async () => {
    const page = await openShop();
    const response = await page.goto(`${platform.gatewayUrl}/`);
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' });
    expect(headers['strict-transport-security']).toContain('max-age=');
    await page.locator('body[data-ready="catalogue"]').waitFor();
  });

  it('lets a customer buy a product end to end, then sign out', async () => {
    const started = Date.now();
    const page = await openShop();
    await mugRow(page).waitFor();
    // From navigation start to the catalogue rendered with its stock (the app's performance mark), and wall time with a fresh profile.
    const sinceNavigation = Math.round(await page.evaluate<number>(`performance.getEntriesByName('rendered:catalogue')[0].startTime`));
    process.stdout.write(`catalogue: stock rendered ${sinceNavigation} ms after navigation start (${Date.now() - started} ms with a new browser profile)\n`);
    expect(await page.locator('table.products tbody tr').count()).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'catalogue', SCREENSHOTS);

    await signIn(page, ALICE);
    await mugRow(page).waitFor();
    const before = await stockShown(page);
    await mugRow(page).getByRole('button', { name: /^Add to cart/ }).click();
    await page.getByRole('link', { name: 'Cart (1)' }).click();
    await page.getByLabel('Card number').fill(CARDS.good.cardNumber);
    await page.getByLabel('CVC').fill(CARDS.good.cvc);
    await screenshot(page, 'checkout', SCREENSHOTS);
    await page.getByRole('button', { name: 'Pay and place the order' }).click();
    await page.getByRole('status').filter({ hasText: 'Order confirmed' }).waitFor();
    expect(await page.locator('dd.status').innerText()).toBe('CONFIRMED');
    await screenshot(page, 'order-confirmed', SCREENSHOTS);

    await page.getByRole('link', { name: 'My orders', exact: true }).click();
    await page.locator('table.orders tbody tr').first().waitFor();
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await mugRow(page).waitFor();
    expect(await stockShown(page)).toBe(before - 1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').filter({ hasText: 'Signed out.' }).waitFor();
    await page.goto(`${platform.gatewayUrl}/#/orders`);
    await page.getByRole('heading', { name: 'Please sign in' }).waitFor();
  });

  it('shows a declined card clearly and the stock back', async () => {
    const page = await openShop();
    await signIn(page, ALICE);
    const before = await stockOf(platform.api, MUG);
    await page.goto(`${platform.gatewayUrl}/#/products/${MUG}`);
    await page.getByLabel('Quantity').fill('3');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Cart (3)' }).click();
    await page.getByLabel('Card number').fill(CARDS.declined.cardNumber);
    await page.getByLabel('CVC').fill(CARDS.declined.cvc);
    await page.getByRole('button', { name: 'Pay and place the order' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your card was declined' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Nothing was charged');
    expect(await stockShown(page)).toBe(before);
    expect(await stockOf(platform.api, MUG)).toBe(before);
    await screenshot(page, 'card-declined', SCREENSHOTS);
  });

  it("does not show Alice's order to Bob who opens it by its URL", async () => {
    const alice = (await platform.api.login(ALICE.email, ALICE.password)).accessToken;
    const order = await placeOrder(platform.api, alice, [{ productId: MUG, quantity: 1 }]);
    expect(order.status).toBe(201);
    const page = await openShop();
    await signIn(page, BOB);
    await page.goto(`${platform.gatewayUrl}/#/orders/${order.body.id}`);
    await page.getByRole('heading', { name: 'Order not found' }).waitFor();
    expect(await page.locator('.not-found').innerText()).toContain('ORDER.NOT_FOUND');
    expect(await page.locator('main').innerText()).not.toContain('CONFIRMED');
  });

  it('keeps a customer out of the security console (the gateway answers 403)', async () => {
    const page = await openShop();
    await signIn(page, ALICE);
    expect(await page.getByRole('link', { name: 'Security console' }).count()).toBe(0);
    await page.goto(`${platform.gatewayUrl}/#/console`);
    await page.getByRole('alert').filter({ hasText: '403 AUTH.FORBIDDEN' }).waitFor();
    expect(await page.locator('table.graph').count()).toBe(0);
  });

  it("shows an admin an attack's security events live, from the services that refused it", async () => {
    const page = await openShop();
    await signIn(page, ADMIN);
    await page.getByRole('link', { name: 'Security console' }).click();
    await page.getByRole('status').filter({ hasText: 'Feed: live' }).waitFor();
    expect(await page.getByRole('note').innerText()).toContain('switched off: ssrf-guard');
    const edge = (to: string) => page.locator('table.graph tbody tr', { has: page.locator(`td:nth-child(2):text-is("${to}")`) });
    expect(await edge('order').first().innerText()).toContain('mtls: on');
    expect(await edge('inventory').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('ssrf-guard: OFF (lab)')]));

    // Attacks from outside the browser, as an attacker would run them: a compromised
    // order forging a passport, a compromised inventory calling payment.
    const target = new LabTarget(platform.gatewayUrl, platform.devDir, platform.portOffset);
    const attacks = ATTACKS.filter((a) => ['passport-forged-by-order', 'peer-authz-wrong-identity'].includes(a.id));
    const scored = await runAttacks(target, attacks).finally(() => target.close());
    expect(scored.map((s) => s.result.outcome)).toEqual(['blocked', 'blocked']);
    const live = page.locator('#live-events');
    await live.locator('tr[data-event="passport_invalid"]').first().waitFor({ timeout: 10_000 });
    await live.locator('tr[data-event="peer_denied"]').first().waitFor({ timeout: 10_000 });
    expect(await live.locator('tbody tr td:nth-child(2)').allInnerTexts()).toContain('payment');

    // From the browser: a blocked attack with its events beside the verdict...
    const runFromConsole = async (id: string) => {
      await page.getByLabel('Attack', { exact: true }).selectOption(id);
      await page.getByRole('button', { name: 'Run' }).click();
      await page.locator('.verdict[data-outcome]').waitFor({ timeout: 90_000 });
      return page.locator('.verdict').getAttribute('data-outcome');
    };
    expect(await runFromConsole('bfla-admin-route')).toBe('blocked');
    await page.locator('#caused-events tr[data-event="access_denied"]').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'console-attack-blocked', SCREENSHOTS);
    // ...and one that succeeds because the lab switched its control off.
    expect(await runFromConsole('ssrf-ops-metrics-loopback')).toBe('succeeded');
    expect(await page.locator('.verdict + p').innerText()).toContain('/metrics');
    await screenshot(page, 'console-attack-succeeded', SCREENSHOTS);
  });

  it('has no serious accessibility violation on the main pages (axe-core)', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // axe is injected as a script, which the page's own CSP rightly forbids: this one profile bypasses it.
    const context = await browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true });
    const page = await context.newPage();
    const check = async (path: string, ready: string) => {
      await page.goto(`${platform.gatewayUrl}/#${path}`);
      await page.locator(`body[data-ready="${ready}"]`).waitFor();
      await page.locator('main h1').first().waitFor();
      // Hash routes are same-document navigations: axe stays loaded after the first page.
      if (!(await page.evaluate<boolean>(`typeof axe !== 'undefined'`))) await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>(
        `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
      );
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id} (${v.nodes.length})`);
    };
    try {
      const found = [...(await check('/', 'catalogue')), ...(await check(`/products/${MUG}`, 'product')), ...(await check('/login', 'login')), ...(await check('/register', 'register'))];
      await page.goto(`${platform.gatewayUrl}/#/login`);
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('status').filter({ hasText: 'Signed in as' }).waitFor();
      await page.locator(`tr[data-product="${MUG}"] button`).click();
      found.push(...(await check('/cart', 'cart')), ...(await check('/orders', 'orders')), ...(await check('/admin/orders', 'admin-orders')), ...(await check('/console', 'console')));
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

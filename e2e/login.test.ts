/**
 * The web app in Chromium against the real cpaudit server: the built app (packages/web/dist) served by the Fastify
 * app on a fresh test database (PGlite, or PostgreSQL in CI) with real accounts. No API is simulated.
 *
 * Outside CI the tests skip only when /usr/bin/chromium is missing (saying so); with CI=true they always run.
 */
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, PASSWORD, type World } from '../packages/server/test/helpers/world.ts';
import { CHROMIUM_PATH, hasChromium, launchBrowser, newPage, screenshot } from './browser.ts';
import { DIST_INDEX, WEB_DIST } from './preview.ts';

const inCi = process.env.CI === 'true';
const skip = !inCi && !hasChromium();
if (skip)
  console.warn(`e2e/login.test.ts skipped: ${CHROMIUM_PATH} is missing (with CI=true this fails instead).`);

/** Collects uncaught page errors and the URLs the page fetched. */
function watch(page: Page): { errors: string[]; requests: string[] } {
  const seen = { errors: [] as string[], requests: [] as string[] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('request', (r) => seen.requests.push(r.url()));
  return seen;
}

describe.skipIf(skip)('web app in Chromium on the real server', () => {
  let world: World | undefined;
  let browser: Browser | undefined;
  let base = '';

  beforeAll(async () => {
    statSync(DIST_INDEX); // the test script builds the web app first (npm test → pretest)
    world = await createWorld({ webRoot: WEB_DIST });
    await world.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  function b(): Browser {
    if (!browser) throw new Error('beforeAll did not start the browser');
    return browser;
  }

  it('sends an anonymous visitor to the login page, in Chinese, without loading ECharts', async () => {
    const page = await newPage(b());
    const seen = watch(page);
    await page.goto(`${base}/`);
    await page.waitForURL('**/login');
    const title = page.getByRole('heading', { level: 1, name: '清洁生产审核平台' });
    await title.waitFor();
    expect(await page.title()).toBe('清洁生产审核平台 · cpaudit');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // The Chinese title is painted with a CJK font: a row of missing-glyph boxes would be far narrower.
    expect((await title.boundingBox())?.width ?? 0).toBeGreaterThan(200);
    const file = await screenshot(page, 'login');
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(seen.requests.filter((u) => /\/assets\/echarts-/.test(u))).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('switches to English and keeps the choice after a reload', async () => {
    const page = await newPage(b());
    await page.goto(`${base}/login`);
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cleaner Production Audit Platform' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cleaner Production Audit Platform' }).waitFor();
    expect(await page.getByLabel('User name').count()).toBe(1);
    await page.context().close();
  });

  it('shows the server’s message when the password is wrong', async () => {
    const page = await newPage(b());
    const seen = watch(page);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await screenshot(page, 'login-error');
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('logs in with a real account and shows the home page (the bureau dashboard); timed', async () => {
    const page = await newPage(b());
    const seen = watch(page);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('nanjing');
    await page.getByLabel('密码').fill(PASSWORD);
    const t0 = performance.now();
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('heading', { name: '您好，南京市局用户' }).waitFor();
    const ms = performance.now() - t0;
    console.log(`first screen after login usable in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000);
    await screenshot(page, 'home-bureau');

    await page.goto(`${base}/no/such/page`);
    await page.getByText('页面不存在').waitFor();
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });
});

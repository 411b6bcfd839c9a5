/**
 * Markup typed into fields that the app renders must show as text and never run: an option's name and summary and
 * an evidence file's title and name, each carrying a script payload, are created through the API as the demo
 * bureau, then shown on the option page, the options tab and the implementation tab of the audit workspace.
 * Each payload, if it ran, would set a flag on `window`; none may, and each must be visible as literal text.
 * Likewise an enterprise's name (renamed by the administrator), shown on its page and in the audit's enterprise
 * list, and an audit target's indicator, shown in the targets card of the 审核 phase.
 */
import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchBrowser, newPage } from './browser.ts';
import { type DemoServer, loginAs, startDemoServer } from './demo.ts';
import { DIST_INDEX } from './preview.ts';

const inCi = process.env.CI === 'true';
const skip = !inCi && !hasChromium();
if (skip)
  console.warn(`e2e/xss.test.ts skipped: ${CHROMIUM_PATH} is missing (with CI=true this fails instead).`);

const NAME = '<img src=x onerror="window.__xss_name=1">酸洗废液回收';
const SUMMARY = '<script>window.__xss_summary=1</script><b onmouseover="window.__xss_b=1">加粗</b>';
const TITLE = '"><svg onload="window.__xss_title=1">整改后照片';
const ENTERPRISE = '<iframe srcdoc="<script>parent.__xss_ent=1</script>"></iframe>常州标记电镀有限公司';
const INDICATOR = '<img src=x onerror="window.__xss_target=1">COD排放量';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function flags(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__xss')));
}

describe.skipIf(skip)('markup in rendered fields shows as text', () => {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    statSync(DIST_INDEX);
    server = await startDemoServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an option’s name and summary and an evidence title', async () => {
    if (!browser || !server) throw new Error('beforeAll did not start');
    const base = server.base;
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, base, 'cz-bureau');
    const cookies = await page.context().cookies();
    const csrf = cookies.find((c) => c.name === 'cpaudit_csrf')?.value ?? '';
    const api = page.request;
    const audits = await (await api.get(`${base}/api/audits`)).json();
    const auditId: string = audits.items[0].id;
    const created = await api.post(`${base}/api/audits/${auditId}/options`, {
      headers: { 'x-csrf-token': csrf },
      data: { level: 'industry', name: NAME, summary: SUMMARY, optionType: 'end_of_pipe' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const optionId: string = (await created.json()).id;
    const uploaded = await api.post(`${base}/api/options/${optionId}/evidence`, {
      headers: { 'x-csrf-token': csrf },
      multipart: {
        kind: 'photo_after',
        title: TITLE,
        file: { name: '<img src=x onerror=window.__xss_file=1>.png', mimeType: 'image/png', buffer: PNG },
      },
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);

    await page.goto(`${base}/options/${optionId}`);
    await page.getByText(NAME).first().waitFor();
    await page.getByText(SUMMARY).first().waitFor();
    await page.getByText(TITLE).first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('svg[onload]').count()).toBe(0);
    expect(await flags(page)).toEqual([]);

    await page.goto(`${base}/audits/${auditId}/options`);
    await page.getByText(NAME).first().waitFor();
    await page.getByText(NAME).first().hover();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await flags(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('an enterprise’s name and an audit target’s indicator', async () => {
    if (!browser || !server) throw new Error('beforeAll did not start');
    const base = server.base;
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginAs(page, base, 'admin');
    const api = page.request;
    const csrfOf = async () =>
      (await page.context().cookies()).find((c) => c.name === 'cpaudit_csrf')?.value ?? '';
    const list = await (await api.get(`${base}/api/enterprises?q=${encodeURIComponent('常州')}`)).json();
    const ent: { id: string; version: number } = list.items[0];
    const renamed = await api.patch(`${base}/api/enterprises/${ent.id}`, {
      headers: { 'x-csrf-token': await csrfOf() },
      data: { version: ent.version, name: ENTERPRISE },
    });
    expect(renamed.status(), await renamed.text()).toBe(200);

    await page.context().clearCookies();

    // The supervising bureau sees it on the enterprise's page and in its audit.
    await loginAs(page, base, 'cz-bureau');
    await page.goto(`${base}/enterprises/${ent.id}`);
    await page.getByText(ENTERPRISE).first().waitFor();
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await flags(page)).toEqual([]);
    const audits = await (await api.get(`${base}/api/audits`)).json();
    const auditId: string = audits.items[0].id;
    const target = await api.post(`${base}/api/audits/${auditId}/targets`, {
      headers: { 'x-csrf-token': await csrfOf() },
      data: {
        type: 'pollutant_reduction',
        indicator: INDICATOR,
        measure: 'percent',
        unit: '%',
        nearTermValue: 10,
        scope: 'industry',
      },
    });
    expect(target.status(), await target.text()).toBe(201);
    await page.goto(`${base}/audits/${auditId}/preparation`);
    await page.getByText(ENTERPRISE).first().waitFor();
    await page.goto(`${base}/audits/${auditId}/audit`);
    await page.getByTestId('audit-targets').getByText(INDICATOR).first().waitFor({ timeout: 30_000 });
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await flags(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});

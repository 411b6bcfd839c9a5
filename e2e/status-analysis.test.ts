/**
 * 现状分析 in the browser on the demo data (issue 8): cz-bureau opens the demo audit's 审核 tab, finds the status
 * analysis with the planted exceedances (总镍 above 表2 at a workshop outlet, with the standard and clause), the
 * 双超 count, and the potential chart; the admin opens the standards page and sees GB 21900-2008's limit tables.
 *
 * Outside CI the test skips only when /usr/bin/chromium is missing (saying so); with CI=true it always runs.
 * An enterprise user opens its monitoring data and compliance page.
 * Screenshots: status-analysis, status-analysis-potential, standards, enterprise-compliance (e2e/screenshots/).
 */
import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchBrowser, newPage, screenshot } from './browser.ts';
import { type DemoServer, loginAs, startDemoServer } from './demo.ts';
import { DIST_INDEX } from './preview.ts';

const inCi = process.env.CI === 'true';
const skip = !inCi && !hasChromium();
if (skip)
  console.warn(
    `e2e/status-analysis.test.ts skipped: ${CHROMIUM_PATH} is missing (with CI=true this fails instead).`,
  );

const DEMO_AUDIT = '常州市电镀行业清洁生产审核（2025年度）';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

describe.skipIf(skip)('status analysis on the demo data', () => {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  let base = '';

  beforeAll(async () => {
    statSync(DIST_INDEX); // the web app must be built first (npm test → pretest, or CPAUDIT_WEB_ROOT)
    server = await startDemoServer();
    base = server.base;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function b(): Browser {
    if (!browser) throw new Error('beforeAll did not start the browser');
    return browser;
  }

  it('shows the exceedances with their clause, the 双超 count and the potential chart', async () => {
    const page = await newPage(b());
    const errors = watchErrors(page);
    await loginAs(page, base, 'cz-bureau');
    await page.getByRole('link', { name: DEMO_AUDIT }).first().click();
    await page.getByRole('heading', { name: DEMO_AUDIT }).waitFor();
    await page.getByRole('tab', { name: '审核', exact: true }).click();
    await page.waitForURL(/\/audit$/);
    const card = page.getByTestId('status-analysis');
    await card.waitFor();
    // The planted 2024 exceedance: 总镍 at the 镀镍车间排放口 above GB 21900-2008 表2.
    const nickel = card.getByText(/镀镍车间排放口.*总镍.*实测 0\.68.*GB 21900-2008 表2/);
    await nickel.waitFor({ timeout: 30_000 });
    await card.getByText(/镀铬车间排放口.*六价铬.*实测 0\.26/).waitFor();
    const doubleExceed = card.locator('.ant-statistic').filter({ hasText: '双超' });
    expect(
      Number(await doubleExceed.locator('.ant-statistic-content-value').textContent()),
    ).toBeGreaterThanOrEqual(2);
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(800);
    await screenshot(page, 'status-analysis');

    const chart = card.getByRole('img', { name: '各指标的节约潜力' });
    await chart.waitFor({ timeout: 20_000 });
    await card.getByRole('img', { name: '按企业（排序）' }).waitFor();
    await card
      .getByText('清洁生产潜力', { exact: true })
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(1200); // the charts' entry animation
    await screenshot(page, 'status-analysis-potential');

    // A proposed target made an audit target appears in the targets card at once (no reload).
    const targets = page.getByTestId('audit-targets').locator('tbody tr.ant-table-row');
    const before = await targets.count();
    await card.getByRole('button', { name: '设为审核目标' }).first().click();
    await page.getByText('已创建目标').first().waitFor();
    await expect.poll(() => targets.count(), { timeout: 15_000 }).toBe(before + 1);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('the admin sees GB 21900-2008 with its limit tables on the standards page', async () => {
    const page = await newPage(b());
    const errors = watchErrors(page);
    await loginAs(page, base, 'admin');
    await page.goto(`${base}/admin/standards`);
    await page.getByRole('heading', { name: '排放标准与能耗限额标准' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'GB 21900-2008' });
    await row.getByRole('button', { name: '查看' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('表2 新建企业水污染物排放限值').waitFor();
    await drawer.getByText('总镍').first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'standards');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('an enterprise user sees its monitoring data, its facts and its compliance with the tax', async () => {
    const page = await newPage(b());
    const errors = watchErrors(page);
    await loginAs(page, base, 'cz-ent2');
    await page.goto(`${base}/my/compliance`);
    await page.getByRole('heading', { name: '监测数据与达标情况' }).waitFor();
    await page.getByText('废水总排放口').first().waitFor({ timeout: 20_000 });
    // The newest data year is shown first.
    await page.getByRole('combobox', { name: '数据年份' }).locator('..').getByText('2024').waitFor();
    await page.getByText('判定所需基本情况').waitFor();
    await page.getByText('达标判定', { exact: true }).first().waitFor();
    await page
      .getByText(/江苏省人大常委会公告第67号/)
      .first()
      .waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'enterprise-compliance');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});

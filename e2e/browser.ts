/**
 * The browser harness of the end-to-end tests: Debian's Chromium driven by playwright-core (never
 * `playwright install`), a Chinese locale, and screenshots at a fixed 1440×900 into e2e/screenshots/.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const LOCALE = 'zh-CN';
export const TIMEZONE = 'Asia/Shanghai';
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--lang=${LOCALE}`,
];
export const SCREENSHOT_VIEWPORT = { width: 1440, height: 900 } as const;
export const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    env: { ...process.env, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN:zh' },
  });
}

/** A page in a fresh context (no cookies, no storage) with the Chinese locale, China time and a 1440×900 window. */
export async function newPage(
  browser: Browser,
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: LOCALE,
    timezoneId: TIMEZONE,
    viewport: opts.viewport ?? { ...SCREENSHOT_VIEWPORT },
  });
  return context.newPage();
}

/**
 * Saves a screenshot of the window as e2e/screenshots/<name>.png and returns its path: 1440×900 unless another
 * window size is given (e.g. 1280×720, the smallest laptop screen the app supports).
 */
export async function screenshot(
  page: Page,
  name: string,
  viewport: { width: number; height: number } = SCREENSHOT_VIEWPORT,
): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`Screenshot name "${name}" must be a plain file name`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize({ ...viewport });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}

/**
 * Serves the built web app (packages/web/dist) with Vite's `preview` server on a free port, in process. Nothing is
 * built here: run `npm run build -w @cpaudit/web` first. Vite is loaded from the web package, which owns it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../packages/web/', import.meta.url));
/** The built web app: packages/web/dist, or CPAUDIT_WEB_ROOT (a build elsewhere, e.g. `vite build --outDir /tmp/x`). */
export const WEB_DIST = process.env.CPAUDIT_WEB_ROOT?.trim() || join(WEB_DIR, 'dist');
export const DIST_INDEX = join(WEB_DIST, 'index.html');

export interface PreviewServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

/** The part of Vite's API used here (Vite's own types live in the web package, outside this tsconfig). */
interface VitePreview {
  resolvedUrls: { local: string[] } | null;
  close(): Promise<void>;
}
interface ViteModule {
  preview(config: Record<string, unknown>): Promise<VitePreview>;
}

function isViteModule(m: unknown): m is ViteModule {
  return typeof m === 'object' && m !== null && 'preview' in m && typeof m.preview === 'function';
}

export async function startPreview(): Promise<PreviewServer> {
  if (!existsSync(DIST_INDEX)) {
    throw new Error(`${DIST_INDEX} is missing: build the web app first (npm run build -w @cpaudit/web)`);
  }
  const vitePath = createRequire(join(WEB_DIR, 'package.json')).resolve('vite');
  const vite: unknown = await import(pathToFileURL(vitePath).href);
  if (!isViteModule(vite)) throw new Error(`${vitePath} does not export preview()`);
  const server = await vite.preview({
    root: WEB_DIR,
    configFile: join(WEB_DIR, 'vite.config.ts'),
    logLevel: 'warn',
    // Port 0: the system picks a free port, so parallel runs do not collide.
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('Vite preview started without a local URL');
  }
  return { url: url.replace(/\/$/, ''), close: () => server.close() };
}

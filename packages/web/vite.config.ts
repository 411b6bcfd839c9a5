import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Api } from '@cpaudit/contract';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, runnerImport } from 'vite';
import { routeTable } from './src/api/routes.ts';

/** Where the cpaudit server listens in development (`cpaudit serve`); the dev server proxies /api to it. */
const API_TARGET = process.env.CPAUDIT_API ?? 'http://127.0.0.1:8600';

/**
 * Chunk groups (Rolldown `output.codeSplitting`). ECharts, ZRender and echarts-for-react get their own chunk,
 * reachable only through the lazy `<Chart>` component, so they are never part of the initial download. React gets
 * a long-lived vendor chunk. A group also captures the dependencies of its modules, so React's group must come
 * first (higher priority): otherwise echarts-for-react would pull React into the ECharts chunk and make the
 * initial bundle depend on it. Ant Design is left to automatic splitting, so that components used only by lazy
 * pages (Table, …) stay out of the initial download.
 */
const CHUNK_GROUPS = [
  {
    name: 'echarts',
    test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/,
    priority: 10,
  },
  {
    name: 'react',
    test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
    priority: 20,
  },
];

/**
 * `echarts-for-react/esm/core` imports `tslib` without declaring it as a dependency, and npm did not hoist one
 * where it can be found. Unless the web package gets its own `tslib`, point the import at the copy ECharts ships
 * with (ESM build `tslib.es6.js`, tslib 2.x: the helpers echarts-for-react needs).
 */
function tslibAlias(): Record<string, string> {
  const require = createRequire(import.meta.url);
  try {
    require.resolve('tslib');
    return {};
  } catch {
    const fromEcharts = createRequire(require.resolve('echarts'));
    return { tslib: join(dirname(fromEcharts.resolve('tslib')), 'tslib.es6.js') };
  }
}

/**
 * `virtual:cpaudit/routes`: method and path of every endpoint, read from the contract (TypeScript sources, loaded
 * through Vite's module runner) when the module is first needed. The app imports this table instead of the
 * contract, keeping zod and the core out of the production bundle. In development the dev server reloads the
 * table when a contract file changes.
 */
function cpauditRoutes(): Plugin {
  const id = 'virtual:cpaudit/routes';
  const resolved = `\0${id}`;
  let contractFiles: string[] = [];
  return {
    name: 'cpaudit-routes',
    resolveId: (source) => (source === id ? resolved : undefined),
    async load(moduleId) {
      if (moduleId !== resolved) return undefined;
      const { module, dependencies } = await runnerImport<{ api: Api }>('@cpaudit/contract', {
        configFile: false,
        root: import.meta.dirname,
        logLevel: 'warn',
      });
      contractFiles = dependencies;
      for (const file of dependencies) this.addWatchFile(file);
      return `export default ${JSON.stringify(routeTable(module.api))};\n`;
    },
    handleHotUpdate({ file, server }) {
      if (!contractFiles.includes(file)) return;
      const mod = server.moduleGraph.getModuleById(resolved);
      if (mod) server.moduleGraph.invalidateModule(mod);
      server.ws.send({ type: 'full-reload' });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), cpauditRoutes()],
  resolve: { alias: tslibAlias() },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: API_TARGET, changeOrigin: false } },
  },
  preview: {
    host: '127.0.0.1',
    proxy: { '/api': { target: API_TARGET, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Ant Design alone is ~1 MB minified before gzip; the warning is about the gzip-less size.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: CHUNK_GROUPS },
      },
    },
  },
});

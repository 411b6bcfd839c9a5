/**
 * Builds the Fastify application: security headers, cookies, zod validation and serialization, OpenAPI at
 * /api/openapi.json with browsable docs at /api/docs, the error format, sessions, and every route of the contract.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import helmet, { type HelmetOptions } from 'helmet';
import type { ServerConfig } from './config.ts';
import type { Database } from './db/index.ts';
import { installErrorHandler } from './http/errors.ts';
import { REGISTERED, SERVED_ROUTES } from './http/register.ts';
import { registerRoutes } from './routes/index.ts';
import { installSessions } from './services/auth/sessions.ts';

export const VERSION = '0.1.0';

export interface AppDeps {
  database: Database;
  config: ServerConfig;
  now?: () => Date;
  /** The built web app (packages/web/dist): served at / with the SPA fallback for non-API paths. */
  webRoot?: string;
}

/** What helmet is asked for: CSP for the built web app and the API docs; the rest helmet's defaults. */
const HELMET: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Ant Design injects styles at run time; the swagger UI needs inline styles too.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
};

/** The headers helmet sets for `options` (it depends on nothing in the request), captured once. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, res as never, () => {});
  return headers;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.config.logLevel },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.decorate(REGISTERED, new Set<string>());
  const served: { method: string; url: string }[] = [];
  app.decorate(SERVED_ROUTES, served);
  app.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) served.push({ method: m, url: r.url });
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('admitted', null);
  app.decorateRequest('dataVersion', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webRoot = deps.webRoot && existsSync(join(deps.webRoot, 'index.html')) ? deps.webRoot : undefined;
  installErrorHandler(app, { spaIndex: webRoot !== undefined });

  // The security headers, set on every answer (API, errors, pages, files). Computed once from helmet's
  // configuration: @fastify/helmet rebuilt the helmet middleware (parsing the CSP) on every request, a fixed cost
  // the province bench measured (issue 6).
  const securityHeaders = helmetHeaders(HELMET);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'cpaudit API',
        description:
          'Cleaner production audit platform (清洁生产审核平台). Errors: `{ error: { code, message, field?, issues } }`.',
        version: VERSION,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cpaudit_session' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installSessions(app, deps);
  await registerRoutes(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  if (webRoot) {
    // Hashed assets are immutable; index.html must be revalidated so a new build is picked up.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: ['index.html'],
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  return app;
}

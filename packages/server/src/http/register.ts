/**
 * Registers a contract endpoint on Fastify: schemas for validation and OpenAPI, the access rule, CSRF for
 * state-changing calls, and a thin handler. Routes never declare paths or schemas of their own.
 */

import type { Endpoint } from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { safeEncode, type z } from 'zod';
import type { Database } from '../db/index.ts';
import type { Actor, ServiceContext } from '../services/context.ts';
import { cachedRead } from '../services/read-cache.ts';

type Out<T> = [NonNullable<T>] extends [z.ZodType] ? z.output<NonNullable<T>> : undefined;

export interface HandlerArgs<E extends Endpoint> {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
  /** The logged-in user; present whenever the endpoint is not public. */
  actor: Actor;
  req: FastifyRequest;
  reply: FastifyReply;
}

export type Handler<E extends Endpoint> = (args: HandlerArgs<E>) => Promise<z.input<E['response']>>;

/** Names of endpoints registered so far, so a test can prove every contract endpoint is served. */
export const REGISTERED = Symbol('cpaudit.registered');

/** Every route Fastify serves (method, url), collected at registration for the contract test. */
export const SERVED_ROUTES = Symbol('cpaudit.served');

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The actor once the endpoint's access rule let the request through (set before the body is parsed). */
    admitted: Actor | null;
    /** The data version read with the session (services/read-cache.ts); null without a session. */
    dataVersion: string | null;
  }
  interface FastifyInstance {
    [REGISTERED]: Set<string>;
    [SERVED_ROUTES]: { method: string; url: string }[];
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requireActor(req: FastifyRequest, ep: Endpoint): Actor | null {
  const access = ep.access;
  if (access === 'public') return req.actor;
  const actor = req.actor;
  if (!actor) throw new CpError('UNAUTHENTICATED', 'log in first');
  if (access !== 'authenticated' && !actor.roles.some((g) => access.includes(g.role))) {
    throw new CpError('FORBIDDEN', `your role cannot do this: ${ep.summary}`);
  }
  if (UNSAFE.has(ep.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || sent !== actor.csrfToken) {
      throw new CpError('FORBIDDEN', 'missing or wrong x-csrf-token header (cross-site request refused)');
    }
  }
  return actor;
}

export interface RouteOptions {
  /** Fastify route config (e.g. `rateLimit` for @fastify/rate-limit). */
  config?: Record<string, unknown>;
  /**
   * A GET endpoint whose answer depends only on the caller's scope, params, query, the hour and the database:
   * its serialized answer is reused while the data version is unchanged (services/read-cache.ts).
   */
  cache?: { database: Database; now?: () => Date };
}

export function registerEndpoint<E extends Endpoint>(
  app: FastifyInstance,
  name: string,
  ep: E,
  handler: Handler<E>,
  options: RouteOptions = {},
): void {
  app[REGISTERED].add(name);
  app.withTypeProvider<ZodTypeProvider>().route({
    method: ep.method,
    url: ep.path,
    ...(options.config ? { config: options.config } : {}),
    // The access rule runs before the body is parsed and validated: a caller who may not use the endpoint learns
    // nothing about its input (401/403, never a validation error) and no work is done for them.
    onRequest: async (req) => {
      req.admitted = requireActor(req, ep);
    },
    schema: {
      operationId: name,
      summary: ep.summary,
      tags: [...ep.tags],
      ...(ep.params ? { params: ep.params } : {}),
      ...(ep.query ? { querystring: ep.query } : {}),
      ...(ep.body && ep.kind !== 'upload' ? { body: ep.body } : {}),
      ...(ep.kind === 'download' ? {} : { response: { [ep.status ?? 200]: ep.response } }),
      ...(ep.access === 'public' ? {} : { security: [{ session: [] }] }),
    },
    handler: async (req, reply) => {
      const actor = req.admitted;
      const cache = options.cache;
      if (cache && actor && req.dataVersion && ep.method === 'GET') {
        const scope = {
          database: cache.database,
          actor,
          now: cache.now ?? (() => new Date()),
          dataVersion: req.dataVersion,
        };
        const text = await cachedRead(scope, name, [req.params, req.query], async () => {
          const result = await handler({
            params: req.params as Out<E['params']>,
            query: req.query as Out<E['query']>,
            body: req.body as Out<E['body']>,
            actor,
            req,
            reply,
          });
          // What the route's serializer (fastify-type-provider-zod) does: encode by the response schema, then JSON.
          const encoded = safeEncode(ep.response, result);
          if (!encoded.success) {
            throw new CpError('INTERNAL', `the answer of ${name} does not match its response schema`);
          }
          return JSON.stringify(encoded.data);
        });
        if (ep.status) reply.status(ep.status);
        // A string with a JSON content type is sent as it is (no second serialization).
        return reply.type('application/json; charset=utf-8').send(text);
      }
      const result = await handler({
        params: req.params as Out<E['params']>,
        query: req.query as Out<E['query']>,
        body: req.body as Out<E['body']>,
        actor: actor as Actor,
        req,
        reply,
      });
      if (ep.status) reply.status(ep.status);
      return result;
    },
  });
}

/** The service context of a request (routes pass it to exactly one service call). */
export function serviceContext(
  deps: { database: Database; now?: () => Date },
  args: { actor: Actor; req: FastifyRequest },
): ServiceContext {
  return {
    database: deps.database,
    db: deps.database.db,
    actor: args.actor,
    now: deps.now ?? (() => new Date()),
    ip: args.req.ip,
    requestId: args.req.id,
    ...(args.req.dataVersion ? { dataVersion: args.req.dataVersion } : {}),
  };
}

/**
 * Maps every failure to the one error format: `{ error: { code, message, field?, issues[] } }` with the status of
 * its code. Request-validation failures name the field; anything unexpected is INTERNAL and never leaks a stack.
 */
import { CpError, ERROR_CODES, type ErrorCode, type Issue } from '@cpaudit/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export function errorBody(code: ErrorCode, message: string, issues: Issue[] = [], field?: string) {
  return { error: { code, message, ...(field ? { field } : {}), issues } };
}

export function installErrorHandler(app: FastifyInstance, opts: { spaIndex?: boolean } = {}): void {
  app.setErrorHandler((err: FastifyError | CpError | Error, req, reply) => {
    if (err instanceof CpError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.issues, err.field));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const issues: Issue[] = err.validation.flatMap((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const at = path ? `${where}.${path}` : where;
        // An unknown field is reported at its object: name each unknown field instead.
        const keys = (v.params as { keys?: unknown }).keys;
        if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length > 0) {
          return keys.map((k) => ({ field: `${at}.${String(k)}`, message: `unknown field "${String(k)}"` }));
        }
        return [{ field: at, message: v.message ?? 'invalid' }];
      });
      const first = issues[0];
      return reply
        .status(400)
        .send(
          errorBody(
            'VALIDATION',
            `invalid ${where}: ${first?.field ?? where}: ${first?.message ?? 'invalid'}`,
            issues,
            first?.field,
          ),
        );
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return reply.status(500).send(errorBody('INTERNAL', 'internal error: response failed its schema'));
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', 'request body too large'));
    }
    if (
      fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      fe.statusCode === 415
    ) {
      return reply.status(400).send(errorBody('VALIDATION', fe.message));
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send(errorBody('RATE_LIMITED', 'too many requests; try again later'));
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own client errors (malformed JSON, bad content type): a client mistake, said plainly.
      return reply.status(400).send(errorBody('VALIDATION', fe.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((req, reply) => {
    // The web app's own routes (/audits/…) are client-side: answer them with index.html.
    if (opts.spaIndex && req.method === 'GET' && !req.url.startsWith('/api')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`));
  });
}

export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code];
}

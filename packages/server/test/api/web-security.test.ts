/**
 * Web security (issue 7): what a browser is told, asserted header by header.
 * - Cookies: the session cookie is HttpOnly, SameSite=Lax, Path=/, with Max-Age, and Secure exactly when
 *   SECURE_COOKIES=true; the CSRF cookie is readable by the page (the app copies it into the header) but
 *   SameSite=Strict; logout clears both.
 * - CSRF: a write with the session cookie but no x-csrf-token, a wrong one, another session's one, or sent as a
 *   cross-site form (urlencoded / text/plain, which browsers send without a preflight) is refused (403) and
 *   changes nothing; the token without the cookie is 401.
 * - Headers on the API (answers and errors) and on the web app's pages: CSP (default-src 'self', scripts only
 *   from the origin, no inline script, no plugins, frame-ancestors 'none', base-uri/form-action 'self'),
 *   X-Content-Type-Options nosniff, X-Frame-Options, Referrer-Policy no-referrer, HSTS, COOP; no X-Powered-By.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { auditLog, regions } from '../../src/db/index.ts';
import { createWorld, PASSWORD, type World } from '../helpers/world.ts';

let world: World;
let plain: FastifyInstance;
let secure: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  world = await createWorld();
  webRoot = mkdtempSync(join(tmpdir(), 'cpaudit-web-'));
  writeFileSync(
    join(webRoot, 'index.html'),
    '<!doctype html><html><body><div id="root"></div></body></html>',
  );
  const config = { ...loadConfig({}), loginRateLimit: 10_000 };
  plain = await buildApp({ database: world.database, config: { ...config, secureCookies: false }, webRoot });
  secure = await buildApp({ database: world.database, config: { ...config, secureCookies: true }, webRoot });
});
afterAll(async () => {
  await plain?.close();
  await secure?.close();
  await world?.close();
  if (webRoot) rmSync(webRoot, { recursive: true, force: true });
});

async function login(app: FastifyInstance, username = 'admin') {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return {
    res,
    cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    csrf: res.json().csrfToken as string,
  };
}

/** The Set-Cookie header of `name`, attributes lower-cased and split. */
function cookieAttributes(res: LightMyRequestResponse, name: string): string[] {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
  if (!raw) throw new Error(`no Set-Cookie ${name}`);
  return raw
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase())
    .map((a) => (a.startsWith('max-age=') ? 'max-age' : a))
    .sort();
}

describe('cookies', () => {
  it('session: HttpOnly, SameSite=Lax, Path=/, Max-Age; no Secure unless configured', async () => {
    const { res } = await login(plain);
    expect(cookieAttributes(res, 'cpaudit_session')).toEqual([
      'httponly',
      'max-age',
      'path=/',
      'samesite=lax',
    ]);
    expect(cookieAttributes(res, 'cpaudit_csrf')).toEqual(['max-age', 'path=/', 'samesite=strict']);
  });

  it('with SECURE_COOKIES=true both cookies are Secure', async () => {
    const { res } = await login(secure);
    expect(cookieAttributes(res, 'cpaudit_session')).toEqual([
      'httponly',
      'max-age',
      'path=/',
      'samesite=lax',
      'secure',
    ]);
    expect(cookieAttributes(res, 'cpaudit_csrf')).toEqual(['max-age', 'path=/', 'samesite=strict', 'secure']);
  });

  it('logout clears both cookies and the session no longer works', async () => {
    const s = await login(plain);
    const out = await plain.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(out.statusCode).toBe(200);
    const cleared = ([] as string[]).concat(out.headers['set-cookie'] ?? []);
    for (const name of ['cpaudit_session', 'cpaudit_csrf']) {
      const c = cleared.find((x) => x.startsWith(`${name}=`));
      expect(c, name).toMatch(/^[^=]+=;|Expires=Thu, 01 Jan 1970|Max-Age=0/);
    }
    expect(
      (await plain.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);
  });
});

describe('CSRF', () => {
  const body = { code: '650000', name: '新疆维吾尔自治区' };
  const count = async () => ({
    regions: (await world.database.db.select().from(regions)).length,
    log: (await world.database.db.select({ id: auditLog.id }).from(auditLog)).length,
  });

  it('refuses writes without the token, with a wrong one or another session’s, and cross-site forms; nothing changes', async () => {
    const a = await login(plain);
    const b = await login(plain, 'jiangsu');
    const before = await count();
    const attempts: [string, Record<string, string>, string][] = [
      ['no token', { cookie: a.cookie, 'content-type': 'application/json' }, JSON.stringify(body)],
      [
        'wrong token',
        { cookie: a.cookie, 'x-csrf-token': 'x'.repeat(32), 'content-type': 'application/json' },
        JSON.stringify(body),
      ],
      [
        'another session’s token',
        { cookie: a.cookie, 'x-csrf-token': b.csrf, 'content-type': 'application/json' },
        JSON.stringify(body),
      ],
      [
        'token in the csrf cookie only',
        { cookie: `${a.cookie}; cpaudit_csrf=${a.csrf}`, 'content-type': 'application/json' },
        JSON.stringify(body),
      ],
      [
        'cross-site urlencoded form',
        { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        'code=650000&name=x',
      ],
      [
        'cross-site text/plain form',
        { cookie: a.cookie, 'content-type': 'text/plain' },
        JSON.stringify(body),
      ],
    ];
    for (const [what, headers, payload] of attempts) {
      const res = await plain.inject({ method: 'POST', url: '/api/regions', headers, payload });
      expect([what, res.statusCode]).toEqual([what, 403]);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    // The token without the session cookie: not logged in.
    const noCookie = await plain.inject({
      method: 'POST',
      url: '/api/regions',
      headers: { 'x-csrf-token': a.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(noCookie.statusCode).toBe(401);
    expect(await count()).toEqual(before);
    // With the header the same write goes through (the refusals above were about CSRF, not the body).
    const ok = await plain.inject({
      method: 'POST',
      url: '/api/regions',
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('security headers', () => {
  function expectHeaders(res: LightMyRequestResponse, where: string): void {
    const h = res.headers;
    const csp = String(h['content-security-policy'] ?? '');
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k ?? '', v.join(' ')]),
    );
    expect([where, directives.get('default-src')]).toEqual([where, "'self'"]);
    expect([where, directives.get('script-src')]).toEqual([where, "'self'"]);
    expect([where, directives.get('object-src')]).toEqual([where, "'none'"]);
    expect([where, directives.get('frame-ancestors')]).toEqual([where, "'none'"]);
    expect([where, directives.get('base-uri')]).toEqual([where, "'self'"]);
    expect([where, directives.get('form-action')]).toEqual([where, "'self'"]);
    expect([where, h['x-content-type-options']]).toEqual([where, 'nosniff']);
    expect([where, h['x-frame-options']]).toEqual([where, 'SAMEORIGIN']);
    expect([where, h['referrer-policy']]).toEqual([where, 'no-referrer']);
    expect([where, String(h['strict-transport-security'])]).toEqual([
      where,
      expect.stringMatching(/^max-age=\d{7,}/),
    ]);
    expect([where, h['cross-origin-opener-policy']]).toEqual([where, 'same-origin']);
    expect([where, h['x-powered-by']]).toEqual([where, undefined]);
  }

  it('on API answers, API errors and the web app’s pages', async () => {
    const s = await login(plain);
    const pages: [string, LightMyRequestResponse][] = [
      ['GET /api/health', await plain.inject({ method: 'GET', url: '/api/health' })],
      [
        'GET /api/auth/me',
        await plain.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } }),
      ],
      ['401', await plain.inject({ method: 'GET', url: '/api/auth/me' })],
      ['404 API', await plain.inject({ method: 'GET', url: '/api/no-such-route' })],
      ['400', await plain.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 1 } })],
      ['GET /', await plain.inject({ method: 'GET', url: '/' })],
      ['GET /deep/link (SPA)', await plain.inject({ method: 'GET', url: '/enterprises/x' })],
    ];
    for (const [where, res] of pages) expectHeaders(res, where);
    expect(pages[5]?.[1].statusCode).toBe(200);
    expect(pages[5]?.[1].headers['content-type']).toMatch(/^text\/html/);
  });
});

import { api, type Me } from '@cpaudit/contract';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ApiClient,
  type ApiClientOptions,
  ApiError,
  buildQueryString,
  errorFromResponse,
  fillPath,
  isApiErrorBody,
  readCookie,
} from './client.ts';
import { routeTable } from './routes.ts';

const ROUTES = routeTable(api);
/** A client over the real route table; `strict` also checks responses against the contract. */
function makeClient(opts: Omit<ApiClientOptions, 'routes'> & { strict?: boolean } = {}): ApiClient {
  const { strict, ...rest } = opts;
  return new ApiClient({ routes: ROUTES, ...(strict ? { contract: async () => api } : {}), ...rest });
}

interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

/** A fetch that records the request and answers with `status` and `payload` (JSON unless a string). */
function fakeFetch(status: number, payload: unknown, recorded: Recorded[] = []): typeof fetch {
  return async (input, init) => {
    recorded.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
      credentials: init?.credentials,
    });
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return new Response(status === 204 ? null : text, { status, statusText: status >= 400 ? 'Error' : 'OK' });
  };
}

const ME: Me = {
  id: '0b6f3f1e-3c1a-4d7e-9a55-0d1f2b3c4d5e',
  username: 'zhang',
  displayName: '张三',
  roles: [{ role: 'bureau_staff', organizationId: null, organizationName: null }],
  locale: 'zh-CN',
};

describe('fillPath', () => {
  it('fills and URL-encodes each :param', () => {
    // Given a path with two parameters, one needing encoding ('a/b' → 'a%2Fb', 钢 → %E9%92%A2)
    expect(fillPath('/api/x/:id/y/:name', { id: 'a/b', name: '钢' })).toBe('/api/x/a%2Fb/y/%E9%92%A2');
  });
  it('leaves a path without parameters unchanged', () => {
    expect(fillPath('/api/auth/me', undefined)).toBe('/api/auth/me');
  });
  it('throws when a parameter is missing or empty', () => {
    expect(() => fillPath('/api/x/:id', {})).toThrow(/"id" is missing/);
    expect(() => fillPath('/api/x/:id', { id: '' })).toThrow(/"id" is missing/);
    expect(() => fillPath('/api/x/:id', { id: { nested: true } })).toThrow(/must be a string/);
  });
});

describe('buildQueryString', () => {
  it('serialises scalars and arrays, dropping undefined and null', () => {
    expect(
      buildQueryString({ q: '钢 铁', limit: 20, done: false, tags: ['a', 'b'], x: undefined, y: null }),
    ).toBe('?q=%E9%92%A2+%E9%93%81&limit=20&done=false&tags=a&tags=b');
  });
  it('is empty for nothing to send', () => {
    expect(buildQueryString(undefined)).toBe('');
    expect(buildQueryString({ a: undefined })).toBe('');
  });
});

describe('readCookie', () => {
  it('finds a cookie among several and decodes it', () => {
    expect(readCookie('a=1; cpaudit_csrf=t%2Bk; b=2', 'cpaudit_csrf')).toBe('t+k');
  });
  it('returns null when absent, and does not match a cookie whose name only ends the same', () => {
    expect(readCookie('x_cpaudit_csrf=1', 'cpaudit_csrf')).toBeNull();
    expect(readCookie('', 'cpaudit_csrf')).toBeNull();
  });
});

describe('errorFromResponse', () => {
  it('keeps the API error format', () => {
    const e = errorFromResponse(400, 'Bad Request', {
      error: {
        code: 'VALIDATION',
        message: 'username: 必填',
        field: 'username',
        issues: [{ field: 'username', message: '必填' }],
      },
    });
    expect(e).toMatchObject({
      code: 'VALIDATION',
      status: 400,
      field: 'username',
      message: 'username: 必填',
    });
    expect(e.issues).toEqual([{ field: 'username', message: '必填' }]);
    expect(e.isUnreachable).toBe(false);
  });
  it('turns anything else into an HTTP error; a 5xx without the API format counts as unreachable', () => {
    const e = errorFromResponse(502, 'Bad Gateway', '<html>');
    expect(e).toMatchObject({ code: 'HTTP', status: 502, message: 'HTTP 502 Bad Gateway' });
    expect(e.isUnreachable).toBe(true);
  });
});

describe('ApiClient.call', () => {
  it('logs in: POST with JSON body, cookies included, typed response', async () => {
    const rec: Recorded[] = [];
    const client = makeClient({
      fetch: fakeFetch(200, { user: ME, csrfToken: 'tok' }, rec),
      strict: true,
    });
    const res = await client.call('login', { body: { username: 'zhang', password: 'pw' } });
    expectTypeOf(res.user).toEqualTypeOf<Me>();
    expect(res.user.displayName).toBe('张三');
    expect(rec[0]).toMatchObject({ url: '/api/auth/login', method: 'POST', credentials: 'same-origin' });
    expect(rec[0]?.body).toEqual({ username: 'zhang', password: 'pw' });
    expect(rec[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('sends the CSRF token on state-changing requests only', async () => {
    const rec: Recorded[] = [];
    const client = makeClient({ fetch: fakeFetch(200, { ok: true }, rec) });
    client.setCsrfToken('abc');
    await client.call('logout');
    await client.call('health');
    expect(rec[0]?.headers.get('x-csrf-token')).toBe('abc');
    expect(rec[1]?.headers.get('x-csrf-token')).toBeNull();
  });

  it('falls back to the cpaudit_csrf cookie when no token was set', async () => {
    const rec: Recorded[] = [];
    const client = makeClient({
      fetch: fakeFetch(200, { ok: true }, rec),
      cookies: () => 'cpaudit_csrf=fromcookie',
    });
    await client.call('logout');
    expect(rec[0]?.headers.get('x-csrf-token')).toBe('fromcookie');
  });

  it('prefixes the base URL', async () => {
    const rec: Recorded[] = [];
    const client = makeClient({ baseUrl: 'http://h:1/', fetch: fakeFetch(200, { ok: true }, rec) });
    await client.call('logout');
    expect(rec[0]?.url).toBe('http://h:1/api/auth/logout');
  });

  it('rejects with the API error and reports UNAUTHENTICATED outside login', async () => {
    const body = { error: { code: 'UNAUTHENTICATED', message: '未登录', issues: [] } };
    const seen: string[] = [];
    const client = makeClient({
      fetch: fakeFetch(401, body),
      onUnauthenticated: (e) => seen.push(e.code),
    });
    await expect(client.call('me')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
      message: '未登录',
    });
    await expect(client.call('login', { body: { username: 'a', password: 'b' } })).rejects.toBeInstanceOf(
      ApiError,
    );
    // me reported it, login (wrong password is not "session ended") did not
    expect(seen).toEqual(['UNAUTHENTICATED']);
  });

  it('turns a network failure into NETWORK', async () => {
    const client = makeClient({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(client.call('health')).rejects.toMatchObject({
      code: 'NETWORK',
      status: 0,
      isUnreachable: true,
    });
  });

  it('flags a response that breaks the contract when validating, and passes it through when not', async () => {
    const wrong = { status: 'ok', database: 'sqlite', version: '1' }; // 'sqlite' is not in the enum
    const strict = makeClient({ fetch: fakeFetch(200, wrong), strict: true });
    await expect(strict.call('health')).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    const lenient = makeClient({ fetch: fakeFetch(200, wrong) });
    await expect(lenient.call('health')).resolves.toEqual(wrong);
  });

  it('rejects a success that is not JSON', async () => {
    const client = makeClient({ fetch: fakeFetch(200, '<html>') });
    await expect(client.call('health')).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });

  it('types the options from the contract', () => {
    const client = makeClient({ fetch: fakeFetch(200, {}) });
    expect(client.url('me')).toBe('/api/auth/me');
    // login requires a body; me takes none; health takes no query.
    // @ts-expect-error body is required for login
    expect(() => client.url('login')).not.toThrow();
    // @ts-expect-error me has no body
    expect(client.url('me', { body: { x: 1 } })).toBe('/api/auth/me');
  });
});

describe('isApiErrorBody', () => {
  it('accepts the contract error format, with workbook issues', () => {
    const body = {
      error: {
        code: 'VALIDATION',
        message: 'm',
        issues: [{ sheet: '能源', row: 7, cell: 'C7', message: '缺少数量' }],
      },
    };
    expect(isApiErrorBody(body)).toBe(true);
  });
  it('rejects anything else', () => {
    expect(isApiErrorBody({ error: { code: 'X', message: 'm' } })).toBe(false); // issues missing
    expect(isApiErrorBody({ error: { code: 1, message: 'm', issues: [] } })).toBe(false);
    expect(isApiErrorBody({ error: { code: 'X', message: 'm', issues: [{ row: '7', message: 'x' }] } })).toBe(
      false,
    );
    expect(isApiErrorBody('<html>')).toBe(false);
  });
});

describe('routeTable', () => {
  it('keeps method and path of every endpoint of the contract', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(api).sort());
    expect(ROUTES.login).toEqual({ method: 'POST', path: '/api/auth/login' });
    expect(ROUTES.me).toEqual({ method: 'GET', path: '/api/auth/me' });
  });
});

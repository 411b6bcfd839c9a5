/**
 * The typed API client, derived from the contract's `api` object: endpoint names, paths, methods and the
 * request/response types all come from `@cpaudit/contract`; nothing here is written by hand per endpoint.
 *
 *   const { user, csrfToken } = await apiClient.call('login', { body: { username, password } });
 *
 * - Path parameters (`:id`) are filled from `params`, `query` is serialised into the URL, `body` is sent as JSON.
 * - Cookies go with every request (the session cookie is httpOnly); state-changing requests carry the CSRF token
 *   as `x-csrf-token` (from `setCsrfToken`, else from the readable `cpaudit_csrf` cookie).
 * - A failure becomes an `ApiError` carrying the API's `{ error: { code, message, field, issues } }`, or a
 *   client-side code (`NETWORK`, `BAD_RESPONSE`, `HTTP`) when no API error body came back.
 * - Responses are trusted as the endpoint's `z.output` type. When the client is given the contract (development
 *   builds), they are also checked against the endpoint's zod schema, so contract drift shows up as a
 *   BAD_RESPONSE error instead of a wrong screen. The value returned is the JSON as received either way, so
 *   response schemas must be JSON-shaped (no transforms).
 * - Only method and path of each endpoint are needed at run time (`RouteTable`); the types come from the contract.
 */
import type {
  Api,
  ApiError as ApiErrorBody,
  BodyOf,
  EndpointName,
  HttpMethod,
  ParamsOf,
  QueryOf,
  ResponseOf,
} from '@cpaudit/contract';
import type { Route, RouteTable } from './routes.ts';

export type ApiIssue = ApiErrorBody['error']['issues'][number];

/** Codes raised by the client itself, next to the server's stable CpError codes (VALIDATION, NOT_FOUND, …). */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE' | 'HTTP';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** The server's CpError code, or a ClientErrorCode. */
  readonly code: string;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** Dotted path of the field at fault, when the server named one. */
  readonly field: string | undefined;
  readonly issues: readonly ApiIssue[];

  constructor(
    code: string,
    message: string,
    opts: { status?: number; field?: string | undefined; issues?: readonly ApiIssue[]; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.status = opts.status ?? 0;
    this.field = opts.field;
    this.issues = opts.issues ?? [];
  }

  /** True when the failure says nothing about the request itself: no response, or a gateway without the API. */
  get isUnreachable(): boolean {
    return this.code === 'NETWORK' || (this.code === 'HTTP' && this.status >= 500);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

// ---------------------------------------------------------------------------------------------------------------
// Request option types, computed from the contract.

/** An absent schema (`ZodNever`) forbids the option; an all-optional one makes it optional; else it is required. */
type OptionField<K extends string, T> = [T] extends [never]
  ? { readonly [P in K]?: undefined }
  : Partial<T> extends T
    ? { readonly [P in K]?: T }
    : { readonly [P in K]: T };

export type CallOptions<N extends EndpointName> = OptionField<'params', ParamsOf<Api[N]>> &
  OptionField<'query', QueryOf<Api[N]>> &
  OptionField<'body', BodyOf<Api[N]>> & { readonly signal?: AbortSignal };

/** The options argument may be left out when nothing in it is required. */
export type CallArgs<N extends EndpointName> =
  Partial<CallOptions<N>> extends CallOptions<N> ? [options?: CallOptions<N>] : [options: CallOptions<N>];

/** The untyped shape the implementation works with (the typed overload guarantees it). */
interface RawOptions {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers (exported for tests).

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalarToString(v: unknown, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  throw new TypeError(`${what} must be a string, number, boolean or date`);
}

/** `/api/audits/:id/options/:optionId` + `{ id, optionId }` → the path with each segment URL-encoded. */
export function fillPath(path: string, params: unknown): string {
  return path.replace(/:(\w+)/g, (_whole, name: string) => {
    const v = isRecord(params) ? params[name] : undefined;
    if (v === undefined || v === null || v === '') throw new TypeError(`Path parameter "${name}" is missing`);
    return encodeURIComponent(scalarToString(v, `Path parameter "${name}"`));
  });
}

/** `{ q: '钢', limit: 20, tags: ['a', 'b'] }` → `?q=%E9%92%A2&limit=20&tags=a&tags=b`; undefined/null are left out. */
export function buildQueryString(query: unknown): string {
  if (!isRecord(query)) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v !== undefined && v !== null) search.append(key, scalarToString(v, `Query parameter "${key}"`));
    }
  }
  const s = search.toString();
  return s === '' ? '' : `?${s}`;
}

/** The value of a cookie in a `document.cookie` string, or null. */
export function readCookie(cookieHeader: string, name: string): string | null {
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET']);
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'cpaudit_csrf';

function isIssue(v: unknown): v is ApiIssue {
  return (
    isRecord(v) &&
    typeof v.message === 'string' &&
    ['field', 'sheet', 'cell'].every((k) => v[k] === undefined || typeof v[k] === 'string') &&
    (v.row === undefined || typeof v.row === 'number')
  );
}

/** The API's error format (`errorSchema` of the contract), checked without loading zod. */
export function isApiErrorBody(v: unknown): v is ApiErrorBody {
  if (!isRecord(v) || !isRecord(v.error)) return false;
  const e = v.error;
  return (
    typeof e.code === 'string' &&
    typeof e.message === 'string' &&
    (e.field === undefined || typeof e.field === 'string') &&
    Array.isArray(e.issues) &&
    e.issues.every(isIssue)
  );
}

/** Turns an error response into an ApiError: the API's own format when it is that, else a generic HTTP error. */
export function errorFromResponse(status: number, statusText: string, body: unknown): ApiError {
  if (isApiErrorBody(body)) {
    const { code, message, field, issues } = body.error;
    return new ApiError(code, message, { status, field, issues });
  }
  return new ApiError('HTTP', `HTTP ${status}${statusText ? ` ${statusText}` : ''}`, { status });
}

// ---------------------------------------------------------------------------------------------------------------
// The client.

export interface ApiClientOptions {
  /** Method and path of every endpoint (`routeTable(api)`, or the build-time `virtual:cpaudit/routes`). */
  routes: RouteTable;
  /** Prefix for every path (the contract's paths already start with /api). Default: same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The contract's `api` object, to check successful responses against; no checking when absent. */
  contract?: () => Promise<Api>;
  /** Where to read the CSRF cookie from when no token was set. Default: `document.cookie` when there is one. */
  cookies?: () => string;
  /** Called when a request (other than login) is refused with UNAUTHENTICATED: the session has ended. */
  onUnauthenticated?: (error: ApiError) => void;
}

function defaultCookies(): string {
  return typeof document === 'undefined' ? '' : document.cookie;
}

export class ApiClient {
  readonly #routes: RouteTable;
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #contract: (() => Promise<Api>) | undefined;
  readonly #cookies: () => string;
  #csrfToken: string | null = null;
  onUnauthenticated: ((error: ApiError) => void) | undefined;

  constructor(opts: ApiClientOptions) {
    this.#routes = opts.routes;
    this.#baseUrl = (opts.baseUrl ?? '').replace(/\/$/, '');
    // Bound so that the browser's fetch is not called with the client as `this`.
    this.#fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#contract = opts.contract;
    this.#cookies = opts.cookies ?? defaultCookies;
    this.onUnauthenticated = opts.onUnauthenticated;
  }

  /** Remember the CSRF token returned by login / me; `null` after logout. */
  setCsrfToken(token: string | null): void {
    this.#csrfToken = token;
  }

  csrfToken(): string | null {
    return this.#csrfToken ?? readCookie(this.#cookies(), CSRF_COOKIE);
  }

  /** The URL `call` would request (exported for links such as downloads and for tests). */
  url<N extends EndpointName>(name: N, ...args: CallArgs<N>): string;
  url(name: EndpointName, options: RawOptions = {}): string {
    return this.#urlOf(this.#routes[name], options);
  }

  #urlOf(e: Route, options: RawOptions): string {
    return `${this.#baseUrl}${fillPath(e.path, options.params)}${buildQueryString(options.query)}`;
  }

  /** Calls the endpoint `name` and resolves with its response, or rejects with an `ApiError`. */
  call<N extends EndpointName>(name: N, ...args: CallArgs<N>): Promise<ResponseOf<Api[N]>>;
  async call(name: EndpointName, options: RawOptions = {}): Promise<unknown> {
    const e = this.#routes[name];
    const url = this.#urlOf(e, options);
    const headers = new Headers({ accept: 'application/json' });
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      if (typeof FormData !== 'undefined' && options.body instanceof FormData) {
        body = options.body; // multipart upload: the browser sets the boundary header
      } else {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(options.body);
      }
    }
    if (!SAFE_METHODS.has(e.method)) {
      const token = this.csrfToken();
      if (token) headers.set(CSRF_HEADER, token);
    }

    let res: Response;
    try {
      res = await this.#fetch(url, {
        method: e.method,
        headers,
        body,
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError('NETWORK', `Cannot reach the server (${e.method} ${e.path})`, { cause });
    }

    const json = await readJson(res);
    if (!res.ok) {
      const err = errorFromResponse(res.status, res.statusText, json.ok ? json.value : undefined);
      if (err.code === 'UNAUTHENTICATED' && name !== 'login') this.onUnauthenticated?.(err);
      throw err;
    }
    if (res.status === 204) return undefined;
    if (!json.ok) {
      throw new ApiError('BAD_RESPONSE', `${e.method} ${e.path}: the response is not JSON`, {
        status: res.status,
      });
    }
    if (this.#contract) {
      const endpoints = await this.#contract();
      const checked = endpoints[name].response.safeParse(json.value);
      if (!checked.success) {
        const issues = checked.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        console.error(`cpaudit: ${e.method} ${e.path} does not match the contract`, issues, json.value);
        throw new ApiError(
          'BAD_RESPONSE',
          `${e.method} ${e.path}: the response does not match the contract`,
          {
            status: res.status,
            issues,
          },
        );
      }
    }
    return json.value;
  }
}

async function readJson(res: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await res.text();
  if (text === '') return { ok: false };
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

/**
 * An endpoint of the cpaudit API, written once: method, path, zod schemas and who may call it.
 * The server registers handlers for these, OpenAPI is generated from them, the web app and CLI call them through
 * `ApiClient`, and the isolation tests enumerate them. A route that is not declared here cannot be registered.
 */
import { z } from 'zod';

/** 平台管理员, 生态环境部门工作人员, 审核小组成员, 专家, 咨询服务机构, 企业用户. A user may hold several roles. */
export const ROLES = [
  'platform_admin',
  'bureau_staff',
  'panel_member',
  'expert',
  'consultant',
  'enterprise_user',
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Who may call an endpoint. Finer scoping (jurisdiction, own enterprise, assignment) is enforced in services. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Fastify-style path with `:params`. */
  path: string;
  summary: string;
  tags: readonly string[];
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Status of a success (200 unless created: 201). */
  status?: 200 | 201 | 204;
  /** Multipart upload or binary download: the body/response schemas describe the JSON parts only. */
  kind?: 'json' | 'upload' | 'download';
}

export function endpoint<
  P extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  B extends z.ZodType = z.ZodNever,
  R extends z.ZodType = z.ZodType,
>(e: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return e;
}

export type ParamsOf<E> = E extends Endpoint<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.input<P> : never;
export type QueryOf<E> = E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.input<Q> : never;
export type BodyOf<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type ResponseOf<E> =
  E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.output<R> : never;

import { z } from 'zod';
import { okSchema } from './common.ts';
import { endpoint, roleSchema } from './endpoint.ts';

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const meSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(
      z.object({
        role: roleSchema,
        /** The bureau, enterprise or consulting firm the role is scoped to (none for admin, panel, expert). */
        organizationId: z.uuid().nullable(),
        organizationName: z.string().nullable(),
      }),
    ),
    locale: z.enum(['zh-CN', 'en']),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const loginResponse = z.object({
  user: meSchema,
  /** Send back as the `x-csrf-token` header on every state-changing request (also set as the `cpaudit_csrf` cookie). */
  csrfToken: z.string(),
});

export const authEndpoints = {
  login: endpoint({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Log in: sets the httpOnly session cookie and returns the CSRF token',
    tags: ['auth'],
    access: 'public',
    body: loginBody,
    response: loginResponse,
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'Log out: ends the session',
    tags: ['auth'],
    access: 'authenticated',
    response: okSchema,
  }),
  me: endpoint({
    method: 'GET',
    path: '/api/auth/me',
    summary: 'The logged-in user',
    tags: ['auth'],
    access: 'authenticated',
    response: loginResponse,
  }),
};

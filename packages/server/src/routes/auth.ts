import { api } from '@cpaudit/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint } from '../http/register.ts';
import { describeMe, login, logout } from '../services/auth/sessions.ts';

export function authRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerEndpoint(
    app,
    'login',
    api.login,
    ({ body, req, reply }) => login(deps, req, reply, body.username, body.password),
    {
      config: {
        // Per address and user name, per process (each process of a cluster counts its own).
        rateLimit: {
          max: deps.config.loginRateLimit,
          timeWindow: 15 * 60_000,
          keyGenerator: (req: FastifyRequest) => {
            const b = req.body;
            const u = b && typeof b === 'object' && 'username' in b ? String(b.username).toLowerCase() : '';
            return `${req.ip}|${u}`;
          },
        },
      },
    },
  );
  registerEndpoint(app, 'logout', api.logout, async ({ actor, req, reply }) => {
    await logout(deps, req, reply, actor);
    return { ok: true as const };
  });
  registerEndpoint(app, 'me', api.me, async ({ actor }) => ({
    user: await describeMe(deps.database.db, actor),
    csrfToken: actor.csrfToken,
  }));
}

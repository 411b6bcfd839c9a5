import { z } from 'zod';
import { endpoint } from './endpoint.ts';

export const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export const systemEndpoints = {
  health: endpoint({
    method: 'GET',
    path: '/api/health',
    summary: 'Readiness: 200 once the server can serve (database open and migrated)',
    tags: ['system'],
    access: 'public',
    response: healthResponse,
  }),
};

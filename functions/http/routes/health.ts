import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import type { AppEnv } from '../env.js';

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  tags: ['system'],
  summary: '健康检查',
  'x-roles': ['public'],
  responses: {
    200: {
      description: 'The API answers.',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => c.json({ status: 'ok' as const }, 200));
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../env.js';

const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string().meta({ description: '部署的版本（package.json）', example: '0.1.0' }),
  commit: z.string().meta({ description: '部署的 git 提交', example: '4021d19c…' }),
});

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  tags: ['system'],
  summary: '健康检查：服务可用，并报告所部署的版本与提交',
  'x-roles': ['public'],
  responses: {
    200: {
      description: 'The API answers, with the release it runs (each stack of the fleet reports its own).',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, deps: Pick<AppDeps, 'config'>) {
  app.openapi(route, (c) => {
    const { version, commit } = deps.config.release;
    return c.json({ status: 'ok' as const, version, commit }, 200);
  });
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { PreviewRequestSchema, PreviewResponseSchema } from '../../../shared/hours/index.js';
import type { AppDeps } from '../../deps.js';
import { previewHours } from '../../use-cases/preview-hours.js';
import type { AppEnv } from '../env.js';
import { errorResponses } from '../openapi.js';

const previewRoute = createRoute({
  method: 'post',
  path: '/v1/hours/preview',
  tags: ['hours'],
  summary: '学时试算（公开，无需登录）',
  description:
    '按湘人社办函〔2023〕23号的折算规则计算各年度公需、专业学时，每一项给出规则编号（C1…C9、ONLINE）与算式说明；' +
    '不计学时的活动列入 rejected 并说明原因。span 省略时取活动所在的年度。最多 1000 项活动、跨度最多 50 年。',
  'x-roles': ['public'],
  request: {
    body: { required: true, content: { 'application/json': { schema: PreviewRequestSchema } } },
  },
  responses: {
    200: {
      description: 'One result per year of the span, ascending, and the activities that earn nothing.',
      content: {
        'application/json': {
          schema: PreviewResponseSchema,
        },
      },
    },
    ...errorResponses(400, 413),
  },
});

export function registerHoursRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(previewRoute, async (c) => c.json(await previewHours(deps, c.req.valid('json')), 200));
}

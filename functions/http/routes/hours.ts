import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { MAX_AID_YEARS, MAX_PREVIEW_ACTIVITIES, PreviewRequestSchema, PreviewResponseSchema } from '../../../shared/hours/index.js';
import { MAX_SPAN_YEARS } from '../../../shared/span.js';
import { PREVIEW_BODY_LIMIT, PREVIEW_CPU_BUDGET_MS } from '../body-limits.js';
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
    '不计学时的活动列入 rejected 并说明原因。span 省略时取活动所在的年度。\n\n' +
    `**限额（匿名调用的成本上限）**：最多 ${MAX_PREVIEW_ACTIVITIES} 项活动；跨度最多 ${MAX_SPAN_YEARS} 年，援派期间最多跨 ${MAX_AID_YEARS} 个年度；` +
    'id 最长 100 个字符，title、provider 各 200 个，theme 100 个；请求体最大 ' +
    `${PREVIEW_BODY_LIMIT.label}（按以上上限构造的最大合法请求约 3.8 MB，超出返回 413）。` +
    `在此限额内，单次请求的 CPU 开销上限为 ${PREVIEW_CPU_BUDGET_MS} ms（npm run bench 实测最坏情况，见 bench/results.json 的 preview_worst_case）。`,
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

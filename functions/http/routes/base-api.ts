import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { CompletionBatchSchema, CompletionResponseSchema, PostingListItemSchema, SubmissionSchema } from '../../../shared/bases.js';
import { ValidationError } from '../../../shared/errors.js';
import type { AppDeps } from '../../deps.js';
import { listPostings, listSubmissions, postCompletions } from '../../use-cases/base-completions.js';
import { authenticateBase, requireBase } from '../base-auth.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json } from '../openapi.js';
import { PageQuery, PostingsQuery } from './bases.js';

/**
 * The training bases' own API (rules §7, public and fixed): authenticated by API key, rate-limited per
 * key. docs/base-api.md is the developers' guide to it.
 */
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ security: [{ baseApiKey: [] }], tags: ['base API'], 'x-roles': ['training_base'], ...r });

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().nullable() });

const postRoute = route({
  method: 'post',
  path: '/v1/base/completions',
  summary: '报送结业记录（每批最多500条，逐条校验；须带 Idempotency-Key）',
  description:
    '同一 Idempotency-Key 与相同请求体：原样重放首次应答（24小时内）；请求体不同：422 idempotency_key_reused；' +
    '首次请求仍在处理：409，Retry-After 最多 2 秒（异常中断的请求，其标记 60 秒后失效）。(基地, externalId) 永久唯一：重复报送返回 duplicate，不会重复计入。',
  request: {
    headers: z.object({
      'idempotency-key': z.string().min(1).max(255).meta({
        description: '必填（缺少时 400 idempotency_key_missing）。每个新请求一个新值（建议 UUID）；重试时使用同一值',
        example: '0f8e4c1a-3f0b-4b8e-9a57-2c4d1e6f7a90',
      }),
    }),
    body: { required: true, content: { 'application/json': { schema: CompletionBatchSchema } } },
  },
  responses: {
    200: {
      ...json(
        CompletionResponseSchema,
        'One result per record, in input order (also a replayed answer: header Idempotent-Replayed: true).',
      ),
      headers: {
        'Idempotent-Replayed': {
          description: '仅在重放首次应答时出现，值为 true（同一 Idempotency-Key 与相同请求体，24 小时内）',
          required: false,
          schema: { type: 'string', enum: ['true'] },
        },
      },
    },
    ...errorResponses(400, 401, 409, 413, 422, 429),
  },
});

const listRoute = route({
  method: 'get',
  path: '/v1/base/completions',
  summary: '本基地已报送的记录及其状态，最新在前（身份证号码脱敏）',
  request: { query: PostingsQuery },
  responses: { 200: json(page(PostingListItemSchema), 'Postings of the calling base only.'), ...errorResponses(400, 401, 429) },
});

const submissionsRoute = route({
  method: 'get',
  path: '/v1/base/submissions',
  summary: '本基地的报送日志：每次请求的逐条结果',
  request: { query: PageQuery },
  responses: { 200: json(page(SubmissionSchema), 'Requests of the calling base, newest first.'), ...errorResponses(400, 401, 429) },
});

async function readJson(text: string): Promise<unknown> {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError('invalid_json', '请求体不是合法的 JSON');
  }
}

export function registerBaseApiRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const auth = authenticateBase(deps);
  app.openAPIRegistry.registerComponent('securitySchemes', 'baseApiKey', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'xsk_{prefix}_{secret}',
    description: '施教机构 API 密钥（由人社部门签发，只显示一次）',
  });

  // Documented with the full record schema but mounted as a plain route: the batch is never
  // validated as a whole, because each record is checked and rejected on its own (rules §7).
  app.openAPIRegistry.registerPath(postRoute);
  app.post(postRoute.path, auth, async (c) => {
    const result = await postCompletions(deps, requireBase(c.get('base')), {
      idempotencyKey: c.req.header('idempotency-key'),
      body: await readJson(await c.req.text()),
    });
    // The stored text itself, so a replay is byte for byte the first answer (only 200s are stored).
    return c.body(result.body, 200, {
      'content-type': 'application/json; charset=UTF-8',
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  });
  app.openapi({ ...listRoute, middleware: [auth] }, async (c) =>
    c.json(await listPostings(deps, requireBase(c.get('base')).baseId, c.req.valid('query')), 200),
  );
  app.openapi({ ...submissionsRoute, middleware: [auth] }, async (c) =>
    c.json(await listSubmissions(deps, requireBase(c.get('base')).baseId, c.req.valid('query')), 200),
  );
}

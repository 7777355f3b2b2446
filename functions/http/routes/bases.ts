import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ApiKeySummarySchema, NewBaseSchema, PostingListItemSchema, SubmissionSchema, TrainingBaseSchema } from '../../../shared/bases.js';
import type { AppDeps } from '../../deps.js';
import { listBasePostings, listBaseSubmissions, toPostingListItem } from '../../use-cases/base-completions.js';
import { createApiKey, getBaseWithKeys, listApiKeys, listBases, registerBaseWithKey, revokeApiKey } from '../../use-cases/bases.js';
import { rematchPerson, resolveUnmatchedRecord } from '../../use-cases/people-matching.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

/**
 * The hr office's side of training bases (rules §5 W4, §6): registration, API keys (shown once),
 * and each base's postings and submissions log. The bases' own API is in base-api.ts.
 */
const READERS = ['hr_officer', 'auditor'] as const;

const BaseParams = z.object({ baseId: z.string().min(1).max(100) });
const KeyParams = BaseParams.extend({ prefix: z.string().regex(/^[a-z0-9]{8}$/, '密钥前缀为8位小写字母或数字') });
export const PageQuery = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const PostingsQuery = PageQuery.extend({
  status: z.enum(['recorded', 'unmatched']).optional(),
  externalId: z.string().min(1).max(128).optional().meta({ description: '只查这一条记录' }),
});

const NewApiKeyOut = ApiKeySummarySchema.extend({
  key: z.string().meta({ description: '完整密钥，只在此处出现一次；系统只保存其 SHA-256', example: 'xsk_k3v9q2xa_…' }),
}).meta({ id: 'NewApiKey' });
const BaseWithKeyOut = z.object({ base: TrainingBaseSchema, apiKey: NewApiKeyOut }).meta({ id: 'RegisteredBase' });
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().nullable() });

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ security: [{ bearerAuth: [] }], tags: ['training bases'], ...r });

const createBaseRoute = route({
  method: 'post',
  path: '/v1/bases',
  summary: '登记施教机构（同时签发第一个 API 密钥，仅显示一次）',
  ...allow('hr_officer'),
  request: body(NewBaseSchema),
  responses: {
    201: json(BaseWithKeyOut, 'The base and its first API key (the only time the key is shown).'),
    ...errorResponses(400, 401, 403, 409),
  },
});

const listBasesRoute = route({
  method: 'get',
  path: '/v1/bases',
  summary: '本地区登记的施教机构',
  ...allow(...READERS),
  responses: { 200: json(z.object({ items: z.array(TrainingBaseSchema) }), 'Bases by name.'), ...errorResponses(401, 403) },
});

const getBaseRoute = route({
  method: 'get',
  path: '/v1/bases/{baseId}',
  summary: '施教机构及其密钥（只列前缀与状态）',
  ...allow(...READERS),
  request: { params: BaseParams },
  responses: {
    200: json(z.object({ base: TrainingBaseSchema, keys: z.array(ApiKeySummarySchema) }), 'The base and its keys.'),
    ...errorResponses(401, 403, 404),
  },
});

const createKeyRoute = route({
  method: 'post',
  path: '/v1/bases/{baseId}/keys',
  summary: '签发新的 API 密钥（轮换时先签发、再吊销旧密钥）',
  ...allow('hr_officer'),
  request: { params: BaseParams, ...body(z.object({ label: z.string().trim().min(1).max(50).optional() })) },
  responses: { 201: json(NewApiKeyOut, 'The new key, shown this once.'), ...errorResponses(400, 401, 403, 404) },
});

const listKeysRoute = route({
  method: 'get',
  path: '/v1/bases/{baseId}/keys',
  summary: '施教机构的 API 密钥（前缀、状态、最近使用时间）',
  ...allow(...READERS),
  request: { params: BaseParams },
  responses: { 200: json(z.object({ items: z.array(ApiKeySummarySchema) }), 'Keys, newest first.'), ...errorResponses(401, 403, 404) },
});

const revokeKeyRoute = route({
  method: 'post',
  path: '/v1/bases/{baseId}/keys/{prefix}/revoke',
  summary: '吊销 API 密钥（立即生效）',
  ...allow('hr_officer'),
  request: { params: KeyParams },
  responses: { 200: json(ApiKeySummarySchema, 'The revoked key.'), ...errorResponses(401, 403, 404, 409) },
});

const postingsRoute = route({
  method: 'get',
  path: '/v1/bases/{baseId}/completions',
  summary: '施教机构报送的记录（已登记、待匹配），最新在前',
  ...allow(...READERS),
  request: { params: BaseParams, query: PostingsQuery },
  responses: { 200: json(page(PostingListItemSchema), 'Postings, newest first.'), ...errorResponses(400, 401, 403, 404) },
});

const submissionsRoute = route({
  method: 'get',
  path: '/v1/bases/{baseId}/submissions',
  summary: '施教机构的报送日志：每次请求的逐条结果（含重复与拒收）',
  ...allow(...READERS),
  request: { params: BaseParams, query: PageQuery },
  responses: { 200: json(page(SubmissionSchema), 'Requests, newest first.'), ...errorResponses(400, 401, 403, 404) },
});

const rematchRoute = route({
  method: 'post',
  path: '/v1/people/{personId}/base-records/match',
  tags: ['records'],
  summary: '重新匹配该人员身份证号码下待匹配的施教机构记录',
  ...allow('unit_clerk'),
  request: { params: z.object({ personId: z.string().min(1).max(100) }) },
  responses: { 200: json(z.object({ matched: z.int() }), 'How many records were credited.'), ...errorResponses(401, 403, 404) },
});

const ResolveUnmatchedBody = z
  .object({
    externalId: z.string().min(1).max(128),
    reason: z.string().trim().min(2, '请填写核实情况').max(500),
  })
  .meta({ id: 'ResolveUnmatched' });

const resolveRoute = route({
  method: 'post',
  path: '/v1/bases/{baseId}/completions/resolve',
  summary: '人社部门核实后，将待匹配记录（如姓名不一致）计入该身份证号码的已登记人员',
  ...allow('hr_officer'),
  request: { params: BaseParams, ...body(ResolveUnmatchedBody) },
  responses: {
    200: json(PostingListItemSchema, 'The record, now recorded and credited.'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

export function registerBaseRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));

  app.openapi(createBaseRoute, async (c) => c.json(await registerBaseWithKey(deps, who(c), c.req.valid('json')), 201));
  app.openapi(listBasesRoute, async (c) => c.json({ items: await listBases(deps) }, 200));
  app.openapi(getBaseRoute, async (c) => c.json(await getBaseWithKeys(deps, c.req.valid('param').baseId), 200));
  app.openapi(createKeyRoute, async (c) => c.json(await createApiKey(deps, who(c), c.req.valid('param').baseId, c.req.valid('json')), 201));
  app.openapi(listKeysRoute, async (c) => c.json({ items: await listApiKeys(deps, c.req.valid('param').baseId) }, 200));
  app.openapi(revokeKeyRoute, async (c) => {
    const { baseId, prefix } = c.req.valid('param');
    return c.json(await revokeApiKey(deps, who(c), baseId, prefix), 200);
  });
  app.openapi(postingsRoute, async (c) => c.json(await listBasePostings(deps, c.req.valid('param').baseId, c.req.valid('query')), 200));
  app.openapi(submissionsRoute, async (c) =>
    c.json(await listBaseSubmissions(deps, c.req.valid('param').baseId, c.req.valid('query')), 200),
  );
  app.openapi(resolveRoute, async (c) =>
    c.json(toPostingListItem(await resolveUnmatchedRecord(deps, who(c), c.req.valid('param').baseId, c.req.valid('json')), 'hr'), 200),
  );
  app.openapi(rematchRoute, async (c) => c.json({ matched: await rematchPerson(deps, who(c), c.req.valid('param').personId) }, 200));
}

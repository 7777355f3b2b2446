import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import * as z from 'zod';
import { CompletionBatchSchema, NewBaseSchema, TrainingBaseSchema, ApiKeySummarySchema } from '../../shared/bases.js';
import { DomainError, ValidationError } from '../../shared/errors.js';
import { ProvinceBaseListItemSchema, ProvinceHrListItemSchema, ProvinceResponseSchema } from '../../shared/province.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { Logger } from '../log.js';
import type { AccountDirectory } from '../ports/accounts.js';
import type { RateLimitStore } from '../ports/bases.js';
import type { IdentityAdmin } from '../ports/identity.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import { authenticateApiKey, enforceRateLimit, listBases } from '../use-cases/bases.js';
import { assertProvincialHrOffice, PROVINCE_TENANT, registerProvinceBase } from '../use-cases/province/bases.js';
import {
  listProvinceRecordsForBase,
  listProvinceRecordsForHr,
  postProvinceCompletions,
  type IntakeDeps,
} from '../use-cases/province/intake.js';
import { allowRoles, authenticate, requirePrincipal } from './auth.js';
import { isBaseApiPath, requireBase } from './base-auth.js';
import { bodyLimitFor } from './body-limits.js';
import type { AppEnv } from './env.js';
import { requestContext } from './request-context.js';
import { errorBody, handleError, validationHook } from './errors.js';
import { completeDocument, errorResponses, json } from './openapi.js';
import { PageQuery } from './routes/bases.js';

/** What the province stack's API needs (issue 17): the base register, the intake, the directory, the queues. */
export interface ProvinceAppDeps extends IntakeDeps {
  config: { tenant: string; release: { version: string; commit: string } };
  tokens: TokenVerifier;
  accounts: AccountDirectory;
  identity: IdentityAdmin;
  organisations: OrganisationRepository;
  rateLimits: RateLimitStore;
  log: Logger;
}

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().nullable() });
const baseRoute = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ security: [{ baseApiKey: [] }], tags: ['province intake'], 'x-roles': ['training_base'], ...r });
const hrRoute = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({
    security: [{ bearerAuth: [] }],
    tags: ['province register'],
    'x-roles': ['hr_officer'],
    middleware: [allowRoles('hr_officer')] as const,
    ...r,
  });

const postRoute = baseRoute({
  method: 'post',
  path: '/v1/base/completions',
  summary: '省级统一报送：报送结业记录（每批最多500条；须带 Idempotency-Key），系统按人员所在市州转送',
  description:
    '与市州接口相同的记录格式、逐条校验、幂等规则与上限。已接收的记录一律答 accepted（无论该身份证号码是否已在某市州登记），' +
    '重复报送答 duplicate，有误答 rejected。',
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(255) }),
    body: { required: true, content: { 'application/json': { schema: CompletionBatchSchema } } },
  },
  responses: {
    200: json(ProvinceResponseSchema, 'One result per record, in input order.'),
    ...errorResponses(400, 401, 409, 413, 422, 429),
  },
});

const ProvinceListQuery = PageQuery.extend({ externalId: z.string().min(1).max(128).optional() });

const listRoute = baseRoute({
  method: 'get',
  path: '/v1/base/completions',
  summary: '本基地经省级统一报送的记录：recorded（已记入所在市州）或 accepted（已接收，尚未记入）',
  request: { query: ProvinceListQuery },
  responses: { 200: json(page(ProvinceBaseListItemSchema), 'Records of the calling base only.'), ...errorResponses(400, 401, 429) },
});

const NewApiKeyOut = ApiKeySummarySchema.extend({ key: z.string() });
const registerRoute = hrRoute({
  method: 'post',
  path: '/v1/province/bases',
  summary: '登记国家级、省级施教机构（同时签发其唯一的 API 密钥，仅显示一次）',
  request: { body: { required: true, content: { 'application/json': { schema: NewBaseSchema } } } },
  responses: {
    201: json(z.object({ base: TrainingBaseSchema, apiKey: NewApiKeyOut }), 'The base and its key.'),
    ...errorResponses(400, 401, 403, 409),
  },
});

const listBasesRoute = hrRoute({
  method: 'get',
  path: '/v1/province/bases',
  summary: '省级统一报送登记的施教机构',
  responses: { 200: json(z.object({ items: z.array(TrainingBaseSchema) }), 'Bases by name.'), ...errorResponses(401, 403) },
});

const hrRecordsRoute = hrRoute({
  method: 'get',
  path: '/v1/province/bases/{baseId}/records',
  summary: '某基地的记录：转往哪个市州、在该市州的状态、暂存（held）与待回执',
  request: { params: z.object({ baseId: z.string().min(1).max(100) }), query: ProvinceListQuery },
  responses: { 200: json(page(ProvinceHrListItemSchema), 'Records with their city.'), ...errorResponses(400, 401, 403, 404) },
});

async function readJson(text: string): Promise<unknown> {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError('invalid_json', '请求体不是合法的 JSON');
  }
}

/** The province stack's API: the bases' intake (API keys) and the provincial hr office's register (tokens). */
export function createProvinceApp(deps: ProvinceAppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requestContext({ tenant: deps.config.tenant, log: deps.log }));
  app.use('/v1/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use('/v1/*', (c, next) => {
    const limit = bodyLimitFor(c.req.method, c.req.path);
    return bodyLimit({
      maxSize: limit.bytes,
      onError: () => {
        throw new DomainError('payload_too_large', 'payload_too_large', `请求体过大（上限 ${limit.label}）`);
      },
    })(c, next);
  });
  const portalAuth = authenticate(deps);
  app.use('/v1/*', (c, next) => (isBaseApiPath(c.req.path) ? next() : portalAuth(c, next)));
  const baseAuth = createMiddleware<AppEnv>(async (c, next) => {
    const caller = await authenticateApiKey(deps, c.req.header('authorization'));
    await enforceRateLimit(deps, caller);
    c.set('base', caller);
    await next();
  });

  app.get('/v1/health', (c) => c.json({ status: 'ok' as const, ...deps.config.release }, 200));

  app.openAPIRegistry.registerComponent('securitySchemes', 'baseApiKey', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'xsk_{prefix}_{secret}',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  // Mounted plainly, as in a city: each record is checked on its own, never the batch as a whole.
  app.openAPIRegistry.registerPath(postRoute);
  app.post(postRoute.path, baseAuth, async (c) => {
    const result = await postProvinceCompletions(deps, requireBase(c.get('base')), {
      idempotencyKey: c.req.header('idempotency-key'),
      body: await readJson(await c.req.text()),
    });
    return c.body(result.body, 200, {
      'content-type': 'application/json; charset=UTF-8',
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  });
  app.openapi({ ...listRoute, middleware: [baseAuth] }, async (c) =>
    c.json(await listProvinceRecordsForBase(deps, requireBase(c.get('base')).baseId, c.req.valid('query')), 200),
  );

  app.openapi(registerRoute, async (c) =>
    c.json(await registerProvinceBase(deps, requirePrincipal(c.get('principal')), c.req.valid('json')), 201),
  );
  app.openapi(listBasesRoute, async (c) => {
    assertProvincialHrOffice(requirePrincipal(c.get('principal')));
    return c.json({ items: await listBases(deps) }, 200);
  });
  app.openapi(hrRecordsRoute, async (c) =>
    c.json(
      await listProvinceRecordsForHr(deps, requirePrincipal(c.get('principal')), c.req.valid('param').baseId, c.req.valid('query')),
      200,
    ),
  );

  completeDocument(app.openAPIRegistry.definitions);
  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: '学时通 省级统一报送 API', version: '1.0.0', description: `省级统一报送（${PROVINCE_TENANT} 省人社厅）` },
    servers: [{ url: '/' }],
  });
  app.notFound((c) => c.json(errorBody('not_found', '接口不存在', undefined, c.get('requestId')), 404));
  app.onError(handleError);
  return app;
}

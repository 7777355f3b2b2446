import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { PeoplePageSchema, StoredPersonSchema } from '../../../shared/person.js';
import type { AppDeps } from '../../deps.js';
import {
  NewPersonSchema,
  PersonChangeSchema,
  createPerson,
  getPerson,
  listPeople,
  transferPerson,
  updatePerson,
} from '../../use-cases/people.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

const READERS = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;
const ALL = ['person', ...READERS] as const;

const PersonIdParams = z.object({ personId: z.string().min(1).max(100) });

const listFields = {
  unitId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: '不填：单位账号为本单位；主管部门、人社部门为管辖范围内的全部单位（按单位名称逐个分页）' }),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  compliance: z.enum(['compliant', 'short']).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

/**
 * Neither a resident ID nor a name travels in a URL (query strings reach access logs): GET lists
 * without a name filter, and every search — by name or by ID number — goes in the body of
 * POST /v1/people/search. A `q` in the query string is refused, not silently ignored.
 */
const ListQuerySchema = z.object({
  ...listFields,
  q: z
    .unknown()
    .refine((q) => q === undefined, '按姓名或身份证号码查询请用 POST /v1/people/search，查询内容放在请求体中，不放在网址中')
    .optional()
    .meta({ description: '不接受：姓名与身份证号码查询请用 POST /v1/people/search' }),
});

const SearchBodySchema = z
  .object({ ...listFields, q: z.string().max(50).optional().meta({ description: '姓名（包含）或完整身份证号码' }) })
  .meta({ id: 'PeopleSearch' });

const list = createRoute({
  method: 'get',
  path: '/v1/people',
  tags: ['people'],
  summary: '人员名单（按单位；按年度与达标情况筛选；按姓名或身份证号查询请用 POST /v1/people/search）',
  security: [{ bearerAuth: [] }],
  ...allow(...READERS),
  request: { query: ListQuerySchema },
  responses: {
    200: json(PeoplePageSchema, 'A page of people.'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const search = createRoute({
  method: 'post',
  path: '/v1/people/search',
  tags: ['people'],
  summary: '人员查询（可按完整身份证号码；号码放在请求体中，不进网址与日志）',
  security: [{ bearerAuth: [] }],
  ...allow(...READERS),
  request: body(SearchBodySchema),
  responses: {
    200: json(PeoplePageSchema, 'A page of people.'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/people',
  tags: ['people'],
  summary: '登记专业技术人员',
  security: [{ bearerAuth: [] }],
  ...allow('unit_clerk'),
  request: body(NewPersonSchema),
  responses: {
    201: json(StoredPersonSchema, 'The person, registered in the unit.'),
    202: json(
      z
        .object({ status: z.literal('referred_to_hr_office'), message: z.string() })
        .meta({ id: 'RegistrationReferred', description: '需人社部门核实办理：已转人社部门（不说明原因，也不说明该号码是否已登记）' }),
      'Referred to the hr office: the same answer for every registration that needs it.',
    ),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/people/{personId}',
  tags: ['people'],
  summary: '人员详情（含单位变动历史）',
  security: [{ bearerAuth: [] }],
  ...allow(...ALL),
  request: { params: PersonIdParams },
  responses: {
    200: json(
      z.object({
        person: StoredPersonSchema,
        unitName: z.string(),
        unitHistory: z.array(
          z.object({ unitId: z.string(), unitName: z.string(), from: z.string(), by: z.string(), reason: z.string().optional() }),
        ),
      }),
      'The person and their unit history.',
    ),
    ...errorResponses(401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/v1/people/{personId}',
  tags: ['people'],
  summary: '修改人员基本信息（本人或单位经办人）',
  security: [{ bearerAuth: [] }],
  ...allow('unit_clerk', 'person'),
  request: { params: PersonIdParams, ...body(PersonChangeSchema) },
  responses: { 200: json(StoredPersonSchema, 'The updated person.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const transfer = createRoute({
  method: 'post',
  path: '/v1/people/{personId}/transfer',
  tags: ['people'],
  summary: '人员调动（保留单位变动历史）',
  security: [{ bearerAuth: [] }],
  ...allow('unit_clerk'),
  request: {
    params: PersonIdParams,
    ...body(z.object({ toUnitId: z.string().min(1).max(100), version: z.int().min(1), reason: z.string().max(500).optional() })),
  },
  responses: { 200: json(StoredPersonSchema, 'The moved person.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

export function registerPeopleRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(list, async (c) => c.json(await listPeople(deps, requirePrincipal(c.get('principal')), c.req.valid('query')), 200));
  app.openapi(search, async (c) => c.json(await listPeople(deps, requirePrincipal(c.get('principal')), c.req.valid('json')), 200));
  app.openapi(create, async (c) => {
    const registration = await createPerson(deps, requirePrincipal(c.get('principal')), c.req.valid('json'));
    return registration.status === 'registered'
      ? c.json(registration.person, 201)
      : c.json({ status: registration.status, message: registration.message }, 202);
  });
  app.openapi(get, async (c) => c.json(await getPerson(deps, requirePrincipal(c.get('principal')), c.req.valid('param').personId), 200));
  app.openapi(update, async (c) =>
    c.json(await updatePerson(deps, requirePrincipal(c.get('principal')), c.req.valid('param').personId, c.req.valid('json')), 200),
  );
  app.openapi(transfer, async (c) =>
    c.json(await transferPerson(deps, requirePrincipal(c.get('principal')), c.req.valid('param').personId, c.req.valid('json')), 200),
  );
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ROLES } from '../../../shared/contract.js';
import { PrincipalSchema } from '../../../shared/accounts.js';
import { pageSchema } from '../../../shared/paging.js';
import { OrganisationKindSchema, OrganisationSchema } from '../../../shared/organisation.js';
import type { AppDeps } from '../../deps.js';
import { listOrganisations, lookupUnits, UNIT_LOOKUP_LIMIT } from '../../use-cases/list-organisations.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { errorResponses } from '../openapi.js';

const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['account'],
  summary: '当前登录用户（账号目录中的角色、组织与姓名；未绑定账号的登录身份得到 403 account_not_bound）',
  security: [{ bearerAuth: [] }],
  ...allow(...ROLES),
  responses: {
    200: { description: 'The signed-in user.', content: { 'application/json': { schema: PrincipalSchema } } },
    ...errorResponses(401, 403),
  },
});

const ORG_READERS = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;

const organisationsRoute = createRoute({
  method: 'get',
  path: '/v1/organisations',
  tags: ['organisations'],
  summary: '本人可见的组织（本单位及下级），分页；按上级逐层读取，或按名称、统一社会信用代码查找',
  security: [{ bearerAuth: [] }],
  ...allow(...ORG_READERS),
  request: {
    query: z.object({
      parentId: z.string().min(1).max(100).optional(),
      q: z.string().trim().min(1, '请输入名称或统一社会信用代码').max(50).optional(),
      kind: OrganisationKindSchema.optional(),
      cursor: z.string().max(2000).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(100),
    }),
  },
  responses: {
    200: {
      description:
        'A page of the organisations under the caller: the children of `parentId`, those matching `q` (name fragment or credit code), or — with neither — the caller’s own first and then its subtree in tree order.',
      content: { 'application/json': { schema: pageSchema(OrganisationSchema) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const unitLookupRoute = createRoute({
  method: 'get',
  path: '/v1/units/lookup',
  tags: ['organisations'],
  summary: '按名称或统一社会信用代码查找本地区的用人单位（选择调入单位等）',
  security: [{ bearerAuth: [] }],
  ...allow(...ORG_READERS),
  request: { query: z.object({ q: z.string().trim().min(1, '请输入单位名称或统一社会信用代码').max(50) }) },
  responses: {
    200: {
      description: `Up to ${UNIT_LOOKUP_LIMIT} units whose name contains q, or the unit whose credit code is q.`,
      content: {
        'application/json': {
          schema: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), parentName: z.string().optional() })) }),
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});

export function registerAccountRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(unitLookupRoute, async (c) => c.json({ items: await lookupUnits(deps, c.req.valid('query').q) }, 200));
  app.openapi(meRoute, (c) => c.json(requirePrincipal(c.get('principal')), 200));
  app.openapi(organisationsRoute, async (c) => {
    const page = await listOrganisations(deps, requirePrincipal(c.get('principal')), c.req.valid('query'));
    return c.json(page, 200);
  });
}

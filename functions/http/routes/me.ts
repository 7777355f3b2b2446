import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ROLES } from '../../../shared/contract.js';
import { OrganisationSchema } from '../../../shared/organisation.js';
import type { AppDeps } from '../../deps.js';
import { listOrganisations, lookupUnits, UNIT_LOOKUP_LIMIT } from '../../use-cases/list-organisations.js';
import { allowRoles, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { errorResponses } from '../openapi.js';

const PrincipalSchema = z
  .object({ userId: z.string(), name: z.string(), role: z.enum(ROLES), orgId: z.string(), tenant: z.string(), personId: z.string().optional() })
  .meta({ id: 'Principal' });

const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['account'],
  summary: '当前登录用户（账号目录中的角色、组织与姓名；未绑定账号的登录身份得到 403 account_not_bound）',
  security: [{ bearerAuth: [] }],
  'x-roles': [...ROLES],
  middleware: [allowRoles(...ROLES)] as const,
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
  summary: '本人可见的组织（本单位及下级）',
  security: [{ bearerAuth: [] }],
  'x-roles': [...ORG_READERS],
  middleware: [allowRoles(...ORG_READERS)] as const,
  responses: {
    200: {
      description: 'The organisations under the caller, the caller’s own first.',
      content: { 'application/json': { schema: z.object({ items: z.array(OrganisationSchema) }) } },
    },
    ...errorResponses(401, 403),
  },
});

const unitLookupRoute = createRoute({
  method: 'get',
  path: '/v1/units/lookup',
  tags: ['organisations'],
  summary: '按名称查找本地区的用人单位（选择调入单位等）',
  security: [{ bearerAuth: [] }],
  'x-roles': [...ORG_READERS],
  middleware: [allowRoles(...ORG_READERS)] as const,
  request: { query: z.object({ q: z.string().trim().min(1, '请输入单位名称').max(50) }) },
  responses: {
    200: {
      description: `Up to ${UNIT_LOOKUP_LIMIT} units whose name contains q.`,
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
    const items = await listOrganisations(deps, requirePrincipal(c.get('principal')));
    return c.json({ items }, 200);
  });
}

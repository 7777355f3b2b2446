import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { OrganisationComplianceSchema } from '../../../shared/aggregates.js';
import { OrganisationKindSchema } from '../../../shared/organisation.js';
import type { AppDeps } from '../../deps.js';
import { complianceOverview, reconcileUnit } from '../../use-cases/aggregates.js';
import { workbenchCounts } from '../../use-cases/workbench.js';
import { WorkbenchSchema } from '../../../shared/workbench.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

const READERS = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;

const overview = createRoute({
  method: 'get',
  path: '/v1/statistics/compliance',
  tags: ['statistics'],
  summary: '达标统计：某组织及其直属下级组织各年度的人数、达标、未达标、无学时记录（按维护的汇总数，不逐人读取）',
  security: [{ bearerAuth: [] }],
  ...allow(...READERS),
  request: { query: z.object({ org: z.string().min(1).max(100).optional().meta({ description: '组织；默认本账号所属组织' }) }) },
  responses: {
    200: json(
      z.object({ organisation: OrganisationComplianceSchema, children: z.array(OrganisationComplianceSchema) }),
      'The organisation and those directly under it, every year each has counts for.',
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

const CountersSchema = z.object({ compliant: z.int(), short: z.int(), empty: z.int(), pending: z.int() });

const reconcile = createRoute({
  method: 'post',
  path: '/v1/statistics/units/{unitId}/reconcile',
  tags: ['statistics'],
  summary: '核对单位统计：按人员与登记手册重新计数，报告与汇总数的差异（fix 为 true 时予以纠正）',
  security: [{ bearerAuth: [] }],
  ...allow('hr_officer'),
  request: {
    params: z.object({ unitId: z.string().min(1).max(100) }),
    ...body(z.object({ fix: z.boolean().default(false) }).meta({ id: 'ReconcileRequest' })),
  },
  responses: {
    200: json(
      z
        .object({
          unitId: z.string(),
          people: z.object({ stored: z.int(), recounted: z.int() }),
          years: z.array(z.object({ year: z.int(), stored: CountersSchema, recounted: CountersSchema })),
          booksRecounted: z.int(),
          booksMoved: z.int(),
          ancestorsDrifted: z.int(),
          drift: z.boolean(),
          fixed: z.boolean(),
        })
        .meta({ id: 'ReconcileReport' }),
      'What the recount found and whether it was corrected.',
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

const workbench = createRoute({
  method: 'get',
  path: '/v1/workbench',
  tags: ['statistics'],
  summary: '工作台待办计数（按角色：各状态的申请、即将期满的公示、待受理批次、待接收的个人填报、待处理记录、导入失败、本年度未达标人数）',
  security: [{ bearerAuth: [] }],
  ...allow(...READERS),
  responses: {
    200: json(WorkbenchSchema, "The role's to-do counts and this year's compliance of its organisation."),
    ...errorResponses(401, 403),
  },
});

export function registerStatisticsRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(workbench, async (c) => c.json(await workbenchCounts(deps, requirePrincipal(c.get('principal'))), 200));
  app.openapi(overview, async (c) =>
    c.json(await complianceOverview(deps, requirePrincipal(c.get('principal')), c.req.valid('query')), 200),
  );
  app.openapi(reconcile, async (c) =>
    c.json(await reconcileUnit(deps, requirePrincipal(c.get('principal')), c.req.valid('param').unitId, c.req.valid('json')), 200),
  );
}

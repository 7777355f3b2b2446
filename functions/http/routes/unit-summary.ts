import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import type { AppDeps } from '../../deps.js';
import { unitSummarySheet, unitYearSummary } from '../../use-cases/unit-summary.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { errorResponses } from '../openapi.js';
import { XLSX_MEDIA_TYPE, attachment, writeWorkbook } from '../xlsx.js';

const READERS = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;

const summary = createRoute({
  method: 'get',
  path: '/v1/units/{unitId}/summary.xlsx',
  tags: ['people'],
  summary: '导出单位年度学时汇总（.xlsx；身份证号码脱敏）',
  security: [{ bearerAuth: [] }],
  ...allow(...READERS),
  request: {
    params: z.object({ unitId: z.string().min(1).max(100) }),
    query: z.object({ year: z.coerce.number().int().min(1990).max(2100) }),
  },
  responses: {
    200: {
      description: 'One row per person now in the unit: name, masked ID, public, professional and total hours, compliance, sign-off.',
      content: { [XLSX_MEDIA_TYPE]: { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerUnitSummaryRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(summary, async (c) => {
    const data = await unitYearSummary(deps, requirePrincipal(c.get('principal')), c.req.valid('param').unitId, c.req.valid('query').year);
    const { fileName, sheet } = unitSummarySheet(data);
    return c.body(await writeWorkbook([sheet]), 200, {
      'content-type': XLSX_MEDIA_TYPE,
      'content-disposition': attachment(fileName),
      // Names of real people: no shared cache may keep a copy.
      'cache-control': 'no-store',
    });
  });
}

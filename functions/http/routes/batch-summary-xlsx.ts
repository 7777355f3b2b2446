import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { chinaDateOf } from '../../../shared/calendar.js';
import { APPLICATION_STATE_LABELS, type ApplicationState } from '../../../shared/workflow.js';
import type { AppDeps } from '../../deps.js';
import { batchSummary } from '../../use-cases/certification/filing.js';
import type { OutputSheet } from '../../use-cases/imports/sheet-table.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { errorResponses } from '../openapi.js';
import { XLSX_MEDIA_TYPE, attachment, writeWorkbook } from '../xlsx.js';

const READERS = ['dept_reviewer', 'hr_officer', 'auditor'] as const;

const summaryXlsx = createRoute({
  method: 'get',
  path: '/v1/batches/{id}/summary.xlsx',
  tags: ['certification'],
  summary: '导出汇总人员名单（.xlsx；身份证号码脱敏）',
  security: [{ bearerAuth: [] }],
  ...allow(...READERS),
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: {
    200: {
      description: 'The batch summary list as a workbook: one row per application, as on the printed list.',
      content: { [XLSX_MEDIA_TYPE]: { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...errorResponses(401, 403, 404),
  },
});

type Summary = Awaited<ReturnType<typeof batchSummary>>;

/** The printed 汇总人员名单's columns, one row per application (a batch holds at most a few hundred). */
export function batchSummarySheet({ rows }: Summary): OutputSheet {
  return {
    name: '汇总人员名单',
    columns: [
      { header: '序号', width: 6 },
      { header: '姓名', width: 12 },
      { header: '身份证号码', width: 22, text: true },
      { header: '工作单位', width: 28 },
      { header: '申报级别', width: 10 },
      { header: '证明类别', width: 12 },
      { header: '核认年度', width: 12 },
      { header: '各年度学时', width: 60 },
      { header: '状态', width: 14 },
    ],
    rows: rows.map((r) => [
      r.no,
      r.name,
      r.idNumberMasked,
      r.unit,
      r.titleLevel,
      r.kind,
      r.span,
      r.years,
      r.state === 'certified' ? `已出具${r.kind}` : (APPLICATION_STATE_LABELS[r.state as ApplicationState] ?? ''),
    ]),
  };
}

export function registerBatchSummaryXlsxRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(summaryXlsx, async (c) => {
    const summary = await batchSummary(deps, requirePrincipal(c.get('principal')), c.req.valid('param').id);
    const day = chinaDateOf(new Date(summary.batch.createdAt));
    return c.body(await writeWorkbook([batchSummarySheet(summary)]), 200, {
      'content-type': XLSX_MEDIA_TYPE,
      'content-disposition': attachment(`汇总人员名单-${summary.batch.departmentName}-${day}.xlsx`),
      // Names of real people: no shared cache may keep a copy.
      'cache-control': 'no-store',
    });
  });
}

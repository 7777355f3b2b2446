import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { CreateExportSchema, ExportJobSchema } from '../../../shared/exports.js';
import type { AppDeps } from '../../deps.js';
import { createExport, exportDownload, getExport, listExports } from '../../use-cases/exports/jobs.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

const STAFF = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ security: [{ bearerAuth: [] }], tags: ['exports'], ...allow(...STAFF), ...r });

const ExportParams = z.object({ exportId: z.string().min(1).max(100) });

const create = route({
  method: 'post',
  path: '/v1/exports',
  summary: '导出多个单位的 .xlsx（部门、全市的年度学时汇总或未达标人员名单）：后台任务，完成后下载',
  description:
    '创建导出任务并立即返回（202，status 为 queued）；轮询 GET /v1/exports/{exportId} 查看进度，status 为 succeeded 后经 …/download 取得下载链接。' +
    '只能导出管辖范围内的组织；身份证号码脱敏。任务只对发起的账号及其所在组织的工作人员可见。',
  request: body(CreateExportSchema),
  responses: { 202: json(ExportJobSchema, 'The queued job.'), ...errorResponses(400, 401, 403, 404, 429, 503) },
});

const list = route({
  method: 'get',
  path: '/v1/exports',
  summary: '本组织的导出任务，最近的在前',
  request: {
    query: z.object({ cursor: z.string().max(2000).optional(), limit: z.coerce.number().int().min(1).max(50).default(10) }),
  },
  responses: {
    200: json(z.object({ items: z.array(ExportJobSchema), cursor: z.string().nullable() }), 'A page of export jobs.'),
    ...errorResponses(400, 401, 403),
  },
});

const get = route({
  method: 'get',
  path: '/v1/exports/{exportId}',
  summary: '导出任务的状态与进度（失败时给出原因）',
  request: { params: ExportParams },
  responses: { 200: json(ExportJobSchema, 'The job.'), ...errorResponses(401, 403, 404) },
});

const download = route({
  method: 'get',
  path: '/v1/exports/{exportId}/download',
  summary: '已完成导出的下载链接（有效 5 分钟）',
  request: { params: ExportParams },
  responses: {
    200: json(z.object({ url: z.string(), fileName: z.string(), expiresAt: z.string() }), 'A presigned link to the .xlsx.'),
    ...errorResponses(401, 403, 404, 409),
  },
});

export function registerExportRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));
  app.openapi(create, async (c) => c.json(await createExport(deps, who(c), c.req.valid('json')), 202));
  app.openapi(list, async (c) => c.json(await listExports(deps, who(c), c.req.valid('query')), 200));
  app.openapi(get, async (c) => c.json(await getExport(deps, who(c), c.req.valid('param').exportId), 200));
  app.openapi(download, async (c) => {
    const link = await exportDownload(deps, who(c), c.req.valid('param').exportId);
    // A signed link to people's data: no shared cache may keep it.
    c.header('cache-control', 'no-store');
    return c.json(link, 200);
  });
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ImportStatusSchema, ImportTypeSchema } from '../../../shared/imports.js';
import type { AppDeps } from '../../deps.js';
import { importTemplate } from '../../use-cases/imports/templates.js';
import { getImport, listImports, resumeImport, rollbackImport, startImport } from '../../use-cases/imports/run.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json } from '../openapi.js';
import { XLSX_MEDIA_TYPE, attachment, readWorkbook, writeWorkbook } from '../xlsx.js';

/** The upload route: it has its own, larger body limit (body-limits.ts UPLOAD_BODY_LIMIT). */
export const IMPORT_UPLOAD_PATH = '/v1/imports';

const IMPORTERS = ['unit_clerk', 'hr_officer'] as const;
const VIEWERS = [...IMPORTERS, 'auditor'] as const;

const ImportOut = ImportStatusSchema.extend({
  resumable: z.boolean().meta({ description: '可继续导入（POST …/resume）' }),
  rollbackable: z.boolean().meta({ description: '可撤销（POST …/rollback）' }),
}).meta({ id: 'Import' });

const ImportParams = z.object({ importId: z.string().min(1).max(100) });
const xlsxContent = { [XLSX_MEDIA_TYPE]: { schema: z.string().meta({ format: 'binary' }) } };

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ security: [{ bearerAuth: [] }], tags: ['imports'], ...r });

const upload = route({
  method: 'post',
  path: IMPORT_UPLOAD_PATH,
  summary: 'Excel 导入人员或历史学时：先整体校验，全部正确才分批写入',
  description:
    '请求体为 .xlsx 文件本身（Content-Type: ' +
    XLSX_MEDIA_TYPE +
    '，至多 4 MB、10,000 行）。返回导入记录：校验有误时 status 为 failed 并逐行列出错误（不写入任何数据）；' +
    '写入中途失败时 status 为 failed，可继续（resume）或撤销（rollback）。大文件一次请求写不完时，返回的 status 仍为 committing 且 ' +
    'resumable 为 true：调用 resume 接着写，直至 committed。单位经办人只能导入本单位，人社部门可导入全市。',
  ...allow(...IMPORTERS),
  request: {
    query: z.object({
      type: ImportTypeSchema,
      fileName: z.string().trim().max(200).optional().meta({ description: '原文件名（仅用于显示）' }),
    }),
    body: { required: true, content: xlsxContent },
  },
  responses: { 201: json(ImportOut, 'The import: committed, or failed with its errors.'), ...errorResponses(400, 401, 403, 409, 413, 422) },
});

const list = route({
  method: 'get',
  path: '/v1/imports',
  summary: '本单位（本部门）的导入记录，最近的在前',
  ...allow(...VIEWERS),
  request: {
    query: z.object({ cursor: z.string().max(2000).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
  },
  responses: {
    200: json(z.object({ items: z.array(ImportOut), cursor: z.string().nullable() }), 'A page of imports.'),
    ...errorResponses(400, 401, 403),
  },
});

const template = route({
  method: 'get',
  path: '/v1/imports/templates/{type}',
  summary: '下载导入模板（.xlsx，含填写说明）',
  ...allow(...IMPORTERS),
  request: { params: z.object({ type: ImportTypeSchema }) },
  responses: { 200: { description: 'The template.', content: xlsxContent }, ...errorResponses(400, 401, 403) },
});

const get = route({
  method: 'get',
  path: '/v1/imports/{importId}',
  summary: '导入进度与结果（写完最后一批之前不会显示为已完成）',
  ...allow(...VIEWERS),
  request: { params: ImportParams },
  responses: { 200: json(ImportOut, 'The import.'), ...errorResponses(401, 403, 404) },
});

const resume = route({
  method: 'post',
  path: '/v1/imports/{importId}/resume',
  summary: '继续中途失败的导入（从最后写入的批次之后继续，不会重复写入）',
  ...allow(...IMPORTERS),
  request: { params: ImportParams },
  responses: { 200: json(ImportOut, 'The import after the run.'), ...errorResponses(401, 403, 404, 409, 422) },
});

const rollback = route({
  method: 'post',
  path: '/v1/imports/{importId}/rollback',
  summary: '撤销导入：删除本次导入写入的数据（留有审计记录）',
  ...allow(...IMPORTERS),
  request: { params: ImportParams },
  responses: { 200: json(ImportOut, 'The import after the run.'), ...errorResponses(401, 403, 404, 409, 422) },
});

export function registerImportRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));

  app.openapi(upload, async (c) => {
    const { type, fileName } = c.req.valid('query');
    const sheets = await readWorkbook(new Uint8Array(await c.req.arrayBuffer()));
    return c.json(await startImport(deps, who(c), { type, sheets, ...(fileName ? { fileName } : {}) }), 201);
  });
  app.openapi(list, async (c) => c.json(await listImports(deps, who(c), c.req.valid('query')), 200));
  app.openapi(template, async (c) => {
    const t = importTemplate(c.req.valid('param').type);
    return c.body(await writeWorkbook(t.sheets), 200, { 'content-type': XLSX_MEDIA_TYPE, 'content-disposition': attachment(t.fileName) });
  });
  app.openapi(get, async (c) => c.json(await getImport(deps, who(c), c.req.valid('param').importId), 200));
  app.openapi(resume, async (c) => c.json(await resumeImport(deps, who(c), c.req.valid('param').importId), 200));
  app.openapi(rollback, async (c) => c.json(await rollbackImport(deps, who(c), c.req.valid('param').importId), 200));
}

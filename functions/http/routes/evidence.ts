import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { EvidenceFileViewSchema, EvidenceStatusSchema, EvidenceUploadRequestSchema } from '../../../shared/evidence-files.js';
import type { AppDeps } from '../../deps.js';
import { confirmEvidenceUpload, createEvidenceDownload, listEvidence, requestEvidenceUpload } from '../../use-cases/evidence.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { ErrorBodySchema } from '../errors.js';
import { body, errorResponses, json } from '../openapi.js';

const ALL = ['person', 'unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;
const EDITORS = ['unit_clerk', 'person'] as const;

const ActivityParams = z.object({ personId: z.string().min(1).max(100), activityId: z.string().min(1).max(100) });
const FileParams = ActivityParams.extend({ fileId: z.string().min(1).max(100) });

const FileOut = EvidenceFileViewSchema.meta({ id: 'EvidenceFile' });
/** Also embedded per activity in the activity list (records.ts): one schema instance, one OpenAPI id. */
export const EvidenceStatusOut = EvidenceStatusSchema.meta({ id: 'EvidenceStatus' });
const UploadOut = z
  .object({
    file: FileOut,
    upload: z.object({
      url: z.string().meta({ description: 'POST a multipart/form-data form here' }),
      fields: z.record(z.string(), z.string()).meta({ description: 'Form fields, in this order, before the `file` field' }),
      expiresAt: z.string(),
      maxBytes: z.int(),
    }),
  })
  .meta({ id: 'EvidenceUpload' });

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ security: [{ bearerAuth: [] }], ...r });
const base = '/v1/people/{personId}/activities/{activityId}/evidence';

const uploadRoute = route({
  method: 'post',
  path: `${base}/uploads`,
  tags: ['evidence'],
  summary: '申请上传证明材料（返回预签名表单，PDF/JPEG/PNG，≤ 20 MB）',
  description:
    '服务器生成对象键并登记一个待检查的文件。浏览器按返回的 fields 组成 multipart 表单，最后附上 `file`，POST 到 url；上传完成后调用 confirm。',
  ...allow(...EDITORS),
  request: { params: ActivityParams, ...body(EvidenceUploadRequestSchema) },
  responses: { 201: json(UploadOut, 'The pending file and its upload form.'), ...errorResponses(400, 401, 403, 404, 422) },
});

const confirmRoute = route({
  method: 'post',
  path: `${base}/{fileId}/confirm`,
  tags: ['evidence'],
  summary: '确认上传：检查实际大小与文件内容类型并计算 SHA-256',
  description:
    '通过则文件被接收；不通过则删除已上传的对象并以 422 说明原因。对已接收的文件重复调用返回同样结果。文件存储不可用时返回 503 storage_unavailable，可稍后重试。',
  ...allow(...EDITORS),
  request: { params: FileParams },
  responses: {
    200: json(FileOut, 'The accepted file.'),
    ...errorResponses(401, 403, 404, 409, 422),
    503: json(ErrorBodySchema, '文件存储暂时不可用 (storage_unavailable)，可稍后重试'),
  },
});

const listRoute = route({
  method: 'get',
  path: base,
  tags: ['evidence'],
  summary: '活动的证明材料及材料是否齐全',
  ...allow(...ALL),
  request: { params: ActivityParams },
  responses: {
    200: json(z.object({ items: z.array(FileOut), evidence: EvidenceStatusOut }), 'Files, oldest first, and the evidence status.'),
    ...errorResponses(401, 403, 404),
  },
});

const downloadRoute = route({
  method: 'get',
  path: `${base}/{fileId}/download`,
  tags: ['evidence'],
  summary: '下载证明材料（5 分钟有效的预签名链接，以附件方式下载）',
  ...allow(...ALL),
  request: { params: FileParams },
  responses: {
    200: json(z.object({ url: z.string(), expiresAt: z.string() }), 'A short-lived download link.'),
    ...errorResponses(401, 403, 404, 422),
  },
});

export function registerEvidenceRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));

  app.openapi(uploadRoute, async (c) => {
    const { personId, activityId } = c.req.valid('param');
    return c.json(await requestEvidenceUpload(deps, who(c), personId, activityId, c.req.valid('json')), 201);
  });
  app.openapi(confirmRoute, async (c) => {
    const { personId, activityId, fileId } = c.req.valid('param');
    return c.json(await confirmEvidenceUpload(deps, who(c), personId, activityId, fileId), 200);
  });
  app.openapi(listRoute, async (c) => {
    const { personId, activityId } = c.req.valid('param');
    return c.json(await listEvidence(deps, who(c), personId, activityId), 200);
  });
  app.openapi(downloadRoute, async (c) => {
    const { personId, activityId, fileId } = c.req.valid('param');
    return c.json(await createEvidenceDownload(deps, who(c), personId, activityId, fileId), 200);
  });
}

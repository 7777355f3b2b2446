import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { NewPriorCertificateSchema, StoredLegacyYearSchema, StoredPriorCertificateSchema } from '../../../shared/history.js';
import { EvidenceContentTypeSchema, EvidenceFileViewSchema } from '../../../shared/evidence-files.js';
import { MAX_EVIDENCE_BYTES } from '../../../shared/file-type.js';
import type { AppDeps } from '../../deps.js';
import { addPriorCertificate, listHistory } from '../../use-cases/history.js';
import {
  confirmScanUpload,
  createScanDownload,
  listPriorCertificates,
  requestScanUpload,
  verifyPriorCertificate,
} from '../../use-cases/prior-certificates.js';
import { ErrorBodySchema } from '../errors.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

const ALL = ['person', 'unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;
const PersonParams = z.object({ personId: z.string().min(1).max(100) });
/** The number as entered (free text for paper-era certificates), percent-encoded in the path. */
const CertificateParams = PersonParams.extend({ number: z.string().min(1).max(100) });
const ScanParams = CertificateParams.extend({ fileId: z.string().min(1).max(100) });

const PriorCertificateOut = StoredPriorCertificateSchema.extend({
  status: z.enum(['unverified', 'verified', 'revoked']).meta({ description: '未核验的认定单不计入任何年度' }),
  scans: z.array(EvidenceFileViewSchema),
}).meta({ id: 'PriorCertificateView' });
const ScanUploadRequest = z
  .object({
    fileName: z.string().trim().min(1, '请提供文件名').max(255, '文件名过长'),
    contentType: EvidenceContentTypeSchema,
    size: z.int('文件大小须为整数（字节）').min(1, '文件为空').max(MAX_EVIDENCE_BYTES, '文件不能超过 20 MB'),
  })
  .meta({ id: 'CertificateScanUpload' });
const ScanUploadOut = z.object({
  file: EvidenceFileViewSchema,
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()), expiresAt: z.string(), maxBytes: z.int() }),
});

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ security: [{ bearerAuth: [] }], tags: ['records'], ...r });

const listCertificates = route({
  method: 'get',
  path: '/v1/people/{personId}/prior-certificates',
  summary: '人员已有的学时认定单（所列年度以认定单为准）',
  ...allow(...ALL),
  request: { params: PersonParams },
  responses: {
    200: json(z.object({ items: z.array(PriorCertificateOut) }), 'Certificates, with their verification and scans.'),
    ...errorResponses(401, 403, 404),
  },
});

const addCertificate = route({
  method: 'post',
  path: '/v1/people/{personId}/prior-certificates',
  summary: '登记人员已有的学时认定单（本系统编号须与该人员已出具的认定单一致；纸质认定单待核验，所列年度须未确认）',
  ...allow('unit_clerk'),
  request: { params: PersonParams, ...body(NewPriorCertificateSchema) },
  responses: { 201: json(StoredPriorCertificateSchema, 'The certificate.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const certificatePath = '/v1/people/{personId}/prior-certificates/{number}';

const requestScan = route({
  method: 'post',
  path: `${certificatePath}/scans`,
  summary: '申请上传纸质认定单扫描件（预签名表单，PDF/JPEG/PNG，≤ 20 MB）',
  ...allow('unit_clerk'),
  request: { params: CertificateParams, ...body(ScanUploadRequest) },
  responses: { 201: json(ScanUploadOut, 'The pending scan and its upload form.'), ...errorResponses(400, 401, 403, 404, 422) },
});

const confirmScan = route({
  method: 'post',
  path: `${certificatePath}/scans/{fileId}/confirm`,
  summary: '确认扫描件上传：检查实际大小与文件内容类型',
  ...allow('unit_clerk'),
  request: { params: ScanParams },
  responses: {
    200: json(EvidenceFileViewSchema, 'The accepted scan.'),
    ...errorResponses(401, 403, 404, 409, 422),
    503: json(ErrorBodySchema, '文件存储暂时不可用 (storage_unavailable)，可稍后重试'),
  },
});

const downloadScan = route({
  method: 'get',
  path: `${certificatePath}/scans/{fileId}/download`,
  summary: '下载认定单扫描件（5 分钟有效的链接）',
  ...allow(...ALL),
  request: { params: ScanParams },
  responses: {
    200: json(z.object({ url: z.string(), expiresAt: z.string() }), 'A short-lived link.'),
    ...errorResponses(401, 403, 404, 422),
  },
});

const verifyCertificate = route({
  method: 'post',
  path: `${certificatePath}/verify`,
  summary: '核验已登记的学时认定单（单位审核人；纸质认定单须对照已上传的扫描件，且不能由录入人核验）',
  description:
    'A paper-era certificate needs an accepted scan and a unit reviewer other than the account that entered it (403 `same_account`); ' +
    'a number of this system is matched again against the person’s issued, unrevoked certificates. Once verified, its years count.',
  ...allow('unit_reviewer'),
  request: { params: CertificateParams, ...body(z.object({}).meta({ id: 'VerifyPriorCertificate' })) },
  responses: { 200: json(StoredPriorCertificateSchema, 'The verified certificate.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const listLegacyYears = route({
  method: 'get',
  path: '/v1/people/{personId}/legacy-years',
  summary: '人员的纸质登记手册历史学时（按年度；该年度学时以此为准）',
  ...allow(...ALL),
  request: { params: PersonParams },
  responses: {
    200: json(z.object({ items: z.array(StoredLegacyYearSchema) }), 'Paper years, ascending.'),
    ...errorResponses(401, 403, 404),
  },
});

export function registerHistoryRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));

  app.openapi(listCertificates, async (c) =>
    c.json({ items: await listPriorCertificates(deps, who(c), c.req.valid('param').personId) }, 200),
  );
  app.openapi(requestScan, async (c) => {
    const { personId, number } = c.req.valid('param');
    return c.json(await requestScanUpload(deps, who(c), personId, number, c.req.valid('json')), 201);
  });
  app.openapi(confirmScan, async (c) => {
    const { personId, number, fileId } = c.req.valid('param');
    return c.json(await confirmScanUpload(deps, who(c), personId, number, fileId), 200);
  });
  app.openapi(downloadScan, async (c) => {
    const { personId, number, fileId } = c.req.valid('param');
    return c.json(await createScanDownload(deps, who(c), personId, number, fileId), 200);
  });
  app.openapi(verifyCertificate, async (c) => {
    const { personId, number } = c.req.valid('param');
    return c.json(await verifyPriorCertificate(deps, who(c), personId, number), 200);
  });
  app.openapi(addCertificate, async (c) =>
    c.json(await addPriorCertificate(deps, who(c), c.req.valid('param').personId, c.req.valid('json')), 201),
  );
  app.openapi(listLegacyYears, async (c) =>
    c.json({ items: (await listHistory(deps, who(c), c.req.valid('param').personId)).legacyYears }, 200),
  );
}

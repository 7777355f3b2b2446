import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ApplicationSchema, BatchSchema, CertificateSchema } from '../../../shared/applications.js';
import { AuditEventSchema } from '../../../shared/records.js';
import { ApplicationStateSchema, CertificateKindSchema } from '../../../shared/workflow.js';
import type { AppDeps } from '../../deps.js';
import {
  NewApplicationSchema,
  createApplication,
  getApplication,
  listApplications,
  reviewApplication,
  submitApplication,
  withdrawApplication,
} from '../../use-cases/certification/applications.js';
import {
  AcceptBatchSchema,
  CancelBatchSchema,
  FilingExceptionInputSchema,
  NewBatchSchema,
  acceptBatch,
  batchSummary,
  cancelBatch,
  fileApplication,
  getCertificateForStaff,
  listBatches,
  issueCertificate,
  openFilingException,
  revokeCertificate,
  submitBatch,
} from '../../use-cases/certification/filing.js';
import { resolveObjection } from '../../use-cases/certification/notices.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

const STAFF = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;
const Id = z.object({ id: z.string().min(1).max(100) });
const Version = z.object({ version: z.int().min(1) });
const Reason = z.string().trim().min(1, '请填写理由').max(500);
/** A step forward: a reason is required when a year is short or its evidence incomplete (422 `exception_reason_required`). */
const ForwardReason = z
  .string()
  .trim()
  .max(500)
  .optional()
  .meta({ description: '继续办理的理由：申请有年度学时未达标或佐证材料不齐全时必填（否则 422 exception_reason_required）' });
const ApplicationOut = ApplicationSchema.meta({ id: 'Application' });
const BatchOut = BatchSchema.meta({ id: 'Batch' });
const CertificateOut = CertificateSchema.extend({
  /** Staff and the holder only: the full resident ID printed on the certificate (public pages mask it). */
  holderIdNumber: z.string().optional(),
}).meta({ id: 'Certificate' });
const errors = errorResponses(400, 401, 403, 404, 409, 422);

const r = <R extends Parameters<typeof createRoute>[0]>(route: R) =>
  createRoute({ security: [{ bearerAuth: [] }], tags: ['certification'], ...route });

const routes = {
  list: r({
    method: 'get',
    path: '/v1/applications',
    summary: '核认申请（按单位，或按状态的待办）',
    ...allow(...STAFF),
    request: {
      query: z.object({
        unitId: z.string().max(100).optional(),
        state: ApplicationStateSchema.optional(),
        kind: CertificateKindSchema.optional().meta({ description: 'senior 学时认定单；mid_level 合格证明' }),
        cursor: z.string().max(2000).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(ApplicationOut), cursor: z.string().nullable() }), 'Applications.'), ...errors },
  }),
  create: r({
    method: 'post',
    path: '/v1/applications',
    summary: '发起学时核认申请（草稿）：副高、正高为学时认定单，中级为本地区合格证明',
    ...allow('unit_clerk'),
    request: body(NewApplicationSchema),
    responses: { 201: json(ApplicationOut, 'The draft.'), ...errors },
  }),
  get: r({
    method: 'get',
    path: '/v1/applications/{id}',
    summary: '申请详情与办理轨迹',
    ...allow('person', ...STAFF),
    request: { params: Id },
    responses: { 200: json(z.object({ application: ApplicationOut, history: z.array(AuditEventSchema) }), 'The application.'), ...errors },
  }),
  submit: r({
    method: 'post',
    path: '/v1/applications/{id}/submit',
    summary: '提交（单位经办人）',
    ...allow('unit_clerk'),
    request: { params: Id, ...body(Version) },
    responses: { 200: json(ApplicationOut, 'Submitted.'), ...errors },
  }),
  review: r({
    method: 'post',
    path: '/v1/applications/{id}/review',
    summary: '初审（单位审核人）或复审（主管部门）：通过或退回（须说明理由）',
    ...allow('unit_reviewer', 'dept_reviewer'),
    request: { params: Id, ...body(Version.extend({ decision: z.enum(['approve', 'return']), reason: ForwardReason })) },
    responses: { 200: json(ApplicationOut, 'Reviewed.'), ...errors },
  }),
  objection: r({
    method: 'post',
    path: '/v1/applications/{id}/objection',
    summary: '处理异议：成立（退回）或不成立（继续公示）',
    ...allow('unit_reviewer'),
    request: { params: Id, ...body(Version.extend({ decision: z.enum(['uphold', 'dismiss']), reason: Reason })) },
    responses: { 200: json(ApplicationOut, 'Resolved.'), ...errors },
  }),
  withdraw: r({
    method: 'post',
    path: '/v1/applications/{id}/withdraw',
    summary: '撤回（备案前）',
    ...allow('unit_clerk'),
    request: { params: Id, ...body(Version.extend({ reason: Reason })) },
    responses: { 200: json(ApplicationOut, 'Withdrawn.'), ...errors },
  }),
  file: r({
    method: 'post',
    path: '/v1/applications/{id}/file',
    summary: '备案（无主管部门的申请，人社部门）',
    ...allow('hr_officer'),
    request: { params: Id, ...body(Version.extend({ reason: ForwardReason })) },
    responses: { 200: json(ApplicationOut, 'Filed.'), ...errors },
  }),
  issue: r({
    method: 'post',
    path: '/v1/applications/{id}/certificate',
    summary: '出具学时认定单或合格证明（人社部门；按申请的类别编号）',
    ...allow('hr_officer'),
    request: { params: Id, ...body(Version.extend({ reason: ForwardReason })) },
    responses: { 201: json(CertificateOut, 'The certificate, with its verification code.'), ...errors },
  }),
  submitBatch: r({
    method: 'post',
    path: '/v1/batches',
    summary: '主管部门报送批次（附电子印章记录）',
    ...allow('dept_reviewer'),
    request: body(NewBatchSchema),
    responses: { 201: json(BatchOut, 'The batch.'), ...errors },
  }),
  listBatches: r({
    method: 'get',
    path: '/v1/batches',
    summary: '批次：人社部门的待受理，或本部门的报送记录',
    ...allow('dept_reviewer', 'hr_officer', 'auditor'),
    request: { query: z.object({ status: z.enum(['submitted', 'accepted', 'cancelled']).default('submitted') }) },
    responses: { 200: json(z.object({ items: z.array(BatchOut) }), 'Batches.'), ...errors },
  }),
  acceptBatch: r({
    method: 'post',
    path: '/v1/batches/{id}/accept',
    summary: '受理批次（备案受理期内，或已开放例外）',
    description:
      'Files every application of the batch. An application with a short year or incomplete evidence needs a written reason in ' +
      '`reasons` (by application id), else 422 `exception_reason_required` and nothing is filed.',
    ...allow('hr_officer'),
    // Optional: a batch of compliant applications is accepted with no body, as before.
    request: { params: Id, body: { required: false, content: { 'application/json': { schema: AcceptBatchSchema } } } },
    responses: { 200: json(BatchOut, 'Accepted.'), ...errors },
  }),
  cancelBatch: r({
    method: 'post',
    path: '/v1/batches/{id}/cancel',
    summary: '撤销已报送、尚未受理的批次（报送的主管部门；须说明理由，批次中的申请可重新报送）',
    description:
      'Only the department that submitted the batch, and only while the hr office has not accepted it. ' +
      'The batch becomes `cancelled` (audited with the reason); its applications stay `dept_approved` and may join a new batch. ' +
      "Another department's batch answers 404; an accepted or already cancelled batch 422 `invalid_transition`.",
    ...allow('dept_reviewer'),
    request: { params: Id, ...body(CancelBatchSchema) },
    responses: { 200: json(BatchOut, 'Cancelled.'), ...errors },
  }),
  batchSummary: r({
    method: 'get',
    path: '/v1/batches/{id}/summary',
    summary: '汇总人员名单',
    ...allow('dept_reviewer', 'hr_officer', 'auditor'),
    request: { params: Id },
    responses: {
      200: json(z.object({ batch: BatchOut, rows: z.array(z.record(z.string(), z.unknown())) }), 'The summary list.'),
      ...errors,
    },
  }),
  exception: r({
    method: 'post',
    path: '/v1/filing-exceptions',
    summary: '开放备案例外受理（至某日）',
    ...allow('hr_officer'),
    request: body(FilingExceptionInputSchema),
    responses: { 200: json(FilingExceptionInputSchema, 'Open until the date.'), ...errors },
  }),
  getCertificate: r({
    method: 'get',
    path: '/v1/certificates/{number}',
    summary: '学时认定单或合格证明（打印用）',
    ...allow('person', ...STAFF),
    request: { params: z.object({ number: z.string().max(40) }) },
    responses: { 200: json(CertificateOut, 'The certificate.'), ...errors },
  }),
  revoke: r({
    method: 'post',
    path: '/v1/certificates/{number}/revoke',
    summary: '撤销认定单（须说明理由）',
    ...allow('hr_officer'),
    request: { params: z.object({ number: z.string().max(40) }), ...body(z.object({ reason: Reason })) },
    responses: { 200: json(CertificateOut, 'Revoked.'), ...errors },
  }),
};

export function registerApplicationRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));
  app.openapi(routes.list, async (c) => c.json(await listApplications(deps, who(c), c.req.valid('query')), 200));
  app.openapi(routes.create, async (c) => c.json(await createApplication(deps, who(c), c.req.valid('json')), 201));
  app.openapi(routes.get, async (c) => c.json(await getApplication(deps, who(c), c.req.valid('param').id), 200));
  app.openapi(routes.submit, async (c) =>
    c.json(await submitApplication(deps, who(c), c.req.valid('param').id, c.req.valid('json').version), 200),
  );
  app.openapi(routes.review, async (c) => c.json(await reviewApplication(deps, who(c), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(routes.objection, async (c) =>
    c.json(await resolveObjection(deps, who(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(routes.withdraw, async (c) =>
    c.json(await withdrawApplication(deps, who(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(routes.file, async (c) => {
    const { version, reason } = c.req.valid('json');
    return c.json(await fileApplication(deps, who(c), c.req.valid('param').id, version, reason), 200);
  });
  app.openapi(routes.issue, async (c) => {
    const { version, reason } = c.req.valid('json');
    return c.json(await issueCertificate(deps, who(c), c.req.valid('param').id, version, reason), 201);
  });
  app.openapi(routes.submitBatch, async (c) => c.json(await submitBatch(deps, who(c), c.req.valid('json')), 201));
  app.openapi(routes.listBatches, async (c) => c.json({ items: await listBatches(deps, who(c), c.req.valid('query').status) }, 200));
  app.openapi(routes.acceptBatch, async (c) =>
    c.json(await acceptBatch(deps, who(c), c.req.valid('param').id, c.req.valid('json') ?? {}), 200),
  );
  app.openapi(routes.cancelBatch, async (c) => c.json(await cancelBatch(deps, who(c), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(routes.batchSummary, async (c) => c.json(await batchSummary(deps, who(c), c.req.valid('param').id), 200));
  app.openapi(routes.exception, async (c) => {
    const { until, reason } = await openFilingException(deps, who(c), c.req.valid('json'));
    return c.json({ until, reason }, 200);
  });
  app.openapi(routes.getCertificate, async (c) => c.json(await getCertificateForStaff(deps, who(c), c.req.valid('param').number), 200));
  app.openapi(routes.revoke, async (c) =>
    c.json(await revokeCertificate(deps, who(c), c.req.valid('param').number, c.req.valid('json').reason), 200),
  );
}

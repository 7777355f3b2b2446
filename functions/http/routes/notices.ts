import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { NoticeSchema, ObjectionSchema } from '../../../shared/applications.js';
import { PublicNoticeListItemSchema, PublicNoticeSchema } from '../../../shared/notices.js';
import { pageSchema } from '../../../shared/paging.js';
import { CertificateKindSchema } from '../../../shared/workflow.js';
import type { AppDeps } from '../../deps.js';
import { verifyCertificate } from '../../use-cases/certification/filing.js';
import {
  NewNoticeSchema,
  NewObjectionSchema,
  getNotice,
  listObjections,
  listPublicNotices,
  listUnitNotices,
  lodgeObjection,
  publishNotice,
} from '../../use-cases/certification/notices.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';
import { limitPublicWrites } from '../public-rate-limit.js';

const STAFF = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;
const Id = z.object({ id: z.string().min(1).max(100) });

const routes = {
  publicList: createRoute({
    method: 'get',
    path: '/v1/public/notices',
    tags: ['public'],
    summary: '正在公示的核认名单（无需登录），按结束日期分页',
    'x-roles': ['public'],
    request: {
      query: z.object({
        cursor: z.string().max(2000).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
    },
    responses: {
      200: json(pageSchema(PublicNoticeListItemSchema), 'Notices open now, a page of them, ending soonest first.'),
      ...errorResponses(400),
    },
  }),
  publicGet: createRoute({
    method: 'get',
    path: '/v1/public/notices/{id}',
    tags: ['public'],
    summary: '公示详情（公示期内公开；结束后仅本地区登录用户可见；身份证号码脱敏）',
    'x-roles': ['public'],
    request: { params: Id },
    responses: { 200: json(PublicNoticeSchema, 'The notice.'), ...errorResponses(401, 404) },
  }),
  objection: createRoute({
    method: 'post',
    path: '/v1/public/notices/{id}/objections',
    tags: ['public'],
    summary: '提出异议（公示期内；姓名可不填，须留联系方式）',
    'x-roles': ['public'],
    request: { params: Id, ...body(NewObjectionSchema) },
    responses: {
      201: json(
        z.object({ id: z.string(), receiptNo: z.string().meta({ example: 'YY20261206-7F3K9Q' }), status: z.literal('open') }),
        'Lodged, with the 受理编号 to quote.',
      ),
      ...errorResponses(400, 404, 409, 422, 429),
    },
  }),
  verify: createRoute({
    method: 'get',
    path: '/v1/public/certificates/{number}',
    tags: ['public'],
    summary: '学时认定单、合格证明真伪核验（编号与校验码）',
    'x-roles': ['public'],
    request: {
      params: z.object({ number: z.string().max(40) }),
      query: z.object({ code: z.string().max(64).optional() }),
    },
    responses: {
      200: json(
        z
          .object({
            number: z.string(),
            kind: CertificateKindSchema.meta({ description: 'senior 学时认定单；mid_level 合格证明' }),
            title: z
              .string()
              .meta({ description: '证明名称，如 湖南省专业技术人员继续教育学时认定单、长沙市专业技术人员继续教育合格证明' }),
            status: z.enum(['valid', 'revoked']),
            issuedAt: z.string(),
            issuer: z.string(),
            holder: z.string().meta({ description: '脱敏姓名' }),
            span: z.object({ from: z.int(), to: z.int() }).nullable(),
            years: z.array(
              z.object({
                year: z.int(),
                publicHours: z.number(),
                professionalHours: z.number(),
                totalHours: z.number(),
                deemedComplete: z.boolean(),
              }),
            ),
          })
          .meta({ id: 'CertificateVerification' }),
        'Genuine; valid or revoked.',
      ),
      ...errorResponses(404, 429),
    },
  }),
  publish: createRoute({
    method: 'post',
    path: '/v1/notices',
    tags: ['certification'],
    summary: '发布本单位公示（至少5个工作日）',
    security: [{ bearerAuth: [] }],
    ...allow('unit_reviewer'),
    request: body(NewNoticeSchema),
    responses: { 201: json(NoticeSchema.meta({ id: 'Notice' }), 'The notice.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
  }),
  unitNotices: createRoute({
    method: 'get',
    path: '/v1/notices',
    tags: ['certification'],
    summary: '单位的公示（含已结束）',
    security: [{ bearerAuth: [] }],
    ...allow(...STAFF),
    request: { query: z.object({ unitId: z.string().min(1).max(100) }) },
    responses: { 200: json(z.object({ items: z.array(NoticeSchema) }), 'Notices.'), ...errorResponses(400, 401, 403, 404) },
  }),
  objections: createRoute({
    method: 'get',
    path: '/v1/notices/{id}/objections',
    tags: ['certification'],
    summary: '公示收到的异议',
    security: [{ bearerAuth: [] }],
    ...allow(...STAFF),
    request: { params: Id },
    responses: { 200: json(z.object({ items: z.array(ObjectionSchema) }), 'Objections.'), ...errorResponses(401, 403, 404) },
  }),
};

export function registerNoticeRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(routes.publicList, async (c) => c.json(await listPublicNotices(deps, c.req.valid('query')), 200));
  app.openapi(routes.publicGet, async (c) => c.json(await getNotice(deps, c.get('principal'), c.req.valid('param').id), 200));
  app.openapi(routes.objection, async (c) => {
    await limitPublicWrites(deps, c, 'objection');
    return c.json(await lodgeObjection(deps, c.req.valid('param').id, c.req.valid('json')), 201);
  });
  app.openapi(routes.verify, async (c) => {
    await limitPublicWrites(deps, c, 'verify');
    return c.json(await verifyCertificate(deps, c.req.valid('param').number, c.req.valid('query').code), 200);
  });
  app.openapi(routes.publish, async (c) =>
    c.json(await publishNotice(deps, requirePrincipal(c.get('principal')), c.req.valid('json')), 201),
  );
  app.openapi(routes.unitNotices, async (c) =>
    c.json({ items: await listUnitNotices(deps, requirePrincipal(c.get('principal')), c.req.valid('query').unitId) }, 200),
  );
  app.openapi(routes.objections, async (c) =>
    c.json({ items: await listObjections(deps, requirePrincipal(c.get('principal')), c.req.valid('param').id) }, 200),
  );
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  AttendanceInputSchema,
  AttendanceResultSchema,
  FilingSchema,
  FilingStatusSchema,
  NewFilingSchema,
} from '../../../shared/filings.js';
import type { AppDeps } from '../../deps.js';
import { acknowledgeFiling, fileTraining, getFiling, listFilings, returnFiling, uploadAttendance } from '../../use-cases/filings.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

/** Training filings (线下培训备案, rules §5 W3). */
const READERS = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;
const DECIDERS = ['dept_reviewer', 'hr_officer'] as const;

const FilingParams = z.object({ filingId: z.string().min(1).max(100) });
const Version = z.int().min(1);
const ListQuery = z.object({
  box: z
    .enum(['inbox', 'unit'])
    .optional()
    .meta({ description: 'inbox：待本部门确认的备案（主管部门、人社部门默认）；unit：某单位的备案' }),
  unitId: z.string().min(1).max(100).optional(),
  status: FilingStatusSchema.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ security: [{ bearerAuth: [] }], tags: ['training filings'], ...r });

const fileRoute = route({
  method: 'post',
  path: '/v1/filings',
  summary: '备案本单位线下培训（专业科目报主管部门，无主管部门或公需科目报人社部门）',
  ...allow('unit_clerk'),
  request: body(NewFilingSchema),
  responses: { 201: json(FilingSchema, 'The filing, with the office it went to.'), ...errorResponses(400, 401, 403, 422) },
});

const listRoute = route({
  method: 'get',
  path: '/v1/filings',
  summary: '备案列表：单位的备案，或主管部门、人社部门的待办',
  ...allow(...READERS),
  request: { query: ListQuery },
  responses: {
    200: json(z.object({ items: z.array(FilingSchema), cursor: z.string().nullable() }), 'Filings, newest first.'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const getRoute = route({
  method: 'get',
  path: '/v1/filings/{filingId}',
  summary: '备案详情',
  ...allow(...READERS),
  request: { params: FilingParams },
  responses: { 200: json(FilingSchema, 'The filing.'), ...errorResponses(401, 403, 404) },
});

const acknowledgeRoute = route({
  method: 'post',
  path: '/v1/filings/{filingId}/acknowledge',
  summary: '确认备案（受理部门）',
  ...allow(...DECIDERS),
  request: { params: FilingParams, ...body(z.object({ version: Version })) },
  responses: { 200: json(FilingSchema, 'The acknowledged filing.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const returnRoute = route({
  method: 'post',
  path: '/v1/filings/{filingId}/return',
  summary: '退回备案（须说明理由）',
  ...allow(...DECIDERS),
  request: { params: FilingParams, ...body(z.object({ version: Version, reason: z.string().trim().min(1, '请填写理由').max(500) })) },
  responses: { 200: json(FilingSchema, 'The returned filing.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const attendanceRoute = route({
  method: 'post',
  path: '/v1/filings/{filingId}/attendance',
  summary: '录入出勤（身份证号码与出勤天数），计入学时（来源：备案培训）',
  description: '培训结束后、备案确认后录入。未填天数的按备案的全部天数计。同一人员对同一备案只计一次。Excel 上传将另行提供。',
  ...allow('unit_clerk'),
  request: { params: FilingParams, ...body(AttendanceInputSchema) },
  responses: {
    200: json(z.object({ filing: FilingSchema, results: z.array(AttendanceResultSchema) }), 'One result per entry, in input order.'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

export function registerFilingRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));

  app.openapi(fileRoute, async (c) => c.json(await fileTraining(deps, who(c), c.req.valid('json')), 201));
  app.openapi(listRoute, async (c) => c.json(await listFilings(deps, who(c), c.req.valid('query')), 200));
  app.openapi(getRoute, async (c) => c.json(await getFiling(deps, who(c), c.req.valid('param').filingId), 200));
  app.openapi(acknowledgeRoute, async (c) =>
    c.json(await acknowledgeFiling(deps, who(c), c.req.valid('param').filingId, c.req.valid('json')), 200),
  );
  app.openapi(returnRoute, async (c) => c.json(await returnFiling(deps, who(c), c.req.valid('param').filingId, c.req.valid('json')), 200));
  app.openapi(attendanceRoute, async (c) =>
    c.json(await uploadAttendance(deps, who(c), c.req.valid('param').filingId, c.req.valid('json')), 200),
  );
}

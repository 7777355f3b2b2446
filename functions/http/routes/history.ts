import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { NewPriorCertificateSchema, StoredLegacyYearSchema, StoredPriorCertificateSchema } from '../../../shared/history.js';
import type { AppDeps } from '../../deps.js';
import { addPriorCertificate, listHistory } from '../../use-cases/history.js';
import { allowRoles, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

const ALL = ['person', 'unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;
const PersonParams = z.object({ personId: z.string().min(1).max(100) });

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ security: [{ bearerAuth: [] }], tags: ['records'], ...r });

const listCertificates = route({
  method: 'get',
  path: '/v1/people/{personId}/prior-certificates',
  summary: '人员已有的学时认定单（所列年度以认定单为准）',
  'x-roles': [...ALL],
  middleware: [allowRoles(...ALL)] as const,
  request: { params: PersonParams },
  responses: { 200: json(z.object({ items: z.array(StoredPriorCertificateSchema) }), 'Certificates.'), ...errorResponses(401, 403, 404) },
});

const addCertificate = route({
  method: 'post',
  path: '/v1/people/{personId}/prior-certificates',
  summary: '登记人员已有的学时认定单（所列年度须未确认）',
  'x-roles': ['unit_clerk'],
  middleware: [allowRoles('unit_clerk')] as const,
  request: { params: PersonParams, ...body(NewPriorCertificateSchema) },
  responses: { 201: json(StoredPriorCertificateSchema, 'The certificate.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const listLegacyYears = route({
  method: 'get',
  path: '/v1/people/{personId}/legacy-years',
  summary: '人员的纸质登记手册历史学时（按年度；该年度学时以此为准）',
  'x-roles': [...ALL],
  middleware: [allowRoles(...ALL)] as const,
  request: { params: PersonParams },
  responses: { 200: json(z.object({ items: z.array(StoredLegacyYearSchema) }), 'Paper years, ascending.'), ...errorResponses(401, 403, 404) },
});

export function registerHistoryRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));

  app.openapi(listCertificates, async (c) =>
    c.json({ items: (await listHistory(deps, who(c), c.req.valid('param').personId)).certificates }, 200),
  );
  app.openapi(addCertificate, async (c) =>
    c.json(await addPriorCertificate(deps, who(c), c.req.valid('param').personId, c.req.valid('json')), 201),
  );
  app.openapi(listLegacyYears, async (c) =>
    c.json({ items: (await listHistory(deps, who(c), c.req.valid('param').personId)).legacyYears }, 200),
  );
}

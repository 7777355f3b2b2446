import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ValidationError } from '../../../shared/errors.js';
import { YearSchema } from '../../../shared/iso-date.js';
import { AuditEventSchema } from '../../../shared/records.js';
import type { AppDeps } from '../../deps.js';
import {
  CalendarYearInputSchema,
  CalendarYearViewSchema,
  getCalendarYear,
  listRuleYears,
  putCalendarYear,
  putTenantPolicy,
  putYearPolicy,
  RuleYearsSchema,
  ruleYearHistory,
  TenantPolicyInputSchema,
  tenantPolicyHistory,
  YearPolicyInputSchema,
} from '../../use-cases/rules.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

/**
 * The yearly rules the hr office keeps (rules §3 "each year's notice", §5 unknown calendar years):
 * official holiday arrangements, year policies and tenant switches, each change audited.
 */
const READERS = ['hr_officer', 'auditor'] as const;

const YearParams = z.object({ year: z.coerce.number().pipe(YearSchema) });
const Saved = z.object({ version: z.int(), updatedAt: z.string() }).meta({ id: 'RuleSaved' });

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ security: [{ bearerAuth: [] }], tags: ['yearly rules'], ...r });

const listRoute = route({
  method: 'get',
  path: '/v1/rules/years',
  summary: '年度规则一览：各年度放假安排来源、公需科目主题、受理期与学时要求',
  ...allow(...READERS),
  responses: { 200: json(RuleYearsSchema, 'Years, newest first, and the tenant switches.'), ...errorResponses(401, 403) },
});

const getCalendarRoute = route({
  method: 'get',
  path: '/v1/rules/calendar/{year}',
  summary: '某年度的放假安排（载入的、系统自带的，或尚无官方安排时按法定节假日推算）',
  ...allow(...READERS),
  request: { params: YearParams },
  responses: { 200: json(CalendarYearViewSchema, 'The year’s arrangement.'), ...errorResponses(400, 401, 403) },
});

const putCalendarRoute = route({
  method: 'put',
  path: '/v1/rules/calendar/{year}',
  summary: '载入或更正某年度的官方放假安排（对此后发布的公示生效）',
  description:
    '按国务院办公厅当年的通知填写放假日期与调休上班日，并注明文号与发布日期。系统核对：日期在该年度内、调休上班日为周末、' +
    '法定节假日（元旦、春节、清明、劳动节、端午、中秋、国庆）均已列入。expectedVersion 为读取时的版本（尚未载入时为0）。',
  ...allow('hr_officer'),
  request: { params: YearParams, ...body(CalendarYearInputSchema) },
  responses: { 200: json(Saved, 'Saved.'), ...errorResponses(400, 401, 403, 409) },
});

const putPolicyRoute = route({
  method: 'put',
  path: '/v1/rules/policy/{year}',
  summary: '维护某年度学时政策（公需科目主题、受理期、学时要求）',
  description: '已确认的年度和已出具的认定单不受影响：它们保留计算时所用的政策。',
  ...allow('hr_officer'),
  request: { params: YearParams, ...body(YearPolicyInputSchema) },
  responses: { 200: json(Saved, 'Saved.'), ...errorResponses(400, 401, 403, 409) },
});

const putTenantRoute = route({
  method: 'put',
  path: '/v1/rules/tenant',
  summary: '维护本地区的规则（博士参评副高的核认起始年度；中级职称合格证明的名称、跨度和流程）',
  ...allow('hr_officer'),
  request: body(TenantPolicyInputSchema),
  responses: { 200: json(Saved, 'Saved.'), ...errorResponses(400, 401, 403, 409) },
});

const yearHistoryRoute = route({
  method: 'get',
  path: '/v1/rules/years/{year}/history',
  summary: '某年度规则的修改记录（谁、何时、为何、改了什么）',
  ...allow(...READERS),
  request: { params: YearParams },
  responses: { 200: json(z.object({ items: z.array(AuditEventSchema) }), 'Newest first.'), ...errorResponses(400, 401, 403) },
});

const tenantHistoryRoute = route({
  method: 'get',
  path: '/v1/rules/tenant/history',
  summary: '本地区规则开关的修改记录',
  ...allow(...READERS),
  responses: { 200: json(z.object({ items: z.array(AuditEventSchema) }), 'Newest first.'), ...errorResponses(401, 403) },
});

export function registerRuleRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));
  const saved = (r: { version: number; updatedAt: string }) => ({ version: r.version, updatedAt: r.updatedAt });

  app.openapi(listRoute, async (c) => c.json(await listRuleYears(deps), 200));
  app.openapi(getCalendarRoute, async (c) => c.json(await getCalendarYear(deps, c.req.valid('param').year), 200));
  app.openapi(putCalendarRoute, async (c) => {
    const { year } = c.req.valid('param');
    const input = c.req.valid('json');
    if (input.year !== year) {
      throw new ValidationError('year_mismatch', '年度与地址不一致', [{ path: 'year', message: `须为${year}` }]);
    }
    return c.json(saved(await putCalendarYear(deps, who(c), input)), 200);
  });
  app.openapi(putPolicyRoute, async (c) =>
    c.json(saved(await putYearPolicy(deps, who(c), c.req.valid('param').year, c.req.valid('json'))), 200),
  );
  app.openapi(putTenantRoute, async (c) => c.json(saved(await putTenantPolicy(deps, who(c), c.req.valid('json'))), 200));
  app.openapi(yearHistoryRoute, async (c) => c.json({ items: await ruleYearHistory(deps, c.req.valid('param').year) }, 200));
  app.openapi(tenantHistoryRoute, async (c) => c.json({ items: await tenantPolicyHistory(deps) }, 200));
}

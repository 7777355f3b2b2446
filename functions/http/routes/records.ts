import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ActivitySchema } from '../../../shared/hours/index.js';
import { ActivityRecordSchema, AuditEventSchema, RegistrationBookSchema } from '../../../shared/records.js';
import type { AppDeps } from '../../deps.js';
import {
  acceptPendingActivity,
  addActivity,
  listActivities,
  listPendingOwnEntries,
  updateActivity,
  withdrawActivity,
} from '../../use-cases/activities.js';
import { confirmYear, listBooks, reopenYear } from '../../use-cases/books.js';
import { listPersonAudit } from '../../use-cases/person-audit.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { EvidenceStatusOut } from './evidence.js';
import { body, errorResponses, json } from '../openapi.js';

const ALL = ['person', 'unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;
const EDITORS = ['unit_clerk', 'person'] as const;

const PersonParams = z.object({ personId: z.string().min(1).max(100) });
const ActivityParams = PersonParams.extend({ activityId: z.string().min(1).max(100) });
const YearParams = PersonParams.extend({ year: z.coerce.number().int().min(1990).max(2100) });

const ActivityRecordOut = ActivityRecordSchema.meta({ id: 'ActivityRecord' });
const ActivityListItemOut = ActivityRecordSchema.extend({ evidence: EvidenceStatusOut }).meta({ id: 'ActivityWithEvidence' });
const BookOut = RegistrationBookSchema.meta({ id: 'RegistrationBook' });
const ActivityInput = z.object({ activity: ActivitySchema });
const Version = z.int().min(0);
const Reason = z.string().trim().min(1, '请填写理由').max(500);

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ security: [{ bearerAuth: [] }], ...r });

const listActivitiesRoute = route({
  method: 'get',
  path: '/v1/people/{personId}/activities',
  tags: ['records'],
  summary: '人员的全部活动记录（含待处理与已撤回）',
  ...allow(...ALL),
  request: { params: PersonParams },
  responses: {
    200: json(z.object({ items: z.array(ActivityListItemOut) }), 'Activities, newest first, each with its evidence status.'),
    ...errorResponses(401, 403, 404),
  },
});

const addActivityRoute = route({
  method: 'post',
  path: '/v1/people/{personId}/activities',
  tags: ['records'],
  summary: '录入活动（已确认年度的记录待处理；本人填报的记录待单位确认后才计入）',
  ...allow(...EDITORS),
  request: { params: PersonParams, ...body(ActivityInput) },
  responses: { 201: json(ActivityRecordOut, 'The new record.'), ...errorResponses(400, 401, 403, 404, 409) },
});

const updateActivityRoute = route({
  method: 'put',
  path: '/v1/people/{personId}/activities/{activityId}',
  tags: ['records'],
  summary: '修改活动（须带当前版本号）',
  ...allow(...EDITORS),
  request: { params: ActivityParams, ...body(ActivityInput.extend({ version: Version })) },
  responses: { 200: json(ActivityRecordOut, 'The updated record.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const withdrawActivityRoute = route({
  method: 'post',
  path: '/v1/people/{personId}/activities/{activityId}/withdraw',
  tags: ['records'],
  summary: '撤回活动（保留历史）',
  ...allow(...EDITORS),
  request: { params: ActivityParams, ...body(z.object({ version: Version, reason: Reason })) },
  responses: { 200: json(ActivityRecordOut, 'The withdrawn record.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const STAFF = ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;

const ownEntriesRoute = route({
  method: 'get',
  path: '/v1/units/{unitId}/own-entries',
  tags: ['records'],
  summary: '待单位确认的本人填报（本人录入、尚未被单位接收的活动，最早的在前）',
  ...allow(...STAFF),
  request: {
    params: z.object({ unitId: z.string().min(1).max(100) }),
    query: z.object({ cursor: z.string().max(2000).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }),
  },
  responses: {
    200: json(
      z.object({
        items: z.array(ActivityRecordSchema.extend({ personName: z.string() }).meta({ id: 'PendingOwnEntry' })),
        cursor: z.string().nullable(),
      }),
      'A page of own entries waiting for the unit; accept each with POST …/activities/{activityId}/accept.',
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

const acceptActivityRoute = route({
  method: 'post',
  path: '/v1/people/{personId}/activities/{activityId}/accept',
  tags: ['records'],
  summary: '接收待处理记录（年度重新打开后）',
  ...allow('unit_clerk', 'unit_reviewer'),
  request: { params: ActivityParams, ...body(z.object({ version: Version })) },
  responses: { 200: json(ActivityRecordOut, 'The accepted record.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const listBooksRoute = route({
  method: 'get',
  path: '/v1/people/{personId}/books',
  tags: ['records'],
  summary: '登记手册：各年度学时与确认状态',
  ...allow(...ALL),
  request: { params: PersonParams },
  responses: { 200: json(z.object({ items: z.array(BookOut) }), 'Years ascending.'), ...errorResponses(401, 403, 404) },
});

const confirmRoute = route({
  method: 'post',
  path: '/v1/people/{personId}/books/{year}/confirm',
  tags: ['records'],
  summary: '确认年度学时（单位初审确认，主管部门复核确认）',
  ...allow('unit_reviewer', 'dept_reviewer'),
  request: { params: YearParams, ...body(z.object({ version: Version, reason: z.string().trim().max(500).optional() })) },
  responses: { 200: json(BookOut, 'The confirmed year.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const reopenRoute = route({
  method: 'post',
  path: '/v1/people/{personId}/books/{year}/reopen',
  tags: ['records'],
  summary: '重新打开已确认年度（须说明理由）',
  ...allow('unit_reviewer'),
  request: { params: YearParams, ...body(z.object({ version: Version, reason: Reason })) },
  responses: { 200: json(BookOut, 'The reopened year.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const auditRoute = route({
  method: 'get',
  path: '/v1/people/{personId}/audit',
  tags: ['records'],
  summary: '人员及其记录的审计轨迹',
  ...allow('unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'),
  request: { params: PersonParams },
  responses: { 200: json(z.object({ items: z.array(AuditEventSchema) }), 'Events, oldest first.'), ...errorResponses(401, 403, 404) },
});

export function registerRecordRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const who = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => requirePrincipal(c.get('principal'));

  app.openapi(listActivitiesRoute, async (c) => c.json({ items: await listActivities(deps, who(c), c.req.valid('param').personId) }, 200));
  app.openapi(addActivityRoute, async (c) =>
    c.json(await addActivity(deps, who(c), c.req.valid('param').personId, c.req.valid('json')), 201),
  );
  app.openapi(updateActivityRoute, async (c) => {
    const { personId, activityId } = c.req.valid('param');
    return c.json(await updateActivity(deps, who(c), personId, activityId, c.req.valid('json')), 200);
  });
  app.openapi(withdrawActivityRoute, async (c) => {
    const { personId, activityId } = c.req.valid('param');
    return c.json(await withdrawActivity(deps, who(c), personId, activityId, c.req.valid('json')), 200);
  });
  app.openapi(ownEntriesRoute, async (c) =>
    c.json(await listPendingOwnEntries(deps, who(c), c.req.valid('param').unitId, c.req.valid('query')), 200),
  );
  app.openapi(acceptActivityRoute, async (c) => {
    const { personId, activityId } = c.req.valid('param');
    return c.json(await acceptPendingActivity(deps, who(c), personId, activityId, c.req.valid('json')), 200);
  });
  app.openapi(listBooksRoute, async (c) => c.json({ items: await listBooks(deps, who(c), c.req.valid('param').personId) }, 200));
  app.openapi(confirmRoute, async (c) => {
    const { personId, year } = c.req.valid('param');
    return c.json(await confirmYear(deps, who(c), personId, year, c.req.valid('json')), 200);
  });
  app.openapi(reopenRoute, async (c) => {
    const { personId, year } = c.req.valid('param');
    return c.json(await reopenYear(deps, who(c), personId, year, c.req.valid('json')), 200);
  });
  app.openapi(auditRoute, async (c) => c.json({ items: await listPersonAudit(deps, who(c), c.req.valid('param').personId) }, 200));
}

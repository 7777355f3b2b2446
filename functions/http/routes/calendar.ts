import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { NoticeEndDateSchema, NoticeEndQuerySchema, noticeEndDate } from '../../../shared/working-days.js';
import type { AppDeps } from '../../deps.js';
import { loadWorkingCalendar } from '../../use-cases/rules.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json } from '../openapi.js';

const noticeEndRoute = createRoute({
  method: 'get',
  path: '/v1/public/calendar/notice-end',
  tags: ['public'],
  summary: '公示结束日期（按法定节假日与调休计算工作日）',
  description:
    '从开始日期当天或之后的第一个工作日起算，第 workingDays 个工作日为结束日期。按人社部门载入的官方放假安排、系统自带的安排计算；' +
    '某年度尚无官方安排时（calendarComplete 为 false，yearsWithoutOfficialData 列出这些年度），周末及法定节假日（含农历节日）均不计为工作日，调休上班日未计入。',
  'x-roles': ['public'],
  request: { query: NoticeEndQuerySchema },
  responses: { 200: json(NoticeEndDateSchema, 'The end date.'), ...errorResponses(400) },
});

export function registerCalendarRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(noticeEndRoute, async (c) => {
    const { start, workingDays } = c.req.valid('query');
    return c.json(noticeEndDate(start, workingDays, await loadWorkingCalendar(deps)), 200);
  });
}

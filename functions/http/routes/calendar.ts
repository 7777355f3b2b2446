import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { NoticeEndDateSchema, NoticeEndQuerySchema, noticeEndDate } from '../../../shared/calendar.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json } from '../openapi.js';

const noticeEndRoute = createRoute({
  method: 'get',
  path: '/v1/public/calendar/notice-end',
  tags: ['public'],
  summary: '公示结束日期（按法定节假日与调休计算工作日）',
  description:
    '从开始日期当天或之后的第一个工作日起算，第 workingDays 个工作日为结束日期。calendarComplete 为 false 表示范围内有年度缺少官方节假日数据，仅按周末推算。',
  'x-roles': ['public'],
  request: { query: NoticeEndQuerySchema },
  responses: { 200: json(NoticeEndDateSchema, 'The end date.'), ...errorResponses(400) },
});

export function registerCalendarRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(noticeEndRoute, (c) => {
    const { start, workingDays } = c.req.valid('query');
    return c.json(noticeEndDate(start, workingDays), 200);
  });
}

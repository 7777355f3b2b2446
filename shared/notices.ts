import * as z from 'zod';
import { TitleLevelAppliedSchema } from './applications';
import { CertificateKindSchema } from './workflow';

/** A notice as GET /v1/public/notices/{id} shows it: per person and year, with the resident ID masked (rules §5). */
export const PublicNoticeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    unitName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    calendarComplete: z.boolean(),
    contact: z.string(),
    batchNo: z.int().min(1).optional().meta({ description: '本单位当年第几批公示（按公示开始日期所在年度编号）；编号前发布的公示没有' }),
    status: z.enum(['open', 'closed']).meta({ description: 'open：公示期内，可提出异议；closed：已结束（仅登录用户可见）' }),
    entries: z.array(
      z.object({
        applicationId: z.string(),
        name: z.string(),
        idNumberMasked: z.string().meta({ example: '4301**********201*' }),
        titleLevel: TitleLevelAppliedSchema,
        kind: CertificateKindSchema.meta({ description: 'senior 学时认定单；mid_level 合格证明' }),
        span: z.object({ from: z.int(), to: z.int() }).nullable(),
        years: z.array(
          z.object({
            year: z.int(),
            publicHours: z.number(),
            professionalHours: z.number(),
            totalHours: z.number(),
            publicContent: z.array(z.string()),
            professionalContent: z.array(z.string()),
            deemedComplete: z.boolean(),
            unverifiedCertificates: z.array(z.string()).optional().meta({ description: '列出该年度、尚未核验的纸质认定单（不计入）' }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'PublicNotice' });
export type PublicNotice = z.infer<typeof PublicNoticeSchema>;

/** A notice open now, as GET /v1/public/notices lists it. */
export const PublicNoticeListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  unitName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  batchNo: z.int().min(1).optional().meta({ description: '本单位当年第几批公示' }),
  people: z.int().meta({ description: '公示人数' }),
});
export type PublicNoticeListItem = z.infer<typeof PublicNoticeListItemSchema>;

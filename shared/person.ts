import * as z from 'zod';
import { BookStatusSchema } from './records';

/** 专业技术人员: tracked by resident ID number; `id` is an opaque key so the ID number is not a key part. */
export const EducationSchema = z.enum(['doctorate', 'master', 'bachelor', 'college', 'other']);
export const TitleLevelSchema = z.enum(['junior', 'intermediate', 'associate_senior', 'senior']);

export const PersonSchema = z.object({
  id: z.string().min(1),
  idNumber: z.string().length(18),
  name: z.string().min(1).max(50),
  unitId: z.string().min(1),
  /** 职称系列, e.g. 卫生、教育、工程. */
  titleSeries: z.string().max(50).optional(),
  titleLevel: TitleLevelSchema.optional(),
  education: EducationSchema.optional(),
  /** Year the doctorate was awarded: a tenant policy may start a 副高 span there (rules §3). */
  doctorateYear: z.number().int().min(1950).max(2100).optional(),
});

export type Person = z.infer<typeof PersonSchema>;

export const TITLE_LEVEL_LABELS: Record<z.infer<typeof TitleLevelSchema>, string> = {
  junior: '初级',
  intermediate: '中级',
  associate_senior: '副高级',
  senior: '正高级',
};

/** A person as the API answers it: with the optimistic-lock version and timestamps. */
export const StoredPersonSchema = PersonSchema.extend({
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'Person' });
export type StoredPerson = z.infer<typeof StoredPersonSchema>;

/** A person in lists (GET /v1/people): the resident ID masked, and the year's summary when a year was asked for. */
export const PersonListItemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    idNumberMasked: z.string().meta({ example: '4301**********201*' }),
    unitId: z.string(),
    titleSeries: z.string().optional(),
    titleLevel: TitleLevelSchema.optional(),
    year: z.object({ year: z.int(), totalHours: z.number(), compliant: z.boolean(), status: BookStatusSchema }).optional(),
  })
  .meta({ id: 'PersonListItem' });
export type PersonListItem = z.infer<typeof PersonListItemSchema>;

export const PeoplePageSchema = z.object({
  items: z.array(PersonListItemSchema),
  cursor: z.string().nullable(),
  total: z.int().nullable().meta({ description: '符合条件的人数（一个单位、未按姓名或达标情况筛选时）；全部单位或按条件筛选时为 null' }),
});

import * as z from 'zod';

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

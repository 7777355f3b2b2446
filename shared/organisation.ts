import * as z from 'zod';

/**
 * The organisation tree of one tenant: the hr office at the root, departments (主管部门) under it,
 * units (用人单位) under a department or directly under the hr office. `path` lists the ids from the
 * root down to the organisation itself, so "is X under Y" is a prefix test with no extra reads.
 */
export const OrganisationKindSchema = z.enum(['hr_office', 'department', 'unit']);
export const UnitTypeSchema = z.enum([
  'public_institution', // 事业单位
  'enterprise', // 企业
  'non_public', // 非公有制经济组织、社会组织
  'hr_agency', // 人事档案托管机构 acting for freelancers
  'central_in_hunan', // 中央驻湘单位 (430000 tenant)
]);

export const OrganisationSchema = z.object({
  id: z.string().min(1),
  kind: OrganisationKindSchema,
  unitType: UnitTypeSchema.optional(),
  name: z.string().min(1).max(100),
  parentId: z.string().optional(),
  path: z.array(z.string().min(1)).min(1),
  /** 统一社会信用代码 of a unit or department, where the hr office recorded it: pickers find it by code. */
  creditCode: z.string().length(18).optional(),
});

export type Organisation = z.infer<typeof OrganisationSchema>;
export type OrganisationKind = z.infer<typeof OrganisationKindSchema>;
export type UnitType = z.infer<typeof UnitTypeSchema>;

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  public_institution: '事业单位',
  enterprise: '企业',
  non_public: '非公有制经济组织/社会组织',
  hr_agency: '人事档案托管机构',
  central_in_hunan: '中央驻湘单位',
};

/** True when `target` is `scope` itself or anywhere below it in the tree. */
export function isWithin(scope: Pick<Organisation, 'path'>, target: Pick<Organisation, 'path'>): boolean {
  if (target.path.length < scope.path.length) return false;
  return scope.path.every((id, i) => target.path[i] === id);
}

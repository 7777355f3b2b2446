import type { z } from 'zod';
import type { EducationSchema } from '../../../../shared/person.js';
import type { ActivitySource, ActivityStatus } from '../../../../shared/records.js';

/** zh-CN words of the records screens that the shared modules do not already carry. */

export const EDUCATION_LABELS: Record<z.infer<typeof EducationSchema>, string> = {
  doctorate: '博士研究生',
  master: '硕士研究生',
  bachelor: '大学本科',
  college: '大学专科',
  other: '其他',
};

export const SOURCE_LABELS: Record<ActivitySource, string> = {
  unit_entry: '单位录入',
  person_entry: '本人填报',
  base_record: '施教机构报送',
  filed_training: '备案培训',
  prior_certificate: '学时认定单',
  legacy_import: '历史数据导入',
};

export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  active: '有效',
  pending: '待处理',
  withdrawn: '已撤回',
};

export const BOOK_STATUS_COLORS = { open: 'default', unit_confirmed: 'processing', dept_confirmed: 'success' } as const;

/** Audit actions (functions/use-cases): what the timeline says happened, by entity where the words differ. */
const AUDIT_ACTIONS: Record<string, string> = {
  create: '新增',
  update: '修改',
  withdraw: '撤回',
  accept: '接收待处理记录',
  confirm: '确认年度学时',
  reopen: '重新打开年度',
  transfer: '调动单位',
  add_prior_certificate: '登记学时认定单',
};
const EVIDENCE_ACTIONS: Record<string, string> = {
  upload_requested: '上传证明材料',
  accept: '材料检查通过',
  reject: '材料检查未通过，已删除',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  person: '人员信息',
  activity: '活动',
  book: '登记手册',
  evidence: '证明材料',
};

export function auditActionLabel(entity: string, action: string): string {
  return (entity === 'evidence' ? EVIDENCE_ACTIONS[action] : AUDIT_ACTIONS[action]) ?? action;
}

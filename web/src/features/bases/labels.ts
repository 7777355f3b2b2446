import type { CompletionStatus, PostingListItem } from '../../../../shared/bases.js';

/** The four answers a base gets per record (rules §7), as the hr office reads them. */
export const COMPLETION_STATUS_LABELS: Record<CompletionStatus, string> = {
  recorded: '已记录',
  duplicate: '重复报送',
  unmatched: '待匹配',
  rejected: '已拒收',
};

export const COMPLETION_STATUS_COLORS: Record<CompletionStatus, string> = {
  recorded: 'success',
  duplicate: 'default',
  unmatched: 'warning',
  rejected: 'error',
};

/** What a stored posting did for the person: credited, waiting in a confirmed year, or no credit. */
export function creditLabel(p: Pick<PostingListItem, 'status' | 'credited' | 'activityStatus' | 'assessment' | 'matchError'>): string {
  // The hr office's view carries why a record waits (the base's never does, rules §7).
  if (p.status === 'unmatched') return p.matchError?.code === 'name_mismatch' ? '姓名与登记人员不一致，待人社部门核实' : '待人员登记后计入';
  if (p.assessment === 'failed') return '考核未通过，不计学时';
  if (p.activityStatus === 'pending') return '年度已确认，待单位接收';
  return p.credited ? '已计入学时' : '未计入';
}

/** 3天、1个半天 or 12.5学时: how much a record claims. */
export function amountLabel(p: Pick<PostingListItem, 'days' | 'halfDays' | 'evenings' | 'hours'>): string {
  if (p.hours !== undefined) return `${p.hours}学时`;
  const parts = [p.days ? `${p.days}天` : '', p.halfDays ? `${p.halfDays}个半天` : '', p.evenings ? `${p.evenings}个晚上` : ''];
  return parts.filter(Boolean).join('、') || '—';
}

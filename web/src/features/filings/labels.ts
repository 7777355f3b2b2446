import type { Filing, FilingStatus } from '../../../../shared/filings.js';

export const FILING_STATUS_COLORS: Record<FilingStatus, string> = {
  filed: 'processing',
  acknowledged: 'success',
  returned: 'error',
  completed: 'default',
};

export const RECIPIENT_LABELS: Record<Filing['recipientKind'], string> = {
  department: '主管部门',
  hr_office: '人社部门',
};

/** 3天、2个半天、1个晚上（38学时）: the filed day units and the hours they are worth (C1). */
export function unitsLabel(f: Pick<Filing, 'days' | 'halfDays' | 'evenings'>): string {
  const parts = [f.days ? `${f.days}天` : '', f.halfDays ? `${f.halfDays}个半天` : '', f.evenings ? `${f.evenings}个晚上` : ''];
  const hours = (f.days ?? 0) * 10 + (f.halfDays ?? 0) * 4 + (f.evenings ?? 0) * 2;
  return `${parts.filter(Boolean).join('、')}（${hours}学时）`;
}

export function datesLabel(f: Pick<Filing, 'startDate' | 'endDate'>): string {
  return f.startDate === f.endDate ? f.startDate : `${f.startDate} 至 ${f.endDate}`;
}

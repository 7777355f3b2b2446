import type { AuditEvent } from '../../../../shared/records.js';
import type { CalendarOrigin, FilingWindow, RuleYear } from '../../api/endpoints.js';
import { describeDates, fullDateText } from './date-lines.js';

export const ORIGIN_TAGS: Record<CalendarOrigin, { color: string; label: string; hint: string }> = {
  loaded: { color: 'green', label: '已载入官方安排', hint: '人社部门按国务院办公厅通知载入' },
  package: { color: 'blue', label: '系统自带官方安排', hint: '系统已收录国务院办公厅公布的安排' },
  assumed: {
    color: 'orange',
    label: '尚无官方安排（按法定节假日推算）',
    hint: '公示结束日期按周末和法定节假日推算，调休上班日未计入',
  },
};

export const TENANT_SWITCH_LABEL = '博士参评副高自取得博士学位年度起算';

/** 7月1日至8月31日 from {from: '07-01', to: '08-31'}; 不设受理期 for none. */
export function filingWindowText(w: FilingWindow | null | undefined): string {
  if (!w) return '不设受理期';
  const md = (v: string) => `${Number(v.slice(0, 2))}月${Number(v.slice(3))}日`;
  return `每年${md(w.from)}至${md(w.to)}`;
}

export function themesText(themes: readonly string[] | undefined): string {
  return themes && themes.length ? themes.join('、') : '不设主题';
}

/** The notice a year's policy follows: the one the office named, the built-in one, or the last known one carried over. */
export function policySource(y: RuleYear): { document: string; builtIn: boolean; assumed: boolean } {
  return { document: y.policy.basis, builtIn: !y.policy.source, assumed: y.policy.assumed };
}

/** 90学时（公需不少于30，专业不少于60） — the year's requirement in one line. */
export function requirementText(y: RuleYear): string {
  const part = (label: string, m: { hours: number; hard: boolean } | null) =>
    m ? `${label}${m.hard ? '' : '一般'}不少于${m.hours}` : undefined;
  const parts = [part('公需', y.policy.minPublicHours), part('专业', y.policy.minProfessionalHours)].filter(Boolean);
  return `${y.policy.requiredHours}学时` + (parts.length ? `（${parts.join('，')}）` : '');
}

/** The latest of the year's two stamps (arrangement, policy): who changed the year last, and when. */
export function lastChange(y: RuleYear): { by?: string; at: string } | undefined {
  const stamps = [y.calendar.kept, y.policy.kept].filter((s) => s !== undefined);
  const last = stamps.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
  return last ? { by: last.updatedByName, at: last.updatedAt } : undefined;
}

const ACTIONS: Record<string, string> = {
  load_calendar: '载入放假安排',
  update_calendar: '更正放假安排',
  keep_policy: '设定年度政策',
  update_policy: '修改年度政策',
  update_tenant_policy: '修改本地区规则',
};

export function ruleActionLabel(action: string): string {
  return ACTIONS[action] ?? '修改规则';
}

/* What an audit event changed, in plain words (the drawer shows no raw values). */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function sourceOfCalendar(v: unknown): string | undefined {
  if (!isObj(v) || typeof v.document !== 'string') return undefined;
  return typeof v.publishedOn === 'string' ? `${v.document}（${fullDateText(v.publishedOn)}发布）` : v.document;
}

function describeCalendar(before: unknown, after: unknown): string[] {
  if (!isObj(after)) return [];
  const lines: string[] = [];
  const holidays = strings(after.holidays);
  const workdays = strings(after.workdays);
  if (!isObj(before)) {
    const source = sourceOfCalendar(after.source);
    if (source) lines.push(`依据：${source}`);
    lines.push(`放假日期（共${holidays.length}天）：${describeDates(holidays) || '无'}`);
    lines.push(`调休上班日（共${workdays.length}天）：${describeDates(workdays) || '无'}`);
  } else {
    if (!same(before.source, after.source))
      lines.push(`依据：${sourceOfCalendar(before.source) ?? '无'} → ${sourceOfCalendar(after.source) ?? '无'}`);
    const diff = (label: string, was: string[], now: string[]) => {
      const added = now.filter((d) => !was.includes(d));
      const removed = was.filter((d) => !now.includes(d));
      if (added.length) lines.push(`增加${label}：${describeDates(added)}`);
      if (removed.length) lines.push(`取消${label}：${describeDates(removed)}`);
    };
    diff('放假日期', strings(before.holidays), holidays);
    diff('调休上班日', strings(before.workdays), workdays);
    if (lines.length === 0) lines.push('内容未变（重新确认）');
  }
  if (typeof after.dataVersion === 'string') lines.push(`随全国数据文件批量载入（数据版本 ${after.dataVersion}）`);
  return lines;
}

const POLICY_FIELDS: { key: string; label: string; text: (v: unknown) => string }[] = [
  { key: 'publicThemes', label: '公需科目主题', text: (v) => themesText(strings(v)) },
  { key: 'filingWindow', label: '受理期', text: (v) => filingWindowText(isObj(v) ? (v as unknown as FilingWindow) : null) },
  { key: 'requiredHours', label: '每年学时要求', text: (v) => `${String(v)}学时` },
  { key: 'minPublicHours', label: '公需科目最少学时', text: (v) => minimumText(v) },
  { key: 'minProfessionalHours', label: '专业科目最少学时', text: (v) => minimumText(v) },
];

function minimumText(v: unknown): string {
  if (!isObj(v) || typeof v.hours !== 'number') return '不设';
  return `${v.hard ? '' : '一般'}不少于${v.hours}学时`;
}

function describePolicy(before: unknown, after: unknown): string[] {
  if (!isObj(after)) return [];
  const lines: string[] = [];
  const now = isObj(after.settings) ? after.settings : {};
  const was = isObj(before) && isObj(before.settings) ? before.settings : undefined;
  for (const f of POLICY_FIELDS) {
    const inNow = f.key in now;
    if (!was) {
      if (inNow) lines.push(`${f.label}设为：${f.text(now[f.key])}`);
      continue;
    }
    const inWas = f.key in was;
    if (inNow && (!inWas || !same(was[f.key], now[f.key]))) {
      lines.push(inWas ? `${f.label}：${f.text(was[f.key])} → ${f.text(now[f.key])}` : `${f.label}设为：${f.text(now[f.key])}`);
    } else if (!inNow && inWas) {
      lines.push(`${f.label}：恢复系统默认值`);
    }
  }
  const source = typeof after.source === 'string' ? after.source : undefined;
  const wasSource = isObj(before) && typeof before.source === 'string' ? before.source : undefined;
  if (source && !was) lines.push(`依据文件：${source}`);
  else if (source && source !== wasSource) lines.push(`依据文件：${wasSource ?? '无'} → ${source}`);
  if (was && lines.length === 0) lines.push('内容未变（重新确认）');
  if (typeof after.dataVersion === 'string') lines.push(`随全国数据文件批量载入（数据版本 ${after.dataVersion}）`);
  return lines;
}

/** 中级职称合格证明 as one line: title, spans and route. */
function midLevelText(v: unknown): string {
  if (!isObj(v)) return '系统默认';
  const route = [v.notice ? '公示' : '不公示', v.department ? '经主管部门复审' : '直接报人社部门'].join('，');
  return `${String(v.certificateTitle)}；前${String(v.spanYears)}年（硕士及以上前${String(v.masterSpanYears)}年）；${route}`;
}

function describeTenant(before: unknown, after: unknown): string[] {
  if (!isObj(after) || typeof after.doctorSpanFromDoctorate !== 'boolean') return [];
  const onOff = (v: boolean) => (v ? '开启' : '关闭');
  const was = isObj(before) && typeof before.doctorSpanFromDoctorate === 'boolean' ? before.doctorSpanFromDoctorate : undefined;
  const lines: string[] = [];
  if (was === undefined) lines.push(`${TENANT_SWITCH_LABEL}：设为${onOff(after.doctorSpanFromDoctorate)}`);
  else if (was !== after.doctorSpanFromDoctorate)
    lines.push(`${TENANT_SWITCH_LABEL}：${onOff(was)} → ${onOff(after.doctorSpanFromDoctorate)}`);
  const wasMid = isObj(before) ? before.midLevel : undefined;
  if (after.midLevel !== undefined && !same(wasMid, after.midLevel)) {
    lines.push(
      wasMid === undefined
        ? `中级职称合格证明设为：${midLevelText(after.midLevel)}`
        : `中级职称合格证明：${midLevelText(wasMid)} → ${midLevelText(after.midLevel)}`,
    );
  }
  if (lines.length === 0) lines.push('内容未变（重新确认）');
  return lines;
}

/** The lines that say what one change did. */
export function describeRuleChange(e: Pick<AuditEvent, 'action' | 'before' | 'after'>): string[] {
  switch (e.action) {
    case 'load_calendar':
    case 'update_calendar':
      return describeCalendar(e.before, e.after);
    case 'keep_policy':
    case 'update_policy':
      return describePolicy(e.before, e.after);
    case 'update_tenant_policy':
      return describeTenant(e.before, e.after);
    default:
      return [];
  }
}

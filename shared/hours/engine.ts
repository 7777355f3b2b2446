import { yearOf } from '../iso-date';
import { resolveYearPolicy, type HoursPolicy, type ResolvedYearPolicy } from '../policy';
import type { YearSpan } from '../span';
import { formatTenths, noteAid, noteCertificate, REJECTION_LABELS } from './notes';
import { applyYearLimits, rejectProbableDuplicates } from './conflicts';
import { compareForDisplay, dayKeyOf, finalWinner, type Entry } from './entry';
import { evaluateAid, evaluateDated, noteForDated, TENTHS_DEEMED_YEAR } from './rules';
import type {
  Activity,
  Category,
  HoursItem,
  PreviewResponse,
  PriorCertificate,
  RejectedActivity,
  YearResult,
  YearWarning,
} from './schemas';

/**
 * The hours engine: rules §3 over a person's activities, returning rules §7's preview response. It takes
 * already-parsed activities (parse at the edge with ActivitySchema) and does no I/O, so the preview
 * endpoint, the web calculator and the certification use-cases all call the same function.
 *
 * Order: `activities` are in recording order (earliest first) where the caller knows it, and of
 * probable duplicates the first counts (rules §3). Everywhere else one activity wins over another (a
 * second C8/C9 item in a year, two aid assignments deeming one year) the winner is chosen by
 * `compareEntries`, a total order on content (dates, then the activity itself, then its id), never by
 * input position.
 */

export interface ComputeHoursInput {
  activities: readonly Activity[];
  /** Default: the years any activity (or prior certificate) is attributed to. */
  span?: YearSpan;
  /** 学时认定单 already held: the years they list take their hours from them (通知四(二)). */
  priorCertificates?: readonly PriorCertificate[];
  policy: HoursPolicy;
}

interface YearAccumulator {
  year: number;
  policy: ResolvedYearPolicy;
  publicTenths: number;
  professionalTenths: number;
  deemed: boolean;
  entries: Entry[];
  certificate: CertificateYear | null;
  duplicateWarnings: string[];
}

interface CertificateYear {
  number: string;
  publicTenths: number;
  professionalTenths: number;
  deemed: boolean;
}

export function computeHours(input: ComputeHoursInput): PreviewResponse {
  const { activities, policy } = input;
  const entries: Entry[] = new Array(activities.length);

  for (let i = 0; i < activities.length; i++) {
    const a = activities[i]!;
    const activityId = a.id ?? positionId(i);
    if (a.kind === 'aid_assignment') {
      const endYear = yearOf(a.endDate);
      const evaluation = evaluateAid(a, resolveYearPolicy(policy, endYear));
      entries[i] = {
        index: i,
        activityId,
        activity: a,
        year: endYear,
        aidYears: evaluation.rejection ? null : evaluation.years,
        aidAllYears: evaluation.allYears,
        sortDate: a.startDate,
        dayKey: dayKeyOf(a.startDate),
        endDate: a.endDate,
        rule: 'C7',
        category: 'professional',
        tenths: evaluation.rejection ? 0 : TENTHS_DEEMED_YEAR,
        rejection: evaluation.rejection,
        rejectionDetail: '',
        lostTo: null,
        contentKey: null,
      };
    } else {
      const year = yearOf(a.date);
      const evaluation = evaluateDated(a);
      entries[i] = {
        index: i,
        activityId,
        activity: a,
        year,
        aidYears: null,
        aidAllYears: false,
        sortDate: a.date,
        dayKey: dayKeyOf(a.date),
        endDate: a.date,
        rule: evaluation.rule,
        category: evaluation.category,
        tenths: evaluation.tenths,
        rejection: evaluation.rejection,
        rejectionDetail: '',
        lostTo: null,
        contentKey: null,
      };
    }
  }

  const certificates = indexCertificates(input.priorCertificates);
  const span = input.span;
  const years = new YearTable(span ? rangeOf(span.from, span.to) : yearsPresent(entries, certificates), (year) => ({
    year,
    policy: resolveYearPolicy(policy, year),
    publicTenths: 0,
    professionalTenths: 0,
    deemed: false,
    entries: [],
    certificate: certificates.get(year) ?? null,
    duplicateWarnings: [],
  }));

  applySpanAndCertificates(entries, years);
  const duplicateGroups = rejectProbableDuplicates(entries);
  applyYearLimits(entries);

  // Aggregate what still counts.
  for (const e of entries) {
    if (e.rejection) continue;
    if (e.aidYears) {
      for (const y of e.aidYears) {
        const acc = years.get(y)!;
        acc.professionalTenths += TENTHS_DEEMED_YEAR;
        acc.deemed = true;
        acc.entries.push(e);
      }
      continue;
    }
    const acc = years.get(e.year)!;
    if (e.category === 'public') acc.publicTenths += e.tenths;
    else acc.professionalTenths += e.tenths;
    acc.entries.push(e);
  }
  for (const group of duplicateGroups) years.get(group[0]!.year)?.duplicateWarnings.push(duplicateWarning(group));

  const yearResults: YearResult[] = [];
  for (const acc of years.list) yearResults.push(buildYearResult(acc));

  const rejected: RejectedActivity[] = [];
  let rejectedEntries: Entry[] | null = null;
  for (const e of entries) if (e.rejection) (rejectedEntries ??= []).push(e);
  if (rejectedEntries) {
    rejectedEntries.sort(compareForDisplay);
    for (const e of rejectedEntries) {
      rejected.push({ activityId: e.activityId, code: e.rejection!, message: rejectionMessage(e) });
    }
  }
  return { years: yearResults, rejected };
}

/** `#0`, `#1` … shared between calls (the first 1,000, a preview's maximum). */
const POSITION_IDS: string[] = [];
function positionId(index: number): string {
  return index < 1000 ? (POSITION_IDS[index] ??= '#' + index) : '#' + index;
}

/**
 * The span's accumulators in an array indexed by year: the engine looks a year up once or twice per
 * activity, and a Map lookup there showed in the profile (bench/engine.ts).
 */
class YearTable {
  readonly list: YearAccumulator[];
  private readonly base: number;
  private readonly slots: (YearAccumulator | undefined)[];

  constructor(ascendingYears: readonly number[], create: (year: number) => YearAccumulator) {
    this.list = ascendingYears.map(create);
    this.base = ascendingYears[0] ?? 0;
    this.slots = ascendingYears.length ? new Array(ascendingYears[ascendingYears.length - 1]! - this.base + 1) : [];
    for (const acc of this.list) this.slots[acc.year - this.base] = acc;
  }

  get(year: number): YearAccumulator | undefined {
    return this.slots[year - this.base];
  }

  has(year: number): boolean {
    return this.slots[year - this.base] !== undefined;
  }
}

/** rules §7: the years any activity is attributed to, rejected ones included (and certificate years). */
function yearsPresent(entries: readonly Entry[], certificates: Map<number, CertificateYear>): number[] {
  const present = new Set<number>(certificates.keys());
  for (const e of entries) {
    if (e.aidYears) for (const y of e.aidYears) present.add(y);
    else present.add(e.year);
  }
  return [...present].sort((x, y) => x - y);
}

function rangeOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

/** A year listed on two certificates takes the larger total, then the smaller number: deterministic. */
function indexCertificates(certificates: readonly PriorCertificate[] | undefined): Map<number, CertificateYear> {
  const byYear = new Map<number, CertificateYear>();
  if (!certificates) return byYear;
  for (const c of certificates) {
    for (const y of c.years) {
      const candidate: CertificateYear = {
        number: c.number,
        publicTenths: Math.round(y.publicHours * 10),
        professionalTenths: Math.round(y.professionalHours * 10),
        deemed: y.deemedComplete === true,
      };
      const current = byYear.get(y.year);
      if (!current) {
        byYear.set(y.year, candidate);
        continue;
      }
      const diff = candidate.publicTenths + candidate.professionalTenths - (current.publicTenths + current.professionalTenths);
      if (diff > 0 || (diff === 0 && candidate.number < current.number)) byYear.set(y.year, candidate);
    }
  }
  return byYear;
}

/**
 * rules §7: an activity whose years all fall outside the span is `outside_span` (this wins over any
 * other reason: it is not being assessed at all). Years a prior certificate covers are taken from it.
 */
function applySpanAndCertificates(entries: Entry[], years: YearTable): void {
  for (const e of entries) {
    if (e.aidYears) {
      const inSpan = e.aidYears.filter((y) => years.has(y));
      if (inSpan.length === 0) {
        e.rejection = 'outside_span';
        e.rejectionDetail = formatAidYears(e.aidYears);
        continue;
      }
      const open = inSpan.filter((y) => !years.get(y)!.certificate);
      if (open.length === 0) {
        e.rejection = 'covered_by_certificate';
        e.rejectionDetail = certificateDetail(years, inSpan);
        continue;
      }
      e.aidYears = open;
      continue;
    }
    const acc = years.get(e.year);
    if (!acc) {
      e.rejection = 'outside_span';
      e.rejectionDetail = `（${e.year}年）`;
    } else if (!e.rejection && acc.certificate) {
      e.rejection = 'covered_by_certificate';
      e.rejectionDetail = certificateDetail(years, [e.year]);
    }
  }
}

function formatAidYears(ys: readonly number[]): string {
  return ys.length === 1 ? `（${ys[0]}年）` : `（${ys[0]}—${ys[ys.length - 1]}年）`;
}

function certificateDetail(years: YearTable, ys: readonly number[]): string {
  const numbers = [...new Set(ys.map((y) => years.get(y)!.certificate!.number))];
  return `（${numbers.join('、')}）`;
}

/**
 * One warning per group, for the reviewer. Where the copies differ in hours the conflict is spelt out
 * with each figure (rules §3: "where the two differ in hours, the year carries a warning").
 */
function duplicateWarning(group: readonly Entry[]): string {
  const winner = group[0]!;
  const others = group.slice(1);
  const names = others.map((e) => e.activityId).join('、');
  const base = `${names}与${winner.activityId}类型、名称/机构和日期相同，疑似重复：仅计在先的${winner.activityId}，${names}暂不计入，待审核人员确认`;
  if (others.every((e) => e.tenths === winner.tenths)) return base;
  const figures = group.map((e) => `${e.activityId}（${formatTenths(e.tenths)}学时）`).join('、');
  return `${base}；学时不同：${figures}，请核对后确定应计的记录`;
}

function rejectionMessage(e: Entry): string {
  const label = REJECTION_LABELS[e.rejection!];
  if (e.lostTo) {
    const winner = finalWinner(e);
    if (e.rejection === 'probable_duplicate') return `与${winner.activityId}类型、名称/机构和日期相同，${label}`;
    return `${label}（本年度已计入${winner.activityId}）`;
  }
  return label + e.rejectionDetail;
}

function buildYearResult(acc: YearAccumulator): YearResult {
  const policy = acc.policy;
  const items: HoursItem[] = [];
  let publicTenths = acc.publicTenths;
  let professionalTenths = acc.professionalTenths;
  let deemed = acc.deemed;

  if (acc.certificate) {
    const c = acc.certificate;
    if (c.publicTenths > 0) items.push(certificateItem(c, acc.year, 'public', c.publicTenths));
    if (c.professionalTenths > 0) items.push(certificateItem(c, acc.year, 'professional', c.professionalTenths));
    publicTenths += c.publicTenths;
    professionalTenths += c.professionalTenths;
    deemed ||= c.deemed;
  }

  const entries = acc.entries;
  if (entries.length > 1) entries.sort(compareForDisplay);
  let missingTheme: string[] | null = null;
  let unknownTheme: string[] | null = null;
  const themed = policy.publicThemes.length > 0;
  for (const e of entries) {
    const a = e.activity;
    if (a.kind === 'aid_assignment') {
      items.push({
        activityId: e.activityId,
        kind: a.kind,
        category: 'professional',
        hours: TENTHS_DEEMED_YEAR / 10,
        rule: 'C7',
        note: noteAid(a.startDate, a.endDate, acc.year, e.aidAllYears, TENTHS_DEEMED_YEAR),
      });
      continue;
    }
    items.push({
      activityId: e.activityId,
      kind: a.kind,
      category: e.category,
      hours: e.tenths / 10,
      rule: e.rule,
      note: noteForDated(a, e.tenths),
    });
    // rules §3 R2: a public item in a year with themes must name one of them.
    if (themed && e.category === 'public') {
      const theme = 'theme' in a ? a.theme : undefined;
      if (theme === undefined) (missingTheme ??= []).push(e.activityId);
      else if (!policy.publicThemeSet.has(theme.trim())) (unknownTheme ??= []).push(e.activityId);
    }
  }

  const totalTenths = publicTenths + professionalTenths;
  const publicMin = policy.minPublicHours;
  const professionalMin = policy.minProfessionalHours;
  const publicShort = !deemed && publicMin !== null && publicTenths < policy.publicRequiredTenths;
  const professionalShareOk = deemed || professionalTenths >= policy.professionalRequiredTenths;
  const totalShort = !deemed && totalTenths < policy.requiredTenths;
  // A hard minimum (2025: public ≥ 30, professional ≥ 60) decides compliance like the total does.
  const compliant = deemed || (!totalShort && !(publicShort && publicMin!.hard) && (professionalShareOk || !professionalMin.hard));
  const warnings: YearWarning[] = [];
  // R1 is hard: a short year is said plainly, with the gap, and nothing suggests it may be accepted.
  if (totalShort) {
    warnings.push({
      code: 'required_hours_short',
      message:
        `本年度合计${formatTenths(totalTenths)}学时，不足${policy.requiredHours}学时` +
        `（差${formatTenths(policy.requiredTenths - totalTenths)}学时）`,
    });
  }
  // A soft minimum ("一般") may be accepted by a reviewer in writing, but only in a year that otherwise
  // has its hours; a hard one names its rule and the gap, and offers nothing to accept.
  const acceptable = !totalShort && !(publicShort && publicMin!.hard) && (professionalShareOk || !professionalMin.hard);
  if (publicShort) {
    const required = formatTenths(policy.publicRequiredTenths);
    warnings.push({
      code: 'public_hours_short',
      message:
        `公需科目不足${required}学时：本年度公需科目${formatTenths(publicTenths)}学时` +
        `（${policy.basis}：公需科目${publicMin!.hard ? '' : '一般'}不少于${required}学时）` +
        (!publicMin!.hard && acceptable ? '；审核人员可书面说明理由后认可' : ''),
    });
  }
  if (!professionalShareOk) {
    const required = formatTenths(policy.professionalRequiredTenths);
    warnings.push({
      code: 'professional_share_short',
      message:
        `专业科目不足${required}学时：本年度专业科目${formatTenths(professionalTenths)}学时` +
        (professionalMin.hard
          ? `（${policy.basis}：专业科目不少于${required}学时）`
          : `（专业科目一般不少于${policy.requiredHours}学时的2/3，即${required}学时）` +
            (acceptable ? '；审核人员可书面说明理由后认可' : '')),
    });
  }
  if (missingTheme || unknownTheme) {
    const themes = policy.publicThemes.join('、');
    if (missingTheme)
      warnings.push({
        code: 'public_theme_missing',
        message: `公需科目${missingTheme.join('、')}未注明${acc.year}年度主题（${themes}，可选一个或多个）`,
      });
    if (unknownTheme)
      warnings.push({
        code: 'public_theme_missing',
        message: `公需科目${unknownTheme.join('、')}所注主题不在${acc.year}年度主题之列（${themes}）`,
      });
  }
  for (const message of acc.duplicateWarnings.sort()) warnings.push({ code: 'probable_duplicate', message });

  return {
    year: acc.year,
    publicHours: publicTenths / 10,
    professionalHours: professionalTenths / 10,
    totalHours: totalTenths / 10,
    requiredHours: policy.requiredHours,
    basis: { document: policy.basis, assumed: policy.assumed },
    compliant,
    professionalShareOk,
    deemedComplete: deemed,
    items,
    warnings,
  };
}

function certificateItem(c: CertificateYear, year: number, category: Category, tenths: number): HoursItem {
  return {
    activityId: c.number,
    kind: 'prior_certificate',
    category,
    hours: tenths / 10,
    rule: 'CERT',
    note: noteCertificate(c.number, year, category, tenths),
  };
}

import { yearOf } from '../iso-date';
import { resolveYearPolicy, type HoursPolicy, type ResolvedYearPolicy } from '../policy';
import type { YearSpan } from '../span';
import { formatTenths, noteAid, noteCertificate, REJECTION_LABELS } from './notes';
import { evaluateAid, evaluateDated, noteForDated, TENTHS_DEEMED_YEAR } from './rules';
import type {
  Activity,
  Category,
  HoursItem,
  PreviewResponse,
  PriorCertificate,
  RejectedActivity,
  RejectionCode,
  Rule,
  YearResult,
  YearWarning,
} from './schemas';

/**
 * The hours engine: SPEC §3 over a person's activities, returning SPEC §7's preview response. It takes
 * already-parsed activities (parse at the edge with ActivitySchema) and does no I/O, so the preview
 * endpoint, the web calculator and the certification use-cases all call the same function.
 *
 * Order independence: wherever one activity wins over another (a probable duplicate, a second C8/C9
 * item in a year, two aid assignments deeming one year) the winner is chosen by `compareEntries`, a
 * total order on content (dates, then the activity itself, then its id), never by input position.
 */

export interface ComputeHoursInput {
  activities: readonly Activity[];
  /** Default: the years any activity (or prior certificate) is attributed to. */
  span?: YearSpan;
  /** 学时认定单 already held: the years they list take their hours from them (通知四(二)). */
  priorCertificates?: readonly PriorCertificate[];
  policy: HoursPolicy;
}

interface Entry {
  index: number;
  activityId: string;
  activity: Activity;
  /** Attribution year: the date's year, or the end year of an aid assignment. */
  year: number;
  /** C7 only: the years deemed complete (narrowed by span, certificates and other assignments). */
  aidYears: number[] | null;
  aidAllYears: boolean;
  /** `date`, or an aid assignment's `startDate`: the first key of the canonical order. */
  sortDate: string;
  /** `sortDate` as an integer (yyyy·416 + mm·32 + dd): same order, cheaper to compare and to hash. */
  dayKey: number;
  /** An aid assignment's `endDate`, else `date`. */
  endDate: string;
  rule: Rule;
  category: Category;
  tenths: number;
  rejection: RejectionCode | null;
  /** Extra zh-CN detail appended to the rejection label. */
  rejectionDetail: string;
  /** The entry this one lost to (duplicates, caps, deemed years); its id goes into the message. */
  lostTo: Entry | null;
  contentKey: string | null;
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
  const years = new YearTable(
    span ? rangeOf(span.from, span.to) : yearsPresent(entries, certificates),
    (year) => ({
      year,
      policy: resolveYearPolicy(policy, year),
      publicTenths: 0,
      professionalTenths: 0,
      deemed: false,
      entries: [],
      certificate: certificates.get(year) ?? null,
      duplicateWarnings: [],
    }),
  );

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
  for (const group of duplicateGroups) {
    const winner = group[0]!;
    const others = group.slice(1).map((e) => e.activityId).join('、');
    years.get(winner.year)?.duplicateWarnings.push(
      `${others}与${winner.activityId}类型、名称/机构和日期相同，疑似重复：仅计${winner.activityId}，${others}暂不计入，待审核人员确认`,
    );
  }

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

function dayKeyOf(date: string): number {
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  return yearOf(date) * 416 + month * 32 + day;
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

/** SPEC §7: the years any activity is attributed to, rejected ones included (and certificate years). */
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
      const diff =
        candidate.publicTenths + candidate.professionalTenths - (current.publicTenths + current.professionalTenths);
      if (diff > 0 || (diff === 0 && candidate.number < current.number)) byYear.set(y.year, candidate);
    }
  }
  return byYear;
}

/**
 * SPEC §7: an activity whose years all fall outside the span is `outside_span` (this wins over any
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
 * SPEC §3 Decision: "Two records of one person with the same kind, provider/title and dates are a
 * probable duplicate: the later one does not count until a reviewer resolves it." An activity without
 * a title or provider has no identity to compare, so it is never called a duplicate. Within a group
 * the one that counts is the one earning most (then the canonical order): so adding a record can never
 * lower a year. Returns the groups, winner first.
 */
function rejectProbableDuplicates(entries: Entry[]): Entry[][] {
  // Bucket by start date first (an integer key); identity keys are only built
  // for the few entries that share a date, which keeps this off the engine's hot path.
  let byDate: Map<number, Entry | Entry[]> | null = null;
  let shared: Entry[][] | null = null;
  for (const e of entries) {
    if (e.rejection) continue;
    const a = e.activity;
    if (a.title === undefined && a.provider === undefined) continue;
    byDate ??= new Map();
    const bucket = byDate.get(e.dayKey);
    if (bucket === undefined) byDate.set(e.dayKey, e);
    else if (Array.isArray(bucket)) bucket.push(e);
    else {
      const pair = [bucket, e];
      byDate.set(e.dayKey, pair);
      (shared ??= []).push(pair);
    }
  }
  if (!shared) return [];
  const result: Entry[][] = [];
  for (const bucket of shared) {
    const groups = new Map<string, Entry[]>();
    for (const e of bucket) {
      const key = e.activity.kind + '\u0000' + e.endDate + '\u0000' + normaliseIdentity(e.activity.title) + '\u0000' + normaliseIdentity(e.activity.provider);
      const group = groups.get(key);
      if (group) group.push(e);
      else groups.set(key, [e]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      group.sort((x, y) => y.tenths - x.tenths || compareEntries(x, y));
      const winner = group[0]!;
      for (let i = 1; i < group.length; i++) {
        group[i]!.rejection = 'probable_duplicate';
        group[i]!.lostTo = winner;
      }
      result.push(group);
    }
  }
  // Buckets are met in input order; sort so the warnings come out the same whatever that order.
  return result.sort((x, y) => compareEntries(x[0]!, y[0]!));
}

function normaliseIdentity(value: string | undefined): string {
  return value === undefined ? '' : value.replace(/\s+/g, '');
}

/**
 * Year-level limits, in canonical order: C8 and C9 give at most 90 a year each (附件二第8、9条
 * "当年度通过一门…可折算90学时"); a year deemed by one aid assignment is not deemed again by another.
 */
function applyYearLimits(entries: Entry[]): void {
  let c8: Map<number, Entry> | null = null;
  let c9: Map<number, Entry> | null = null;
  let aid: Entry[] | null = null;
  for (const e of entries) {
    if (e.rejection) continue;
    if (e.rule === 'C8') c8 = keepFirstPerYear(c8, e, 'c8_year_cap_reached');
    else if (e.rule === 'C9') c9 = keepFirstPerYear(c9, e, 'c9_year_cap_reached');
    else if (e.aidYears) (aid ??= []).push(e);
  }
  if (aid && aid.length > 1) {
    aid.sort(compareEntries);
    const deemedBy = new Map<number, Entry>();
    for (const e of aid) {
      const open = e.aidYears!.filter((y) => !deemedBy.has(y));
      if (open.length === 0) {
        e.rejection = 'c7_year_already_deemed';
        e.lostTo = deemedBy.get(e.aidYears![0]!)!;
        continue;
      }
      for (const y of open) deemedBy.set(y, e);
      e.aidYears = open;
    }
  }
}

/**
 * The earliest entry of a year keeps its credit. A loser points at whoever beat it; when that one
 * later loses too, `finalWinner` follows the chain, so messages name the year's final winner.
 */
function keepFirstPerYear(map: Map<number, Entry> | null, e: Entry, code: RejectionCode): Map<number, Entry> {
  const byYear = map ?? new Map<number, Entry>();
  const current = byYear.get(e.year);
  if (!current) {
    byYear.set(e.year, e);
    return byYear;
  }
  const currentWins = compareEntries(current, e) <= 0;
  const winner = currentWins ? current : e;
  const loser = currentWins ? e : current;
  byYear.set(e.year, winner);
  loser.rejection = code;
  loser.lostTo = winner;
  return byYear;
}

function finalWinner(e: Entry): Entry {
  let w = e.lostTo!;
  while (w.lostTo && w.rejection === e.rejection) w = w.lostTo;
  return w;
}

/** The canonical total order used to pick winners: dates, then content, then id, then position. */
function compareEntries(x: Entry, y: Entry): number {
  if (x.dayKey !== y.dayKey) return x.dayKey - y.dayKey;
  if (x.endDate !== y.endDate) return x.endDate < y.endDate ? -1 : 1;
  const kx = (x.contentKey ??= contentKeyOf(x.activity));
  const ky = (y.contentKey ??= contentKeyOf(y.activity));
  if (kx !== ky) return kx < ky ? -1 : 1;
  return compareIds(x.activityId, y.activityId) || x.index - y.index;
}

/** Display order (items within a year, rejected list): by date, then id. */
function compareForDisplay(x: Entry, y: Entry): number {
  if (x.dayKey !== y.dayKey) return x.dayKey - y.dayKey;
  return compareIds(x.activityId, y.activityId) || x.index - y.index;
}

/** `#2` before `#10`; positional ids before given ones. */
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const ha = a.charCodeAt(0) === 35;
  const hb = b.charCodeAt(0) === 35;
  if (ha && hb) return Number(a.slice(1)) - Number(b.slice(1));
  if (ha !== hb) return ha ? -1 : 1;
  return a < b ? -1 : 1;
}

/** A stable serialisation of an activity without its id (key order fixed). */
function contentKeyOf(a: Activity): string {
  const record = a as unknown as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => k !== 'id' && record[k] !== undefined)
    .sort();
  return keys.map((k) => k + '=' + JSON.stringify(record[k])).join('&');
}

function rejectionMessage(e: Entry): string {
  const label = REJECTION_LABELS[e.rejection!];
  if (e.lostTo) {
    const winner = finalWinner(e);
    if (e.rejection === 'probable_duplicate') return `与${winner.activityId}${label.replace('疑似重复记录', '疑似重复')}`;
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
    // SPEC §3 R2: a public item in a year with themes must name one of them.
    if (themed && e.category === 'public') {
      const theme = 'theme' in a ? a.theme : undefined;
      if (theme === undefined) (missingTheme ??= []).push(e.activityId);
      else if (!policy.publicThemeSet.has(theme.trim())) (unknownTheme ??= []).push(e.activityId);
    }
  }

  const totalTenths = publicTenths + professionalTenths;
  const compliant = deemed || totalTenths >= policy.requiredTenths;
  const professionalShareOk = deemed || professionalTenths >= policy.professionalRequiredTenths;
  const warnings: YearWarning[] = [];
  if (!professionalShareOk) {
    warnings.push({
      code: 'professional_share_short',
      message:
        `专业科目${formatTenths(professionalTenths)}学时，低于${formatTenths(policy.professionalRequiredTenths)}学时` +
        `（${policy.requiredHours}学时的${policy.professionalShare.numerator}/${policy.professionalShare.denominator}）；` +
        '审核人员可书面说明理由后认可',
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

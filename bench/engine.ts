/**
 * Engine throughput (issue 3): 100,000 people × 5 years × 8 activities, the engine run once per
 * person with its explanations (notes) on, against a bare loop that sums the same hours over the same
 * data in the same run. Data is generated up front by a seeded PRNG (4,000,000 activities, about half a
 * gigabyte): generating it in chunks between timed runs made the engine pay for promoting each fresh
 * chunk out of the young generation, which is a property of the benchmark, not of the engine. Only the
 * engine calls and the bare loop are timed. Prints nothing when imported (bench/run.ts prints).
 */
import { pathToFileURL } from 'node:url';
import { computeHours, type Activity } from '../shared/hours';
import { formatIsoDate } from '../shared/iso-date';
import { DEFAULT_POLICY, PUBLIC_THEMES_2023 } from '../shared/policy';

const PEOPLE = 100_000;
const YEARS = 5;
const PER_YEAR = 8;
const FIRST_YEAR = 2019; // a 2024 application: 2019–2023, so 2023's theme check runs too
const WARMUP_PEOPLE = 2_000;
const TARGET = 1_000_000;

export interface EngineBenchResult {
  name: 'engine';
  value: number;
  unit: 'activities/s';
  target: number;
  ok: boolean;
  extra: { baselineActivitiesPerSecond: number; ratio: number };
}

/** mulberry32: small, fast, deterministic. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = ['医学影像新技术', '工程项目管理实务', '人工智能应用', '教学方法研修', '安全生产管理', '财务会计新准则'];
const PROVIDERS = ['湖南省继续教育基地', '长沙市专业技术人员培训中心', '国家级继续教育基地'];

/** A fresh string per activity, as JSON.parse would make. */
function dateIn(random: () => number, year: number): string {
  return formatIsoDate(year, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
}

function pick<T>(random: () => number, xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)]!;
}

/** A realistic mix: mostly trainings and online courses, some papers, the rest rare. */
function generateActivity(random: () => number, year: number): Activity {
  const r = random();
  const date = dateIn(random, year);
  if (r < 0.35) {
    const category = random() < 0.3 ? 'public' : 'professional';
    return {
      kind: 'training',
      date,
      category,
      ...(category === 'public' && random() < 0.8 ? { theme: pick(random, PUBLIC_THEMES_2023) } : {}),
      days: Math.floor(random() * 4),
      halfDays: Math.floor(random() * 2),
      evenings: 1 + Math.floor(random() * 2),
      title: pick(random, TITLES),
      provider: pick(random, PROVIDERS),
    };
  }
  if (r < 0.6) {
    const category = random() < 0.4 ? 'public' : 'professional';
    return {
      kind: 'online_course',
      date,
      category,
      ...(category === 'public' ? { theme: pick(random, PUBLIC_THEMES_2023) } : {}),
      hours: (1 + Math.floor(random() * 300)) / 10,
      title: pick(random, TITLES),
    };
  }
  if (r < 0.7) return { kind: 'academic_event', date, category: 'professional', halfDays: 1 + Math.floor(random() * 3) };
  if (r < 0.75) return { kind: 'practice', date, category: 'professional', days: 1 + Math.floor(random() * 5) };
  if (r < 0.83) return { kind: 'paper', date, authorRole: random() < 0.5 ? 'sole_or_first' : 'other', domesticCN: random() < 0.9 };
  if (r < 0.86)
    return {
      kind: 'research_project',
      date,
      sponsor: pick(random, ['government', 'industry_org', 'other'] as const),
      role: random() < 0.3 ? 'host' : 'participant',
    };
  if (r < 0.88) return { kind: 'book', date, authorRole: random() < 0.5 ? 'sole_or_first' : 'other' };
  if (r < 0.9)
    return {
      kind: 'patent',
      date,
      patentType: pick(random, ['invention', 'utility_model', 'design'] as const),
      inventorRole: random() < 0.5 ? 'sole_or_first' : 'other',
    };
  if (r < 0.92)
    return {
      kind: 'award',
      date,
      level: pick(random, ['provincial_or_above', 'prefectural', 'other'] as const),
      rank: 1 + Math.floor(random() * 8),
    };
  if (r < 0.94) return { kind: 'computer_exam', date, modules: 1 + Math.floor(random() * 3) };
  if (r < 0.96) return { kind: 'degree_course', date, coursesPassed: 1 + Math.floor(random() * 2) };
  if (r < 0.98) return { kind: 'qualification_exam', date, subjectsPassed: 1 };
  if (r < 0.99) return { kind: 'overseas_exchange', date, category: 'professional', days: 1 + Math.floor(random() * 10) };
  const startDate = formatIsoDate(year, 1 + Math.floor(random() * 6), 1);
  return {
    kind: 'aid_assignment',
    startDate,
    endDate: formatIsoDate(year, 7 + Math.floor(random() * 6), 28),
    assessmentPassed: random() < 0.95,
    provincialOrAbove: true,
  };
}

export function generatePeople(random: () => number, count: number): Activity[][] {
  const people: Activity[][] = new Array(count);
  for (let p = 0; p < count; p++) {
    const activities: Activity[] = new Array(YEARS * PER_YEAR);
    let i = 0;
    for (let y = 0; y < YEARS; y++) for (let k = 0; k < PER_YEAR; k++) activities[i++] = generateActivity(random, FIRST_YEAR + y);
    people[p] = activities;
  }
  return people;
}

/** The bare loop: the conversion table alone, no years, caps, notes or objects. */
function bareTenths(a: Activity): number {
  switch (a.kind) {
    case 'training':
    case 'practice':
    case 'academic_event':
    case 'overseas_exchange':
      return (a.days ?? 0) * 100 + (a.halfDays ?? 0) * 40 + (a.evenings ?? 0) * 20;
    case 'online_course':
      return Math.round(a.hours * 10);
    case 'research_project':
      return a.sponsor === 'other' ? 0 : a.role === 'host' ? 900 : 600;
    case 'book':
    case 'patent':
      return ('authorRole' in a ? a.authorRole : a.inventorRole) === 'sole_or_first' ? 900 : 600;
    case 'paper':
      return a.domesticCN ? (a.authorRole === 'sole_or_first' ? 300 : 100) : 0;
    case 'award':
      return a.level === 'provincial_or_above' ? 900 : a.level === 'prefectural' ? (a.rank <= 5 ? 600 : 300) : 0;
    case 'computer_exam':
      return a.modules * 200;
    case 'aid_assignment':
      return a.assessmentPassed ? 900 : 0;
    case 'degree_course':
    case 'qualification_exam':
      return 900;
  }
}

const span = { from: FIRST_YEAR, to: FIRST_YEAR + YEARS - 1 };

function runEngine(people: Activity[][]): number {
  let sink = 0;
  for (const activities of people) {
    const result = computeHours({ activities, span, policy: DEFAULT_POLICY });
    for (const y of result.years) sink += y.totalHours + y.items.length + (y.items[0]?.note.length ?? 0);
  }
  return sink;
}

function runBare(people: Activity[][]): number {
  let sink = 0;
  for (const activities of people) for (const a of activities) sink += bareTenths(a);
  return sink;
}

export async function benchEngine(): Promise<EngineBenchResult> {
  const random = createRandom(20230508);
  const warmup = generatePeople(random, WARMUP_PEOPLE);
  runEngine(warmup);
  runBare(warmup);
  const people = generatePeople(random, PEOPLE);

  let t = performance.now();
  let sink = runEngine(people);
  const engineMs = performance.now() - t;
  t = performance.now();
  sink += runBare(people);
  const bareMs = performance.now() - t;
  if (!Number.isFinite(sink)) throw new Error('unreachable: keeps the work observable');

  const activities = PEOPLE * YEARS * PER_YEAR;
  const value = Math.round(activities / (engineMs / 1000));
  const baselineActivitiesPerSecond = Math.round(activities / (bareMs / 1000));
  return {
    name: 'engine',
    value,
    unit: 'activities/s',
    target: TARGET,
    ok: value >= TARGET,
    extra: { baselineActivitiesPerSecond, ratio: Number((value / baselineActivitiesPerSecond).toFixed(4)) },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchEngine(), null, 2));
}

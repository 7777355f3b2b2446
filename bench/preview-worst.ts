/**
 * The anonymous preview's worst case (issue 20 item 4): the CPU one request may cost, measured on the
 * largest bodies the contract allows. Bodies are built at every maximum (1,000 activities; id, title,
 * provider and theme at their longest, every character one JSON.stringify writes as a 6-byte \u escape)
 * in the shapes that work the engine hardest, and an invalid one (every field wrong: the 400 with all
 * its details); each is posted through app.request (body limit, validation, engine, JSON answer) and
 * timed with process.cpuUsage: the median of a few runs after one warm-up, and the first (cold) run.
 * The figure is the worst shape's median, against the budget stated in the OpenAPI document
 * (functions/http/body-limits.ts PREVIEW_CPU_BUDGET_MS).
 */
import { pathToFileURL } from 'node:url';
import { MAX_PREVIEW_ACTIVITIES } from '../shared/hours';
import { MAX_SPAN_YEARS } from '../shared/span';
import { createApp } from '../functions/http/app';
import { PREVIEW_BODY_LIMIT, PREVIEW_CPU_BUDGET_MS } from '../functions/http/body-limits';
import { depsWithoutStorage } from './preview';

const LONG = (n: number, seed: number) => String.fromCharCode(1 + (seed % 30)).repeat(n);

type Body = { activities: Record<string, unknown>[]; span?: { from: number; to: number } };

/** The shapes: every field at its maximum, and what each one makes the engine do. */
export function worstBodies(): Record<string, Body> {
  const n = MAX_PREVIEW_ACTIVITIES;
  const c1 = (i: number, date: string, sameIdentity: boolean) => ({
    id: LONG(99, i) + String(i % 10),
    kind: 'overseas_exchange',
    date,
    title: sameIdentity ? LONG(200, 0) : LONG(196, i) + String(i).padStart(4, '0'),
    provider: LONG(200, 1),
    category: 'professional',
    theme: LONG(100, 2),
    days: 1000,
    halfDays: 1000,
    evenings: 1000,
  });
  const ids = (a: Record<string, unknown>, i: number) => ({ ...a, id: `${String(i).padStart(4, '0')}${LONG(96, i)}` });
  return {
    // One year, one date, one identity: 999 probable duplicates of the first.
    duplicates: { activities: Array.from({ length: n }, (_, i) => ids(c1(i, '2023-06-01', true), i)) },
    // One year, distinct titles: 1,000 credited items and their notes in one year.
    oneYearItems: {
      activities: Array.from({ length: n }, (_, i) =>
        ids(c1(i, `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, false), i),
      ),
    },
    // Aid assignments of 50 years each, overlapping: the deemed-year bookkeeping over a 50-year span.
    aid: {
      activities: Array.from({ length: n }, (_, i) =>
        ids(
          {
            kind: 'aid_assignment',
            startDate: `${1990 + (i % 40)}-01-01`,
            endDate: `${1990 + (i % 40) + MAX_SPAN_YEARS - 1}-12-31`,
            assessmentPassed: true,
            provincialOrAbove: true,
            title: LONG(200, i),
            provider: LONG(200, i + 1),
          },
          i,
        ),
      ),
      span: { from: 2001, to: 2001 + MAX_SPAN_YEARS - 1 },
    },
    // 500 pairs of duplicates that differ in hours: 500 groups, 500 warnings naming both figures.
    duplicatePairs: {
      activities: Array.from({ length: n }, (_, i) => ids({ ...c1(Math.floor(i / 2), '2023-06-01', false), days: 1 + (i % 2) }, i)),
    },
    // Public items without a theme in a themed year: the theme warnings list 1,000 long ids.
    themes: {
      activities: Array.from({ length: n }, (_, i) => ids({ ...c1(i, '2023-06-01', false), category: 'public', theme: LONG(100, i) }, i)),
    },
  };
}

export interface WorstCase {
  shape: string;
  bodyBytes: number;
  cpuMs: number;
  firstRunCpuMs: number;
  responseBytes: number;
}

export interface PreviewWorstBenchResult {
  name: 'preview_worst_case';
  value: number;
  unit: 'ms CPU';
  target: number;
  ok: boolean;
  extra: Record<string, number>;
}

/** Invalid bodies are answered too: every activity wrong in every field it has (a 400 with all details). */
export function invalidBody(): Body {
  return {
    activities: Array.from({ length: MAX_PREVIEW_ACTIVITIES }, (_, i) => ({
      id: '#' + LONG(99, i),
      kind: 'training',
      date: '2023-02-30',
      title: LONG(201, i),
      provider: LONG(201, i),
      category: 'neither',
      theme: LONG(101, i),
      days: -1,
      halfDays: 1.5,
      evenings: 'x',
    })),
  };
}

export async function measureWorstCases(runs = 7): Promise<WorstCase[]> {
  const app = createApp(depsWithoutStorage());
  const out: WorstCase[] = [];
  for (const [shape, body] of Object.entries({ ...worstBodies(), invalid: invalidBody() })) {
    const text = JSON.stringify(body);
    const bodyBytes = Buffer.byteLength(text);
    if (bodyBytes > PREVIEW_BODY_LIMIT.bytes) throw new Error(`${shape}: ${bodyBytes} bytes is over the limit`);
    const times: number[] = [];
    let responseBytes = 0;
    for (let r = 0; r < runs; r++) {
      const before = process.cpuUsage();
      const res = await app.request('/v1/hours/preview', { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });
      const answer = await res.text();
      const used = process.cpuUsage(before);
      if (res.status !== (shape === 'invalid' ? 400 : 200)) throw new Error(`${shape}: ${res.status} ${answer.slice(0, 300)}`);
      responseBytes = Buffer.byteLength(answer);
      times.push((used.user + used.system) / 1000);
    }
    const sorted = times.slice(1).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    out.push({ shape, bodyBytes, cpuMs: round(median), firstRunCpuMs: round(times[0]!), responseBytes });
  }
  return out;
}

const round = (ms: number) => Number(ms.toFixed(1));

export async function benchPreviewWorstCase(): Promise<PreviewWorstBenchResult> {
  const cases = await measureWorstCases();
  const worst = cases.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
  const extra: Record<string, number> = {
    budgetMs: PREVIEW_CPU_BUDGET_MS,
    bodyLimitBytes: PREVIEW_BODY_LIMIT.bytes,
    maxActivities: MAX_PREVIEW_ACTIVITIES,
    largestBodyBytes: Math.max(...cases.map((c) => c.bodyBytes)),
    largestResponseBytes: Math.max(...cases.map((c) => c.responseBytes)),
    firstRunCpuMs: Math.max(...cases.map((c) => c.firstRunCpuMs)),
  };
  for (const c of cases) extra[`${c.shape}CpuMs`] = c.cpuMs;
  return {
    name: 'preview_worst_case',
    value: worst.cpuMs,
    unit: 'ms CPU',
    target: PREVIEW_CPU_BUDGET_MS,
    ok: worst.cpuMs <= PREVIEW_CPU_BUDGET_MS,
    extra,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await measureWorstCases());
}

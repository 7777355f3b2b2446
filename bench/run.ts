/**
 * `npm run bench`: every benchmark of the project in one run, side by side, printed as a table and
 * written to bench/results.json as an array of {name, value, unit, target, ok} (plus `extra` figures:
 * the baseline each one is compared with, measured in the same run). Never a timed test: this
 * machine is shared and noisy, so figures are reported, not asserted.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: number;
  ok: boolean;
  extra?: Record<string, number>;
}

type Bench = { name: string; run: () => Promise<BenchResult> };

const benches: Bench[] = [
  { name: 'engine', run: async () => (await import('./engine')).benchEngine() },
  { name: 'bundle', run: async () => (await import('./bundle')).benchBundle() },
  {
    name: 'ingest',
    // Throughput (ingest.ts) with DynamoDB requests per record of a 1- and a 100-record batch beside it, now and
    // before the toolkit (ingest-requests.ts, issue 16), which reuses ingest.ts's seed and records.
    run: async () => {
      const result = await (await import('./ingest')).benchIngest();
      const { BEFORE, countIngestRequests } = await import('./ingest-requests');
      const requests = await countIngestRequests();
      return {
        ...result,
        extra: {
          ...result.extra,
          requestsPerRecord1: requests.oneRecord,
          requestsPerRecord100: requests.hundredRecords,
          requestsPerRecord1Before: BEFORE.oneRecord,
          requestsPerRecord100Before: BEFORE.hundredRecords,
        },
      };
    },
  },
  { name: 'import_5000', run: async () => (await import('./imports')).benchImport() },
  { name: 'people_list_p95', run: async () => (await import('./people-list')).benchPeopleList() },
  { name: 'latency', run: async () => (await import('./latency')).benchLatency() },
  { name: 'preview', run: async () => (await import('./preview')).benchPreview() },
  { name: 'preview_worst_case', run: async () => (await import('./preview-worst')).benchPreviewWorstCase() },
  { name: 'scale', run: async () => (await import('./scale')).benchScale() },
];

const only = process.argv.slice(2);
const results: BenchResult[] = [];
for (const bench of benches) {
  if (only.length && !only.includes(bench.name)) continue;
  process.stderr.write(`running ${bench.name}…\n`);
  results.push(await bench.run());
}

const rows = results.map((r) => ({
  name: r.name,
  value: `${r.value} ${r.unit}`,
  target: String(r.target),
  ok: r.ok ? 'yes' : 'NO',
  compared: Object.entries(r.extra ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' '),
}));
console.table(rows);

const out = join(fileURLToPath(new URL('.', import.meta.url)), 'results.json');
// `npm run bench name…` runs some: their entries replace those of the last full run, the rest are kept.
const kept: BenchResult[] = only.length && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as BenchResult[]) : [];
const merged = benches
  .map((b) => results.find((r) => r.name === b.name) ?? kept.find((r) => r.name === b.name))
  .filter((r): r is BenchResult => r !== undefined);
writeFileSync(out, JSON.stringify(merged, null, 2) + '\n');
console.log(`written ${out}`);

/**
 * Excel import of 5,000 people (issue 4 benchmark): a generated .xlsx read at the edge
 * (functions/http/xlsx.ts) and imported through the use-case, validation and chunked commit included,
 * against a DynamoDB Local started here, in memory. Each request runs for at most RUN_BUDGET_MS and the
 * client resumes (as the site does); the figure is the wall time until `committed`, all requests
 * together. Target: 30 s, what a clerk waits for a large unit's list without giving up. Prints nothing
 * when imported (bench/run.ts prints).
 */
import { pathToFileURL } from 'node:url';
import { readWorkbook, writeWorkbook } from '../functions/http/xlsx';
import { resumeImport, startImport } from '../functions/use-cases/imports/run';
import { PEOPLE_SHEET } from '../functions/use-cases/imports/templates';
import { generatedName, generatedResidentId, startBenchApp } from './local-app';

const PEOPLE = 5_000;
const TARGET_SECONDS = 30;

export interface ImportBenchResult {
  name: 'import_5000';
  value: number;
  unit: 's';
  target: number;
  ok: boolean;
  extra: { rowsPerSecond: number; fileBytes: number; chunks: number; requests: number };
}

/** The people template filled in as a clerk would: IDs as text, the unit by name, a title and education. */
async function generateFile(): Promise<Uint8Array> {
  const rows = Array.from({ length: PEOPLE }, (_, n) => [
    generatedResidentId(n),
    generatedName(n),
    n % 2 ? '长沙市中心医院' : 'unit-hospital',
    '卫生',
    ['初级', '中级', '副高级', '正高级'][n % 4]!,
    ['大学本科', '硕士研究生', '博士研究生'][n % 3]!,
    n % 3 === 2 ? 2010 + (n % 12) : null,
  ]);
  return writeWorkbook([{ name: PEOPLE_SHEET.name, columns: PEOPLE_SHEET.columns, rows }]);
}

export async function benchImport(): Promise<ImportBenchResult> {
  const bench = await startBenchApp();
  try {
    const file = await generateFile();
    const started = performance.now();
    const sheets = await readWorkbook(file);
    const clerk = bench.principalOf('clerk-hospital');
    let result = await startImport(bench.deps, clerk, { type: 'people', sheets, fileName: 'bench.xlsx' });
    // A run stops at its time budget (RUN_BUDGET_MS) and the client resumes, as the site does.
    let requests = 1;
    while (result.status === 'committing' && result.resumable) {
      result = await resumeImport(bench.deps, clerk, result.id);
      requests++;
    }
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'committed' || result.counts.people !== PEOPLE) {
      throw new Error(`import did not commit: ${result.status}, ${result.errorCount} errors, ${JSON.stringify(result.failure)}`);
    }
    const value = Number(seconds.toFixed(2));
    return {
      name: 'import_5000',
      value,
      unit: 's',
      target: TARGET_SECONDS,
      ok: value <= TARGET_SECONDS,
      extra: { rowsPerSecond: Math.round(PEOPLE / seconds), fileBytes: file.byteLength, chunks: result.chunkCount, requests },
    };
  } finally {
    await bench.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchImport(), null, 2));
}

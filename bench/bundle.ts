/**
 * The Lambda bundles (issue 7 item 9): the API bundle's minified size (the figure with the 750 KB
 * target), and its cold import in a fresh Node process against a bare Hono hello handler bundled
 * with the same esbuild options, in the same run; the same two figures for the Excel function's
 * bundle beside them. Built by infra/bundle.ts exactly as the stack deploys them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ENV } from '../shared/contract';
import { apiBuildOptions, buildLambda, REPO_ROOT } from '../infra/bundle';

const TARGET_BYTES = 750 * 1024;
const RUNS = 7;

export interface BundleBenchResult {
  name: 'bundle';
  value: number;
  unit: 'KB';
  target: number;
  ok: boolean;
  extra: {
    coldImportMs: number;
    helloColdImportMs: number;
    ratio: number;
    helloKB: number;
    excelKB: number;
    excelColdImportMs: number;
    excelRatio: number;
  };
}

/** Median wall time of `import(file)` in fresh Node processes. */
function coldImportMs(file: string, env: Record<string, string>): number {
  const script = `const t=process.hrtime.bigint();await import(${JSON.stringify(pathToFileURL(file).href)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      encoding: 'utf8',
    });
    times.push(Number(out.trim()));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchBundle(): Promise<BundleBenchResult> {
  // Inside the repo, so the external @aws-sdk/* resolves from node_modules as the runtime's copy would.
  const dir = join(REPO_ROOT, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const apiOut = join(dir, 'api.mjs');
  await buildLambda('api', apiOut);
  const excelOut = join(dir, 'excel.mjs');
  await buildLambda('excel', excelOut);

  const helloEntry = join(dir, 'hello.ts');
  writeFileSync(
    helloEntry,
    "import { Hono } from 'hono';\nimport { handle } from 'hono/aws-lambda';\nexport const handler = handle(new Hono().get('/', (c) => c.text('hello')));\n",
  );
  const helloOut = join(dir, 'hello.mjs');
  await build({ ...apiBuildOptions(helloOut), entryPoints: [helloEntry] });

  const lambdaEnv = {
    [ENV.TENANT]: '430100',
    [ENV.TABLE_NAME]: 'bench-table',
    [ENV.EVIDENCE_BUCKET]: 'bench-bucket',
    [ENV.OIDC_ISSUER]: 'https://cognito-idp.cn-north-1.amazonaws.com.cn/pool',
    [ENV.OIDC_AUDIENCE]: 'client',
    [ENV.CURSOR_SECRET]: 'bench-cursor-secret-0123456789abcdef0123',
    [ENV.ORIGIN_SECRET]: 'bench-origin-secret-0123456789abcdef0123',
    AWS_REGION: 'cn-north-1',
  };
  const api = coldImportMs(apiOut, lambdaEnv);
  const excel = coldImportMs(excelOut, lambdaEnv);
  const hello = coldImportMs(helloOut, lambdaEnv);
  const kb = statSync(apiOut).size / 1024;
  const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
  return {
    name: 'bundle',
    value: Math.round(kb),
    unit: 'KB',
    target: TARGET_BYTES / 1024,
    ok: kb * 1024 <= TARGET_BYTES,
    extra: {
      coldImportMs: round(api, 1),
      helloColdImportMs: round(hello, 1),
      ratio: round(api / hello, 2),
      helloKB: Math.round(statSync(helloOut).size / 1024),
      excelKB: Math.round(statSync(excelOut).size / 1024),
      excelColdImportMs: round(excel, 1),
      excelRatio: round(excel / hello, 2),
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchBundle(), null, 2));
}

/**
 * The Lambda bundles (issue 16 item 7), built by infra/bundle.ts exactly as the stack deploys them,
 * against a bare Hono hello handler bundled with the same esbuild options, in the same run:
 *
 * - size: the API's entry chunk (`index.mjs`, what the runtime imports at cold start), and beside
 *   it the entry plus every chunk a typical signed-in request loads (the app chunk and what it
 *   imports statically; not the S3/Cognito/Lambda adapters, loaded only by the routes that use them);
 * - time, median of fresh Node processes: the cold import alone, and the cold import plus the
 *   first handled request. The API imports its app on the first request (functions/lambda-handler.ts),
 *   so only the second figure compares like with like. The request is `GET /v1/me` through
 *   CloudFront without a token: every module a signed-in request needs is loaded and the whole
 *   middleware chain runs, but no network call is made (the answer is 401), so the figure is code
 *   loading, not DynamoDB or the JWKS endpoint;
 * - the metafile breakdown of the API's bytes by contributor, printed to stderr.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { ENV, ORIGIN_SECRET_HEADER } from '../shared/contract';
import { apiBuildOptions, buildLambda, ENTRY_FILE, REPO_ROOT } from '../infra/bundle';

/** Issue 16: the entry ≤ 250 KB and cold start ≤ 10× the bare Hono bundle's. */
const TARGET_BYTES = 250 * 1024;
const TARGET_RATIO = 10;
const RUNS = 7;
const ORIGIN_SECRET = 'bench-origin-secret-0123456789abcdef0123';

export interface BundleBenchResult {
  name: 'bundle';
  value: number;
  unit: 'KB';
  target: number;
  ok: boolean;
  extra: {
    typicalRequestKB: number;
    /** Import time of the AWS SDK packages a typical request loads (external: not in the KB, but in the ms). */
    sdkImportMs: number;
    coldImportMs: number;
    helloColdImportMs: number;
    ratio: number;
    firstRequestMs: number;
    helloFirstRequestMs: number;
    firstRequestRatio: number;
    helloKB: number;
    excelKB: number;
    excelFirstRequestMs: number;
    excelRatio: number;
  };
}

/** An API Gateway (HTTP API, payload 2.0) event as CloudFront forwards it. */
function event(path: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example', accept: '*/*', [ORIGIN_SECRET_HEADER]: ORIGIN_SECRET },
    requestContext: {
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      routeKey: '$default',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

/** Median import time and median import + first request time, in fresh Node processes. */
function coldStart(
  file: string,
  path: string,
  expectStatus: number,
  env: Record<string, string>,
): { importMs: number; firstRequestMs: number } {
  const script = [
    'const t=process.hrtime.bigint();',
    `const m=await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const i=process.hrtime.bigint();',
    `const r=await m.handler(${JSON.stringify(event(path))},{});`,
    'const d=process.hrtime.bigint();',
    'console.log(JSON.stringify({i:Number(i-t)/1e6,d:Number(d-t)/1e6,s:r.statusCode}))',
  ].join('');
  const imports: number[] = [];
  const firsts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      encoding: 'utf8',
    });
    const run = JSON.parse(out.trim().split('\n').pop()!) as { i: number; d: number; s: number };
    // A bundle that fails to start answers 500 quickly: never report that as a fast cold start.
    if (run.s !== expectStatus) throw new Error(`${file} answered ${run.s} to ${path}, expected ${expectStatus}`);
    imports.push(run.i);
    firsts.push(run.d);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { importMs: median(imports), firstRequestMs: median(firsts) };
}

/** Bytes of `file` and of every chunk it imports statically, transitively: what loading it loads. */
function loadedBytes(meta: Metafile, file: string, seen = new Set<string>()): number {
  if (seen.has(file)) return 0;
  seen.add(file);
  const out = meta.outputs[file]!;
  return out.imports
    .filter((i) => i.kind === 'import-statement' && !i.external)
    .reduce((sum, i) => sum + loadedBytes(meta, i.path, seen), out.bytes);
}

/** External packages imported statically by `file` and the chunks it loads. */
function loadedExternals(meta: Metafile, file: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(file)) return found;
  seen.add(file);
  for (const i of meta.outputs[file]!.imports) {
    if (i.kind !== 'import-statement') continue;
    if (i.external) found.add(i.path);
    else loadedExternals(meta, i.path, seen, found);
  }
  return found;
}

/** Median time to import `packages` in fresh Node processes, from the repository (where they resolve). */
function importMs(packages: string[]): number {
  const script = `const t=process.hrtime.bigint();await Promise.all(${JSON.stringify(packages)}.map((p)=>import(p)));console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const times = Array.from({ length: RUNS }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' }).trim()),
  );
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** Output bytes by contributor: each npm package, and our code by folder. */
export function breakdown(meta: Metafile): [string, number][] {
  const groups = new Map<string, number>();
  for (const out of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const key =
        pkg ??
        `ours: ${input
          .split('/')
          .slice(0, input.startsWith('functions/') ? 2 : 1)
          .join('/')}`;
      groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}

export async function benchBundle(): Promise<BundleBenchResult> {
  // Inside the repo, so the external @aws-sdk/* resolves from node_modules as the runtime's copy would.
  const dir = join(REPO_ROOT, 'bench', 'out');
  const apiDir = join(dir, 'api');
  const excelDir = join(dir, 'excel');
  const helloDir = join(dir, 'hello');
  for (const d of [apiDir, excelDir, helloDir]) rmSync(d, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { metafile } = await buildLambda('api', apiDir, { metafile: true });
  await buildLambda('excel', excelDir);

  const helloEntry = join(dir, 'hello.ts');
  writeFileSync(
    helloEntry,
    "import { Hono } from 'hono';\nimport { handle } from 'hono/aws-lambda';\nexport const handler = handle(new Hono().get('/', (c) => c.text('hello')));\n",
  );
  await build({ ...apiBuildOptions(helloDir), entryPoints: { index: helloEntry } });

  const lambdaEnv = {
    [ENV.TENANT]: '430100',
    [ENV.TABLE_NAME]: 'bench-table',
    [ENV.EVIDENCE_BUCKET]: 'bench-bucket',
    [ENV.OIDC_ISSUER]: 'https://cognito-idp.cn-north-1.amazonaws.com.cn/pool',
    [ENV.OIDC_AUDIENCE]: 'client',
    [ENV.CURSOR_SECRET]: 'bench-cursor-secret-0123456789abcdef0123',
    [ENV.ORIGIN_SECRET]: ORIGIN_SECRET,
    [ENV.LOG_LEVEL]: 'error',
    AWS_REGION: 'cn-north-1',
  };
  const entry = (d: string) => join(d, ENTRY_FILE);
  const api = coldStart(entry(apiDir), '/v1/me', 401, lambdaEnv);
  // The Excel function's typical request: a template download, here without a token.
  const excel = coldStart(entry(excelDir), '/v1/imports/templates/people', 401, lambdaEnv);
  const hello = coldStart(entry(helloDir), '/', 200, lambdaEnv);

  const entryOutput = Object.keys(metafile!.outputs).find((f) => f.endsWith(`/${ENTRY_FILE}`))!;
  const kb = statSync(entry(apiDir)).size / 1024;
  const typicalKB =
    loadedBytes(metafile!, entryOutput) / 1024 +
    [...dynamicApp(metafile!, entryOutput)].reduce((s, f) => s + loadedBytes(metafile!, f) / 1024, 0);
  const sdk = [...new Set([entryOutput, ...dynamicApp(metafile!, entryOutput)].flatMap((f) => [...loadedExternals(metafile!, f)]))].filter(
    (p) => p.startsWith('@aws-sdk/'),
  );
  const sdkMs = importMs(sdk);
  process.stderr.write(`AWS SDK packages a typical request imports (external): ${sdk.join(', ')}\n`);
  const total = Object.values(metafile!.outputs).reduce((s, o) => s + o.bytes, 0);
  process.stderr.write(`API bundle by contributor (all chunks, ${(total / 1024).toFixed(0)} KB):\n`);
  for (const [name, bytes] of breakdown(metafile!).slice(0, 15))
    process.stderr.write(`  ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${name}\n`);

  const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
  const ratio = api.importMs / hello.importMs;
  return {
    name: 'bundle',
    value: round(kb, 1),
    unit: 'KB',
    target: TARGET_BYTES / 1024,
    ok: kb * 1024 <= TARGET_BYTES && ratio <= TARGET_RATIO,
    extra: {
      typicalRequestKB: Math.round(typicalKB),
      sdkImportMs: round(sdkMs, 1),
      coldImportMs: round(api.importMs, 1),
      helloColdImportMs: round(hello.importMs, 1),
      ratio: round(ratio, 2),
      firstRequestMs: round(api.firstRequestMs, 1),
      helloFirstRequestMs: round(hello.firstRequestMs, 1),
      firstRequestRatio: round(api.firstRequestMs / hello.firstRequestMs, 2),
      helloKB: Math.round(statSync(entry(helloDir)).size / 1024),
      excelKB: Math.round(statSync(entry(excelDir)).size / 1024),
      excelFirstRequestMs: round(excel.firstRequestMs, 1),
      excelRatio: round(excel.firstRequestMs / hello.firstRequestMs, 2),
    },
  };
}

/** The chunk the entry imports dynamically for every request: the app (functions/lambda-handler.ts). */
function dynamicApp(meta: Metafile, entry: string): string[] {
  return meta.outputs[entry]!.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchBundle(), null, 2));
}

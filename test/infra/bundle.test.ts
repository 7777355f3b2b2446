import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createAccountDirectory } from '../../functions/adapters/dynamo/accounts.js';
import { createTestTable } from '../support/services.js';
import { buildLambda, ENTRY_FILE, type LambdaName, LAMBDAS, REPO_ROOT, REQUIRE_SHIM, ZOD_LOCALES } from '../../infra/bundle.js';
import type { BundleRequest, BundleResponse } from './invoke-bundle.js';
import { resourcesOf, synth } from './fixture.js';

/** Logical-ID prefix of each Lambda's function resource in the stack. */
const FUNCTION_IDS: Partial<Record<LambdaName, string>> = {
  api: 'ApiFunction',
  excel: 'ApiExcelFunction',
  'close-notices': 'JobsCloseNoticesFunction',
  'evidence-check': 'JobsEvidenceCheckFunction',
  export: 'ExportsJobFunction',
  'scrub-cloudfront-logs': 'AccessLogsScrubberFunction',
  // The tenant's end of the province intake, on with provinceDirectoryKeyArn below.
  'province-forwarded': 'ProvinceForwardedFunction',
};
/** The province stack's own functions: not in a tenant stack, built here as its synthesis would. */
const PROVINCE_ONLY: LambdaName[] = ['province-api', 'province-inbox', 'province-sweep'];
const PROVINCE_KEY_ARN = 'arn:aws:secretsmanager:ap-southeast-1:210987654321:secret:DirectoryKey-AbCdEf';

/** Issue 16: the API's entry chunk, what the runtime imports at cold start (bench/bundle.ts). */
const TARGET_BYTES = 250 * 1024;
/** Two strings only exceljs's code carries: the workbook part it writes and its package name in errors. */
const EXCELJS_MARKERS = ['xl/workbook.xml', 'sharedStrings.xml'];

/**
 * The one test that bundles for real: `cdk synth` runs the local esbuild (never Docker) through
 * infra/build-lambda.ts for every function, and the output is checked as shipped.
 */
describe('the Lambda bundles', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'xueshi-cdk-out-'));
  const { template } = synth({ provinceDirectoryKeyArn: PROVINCE_KEY_ARN }, { bundle: true, outdir });
  /** The folder the stack zips for one function: `index.mjs` and its chunks. */
  const assetDir = (name: LambdaName) => {
    const fns = resourcesOf(template, 'AWS::Lambda::Function').filter(([id]) => id.startsWith(FUNCTION_IDS[name]!));
    expect(fns).toHaveLength(1);
    const key = String(fns[0]![1].Code.S3Key);
    return join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
  };
  const files = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.mjs'))
      .sort();
  /** The entry alone. */
  const text = (name: LambdaName) => readFileSync(join(assetDir(name), ENTRY_FILE), 'utf8');
  /** Every file shipped: what the function can ever run. */
  const shipped = (name: LambdaName) =>
    files(assetDir(name))
      .map((f) => readFileSync(join(assetDir(name), f), 'utf8'))
      .join('\n');
  const names = (Object.keys(LAMBDAS) as LambdaName[]).filter((n) => !PROVINCE_ONLY.includes(n));

  it.each(PROVINCE_ONLY)('%s (province stack) builds to an ESM handler with the AWS SDK external and no exceljs', async (name) => {
    const dir = join(outdir, `${name}-province`);
    const out = await buildLambda(name, dir, { write: false });
    const entry = out.outputFiles!.find((f) => relative(dir, f.path) === ENTRY_FILE)!;
    const js = new TextDecoder().decode(entry.contents);
    const all = out.outputFiles!.map((f) => new TextDecoder().decode(f.contents)).join('\n');
    expect(js.startsWith(REQUIRE_SHIM)).toBe(true);
    expect(js).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{\s*handler\s*\}/);
    expect(all).toMatch(/@aws-sdk\/client-secrets-manager/);
    for (const marker of EXCELJS_MARKERS) expect(all).not.toContain(marker);
  });

  it('keeps the SQS and Secrets Manager clients out of the city API bundle (imported by the province functions only)', () => {
    expect(shipped('api')).not.toContain('@aws-sdk/client-sqs');
    expect(shipped('api')).not.toContain('@aws-sdk/client-secrets-manager');
    expect(shipped('province-forwarded')).toContain('@aws-sdk/client-sqs');
  });

  it.each(names)('%s is ESM with the require shim, exports the handler and leaves the runtime AWS SDK external', (name) => {
    const js = text(name);
    expect(js.startsWith(REQUIRE_SHIM)).toBe(true);
    expect(js).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{\s*handler\s*\}/);
    expect(shipped(name)).toMatch(/from\s*"@aws-sdk\//);
    expect(shipped(name)).not.toContain('/v1/dev/');
    console.info(`${name} bundle: ${(Buffer.byteLength(js) / 1024).toFixed(1)} KiB minified`);
  });

  it('keeps the API entry under 250 KB, with no exceljs in any chunk: the Excel routes run in their own function', () => {
    expect(Buffer.byteLength(text('api'))).toBeLessThan(TARGET_BYTES);
    // The entry imports the app on the first request; its chunk ships beside it.
    expect(text('api')).toMatch(/import\("\.\/chunks\/lambda-app-[A-Z0-9]+\.mjs"\)/);
    const api = shipped('api');
    for (const marker of EXCELJS_MARKERS) expect(api).not.toContain(marker);
    expect(api).toContain('exceljs is not in this bundle');
    for (const marker of EXCELJS_MARKERS) expect(shipped('excel')).toContain(marker);
    // The export job writes its workbook with exceljs's streaming writer: the library is in that bundle alone besides.
    for (const marker of EXCELJS_MARKERS) expect(shipped('export')).toContain(marker);
  });

  it.each(names)('%s is byte for byte what infra/bundle.ts builds, so the bench measures the deployed bundle', async (name) => {
    // Built right after the synthesis, so both see the same functions/ even while others edit it.
    const directDir = join(outdir, `${name}-direct`);
    const direct = await buildLambda(name, directDir, { write: false });
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const built = Object.fromEntries(direct.outputFiles!.map((f) => [relative(directDir, f.path), sha(f.contents)]));
    const deployed = Object.fromEntries(files(assetDir(name)).map((f) => [f, sha(readFileSync(join(assetDir(name), f)))]));
    expect(deployed).toEqual(built);
  });

  it.each(names)('%s carries only the zod locales in use', async (name) => {
    const { metafile } = await buildLambda(name, join(outdir, `${name}-meta`), { write: false, metafile: true });
    const locales = Object.keys(metafile!.inputs)
      .filter((f) => f.includes('zod/v4/locales/'))
      .map((f) => f.split('/').pop());
    expect(locales.sort()).toEqual(Object.values(ZOD_LOCALES).sort());
  });

  it('imports the S3, Cognito and Lambda SDKs only when a route uses them, never on a typical request', async () => {
    const { metafile } = await buildLambda('api', join(outdir, 'api-lazy'), { write: false, metafile: true });
    const outputs = metafile!.outputs;
    const entry = Object.keys(outputs).find((f) => f.endsWith(`/${ENTRY_FILE}`))!;
    // What a request loads: the entry, the app it imports on the first request, and their static imports.
    const loaded = new Set<string>();
    const sdk = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const i of outputs[file]!.imports) {
        if (i.external && i.kind === 'import-statement') sdk.add(i.path);
        else if (!i.external && (i.kind === 'import-statement' || file === entry)) visit(i.path);
      }
    };
    visit(entry);
    expect([...sdk]).toContain('@aws-sdk/lib-dynamodb');
    const everywhere = new Set(Object.values(outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    for (const lazy of [
      '@aws-sdk/client-s3',
      '@aws-sdk/s3-presigned-post',
      '@aws-sdk/client-cognito-identity-provider',
      '@aws-sdk/client-lambda',
    ]) {
      expect(everywhere).toContain(lazy);
      expect(sdk).not.toContain(lazy);
    }
  });

  /** Cold-starts a bundle in a fresh Node process, from inside the repo so `@aws-sdk/*` resolves as in the runtime. */
  const invoke = (name: LambdaName, requests: BundleRequest[]): BundleResponse[] => {
    const dir = join(REPO_ROOT, '.test-data', 'bundles');
    mkdirSync(dir, { recursive: true });
    // The whole folder: the entry imports its chunks by relative path.
    const bundleDir = join(dir, `${name}-${process.pid}`);
    cpSync(assetDir(name), bundleDir, { recursive: true });
    const file = join(bundleDir, ENTRY_FILE);
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    try {
      const script = join(REPO_ROOT, 'test', 'infra', 'invoke-bundle.ts');
      const out = execFileSync(process.execPath, ['--import', tsx, script, file, JSON.stringify(requests)], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          // The account directory is read on every signed-in request: the run's DynamoDB Local stands in.
          AWS_ENDPOINT_URL_DYNAMODB: directory.endpoint,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          BUNDLE_TEST_TABLE: directory.tableName,
        },
      });
      return JSON.parse(out.trim().split('\n').pop()!) as BundleResponse[];
    } finally {
      rmSync(bundleDir, { recursive: true, force: true });
    }
  };
  // The token proves only the identity; the directory (seeded below) makes it unit-1's clerk.
  const clerk = { sub: 'clerk-1', name: '经办人' };
  const directory = { endpoint: '', tableName: '' };
  beforeAll(async () => {
    const { db, tableName } = await createTestTable();
    Object.assign(directory, { endpoint: inject('dynamoDbEndpoint'), tableName });
    await createAccountDirectory(db, tableName).put({
      id: 'clerk-1',
      name: '经办人',
      role: 'unit_clerk',
      orgId: 'unit-1',
      status: 'active',
      subject: 'clerk-1',
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'test',
    });
  });

  it('starts the API function, which documents the Excel routes but does not serve them', { timeout: 60_000 }, () => {
    const [health, doc, imports, direct] = invoke('api', [
      { method: 'GET', path: '/v1/health' },
      { method: 'GET', path: '/v1/openapi.json' },
      { method: 'GET', path: '/v1/imports/templates/people', claims: clerk },
      { method: 'GET', path: '/v1/health', direct: true },
    ]);
    expect(health!.statusCode).toBe(200);
    // The release the stack set in the function's environment.
    expect(JSON.parse(health!.body)).toEqual({ status: 'ok', version: '9.9.9', commit: 'abcdef1' });
    // Without CloudFront's origin secret (the execute-api endpoint called directly): refused.
    expect(direct!.statusCode).toBe(403);
    expect(JSON.parse(direct!.body).error.code).toBe('origin_forbidden');
    expect(doc!.statusCode).toBe(200);
    const paths = Object.keys((JSON.parse(doc!.body) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/v1/health', '/v1/imports', '/v1/imports/templates/{type}', '/v1/units/{unitId}/summary.xlsx']),
    );
    expect(imports!.statusCode).toBe(404);
  });

  it('starts the Excel function, which writes a workbook with exceljs and serves nothing else', { timeout: 60_000 }, () => {
    const [template, anonymous, health, direct] = invoke('excel', [
      { method: 'GET', path: '/v1/imports/templates/people', claims: clerk },
      { method: 'GET', path: '/v1/imports/templates/people' },
      { method: 'GET', path: '/v1/health' },
      { method: 'GET', path: '/v1/imports/templates/people', claims: clerk, direct: true },
    ]);
    expect(direct!.statusCode).toBe(403);
    expect(template!.statusCode).toBe(200);
    expect(template!.headers['content-type']).toContain('spreadsheetml');
    // An .xlsx is a zip: "PK".
    expect(
      Buffer.from(template!.body, template!.isBase64Encoded ? 'base64' : 'utf8')
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(anonymous!.statusCode).toBe(401);
    expect(health!.statusCode).toBe(404);
  });
});

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type BuildResult, type Plugin } from 'esbuild';

/**
 * The one definition of how each Lambda is bundled. The stack (infra/lambda-code.ts, through
 * infra/build-lambda.ts) and everything else that needs the same bytes (the bench's size and
 * cold-import figures, the test proving dev routes and exceljs stay out) build from here, so they
 * cannot drift apart. esbuild's JS API rather than NodejsFunction: the bundles need plugins, which
 * NodejsFunction's CLI bundling cannot take. No CDK here: the build script loads this file for
 * every bundle, and aws-cdk-lib would only slow it down.
 */

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

interface LambdaBundle {
  /** Entry point, relative to the repository root. */
  readonly entry: string;
  /**
   * Packages replaced by a stub that throws when used, each with the reason: code that imports
   * them is bundled but never runs in this function.
   */
  readonly leaveOut?: Readonly<Record<string, string>>;
}

/** Every Lambda built from functions/. */
export const LAMBDAS = {
  /**
   * The HTTP API except the Excel routes: `handle(createApp(deps, { groups: ['core'] }))`. The
   * Excel routes' modules are still bundled, because this app documents them in /v1/openapi.json
   * (functions/http/app.ts registers them without handlers), so exceljs, ~1 MB with its
   * dependencies, is left out here and lives only in the Excel function.
   */
  api: {
    entry: 'functions/lambda.ts',
    leaveOut: { exceljs: 'the Excel routes run in the Excel function (infra/constructs/api.ts routes their paths there)' },
  },
  /** The Excel route group (imports, the unit summary .xlsx), with exceljs. */
  excel: { entry: 'functions/lambda-excel.ts' },
  /** Closes notices whose end has passed, on a schedule. */
  'close-notices': { entry: 'functions/jobs/close-notices.ts' },
  /** Writes a multi-unit .xlsx export to S3, invoked asynchronously by the API (with exceljs). */
  export: { entry: 'functions/jobs/export-job.ts' },
  /** Checks an evidence file when S3 reports it created. */
  'evidence-check': { entry: 'functions/jobs/evidence-check.ts' },
  /** Rewrites each CloudFront log file without query strings when it arrives in the access-log bucket. */
  'scrub-cloudfront-logs': { entry: 'functions/jobs/scrub-cloudfront-logs.ts' },
  /** The province stack's intake API (issue 17): bases' records and the provincial hr office's register. */
  'province-api': { entry: 'functions/province/api.ts', leaveOut: { exceljs: 'the province has no Excel routes' } },
  /** The province's inbox: tenants' directory events and receipts. */
  'province-inbox': { entry: 'functions/province/inbox.ts', leaveOut: { exceljs: 'no Excel here' } },
  /** The province's schedule: resends overdue forwards, routes what became routable. */
  'province-sweep': { entry: 'functions/province/sweep.ts', leaveOut: { exceljs: 'no Excel here' } },
  /** A tenant's consumer of records the province forwards to its queue. */
  'province-forwarded': { entry: 'functions/province/forwarded.ts', leaveOut: { exceljs: 'no Excel here' } },
} as const satisfies Record<string, LambdaBundle>;

export type LambdaName = keyof typeof LAMBDAS;

export function isLambdaName(value: string | undefined): value is LambdaName {
  return value !== undefined && Object.prototype.hasOwnProperty.call(LAMBDAS, value);
}

/** Entry point of the API Lambda: a handler that imports the app on the first request (functions/lambda-handler.ts). */
export const API_ENTRY = join(REPO_ROOT, LAMBDAS.api.entry);

/** Matches the Lambda runtime (Node.js 22) so esbuild down-levels nothing it does not have to. */
export const NODE_TARGET = 'node22';

/**
 * ESM output still meets CommonJS dependencies that call `require` for Node built-ins; esbuild
 * cannot rewrite those, so the bundle defines `require` itself.
 */
export const REQUIRE_SHIM =
  "import { createRequire as __xueshiCreateRequire } from 'node:module'; const require = __xueshiCreateRequire(import.meta.url);";

/**
 * The Node.js 22 runtime ships AWS SDK v3 (every client plus util-dynamodb, s3-request-presigner
 * and s3-presigned-post), so those modules stay out of the bundle: it keeps the API under the
 * 600 KB target (issue 7, item 9) and loads one consistent SDK version from the runtime.
 */
export const EXTERNAL_MODULES = ['@aws-sdk/*'];

/** Module resolution order: prefer ESM builds, which tree-shake. */
export const MAIN_FIELDS = ['module', 'main'];

/** The zod locales the code base uses: zod's default (en) and the API's language (functions/http/errors.ts). */
export const ZOD_LOCALES = { en: 'en.js', zhCN: 'zh-CN.js' } as const;

/**
 * zod's namespaces re-export all 60+ locales (`export * as locales from "../locales/index.js"` in
 * classic/external.js and core/index.js), and @hono/zod-openapi hands that whole namespace to
 * `extendZodWithOpenApi(z)`, so esbuild cannot drop any of them: about 250 KB of the bundle. This
 * plugin answers zod's own import of the locale index with one that re-exports only ZOD_LOCALES,
 * from the same files the code imports directly, so nothing is bundled twice.
 */
export const zodLocalesPlugin: Plugin = {
  name: 'xueshi-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'xueshi-zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'xueshi-zod-locales' }, () => ({
      contents: Object.entries(ZOD_LOCALES)
        .map(([name, file]) => `export { default as ${name} } from 'zod/v4/locales/${file}';`)
        .join('\n'),
      resolveDir: REPO_ROOT,
      loader: 'js',
    }));
  },
};

/**
 * Replaces each named package with a module whose default export throws on first use, naming the
 * package and why it is absent. Loading the stub does nothing, so code that imports the package
 * but never runs in this function costs a few bytes instead of the package. A named import of a
 * left-out package fails the build.
 */
export function leaveOutPlugin(packages: Readonly<Record<string, string>>): Plugin {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const filter = new RegExp(`^(${Object.keys(packages).map(escape).join('|')})$`);
  return {
    name: 'xueshi-leave-out',
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'xueshi-left-out' }));
      b.onLoad({ filter: /.*/, namespace: 'xueshi-left-out' }, (args) => ({
        contents: [
          `const message = ${JSON.stringify(`${args.path} is not in this bundle: ${packages[args.path] ?? ''}`)};`,
          // Symbols and `then` answer undefined, so inspecting or awaiting the stub does not throw.
          "export default new Proxy({}, { get(_, key) { if (typeof key === 'symbol' || key === 'then') return undefined; throw new Error(message); } });",
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}

/** The entry's file name in every bundle: what the functions' `index.handler` names. */
export const ENTRY_FILE = 'index.mjs';

/**
 * esbuild options for one Lambda bundle, written to `outdir`: the entry `index.mjs` and, where the
 * code imports a module dynamically (the API's app, functions/lambda-handler.ts; the adapters on
 * S3, Cognito and Lambda, functions/assemble.ts), ESM chunks under `chunks/` that load when first
 * imported. The stack zips the whole folder, so the chunks ship with the entry. Only `build`
 * (async) runs plugins, not `buildSync`.
 */
export function lambdaBuildOptions(name: LambdaName, outdir: string): BuildOptions {
  const bundle: LambdaBundle = LAMBDAS[name];
  return {
    entryPoints: { index: join(REPO_ROOT, bundle.entry) },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'esm',
    minify: true,
    sourcemap: false,
    mainFields: MAIN_FIELDS,
    external: EXTERNAL_MODULES,
    banner: { js: REQUIRE_SHIM },
    plugins: [zodLocalesPlugin, ...(bundle.leaveOut ? [leaveOutPlugin(bundle.leaveOut)] : [])],
    logLevel: 'warning',
  };
}

/** The API bundle's options (the bench's main figure). */
export function apiBuildOptions(outdir: string): BuildOptions {
  return lambdaBuildOptions('api', outdir);
}

/** Builds one Lambda bundle into `outdir` (`index.mjs` and its chunks) as the stack deploys it. */
export function buildLambda(name: LambdaName, outdir: string, extra: Pick<BuildOptions, 'metafile' | 'write'> = {}): Promise<BuildResult> {
  return build({ ...lambdaBuildOptions(name, outdir), ...extra });
}

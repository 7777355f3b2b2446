import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * The one definition of how the API Lambda is bundled. The stack (NodejsFunction, local esbuild)
 * and anything else that needs the same bytes (the bench's size and cold-import figures, the
 * test proving dev routes stay out) read it from here, so they cannot drift apart.
 */

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Entry point of the API Lambda: `export const handler = handle(createApp(deps))`. */
export const API_ENTRY = join(REPO_ROOT, 'functions', 'lambda.ts');

/** Matches the Lambda runtime (Node.js 22) so esbuild down-levels nothing it does not have to. */
export const NODE_TARGET = 'node22';

/**
 * ESM output still meets CommonJS dependencies that call `require` for Node built-ins; esbuild
 * cannot rewrite those, so the bundle defines `require` itself. Single quotes only: CDK passes the
 * banner to the esbuild CLI inside double quotes.
 */
export const REQUIRE_SHIM =
  "import { createRequire as __xueshiCreateRequire } from 'node:module'; const require = __xueshiCreateRequire(import.meta.url);";

/**
 * The Node.js 22 runtime ships AWS SDK v3 (every client plus util-dynamodb, s3-request-presigner
 * and s3-presigned-post), so those modules stay out of the bundle: it keeps the API under the
 * 600 KB target (SPEC issue 7, item 9) and loads one consistent SDK version from the runtime.
 */
export const EXTERNAL_MODULES = ['@aws-sdk/*'];

/** Module resolution order: prefer ESM builds, which tree-shake. */
export const MAIN_FIELDS = ['module', 'main'];

/** esbuild options for building the API bundle outside CDK (bench, tests). */
export function apiBuildOptions(outfile: string): BuildOptions {
  return {
    entryPoints: [API_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'esm',
    minify: true,
    sourcemap: false,
    mainFields: MAIN_FIELDS,
    external: EXTERNAL_MODULES,
    banner: { js: REQUIRE_SHIM },
    logLevel: 'warning',
  };
}

/** The same options in the shape NodejsFunction takes (local esbuild; never Docker). */
export const API_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: NODE_TARGET,
  minify: true,
  sourceMap: false,
  mainFields: MAIN_FIELDS,
  externalModules: EXTERNAL_MODULES,
  banner: REQUIRE_SHIM,
  forceDockerBundling: false,
};

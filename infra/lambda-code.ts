import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AssetHashType, type BundlingOptions, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { type LambdaName, REPO_ROOT } from './bundle.js';

/** tsx's loader, so the build script can import infra/bundle.ts (TypeScript) in a plain `node`. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const BUILD_SCRIPT = join(REPO_ROOT, 'infra', 'build-lambda.ts');

/**
 * Builds a bundle with the local esbuild, never Docker. Its fields are part of CDK's asset cache
 * key (AssetStaging serialises the bundling options), so each Lambda gets its own entry, and the
 * 15 tenant stacks of one synth share one build per Lambda.
 */
class LocalEsbuild implements ILocalBundling {
  constructor(readonly lambda: LambdaName) {}

  tryBundle(outputDir: string): boolean {
    execFileSync(process.execPath, ['--import', TSX_LOADER, BUILD_SCRIPT, this.lambda, outputDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return true;
  }
}

/**
 * The code of one Lambda from infra/bundle.ts: `index.mjs` and its chunks, byte for byte what `buildLambda` (and so
 * the bench) produces. The asset hash is the bundle's own, so an unchanged bundle is not uploaded
 * again. Stacks synthesised with `aws:cdk:bundling-stacks: []` skip the build, as for any asset.
 */
export function lambdaCode(lambda: LambdaName): Code {
  const bundling: BundlingOptions = {
    local: new LocalEsbuild(lambda),
    // Required by the type, never used: tryBundle builds or throws, so CDK never falls back to Docker.
    image: DockerImage.fromRegistry('none'),
  };
  return Code.fromAsset(join(REPO_ROOT, 'functions'), { assetHashType: AssetHashType.OUTPUT, bundling });
}

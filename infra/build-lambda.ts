import { buildLambda, isLambdaName, LAMBDAS } from './bundle.js';

/**
 * `node --import tsx infra/build-lambda.ts <lambda> <outdir>` writes `<outdir>/index.mjs` and its chunks. CDK's
 * local bundling (infra/lambda-code.ts) runs it in a child process because tryBundle is synchronous
 * and esbuild runs plugins only in its asynchronous API.
 */
const [name, outdir] = process.argv.slice(2);
if (!isLambdaName(name) || !outdir) {
  console.error(`usage: build-lambda.ts <${Object.keys(LAMBDAS).join('|')}> <outdir>`);
  process.exit(2);
}
await buildLambda(name, outdir);

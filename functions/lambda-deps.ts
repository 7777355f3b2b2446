import { assembleDeps } from './assemble.js';
import { loadConfig } from './config.js';
import type { AppDeps } from './deps.js';

/**
 * The app's dependencies in Lambda, for both API functions (functions/lambda.ts, lambda-excel.ts):
 * functions/assemble.ts from the environment alone. Called once per container, so config, clients
 * and the JWKS cache outlive single requests. Creating a client makes no call, and the S3, Cognito
 * and Lambda clients are not even created until a request uses one, so a function whose role
 * cannot reach a service (the Excel function has no S3 or Cognito grants) only fails if a route it
 * does not serve were to use one.
 */
export function createLambdaDeps(env: Record<string, string | undefined>): AppDeps {
  const config = loadConfig(env);
  if (config.mode !== 'aws' || !config.oidc) throw new Error('The Lambda build runs in aws mode with an OIDC issuer');
  if (!config.cursorKey) throw new Error('The Lambda build needs a cursor secret');
  return assembleDeps({ config });
}

// First: @hono/zod-openapi extends zod when it loads (as in functions/lambda.ts).
import '@hono/zod-openapi';
import { handle } from 'hono/aws-lambda';
import * as z from 'zod';
import { ENV } from '../../shared/contract.js';
import { createExternalIdentityAdmin } from '../adapters/identity/cognito-identity.js';
import { createJwksVerifier } from '../auth/token-verifier.js';
import { createProvinceApp } from '../http/province-app.js';
import { PROVINCE_TENANT } from '../use-cases/province/bases.js';
import { loadOnce } from '../load-once.js';
import { createProvinceDepsSource } from './deps.js';
import { parseEnv, ProvinceEnvSchema } from './env.js';

/**
 * The province intake's API Lambda (issue 17): bases post with their key; the provincial hr office
 * signs in with the province's OIDC issuer. Built once per container, after the directory key is read.
 */
const env = parseEnv(
  ProvinceEnvSchema.extend({
    [ENV.OIDC_ISSUER]: z.url(),
    [ENV.OIDC_AUDIENCE]: z.string().min(1),
    [ENV.OIDC_JWKS_URL]: z.url().optional(),
    [ENV.RELEASE_VERSION]: z.string().default('dev'),
    [ENV.RELEASE_COMMIT]: z.string().default('unknown'),
  }),
  process.env,
);
const source = createProvinceDepsSource(env);

async function build() {
  const deps = await source.deps();
  const provinceApp = createProvinceApp({
    ...deps,
    ...deps.repositories,
    config: { tenant: PROVINCE_TENANT, release: { version: env[ENV.RELEASE_VERSION], commit: env[ENV.RELEASE_COMMIT] } },
    tokens: createJwksVerifier({ issuer: env[ENV.OIDC_ISSUER], audience: env[ENV.OIDC_AUDIENCE], jwksUrl: env[ENV.OIDC_JWKS_URL] }),
    // The province's accounts are few and made by the operator (docs/deploy.md): no account administration here.
    identity: createExternalIdentityAdmin({ acr: [], amr: [] }),
    log: source.log,
  });
  return handle(provinceApp) as (event: unknown, context: unknown) => Promise<unknown>;
}

/** The app, built on the first request (its deps read the directory key); a failed build is retried. */
const app = loadOnce(build);

export async function handler(event: unknown, context: unknown): Promise<unknown> {
  return (await app())(event, context);
}

import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ENV, TENANT_CODES } from '../shared/contract.js';

/**
 * Environment parsed once, at cold start, with zod: a misconfigured stack fails at boot with a
 * readable list of what is wrong instead of deep inside a request.
 */
const ConfigSchema = z
  .object({
    [ENV.TENANT]: z.enum(TENANT_CODES as [string, ...string[]]),
    [ENV.TABLE_NAME]: z.string().min(3),
    [ENV.EVIDENCE_BUCKET]: z.string().min(3),
    [ENV.MODE]: z.enum(['local', 'aws']).default('aws'),
    [ENV.OIDC_ISSUER]: z.url().optional(),
    [ENV.OIDC_AUDIENCE]: z.string().min(1).optional(),
    [ENV.OIDC_JWKS_URL]: z.url().optional(),
    [ENV.USER_POOL_ID]: z.string().min(1).optional(),
    [ENV.OIDC_REQUIRED_ACR]: z.string().max(1000).optional(),
    [ENV.OIDC_REQUIRED_AMR]: z.string().max(1000).optional(),
    [ENV.SITE_ORIGIN]: z.string().default('http://localhost:3000'),
    [ENV.DYNAMODB_ENDPOINT]: z.url().optional(),
    [ENV.S3_ENDPOINT]: z.url().optional(),
    [ENV.LOG_LEVEL]: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    [ENV.CURSOR_SECRET]: z.string().min(32).max(4096).optional(),
    [ENV.ORIGIN_SECRET]: z.string().min(32).max(4096).optional(),
    [ENV.EXPORT_FUNCTION]: z.string().min(1).max(200).optional(),
    [ENV.RELEASE_VERSION]: z.string().min(1).max(64).default('dev'),
    [ENV.RELEASE_COMMIT]: z.string().min(1).max(64).default('unknown'),
  })
  .refine((env) => env[ENV.MODE] === 'local' || (env[ENV.OIDC_ISSUER] && env[ENV.OIDC_AUDIENCE]), {
    message: `${ENV.OIDC_ISSUER} and ${ENV.OIDC_AUDIENCE} are required outside local mode`,
  })
  .refine((env) => env[ENV.MODE] === 'local' || env[ENV.CURSOR_SECRET], {
    message: `${ENV.CURSOR_SECRET} is required outside local mode (every container must open every other's cursors)`,
  })
  .refine((env) => env[ENV.MODE] === 'local' || env[ENV.ORIGIN_SECRET], {
    message: `${ENV.ORIGIN_SECRET} is required outside local mode (the API answers CloudFront only)`,
  });

export interface Config {
  tenant: string;
  tableName: string;
  evidenceBucket: string;
  mode: 'local' | 'aws';
  oidc?: { issuer: string; audience: string; jwksUrl?: string };
  /** Set when Cognito is the identity provider (AWS global regions). */
  userPoolId?: string;
  /** External provider: what counts as a second factor for privileged roles (empty lists: nothing required). */
  secondFactor: { acr: string[]; amr: string[] };
  siteOrigin: string;
  dynamoDbEndpoint?: string;
  s3Endpoint?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** 32-byte key sealing paging cursors (SHA-256 of the configured secret); absent locally until the stack sets one. */
  cursorKey?: Buffer;
  /**
   * CloudFront's origin header value (ENV.ORIGIN_SECRET). Set: every request must carry it, and the
   * public limits key on CloudFront's viewer address. Absent (local): no check, the socket's address.
   */
  originSecret?: string;
  /** The export job's function name (aws mode): the API invokes it asynchronously. Absent locally (in-process). */
  exportFunction?: string;
  /** What GET /v1/health reports. */
  release: { version: string; commit: string };
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const issuer = e[ENV.OIDC_ISSUER];
  const audience = e[ENV.OIDC_AUDIENCE];
  return {
    tenant: e[ENV.TENANT] as string,
    tableName: e[ENV.TABLE_NAME] as string,
    evidenceBucket: e[ENV.EVIDENCE_BUCKET] as string,
    mode: e[ENV.MODE] as 'local' | 'aws',
    oidc: issuer && audience ? { issuer, audience, jwksUrl: e[ENV.OIDC_JWKS_URL] } : undefined,
    userPoolId: e[ENV.USER_POOL_ID],
    secondFactor: { acr: list(e[ENV.OIDC_REQUIRED_ACR]), amr: list(e[ENV.OIDC_REQUIRED_AMR]) },
    siteOrigin: e[ENV.SITE_ORIGIN] as string,
    dynamoDbEndpoint: e[ENV.DYNAMODB_ENDPOINT],
    s3Endpoint: e[ENV.S3_ENDPOINT],
    logLevel: e[ENV.LOG_LEVEL] as Config['logLevel'],
    ...(e[ENV.ORIGIN_SECRET] ? { originSecret: e[ENV.ORIGIN_SECRET] } : {}),
    ...(e[ENV.EXPORT_FUNCTION] ? { exportFunction: e[ENV.EXPORT_FUNCTION] } : {}),
    release: { version: e[ENV.RELEASE_VERSION] as string, commit: e[ENV.RELEASE_COMMIT] as string },
    cursorKey: e[ENV.CURSOR_SECRET] ? createHash('sha256').update(`xueshi-cursor|${e[ENV.CURSOR_SECRET]}`).digest() : undefined,
  };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

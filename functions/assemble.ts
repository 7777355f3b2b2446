import { randomUUID } from 'node:crypto';
import { UnavailableError } from '../shared/errors.js';
import { createDocumentClient } from './adapters/dynamo/client.js';
import { setCursorKey } from './adapters/dynamo/cursor.js';
import { createRepositories } from './adapters/dynamo/repositories.js';
import { createJwksVerifier, type TokenVerifier } from './auth/token-verifier.js';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import { lazyPort } from './lazy-port.js';
import { loadOnce } from './load-once.js';
import { createLogger, type Logger } from './log.js';
import type { ExportLauncher } from './ports/exports.js';
import type { IdentityAdmin } from './ports/identity.js';

/** What differs between Lambda, the local stack and the tests; everything else follows from `config`. */
export interface DepsInputs {
  config: Config;
  /** @default a JWKS verifier for `config.oidc` (Lambda); the local stack and tests bring their issuer's. */
  tokens?: TokenVerifier;
  /** @default JSON lines on stdout at `config.logLevel` */
  log?: Logger;
  /** @default real time; tests and the local stack's time machine move it. */
  clock?: () => Date;
  /** @default `config.cursorKey` (Lambda); the local stack keeps its own across restarts. */
  cursorKey?: Buffer;
  /**
   * Locally and in tests an export runs in this process; given here so the in-process runner (and
   * exceljs with it) is never part of the API bundle. @default an asynchronous Lambda invocation
   * of `config.exportFunction`, or a 503 where the function has none.
   */
  exportLauncher?: (deps: AppDeps) => ExportLauncher;
  /**
   * @default a client for `config.dynamoDbEndpoint` (or the Lambda's region). Tests pass the client they
   * seed and watch, so a middleware counting its commands sees every request the app makes.
   */
  db?: ReturnType<typeof createDocumentClient>;
}

/**
 * The one place the app's dependencies are assembled, for every entry point: functions/lambda-deps.ts,
 * functions/local/server.ts and test/support/services.ts. The DynamoDB client is made here (nearly
 * every request reads the table); the adapters on S3, Cognito and Lambda, with their SDK clients,
 * are imported on first use (functions/lazy-port.ts), which keeps them out of the cold start.
 */
export function assembleDeps(inputs: DepsInputs): AppDeps {
  const { config } = inputs;
  const cursorKey = inputs.cursorKey ?? config.cursorKey;
  if (cursorKey) setCursorKey(cursorKey);
  const tokens = inputs.tokens ?? (config.oidc ? createJwksVerifier(config.oidc) : undefined);
  if (!tokens) throw new Error('No token verifier: set the OIDC issuer or pass one in');
  // DynamoDB Local accepts any region; the S3 server signs for us-east-1.
  const db = inputs.db ?? createDocumentClient(config.dynamoDbEndpoint ? { endpoint: config.dynamoDbEndpoint, region: 'local' } : {});
  const s3Options = config.s3Endpoint ? { endpoint: config.s3Endpoint, region: 'us-east-1' } : {};
  const s3 = loadOnce(async () => (await import('./adapters/s3/client.js')).createS3Client(s3Options));
  const deps: AppDeps = {
    config,
    tokens,
    log: inputs.log ?? createLogger(config.logLevel),
    clock: inputs.clock ?? (() => new Date()),
    newId: () => randomUUID(),
    identity: identityAdmin(config),
    evidenceStore: lazyPort(async () =>
      (await import('./adapters/s3/evidence-store.js')).createEvidenceStore(await s3(), config.evidenceBucket),
    ),
    exportFiles: lazyPort(async () =>
      (await import('./adapters/s3/export-store.js')).createExportFileStore(await s3(), config.evidenceBucket),
    ),
    exportLauncher: inputs.exportLauncher ? lazyPort(async () => inputs.exportLauncher!(deps)) : lambdaExportLauncher(config),
    ...createRepositories(db, config.tableName),
  };
  return deps;
}

/** Cognito where the stack has a user pool, the local provider's stand-in locally, an external provider otherwise. */
function identityAdmin(config: Config): IdentityAdmin {
  if (config.mode === 'local') {
    return lazyPort(async () => (await import('./adapters/identity/local-identity.js')).createLocalIdentityAdmin(), { kind: 'local' });
  }
  const { userPoolId } = config;
  if (!userPoolId) {
    return lazyPort(
      async () => (await import('./adapters/identity/cognito-identity.js')).createExternalIdentityAdmin(config.secondFactor),
      {
        kind: 'external',
      },
    );
  }
  return lazyPort(
    async () => {
      const [{ CognitoIdentityProviderClient }, { createCognitoIdentityAdmin }] = await Promise.all([
        import('@aws-sdk/client-cognito-identity-provider'),
        import('./adapters/identity/cognito-identity.js'),
      ]);
      return createCognitoIdentityAdmin(new CognitoIdentityProviderClient({}), userPoolId);
    },
    { kind: 'cognito' },
  );
}

/** The core function starts export runs; the Excel function has no export routes and no grant. */
function lambdaExportLauncher(config: Config): ExportLauncher {
  const functionName = config.exportFunction;
  if (!functionName) {
    return {
      start: async () => {
        throw new UnavailableError('export_not_started', '导出任务未能启动，请稍后重试');
      },
    };
  }
  return lazyPort(async () => {
    const [{ LambdaClient }, { createLambdaExportLauncher }] = await Promise.all([
      import('@aws-sdk/client-lambda'),
      import('./adapters/lambda/export-launcher.js'),
    ]);
    return createLambdaExportLauncher(new LambdaClient({}), functionName);
  });
}

import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createDocumentClient } from './adapters/dynamo/client.js';
import { createRepositories } from './adapters/dynamo/repositories.js';
import { createCognitoIdentityAdmin, createExternalIdentityAdmin } from './adapters/identity/cognito-identity.js';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createLambdaExportLauncher } from './adapters/lambda/export-launcher.js';
import { createS3Client } from './adapters/s3/client.js';
import { createExportFileStore } from './adapters/s3/export-store.js';
import { createEvidenceStore } from './adapters/s3/evidence-store.js';
import { createJwksVerifier } from './auth/token-verifier.js';
import { setCursorKey } from './adapters/dynamo/cursor.js';
import { loadConfig } from './config.js';
import type { AppDeps } from './deps.js';
import { createLogger } from './log.js';
import { UnavailableError } from '../shared/errors.js';

/**
 * The app's dependencies in Lambda, for both API functions (functions/lambda.ts, lambda-excel.ts).
 * Called once per container: config, clients and the JWKS cache outlive single requests. Creating
 * a client makes no call, so a function whose role cannot reach a service (the Excel function has
 * no S3 or Cognito grants) only fails if a route it does not serve were to use one.
 */
export function createLambdaDeps(env: Record<string, string | undefined>): AppDeps {
  const config = loadConfig(env);
  if (config.mode !== 'aws' || !config.oidc) throw new Error('The Lambda build runs in aws mode with an OIDC issuer');
  if (!config.cursorKey) throw new Error('The Lambda build needs a cursor secret');
  setCursorKey(config.cursorKey);
  const s3 = createS3Client();
  return {
    config,
    tokens: createJwksVerifier(config.oidc),
    log: createLogger(config.logLevel),
    clock: () => new Date(),
    newId: () => randomUUID(),
    identity: config.userPoolId
      ? createCognitoIdentityAdmin(new CognitoIdentityProviderClient({}), config.userPoolId)
      : createExternalIdentityAdmin(config.secondFactor),
    evidenceStore: createEvidenceStore(s3, config.evidenceBucket),
    exportFiles: createExportFileStore(s3, config.evidenceBucket),
    // The core function starts export runs; the Excel function has no export routes and no grant.
    exportLauncher: config.exportFunction
      ? createLambdaExportLauncher(new LambdaClient({}), config.exportFunction)
      : {
          start: async () => {
            throw new UnavailableError('export_not_started', '导出任务未能启动，请稍后重试');
          },
        },
    ...createRepositories(createDocumentClient(), config.tableName),
  };
}

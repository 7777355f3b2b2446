import { handle } from 'hono/aws-lambda';
import { createDocumentClient } from './adapters/dynamo/client.js';
import { randomUUID } from 'node:crypto';
import { createRepositories } from './adapters/dynamo/repositories.js';
import { createS3Client } from './adapters/s3/client.js';
import { createEvidenceStore } from './adapters/s3/evidence-store.js';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoIdentityAdmin, externalIdentityAdmin } from './adapters/identity/cognito-identity.js';
import { createJwksVerifier } from './auth/token-verifier.js';
import { loadConfig } from './config.js';
import { createApp } from './http/app.js';
import { createLogger } from './log.js';

// Built once per container: config, clients and the JWKS cache outlive single requests.
const config = loadConfig(process.env);
if (config.mode !== 'aws' || !config.oidc) throw new Error('The Lambda build runs in aws mode with an OIDC issuer');
const db = createDocumentClient();

const app = createApp({
  config,
  tokens: createJwksVerifier(config.oidc),
  log: createLogger(config.logLevel),
  clock: () => new Date(),
  newId: () => randomUUID(),
  identity: config.userPoolId
    ? createCognitoIdentityAdmin(new CognitoIdentityProviderClient({}), config.userPoolId)
    : externalIdentityAdmin,
  evidenceStore: createEvidenceStore(createS3Client(), config.evidenceBucket),
  ...createRepositories(db, config.tableName),
});

export const handler = handle(app);

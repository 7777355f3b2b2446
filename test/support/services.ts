import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV } from '../../shared/contract.js';
import { createDocumentClient } from '../../functions/adapters/dynamo/client.js';
import { ensureTable } from '../../functions/adapters/dynamo/provision.js';
import { configureEvidenceCors, createS3Client, ensureBucket } from '../../functions/adapters/s3/client.js';
import { createInProcessExportLauncher } from '../../functions/jobs/export-runner.js';
import { assembleDeps } from '../../functions/assemble.js';
import { loadConfig } from '../../functions/config.js';
import type { AppDeps } from '../../functions/deps.js';
import { createApp } from '../../functions/http/app.js';
import { createLogger } from '../../functions/log.js';
import { DEMO_TENANT, DEMO_USERS } from '../../functions/local/demo-data.js';
import { createLocalIssuer, type LocalIssuer, type LocalUserClaims } from '../../functions/local/local-issuer.js';
import type { AccountDirectory } from '../../functions/ports/accounts.js';
import { seedDemoData } from '../../functions/local/seed.js';
import { type Caller, type CallerOptions, createCaller } from './requests.js';

export { errorOf, type Reply } from './requests.js';

/** A fresh table in the run's DynamoDB Local, so test files never see each other's data. */
export async function createTestTable(): Promise<{ db: DynamoDBDocumentClient; tableName: string }> {
  const db = createDocumentClient({ endpoint: inject('dynamoDbEndpoint'), region: 'local' });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(db, tableName);
  return { db, tableName };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  issuer: TestIssuer;
  logLines: string[];
  /** A token for a demo user (ids from functions/local/demo-data.ts). */
  tokenFor(userId: string, now?: Date): Promise<string>;
  db: DynamoDBDocumentClient;
  tableName: string;
  /** The app's own evidence bucket in the run's S3 server, CORS-enabled for the site origin. */
  s3: S3Client;
  bucket: string;
}

/** The real app on a seeded table, with an in-memory local issuer and a settable clock. */
export async function createTestApp(options: { now?: () => Date; tenant?: string } = {}): Promise<TestApp> {
  const { db, tableName } = await createTestTable();
  const clock = options.now ?? (() => new Date());
  await seedDemoData(db, tableName, clock());
  const signer = await createLocalIssuer(undefined, clock);
  const logLines: string[] = [];
  const bucketName = `test-evidence-${randomUUID()}`;
  const config = loadConfig({
    [ENV.MODE]: 'local',
    [ENV.TENANT]: options.tenant ?? DEMO_TENANT,
    [ENV.TABLE_NAME]: tableName,
    [ENV.EVIDENCE_BUCKET]: bucketName,
    [ENV.DYNAMODB_ENDPOINT]: inject('dynamoDbEndpoint'),
    [ENV.S3_ENDPOINT]: inject('s3Endpoint'),
  });
  const s3 = createS3Client({ endpoint: inject('s3Endpoint'), region: 'us-east-1' });
  await ensureBucket(s3, config.evidenceBucket);
  await configureEvidenceCors(s3, config.evidenceBucket, [config.siteOrigin]);
  const deps = assembleDeps({
    config,
    tokens: signer.verifier,
    log: createLogger('debug', (line) => logLines.push(line)),
    clock,
    exportLauncher: (d) => createInProcessExportLauncher(() => d),
    db,
  });
  const issuer = withDirectory(signer, deps.accounts, config.tenant);
  return {
    app: createApp(deps),
    deps,
    issuer,
    logLines,
    db,
    tableName,
    s3,
    bucket: config.evidenceBucket,
    async tokenFor(userId, now) {
      const user = DEMO_USERS.find((u) => u.id === userId);
      if (!user) throw new Error(`no demo user ${userId}`);
      return issuer.issue(user, now ?? clock());
    },
  };
}

/** Signs tokens as the local issuer does, first making sure the account a test describes is in the directory. */
export interface TestIssuer {
  issue(user: LocalUserClaims | { id: string; name: string }, now?: Date): Promise<string>;
  verifier: LocalIssuer['verifier'];
}

/**
 * Tests describe callers by role, organisation and tenant, as tokens once carried them. Since the
 * directory holds those (issue 13), issuing a token for such a caller first writes its account, bound
 * to the token's subject; a caller of another tenant gets an identity with no account in this stack.
 */
export function withDirectory(signer: LocalIssuer, accounts: AccountDirectory, tenant: string): TestIssuer {
  return {
    verifier: signer.verifier,
    async issue(user, now) {
      if (!('role' in user)) return signer.issue(user, now);
      if (user.tenant !== tenant) return signer.issue({ id: `${user.id}@${user.tenant}`, name: user.name }, now);
      const existing = await accounts.get(user.id);
      if (!existing || existing.role !== user.role || existing.orgId !== user.organisation || existing.subject !== user.id) {
        await accounts.put({
          id: user.id,
          name: user.name,
          role: user.role,
          orgId: user.organisation,
          status: 'active',
          ...(user.role === 'person' ? { personId: user.id } : {}),
          subject: user.id,
          issuer: 'test',
          createdAt: '2026-01-01T00:00:00.000Z',
          createdBy: 'test',
        });
      }
      return signer.issue(user, now);
    },
  };
}

/**
 * `call(user, method, path, body?, headers?)` through the test app (test/support/requests.ts) as a demo
 * user (null: anonymous); `ok` expects a 2xx and returns its body. `app` is read at each call: test files
 * create it in beforeAll. `options.token` replaces how a user becomes a token (precomputed tokens,
 * identities outside the demo users), `options.before` runs before each call.
 */
export function caller<U = string | null>(
  app: () => Pick<TestApp, 'app' | 'tokenFor'>,
  options: Partial<CallerOptions<U>> = {},
): Caller<U> {
  return createCaller<U>(() => (path, init) => app().app.request(path, init), {
    token: options.token ?? ((user) => (typeof user === 'string' && user ? app().tokenFor(user) : Promise.resolve(undefined))),
    before: options.before,
  });
}

/**
 * A port with some methods replaced, the rest its own. The app's S3, Cognito and Lambda ports load
 * their adapter on first use (functions/lazy-port.ts) and have no own keys until then, so `{ ...port }`
 * would copy nothing: wrap instead.
 */
export function withOverrides<T extends object>(port: T, overrides: Partial<T>): T {
  return new Proxy(port, { get: (target, key) => (key in overrides ? overrides[key as keyof T] : Reflect.get(target, key)) });
}

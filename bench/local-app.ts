/**
 * The real app for benchmarks: Amazon's DynamoDB Local started here, in memory, a fresh table seeded
 * with the demo tenant, and the local token issuer. The S3 client points nowhere: no benchmark here
 * touches evidence files, and the client makes no connection until used.
 */
import { createExportFileStore } from '../functions/adapters/s3/export-store.js';
import { randomUUID } from 'node:crypto';
import { ENV } from '../shared/contract';
import { residentIdCheckChar } from '../shared/id-number';
import { createDocumentClient } from '../functions/adapters/dynamo/client';
import { ensureTable } from '../functions/adapters/dynamo/provision';
import { createRepositories } from '../functions/adapters/dynamo/repositories';
import { createLocalIdentityAdmin } from '../functions/adapters/identity/local-identity';
import { createS3Client } from '../functions/adapters/s3/client';
import { createEvidenceStore } from '../functions/adapters/s3/evidence-store';
import type { Principal } from '../functions/auth/principal';
import { loadConfig } from '../functions/config';
import type { AppDeps } from '../functions/deps';
import { createApp } from '../functions/http/app';
import { createLogger } from '../functions/log';
import { DEMO_TENANT, DEMO_USERS } from '../functions/local/demo-data';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { createLocalIssuer } from '../functions/local/local-issuer';
import { seedDemoData } from '../functions/local/seed';

export interface BenchApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: ReturnType<typeof createDocumentClient>;
  tableName: string;
  principalOf(userId: string): Principal;
  tokenFor(userId: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchApp(): Promise<BenchApp> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const ddb = await startDynamoDbLocal({});
  try {
    const db = createDocumentClient({ endpoint: ddb.endpoint, region: 'local' });
    const tableName = 'xueshi-bench';
    await ensureTable(db, tableName);
    await seedDemoData(db, tableName, new Date());
    const issuer = await createLocalIssuer();
    const config = loadConfig({
      [ENV.MODE]: 'local',
      [ENV.TENANT]: DEMO_TENANT,
      [ENV.TABLE_NAME]: tableName,
      [ENV.EVIDENCE_BUCKET]: 'xueshi-bench-evidence',
      [ENV.DYNAMODB_ENDPOINT]: ddb.endpoint,
      [ENV.LOG_LEVEL]: 'warn',
    });
    const deps: AppDeps = {
      config,
      tokens: issuer.verifier,
      log: createLogger('warn', (line) => process.stderr.write(line + '\n')),
      clock: () => new Date(),
      newId: () => randomUUID(),
      identity: createLocalIdentityAdmin(),
      evidenceStore: createEvidenceStore(createS3Client({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }), config.evidenceBucket),
      exportFiles: createExportFileStore(createS3Client({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }), config.evidenceBucket),
      // The bench starts no exports.
      exportLauncher: { start: async () => undefined },
      ...createRepositories(db, tableName),
    };
    const user = (id: string) => {
      const u = DEMO_USERS.find((x) => x.id === id);
      if (!u) throw new Error(`no demo user ${id}`);
      return u;
    };
    return {
      app: createApp(deps),
      deps,
      db,
      tableName,
      principalOf: (id) => {
        const u = user(id);
        return { userId: u.id, name: u.name, role: u.role, orgId: u.organisation, tenant: u.tenant };
      },
      tokenFor: (id) => issuer.issue(user(id)),
      stop: ddb.stop,
    };
  } catch (err) {
    await ddb.stop();
    throw err;
  }
}

/** Valid, distinct resident IDs (GB 11643 check digit) for generated people. */
export function generatedResidentId(n: number): string {
  const first17 = `430181${1960 + (Math.floor(n / 28_000) % 40)}${String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12_000) % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

/** A plausible name, distinct enough that list order is by name, not insertion. */
export function generatedName(n: number): string {
  return SURNAMES[n % SURNAMES.length]! + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]! + GIVEN[(n * 7) % GIVEN.length]!;
}

export function percentile(sortedAscending: number[], p: number): number {
  const i = Math.min(sortedAscending.length - 1, Math.ceil((p / 100) * sortedAscending.length) - 1);
  return sortedAscending[Math.max(0, i)]!;
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { ENV } from '../../shared/contract.js';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { createLocalUserRepository } from '../adapters/dynamo/local-users.js';
import { ensureTable } from '../adapters/dynamo/provision.js';
import { configureEvidenceCors, createS3Client, ensureBucket } from '../adapters/s3/client.js';
import { createInProcessExportLauncher } from '../jobs/export-runner.js';
import { loadConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import { createApp } from '../http/app.js';
import type { Logger } from '../log.js';
import { assembleDeps } from '../assemble.js';
import { DEMO_BASE, DEMO_BASE_KEY, DEMO_TENANT } from './demo-data.js';
import { registerDevRoutes } from './dev-routes.js';
import { DEFAULT_HOST } from './loopback.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { createJwksVerifier } from '../auth/token-verifier.js';
import { createLocalIssuer, LOCAL_AUDIENCE } from './local-issuer.js';
import { createLocalOidc, LOCAL_CLIENT_ID, LOCAL_OIDC_PATH, SITE_CALLBACK_PATH, SITE_SIGNED_OUT_PATH } from './local-oidc.js';
import { findFreePort } from './ports.js';
import { startLocalS3, type LocalS3 } from './s3-server.js';
import { seedDemoPostings } from './demo-postings.js';
import { seedDemoCertification } from './demo-certification.js';
import { seedDemoRecords } from './demo-records.js';
import { seedDemoData } from './seed.js';
import { closeDueNotices } from '../use-cases/certification/notices.js';
import { createTimeMachine } from './time-travel.js';

export interface LocalStackOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /**
   * The API's listen address. DynamoDB Local and the S3 server stay on 127.0.0.1 whatever this is,
   * and the dev routes answer loopback clients only. @default DEFAULT_HOST (127.0.0.1)
   */
  host?: string;
  dataDir: string;
  /** Reuse running services (tests share one DynamoDB Local and S3 server per run). */
  dynamoDbEndpoint?: string;
  s3Endpoint?: string;
  tableName?: string;
  bucketName?: string;
  siteDir?: string;
  clock?: () => Date;
  log?: Logger;
  /** How often the local stand-in for the notice-closing schedule runs; default 30 s. */
  noticeTimerMs?: number;
  /** Seconds the local provider's ID tokens live (tests shorten it to watch renewal). @default 600 */
  tokenTtlSeconds?: number;
}

export interface LocalStack {
  url: string;
  port: number;
  deps: AppDeps;
  dynamoDbEndpoint: string;
  s3Endpoint: string;
  seeded: boolean;
  /** The local OpenID provider's issuer (discovery at `${issuer}/.well-known/openid-configuration`). */
  oidcIssuer: string;
  stop(): Promise<void>;
}

/** The whole system in one process: the same app as Lambda, plus dev routes and the built site. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    let dynamoDbEndpoint = options.dynamoDbEndpoint;
    if (!dynamoDbEndpoint) {
      const ddb: DynamoDbLocal = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') });
      stops.push(ddb.stop);
      dynamoDbEndpoint = ddb.endpoint;
    }
    let s3Endpoint = options.s3Endpoint;
    if (!s3Endpoint) {
      const s3: LocalS3 = await startLocalS3({ directory: join(dataDir, 's3') });
      stops.push(s3.stop);
      s3Endpoint = s3.endpoint;
    }

    // The port is known before anything starts: the provider's issuer URL and the site's callbacks name it.
    const port = options.port || (await findFreePort());
    const origin = `http://localhost:${port}`;
    const oidcIssuer = `${origin}${LOCAL_OIDC_PATH}`;
    const config = loadConfig({
      [ENV.MODE]: 'local',
      [ENV.TENANT]: DEMO_TENANT,
      [ENV.TABLE_NAME]: options.tableName ?? 'xueshi-local',
      [ENV.EVIDENCE_BUCKET]: options.bucketName ?? 'xueshi-local-evidence',
      [ENV.DYNAMODB_ENDPOINT]: dynamoDbEndpoint,
      [ENV.S3_ENDPOINT]: s3Endpoint,
      [ENV.SITE_ORIGIN]: origin,
      [ENV.LOG_LEVEL]: 'warn',
    });
    const db = createDocumentClient({ endpoint: dynamoDbEndpoint, region: 'local' });
    const s3 = createS3Client({ endpoint: s3Endpoint, region: 'us-east-1' });
    await ensureTable(db, config.tableName);
    await ensureBucket(s3, config.evidenceBucket);

    // The domain clock is the time machine's (a demo user may move it forward: dev route /v1/dev/clock);
    // signing in keeps real time, so a token stays valid however far the demo has travelled.
    const realClock = options.clock ?? (() => new Date());
    const timeMachine = createTimeMachine(join(dataDir, 'clock-offset-days'), realClock);
    const clock = () => timeMachine.now();
    // Tokens run on real time, not the injectable clock: the provider cannot take a moved clock, and a
    // test that moves business time (notices ending) must not expire every sign-in.
    const issuer = await createLocalIssuer(join(dataDir, 'issuer-keys.json'), undefined, oidcIssuer);
    const users = createLocalUserRepository(db, config.tableName);
    const deps = assembleDeps({
      config,
      // As deployed: the issuer's JWKS over HTTP (loopback), the same verifier Lambda builds.
      tokens: createJwksVerifier({
        issuer: oidcIssuer,
        audience: LOCAL_AUDIENCE,
        jwksUrl: `http://127.0.0.1:${port}${LOCAL_OIDC_PATH}/jwks`,
      }),
      log: options.log,
      clock,
      // Cursors stay valid across restarts of the local stack: the key is kept with the issuer's keys.
      cursorKey: loadOrCreateCursorKey(join(dataDir, 'cursor-key')),
      // Export runs in this process, as the asynchronous Lambda invocation does in AWS.
      exportLauncher: (d) => createInProcessExportLauncher(() => d),
    });
    const siteOrigins = [...new Set([origin, `http://127.0.0.1:${port}`, 'http://localhost:5173'])];
    const oidc = createLocalOidc({
      issuer: oidcIssuer,
      siteOrigins,
      privateJwk: issuer.privateJwk,
      users,
      accounts: deps.accounts,
      tokenTtlSeconds: options.tokenTtlSeconds,
    });

    // Demo activities go through the real use-cases, before the seed marker is written.
    const seeded = await seedDemoData(db, config.tableName, clock(), async () => {
      await seedDemoRecords(deps, clock());
      await seedDemoPostings(deps, clock());
      await seedDemoCertification(deps, clock());
    });

    const siteDir = resolve(options.siteDir ?? 'web/dist');
    const app = createApp(deps, {
      extend: (api) => {
        registerDevRoutes(api, {
          users,
          accounts: deps.accounts,
          issuer,
          clock: realClock,
          timeTravel: { machine: timeMachine, runSchedules: async () => (await closeDueNotices(deps)).closed.length },
          baseKeys: async () => [{ base: DEMO_BASE.name, key: DEMO_BASE_KEY }],
        });
        // The site's runtime settings, as the stack writes them in AWS: here they name the local provider.
        api.get('/config.json', (c) =>
          c.json({
            tenant: config.tenant,
            tenantName: '长沙市',
            identityProvider: 'local',
            oidc: {
              issuer: oidcIssuer,
              clientId: LOCAL_CLIENT_ID,
              redirectPath: SITE_CALLBACK_PATH,
              postLogoutRedirectPath: SITE_SIGNED_OUT_PATH,
              scope: 'openid profile',
            },
          }),
        );
        // The built site from the same port; unknown /v1 paths stay JSON 404s.
        api.use('*', serveStatic({ root: siteDir }));
        api.get('*', (c, next) => {
          const index = join(siteDir, 'index.html');
          if (c.req.path.startsWith('/v1/') || !existsSync(index)) return next();
          return c.html(readFileSync(index, 'utf8'));
        });
      },
    });

    // One port: the provider under /oidc, everything else the app (the same app Lambda runs, plus dev routes).
    const appListener = getRequestListener(app.fetch);
    const server: Server = createServer((req, res) => {
      if (req.url === LOCAL_OIDC_PATH || req.url?.startsWith(`${LOCAL_OIDC_PATH}/`)) oidc.handle(req, res);
      else void appListener(req, res);
    });
    await new Promise<void>((resolveServer, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? DEFAULT_HOST, () => resolveServer());
    });
    stops.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    if ((server.address() as AddressInfo).port !== port) throw new Error('listening on an unexpected port');
    // Locally a timer stands in for the AWS schedule that closes notices; it reads the injected clock.
    const closer = setInterval(() => {
      closeDueNotices(deps).catch((err) => deps.log.error('closing notices failed', { err }));
    }, options.noticeTimerMs ?? 30_000);
    closer.unref();
    stops.push(async () => clearInterval(closer));
    // Browsers upload evidence straight to the S3 server with the presigned POST: allow the site's
    // origins (this port, and `npm run dev:web` on Vite's default port) as the Evidence construct does in AWS.
    await configureEvidenceCors(s3, config.evidenceBucket, [
      ...new Set([config.siteOrigin, `http://localhost:${port}`, `http://127.0.0.1:${port}`, 'http://localhost:5173']),
    ]);
    return { url: origin, port, deps, dynamoDbEndpoint, s3Endpoint, seeded, oidcIssuer, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The local stack's cursor key: 32 random bytes kept in the data folder (mode 600), like the issuer's keys. */
function loadOrCreateCursorKey(file: string): Buffer {
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length === 32) return key;
  }
  const key = randomBytes(32);
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

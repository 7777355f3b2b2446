import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { tenantRootOrganisation } from '../../shared/contract.js';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import type { Organisation } from '../../shared/organisation.js';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { createForwardedBaseLookup } from '../adapters/dynamo/province.js';
import { ensureTable } from '../adapters/dynamo/provision.js';
import { createRepositories } from '../adapters/dynamo/repositories.js';
import { loadConfig } from '../config.js';
import { ENV } from '../../shared/contract.js';
import type { AppDeps } from '../deps.js';
import { createLogger } from '../log.js';
import { hashApiKey } from '../use-cases/bases.js';
import { createPerson } from '../use-cases/people.js';
import type { ForwardedDeps } from '../use-cases/province/forwarded.js';
import { idHashOf } from '../use-cases/province/directory.js';
import { sweep } from '../use-cases/province/routing.js';
import { DEMO_PEOPLE } from './demo-data.js';
import { DEFAULT_HOST } from './loopback.js';
import { createLocalProvince } from './province.js';

/** The local province base's key: fixed and documented like the city demo key, stored only hashed. */
export const DEMO_PROVINCE_BASE_KEY = 'xsk_prov0001_LocalProvinceKeyDoNotUseInProduction';
/** People of the second local tenant (株洲市), registered there at first start. */
export const DEMO_ZHUZHOU_PEOPLE = [
  { idNumber: '430202198806150017', name: '罗建国' },
  { idNumber: '430203199102280025', name: '谭晓燕' },
];
// Fixed so that the directory survives restarts of the local stack (.data/ keeps the tables).
const LOCAL_DIRECTORY_KEY = Buffer.from('local-province-directory-key-not-secret!!', 'utf8').subarray(0, 32);

export interface LocalProvinceStack {
  url: string;
  stop(): Promise<void>;
}

/**
 * `npm start`'s province (issue 17): the province stack's API on its own port, its table
 * (xueshi-local-province) and a second tenant, 株洲市 430200 (xueshi-local-430200), beside the demo
 * tenant 430100, all in DynamoDB Local. Start-up adds two table creations and a handful of writes.
 */
export async function startLocalProvinceStack(options: {
  cityDeps: AppDeps;
  dynamoDbEndpoint: string;
  port: number;
  host?: string;
}): Promise<LocalProvinceStack> {
  const db = createDocumentClient({ endpoint: options.dynamoDbEndpoint, region: 'local' });
  const provinceTable = 'xueshi-local-province';
  const zhuzhouTable = 'xueshi-local-430200';
  await Promise.all([ensureTable(db, provinceTable), ensureTable(db, zhuzhouTable)]);
  const log = createLogger('warn');
  const clock = options.cityDeps.clock;
  const newId = () => randomUUID();

  const province = createLocalProvince({
    db,
    tableName: provinceTable,
    directoryKey: LOCAL_DIRECTORY_KEY,
    clock,
    newId,
    log,
    tokens: options.cityDeps.tokens,
    identity: options.cityDeps.identity,
  });

  // 株洲市: a tenant with its own table and configuration, running its consumer only (no site locally).
  const zhuzhouConfig = loadConfig({
    [ENV.MODE]: 'local',
    [ENV.TENANT]: '430200',
    [ENV.TABLE_NAME]: zhuzhouTable,
    [ENV.EVIDENCE_BUCKET]: 'xueshi-local-evidence',
    [ENV.DYNAMODB_ENDPOINT]: options.dynamoDbEndpoint,
    [ENV.LOG_LEVEL]: 'warn',
  });
  const zhuzhou: ForwardedDeps & AppDeps = {
    ...options.cityDeps,
    config: zhuzhouConfig,
    ...createRepositories(db, zhuzhouTable),
    forwardedBases: createForwardedBaseLookup(db, zhuzhouTable),
    tenant: '430200',
  };
  const changsha: ForwardedDeps = Object.assign(options.cityDeps, {
    forwardedBases: createForwardedBaseLookup(db, options.cityDeps.config.tableName),
    tenant: '430100' as const,
  });
  province.attachTenant('430100', changsha);
  province.attachTenant('430200', zhuzhou);

  await seedProvince(province.deps, zhuzhou, clock());
  // The demo tenant's seeded people predate the hook: publish them (the backfill ops run once in AWS).
  for (const p of DEMO_PEOPLE) {
    await province.inbox.publishDirectory({
      v: 1,
      idHash: idHashOf(LOCAL_DIRECTORY_KEY, p.idNumber),
      tenant: '430100',
      at: '1970-01-01T00:00:00.000Z',
    });
  }

  // The schedule that resends overdue forwards and routes what a lost event left held.
  const timer = setInterval(() => void sweep(province.deps).catch((err: unknown) => log.error('province sweep failed', { err })), 30_000);
  timer.unref();

  const server: Server = createServer(getRequestListener(province.app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? DEFAULT_HOST, () => resolve());
  });
  return {
    url: `http://localhost:${options.port}`,
    async stop() {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function seedProvince(deps: ReturnType<typeof createLocalProvince>['deps'], zhuzhou: AppDeps, now: Date) {
  const at = now.toISOString();
  if (!(await deps.bases.getKey('prov0001'))) {
    const body = '12430000MB1P00001';
    const base = {
      id: 'province-base-demo',
      name: '湖南大学国家级专业技术人员继续教育基地（演示）',
      creditCode: body + creditCodeCheckChar(body),
      level: 'national' as const,
      createdAt: at,
      createdBy: 'seed',
    };
    const audit = {
      id: randomUUID(),
      entity: 'base',
      entityId: base.id,
      action: 'create',
      actor: 'seed',
      actorName: '演示数据',
      role: 'system' as const,
      at,
    };
    await deps.bases.create(base, audit).catch(() => undefined);
    await deps.bases.putKey(
      {
        prefix: 'prov0001',
        baseId: base.id,
        label: '演示密钥',
        status: 'active',
        createdAt: at,
        createdBy: 'seed',
        hash: hashApiKey(DEMO_PROVINCE_BASE_KEY),
      },
      { ...audit, id: randomUUID(), action: 'create_key' },
    );
    // The demo hr officer's sign-in opens the province's register as the provincial office.
    await deps.accounts.put({
      id: 'hr-officer',
      name: '黄静（演示：省人社厅专技处）',
      role: 'hr_officer',
      orgId: 'hr-430000',
      status: 'active',
      subject: 'hr-officer',
      issuer: 'local',
      createdAt: at,
      createdBy: 'seed',
    });
  }
  const root = tenantRootOrganisation('430200');
  if (!(await zhuzhou.organisations.get(root.id))) {
    const unit: Organisation = {
      id: 'unit-zz-hospital',
      kind: 'unit',
      name: '株洲市中心医院',
      parentId: root.id,
      path: [root.id, 'unit-zz-hospital'],
    } as Organisation;
    await zhuzhou.organisations.put(root as Organisation);
    await zhuzhou.organisations.put(unit);
    const clerk = { userId: 'seed-zz-clerk', name: '演示经办人', role: 'unit_clerk' as const, orgId: unit.id, tenant: '430200' };
    for (const p of DEMO_ZHUZHOU_PEOPLE) await createPerson(zhuzhou, clerk, { ...p, unitId: unit.id });
  }
}

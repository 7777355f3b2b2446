import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { TenantCode } from '../../shared/contract.js';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { createDocumentClient } from '../../functions/adapters/dynamo/client.js';
import { createForwardedBaseLookup } from '../../functions/adapters/dynamo/province.js';
import { createRepositories } from '../../functions/adapters/dynamo/repositories.js';
import type { Principal } from '../../functions/auth/principal.js';
import { createLocalIdentityAdmin } from '../../functions/adapters/identity/local-identity.js';
import { createLocalIssuer } from '../../functions/local/local-issuer.js';
import { createLocalProvince, type LocalProvince } from '../../functions/local/province.js';
import { createLogger } from '../../functions/log.js';
import { createPerson } from '../../functions/use-cases/people.js';
import type { ForwardedDeps } from '../../functions/use-cases/province/forwarded.js';
import { registerProvinceBase } from '../../functions/use-cases/province/bases.js';
import { createTestApp, createTestTable, withDirectory, type TestApp, type TestIssuer } from './services.js';

/** The province stack and two tenants (430100, 430200) on the run's DynamoDB Local, each on its own table. */
export interface ProvinceWorld {
  province: LocalProvince;
  provinceTable: string;
  provinceIssuer: TestIssuer;
  tenants: Record<'430100' | '430200', TestApp>;
  forwarded: Record<'430100' | '430200', ForwardedDeps>;
  /** A tenant whose DynamoDB dies after `budget` more requests (and stays dead until `revive`). */
  breakTenant(tenant: '430100' | '430200', budget: number): { revive(): void };
}

export const PROVINCE_HR: Principal = {
  userId: 'province-hr',
  name: '省人社厅专技处',
  role: 'hr_officer',
  orgId: 'hr-430000',
  tenant: '430000',
};

export async function createProvinceWorld(clock: () => Date): Promise<ProvinceWorld> {
  const [a, b, table] = await Promise.all([
    createTestApp({ now: clock }),
    createTestApp({ now: clock, tenant: '430200' }),
    createTestTable(),
  ]);
  const signer = await createLocalIssuer(undefined, clock);
  const repositories = createRepositories(table.db, table.tableName);
  const province = createLocalProvince({
    db: table.db,
    tableName: table.tableName,
    directoryKey: randomBytes(32),
    clock,
    newId: () => randomUUID(),
    log: createLogger('error', () => undefined),
    tokens: signer.verifier,
    identity: createLocalIdentityAdmin(),
  });
  const forwardedOf = (t: TestApp, tenant: TenantCode, db: DynamoDBDocumentClient): ForwardedDeps =>
    Object.assign(t.deps, { forwardedBases: createForwardedBaseLookup(db, t.tableName), tenant });
  const forwarded = { '430100': forwardedOf(a, '430100', a.db), '430200': forwardedOf(b, '430200', b.db) };
  province.attachTenant('430100', forwarded['430100']);
  province.attachTenant('430200', forwarded['430200']);
  const tenants = { '430100': a, '430200': b };
  return {
    province,
    provinceTable: table.tableName,
    provinceIssuer: withDirectory(signer, repositories.accounts, '430000'),
    tenants,
    forwarded,
    breakTenant(tenant, budget) {
      // The tenant's own repositories on a client that fails once its budget is spent: its database going away mid-message.
      const db = createDocumentClient({ endpoint: inject('dynamoDbEndpoint'), region: 'local' });
      let left = budget;
      db.middlewareStack.add(
        (next) => async (args) => {
          if (left-- <= 0) throw Object.assign(new Error('connect ECONNREFUSED (tenant down)'), { name: 'TimeoutError' });
          return next(args);
        },
        { step: 'initialize', name: 'tenantDown' },
      );
      const broken: ForwardedDeps = {
        ...forwarded[tenant],
        ...createRepositories(db, tenants[tenant].tableName),
        forwardedBases: createForwardedBaseLookup(db, tenants[tenant].tableName),
      };
      province.attachTenant(tenant, broken);
      return { revive: () => province.attachTenant(tenant, forwarded[tenant]) };
    },
  };
}

export async function registerProvinceTestBase(world: ProvinceWorld, creditCode: string) {
  return registerProvinceBase(world.province.deps, PROVINCE_HR, {
    name: `国家级继续教育基地 ${creditCode.slice(-4)}`,
    creditCode,
    level: 'national',
    contact: { name: '王老师', phone: '0731-88888888' },
  });
}

let serial = 0;
/** A fresh valid resident ID (GB 11643) nobody has registered. */
export function freshResidentId(): string {
  serial++;
  const first17 = `430102${1970 + (serial % 30)}0${1 + (serial % 9)}1${serial % 10}${String(serial).padStart(3, '0').slice(-3)}`;
  return first17 + residentIdCheckChar(first17);
}

/** Registers a person in a tenant as its demo clerk would (the registration hook publishes it to the province). */
export async function registerPerson(world: ProvinceWorld, tenant: '430100' | '430200', person: { idNumber: string; name: string }) {
  const principal: Principal = { userId: 'clerk-hospital', name: '周敏', role: 'unit_clerk', orgId: 'unit-hospital', tenant };
  const registration = await createPerson(world.tenants[tenant].deps, principal, { ...person, unitId: 'unit-hospital' });
  if (registration.status !== 'registered') throw new Error(`registration in ${tenant} answered ${registration.status}`);
  return registration.person;
}

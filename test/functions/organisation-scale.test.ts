/**
 * Issue 19 item 1: "may this account see that organisation" is answered from the account's
 * organisation and the target's — two items — never from the tenant's tree. Every DynamoDB command
 * the app sends is recorded by a middleware on the test's client; the assertions are on those calls.
 */
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.js';
import { reindexOrganisations } from '../../functions/adapters/dynamo/organisations.js';
import type { Principal } from '../../functions/auth/principal.js';
import type { StoredPerson } from '../../functions/ports/records.js';
import { listOrganisations, lookupUnits } from '../../functions/use-cases/list-organisations.js';
import { getPerson } from '../../functions/use-cases/people.js';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { residentIdCheckChar } from '../../shared/id-number.js';
import type { Organisation } from '../../shared/organisation.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

interface Call {
  command: string;
  input: Record<string, any>;
}

let t: TestApp;
const calls: Call[] = [];
const { call, ok } = caller(() => t);

const hr = 'hr-430100';
/** A chain seven levels deep under the hr office: dept-d1 … dept-d6, then the unit at the bottom. */
const chain: Organisation[] = [];
const principal = (role: Principal['role'], orgId: string): Principal => ({
  userId: `u-${orgId}`,
  name: '测试',
  role,
  orgId,
  tenant: '430100',
});

/** The organisation items a command touched: Gets and BatchGets by key, Queries by partition. */
function orgReads(): { keysRead: number; partitionQueries: string[]; scans: number } {
  let keysRead = 0;
  const partitionQueries: string[] = [];
  let scans = 0;
  for (const c of calls) {
    if (c.command === 'ScanCommand') scans++;
    if (c.command === 'GetCommand' && c.input.Key?.PK === 'ORG') keysRead++;
    if (c.command === 'BatchGetCommand') {
      for (const req of Object.values(c.input.RequestItems ?? {}) as { Keys: { PK: string }[] }[]) {
        keysRead += req.Keys.filter((k) => k.PK === 'ORG').length;
      }
    }
    if (c.command === 'QueryCommand') partitionQueries.push(String(c.input.ExpressionAttributeValues?.[':pk']));
  }
  return { keysRead, partitionQueries, scans };
}

async function putPerson(id: string, unitId: string, n: number) {
  const at = '2026-10-01T00:00:00.000Z';
  const idNumber = `43010219850312${String(2000 + n).slice(-3)}`;
  const person: StoredPerson = {
    id,
    idNumber: idNumber + residentIdCheckChar(idNumber),
    name: `测试${n}`,
    unitId,
    version: 1,
    activityRevision: 0,
    createdAt: at,
    updatedAt: at,
  };
  await t.db.send(
    new PutCommand({ TableName: t.tableName, Item: { ...keys.person(id), ...keys.personByUnit(unitId, person.name, id), ...person } }),
  );
}

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-10-12T02:00:00Z') });
  // A deep chain (the port does not limit depth; isWithin is a prefix test at any depth) ...
  let parent = (await t.deps.organisations.get(hr))!;
  for (let d = 1; d <= 6; d++) {
    const org: Organisation = {
      id: `dept-d${d}`,
      kind: 'department',
      name: `第${d}级主管部门`,
      parentId: parent.id,
      path: [...parent.path, `dept-d${d}`],
    };
    await t.deps.organisations.put(org);
    chain.push(org);
    parent = org;
  }
  const deepUnit: Organisation = {
    id: 'unit-deep',
    kind: 'unit',
    unitType: 'enterprise',
    name: '深层测试有限公司',
    parentId: parent.id,
    path: [...parent.path, 'unit-deep'],
    creditCode: '91430100MA4L00001' + creditCodeCheckChar('91430100MA4L00001'),
  };
  chain.push(deepUnit);
  await t.deps.organisations.put({ ...deepUnit, creditCode: undefined });
  // ... and a wide tree beside it: 12 departments of 15 units, so the tree is large and a full read would show.
  for (let d = 0; d < 12; d++) {
    const dept: Organisation = { id: `dept-w${d}`, kind: 'department', name: `宽树主管部门${d}`, parentId: hr, path: [hr, `dept-w${d}`] };
    await t.deps.organisations.put(dept);
    await Promise.all(
      Array.from({ length: 15 }, (_, u) =>
        t.deps.organisations.put({
          id: `unit-w${d}-${u}`,
          kind: 'unit',
          unitType: 'enterprise',
          name: `宽树单位${d}号${u}号`,
          parentId: dept.id,
          path: [...dept.path, `unit-w${d}-${u}`],
        }),
      ),
    );
  }
  await putPerson('person-deep', 'unit-deep', 1);
  await putPerson('person-wide', 'unit-w3-4', 2);
  t.db.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({ command: String(context.commandName), input: args.input as Record<string, any> });
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
}, 180_000);

beforeEach(() => {
  calls.length = 0;
});

describe('scope checks on a deep tree', () => {
  it('answers a person read through six departments from two organisation items, with no query on the tree', async () => {
    for (const org of chain.slice(0, -1)) {
      calls.length = 0;
      const { person, unitName } = await getPerson(t.deps, principal('dept_reviewer', org.id), 'person-deep');
      expect(person.id).toBe('person-deep');
      expect(unitName).toBe('深层测试有限公司');
      const reads = orgReads();
      expect(reads.scans).toBe(0);
      expect(reads.partitionQueries).not.toContain('ORG');
      // The reviewer's own organisation and the person's unit (also the unit's name): two items.
      expect(reads.keysRead).toBeLessThanOrEqual(2);
    }
  });

  it('refuses a person outside the scope as missing, from the same two items', async () => {
    await expect(getPerson(t.deps, principal('dept_reviewer', 'dept-w0'), 'person-deep')).rejects.toMatchObject({
      code: 'person_not_found',
    });
    await expect(getPerson(t.deps, principal('dept_reviewer', 'dept-d6'), 'person-wide')).rejects.toMatchObject({
      code: 'person_not_found',
    });
    const reads = orgReads();
    expect(reads.partitionQueries).not.toContain('ORG');
    expect(reads.keysRead).toBeLessThanOrEqual(4);
  });

  it('costs the same number of DynamoDB requests however large the tree grows', async () => {
    const count = async () => {
      calls.length = 0;
      await ok('reviewer-health', 'GET', '/v1/people/person-zhangwei');
      return calls.length;
    };
    const before = await count();
    for (let u = 0; u < 30; u++) {
      await t.deps.organisations.put({
        id: `unit-more-${u}`,
        kind: 'unit',
        unitType: 'enterprise',
        name: `追加单位${u}`,
        parentId: 'dept-health',
        path: [hr, 'dept-health', `unit-more-${u}`],
      });
    }
    expect(await count()).toBe(before);
    expect(orgReads().partitionQueries).not.toContain('ORG');
  });
});

describe('organisations a level, a page or a search at a time', () => {
  it('lists the children of a department a page at a time, and refuses a parent outside the scope', async () => {
    const p = principal('hr_officer', hr);
    const first = await listOrganisations(t.deps, p, { parentId: 'dept-w2', limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.items.every((o) => o.parentId === 'dept-w2')).toBe(true);
    const second = await listOrganisations(t.deps, p, { parentId: 'dept-w2', limit: 10, cursor: first.cursor! });
    expect(second.items).toHaveLength(5);
    expect(second.cursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((o) => o.id)).size).toBe(15);
    await expect(
      listOrganisations(t.deps, principal('dept_reviewer', 'dept-w1'), { parentId: 'dept-w2', limit: 10 }),
    ).rejects.toMatchObject({
      code: 'organisation_not_found',
    });
    expect(orgReads().partitionQueries).not.toContain('ORG');
  });

  it("pages a department's subtree in tree order, its own first", async () => {
    const page = await listOrganisations(t.deps, principal('dept_reviewer', 'dept-d2'), { limit: 3 });
    expect(page.items.map((o) => o.id)).toEqual(['dept-d2', 'dept-d3', 'dept-d4', 'dept-d5']);
    const rest = await listOrganisations(t.deps, principal('dept_reviewer', 'dept-d2'), { limit: 3, cursor: page.cursor! });
    expect(rest.items.map((o) => o.id)).toEqual(['dept-d6', 'unit-deep']);
    expect(rest.cursor).toBeNull();
  });

  it("searches names within the caller's scope only, and reads the index, not the tree", async () => {
    const mine = await listOrganisations(t.deps, principal('dept_reviewer', 'dept-w5'), { q: '号3号', limit: 20 });
    expect(mine.items.map((o) => o.id)).toEqual(['unit-w5-3']);
    const all = await listOrganisations(t.deps, principal('hr_officer', hr), { q: '号3号', kind: 'unit', limit: 50 });
    expect(all.items).toHaveLength(12);
    expect(orgReads().partitionQueries.every((pk) => pk.startsWith('ORGNAME#'))).toBe(true);
  });

  it('keeps the name index right through a rename, and finds a unit by its credit code', async () => {
    const unit = chain.at(-1)!;
    await t.deps.organisations.put({ ...unit, name: '改名后科技有限公司', creditCode: undefined });
    expect(await lookupUnits(t.deps, '深层测试')).toEqual([]);
    expect((await lookupUnits(t.deps, '改名后科技')).map((u) => u.id)).toEqual(['unit-deep']);
    expect(await lookupUnits(t.deps, unit.creditCode!)).toEqual([]);
    await t.deps.organisations.put({ ...unit, name: '改名后科技有限公司' });
    expect((await lookupUnits(t.deps, unit.creditCode!.toLowerCase())).map((u) => u.name)).toEqual(['改名后科技有限公司']);
    await expect(t.deps.organisations.put({ ...chain[0]!, creditCode: unit.creditCode })).rejects.toMatchObject({
      code: 'credit_code_taken',
    });
  });

  it('indexes organisations stored before the indexes existed, by the ops job that pages the tree', async () => {
    const legacy = {
      id: 'unit-legacy',
      kind: 'unit',
      unitType: 'enterprise',
      name: '旧表遗留建材厂',
      parentId: 'dept-w0',
      path: [hr, 'dept-w0', 'unit-legacy'],
    };
    await t.db.send(new PutCommand({ TableName: t.tableName, Item: { ...keys.organisation(legacy.id), ...legacy } }));
    expect(await lookupUnits(t.deps, '遗留建材')).toEqual([]);
    const count = await reindexOrganisations(t.db, t.tableName);
    expect(count).toBeGreaterThan(200);
    expect(await lookupUnits(t.deps, '遗留建材')).toEqual([{ id: 'unit-legacy', name: '旧表遗留建材厂', parentName: '宽树主管部门0' }]);
    const children = await listOrganisations(t.deps, principal('hr_officer', hr), { parentId: 'dept-w0', limit: 50 });
    expect(children.items.map((o) => o.id)).toContain('unit-legacy');
  });

  it('serves GET /v1/organisations paged, by parent and by search', async () => {
    const top = await ok('hr-officer', 'GET', '/v1/organisations?parentId=hr-430100&limit=5');
    expect(top.items).toHaveLength(5);
    expect(typeof top.cursor).toBe('string');
    expect(top.items[0].kind).toBe('department');
    const found = await ok('reviewer-health', 'GET', `/v1/organisations?q=${encodeURIComponent('医院')}`);
    expect(found.items.map((o: Organisation) => o.id)).toContain('unit-hospital');
    expect(found.items.every((o: Organisation) => o.path.includes('dept-health'))).toBe(true);
    expect((await call('reviewer-health', 'GET', '/v1/organisations?parentId=dept-w1')).status).toBe(404);
    expect((await call('hr-officer', 'GET', '/v1/organisations?cursor=forged')).status).toBe(400);
    expect(orgReads().partitionQueries).not.toContain('ORG');
  });
});

describe("a unit's people searched by a name nobody has", () => {
  it('reads a bounded share of a large unit a request and hands out a cursor to read on', async () => {
    const at = '2026-10-01T00:00:00.000Z';
    const items = Array.from({ length: 1_500 }, (_, n) => {
      const id = `big-${n}`;
      const name = `大单位${String(n).padStart(4, '0')}`;
      const first17 = `4301021980${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12) % 28)).padStart(2, '0')}${String(Math.floor(n / 336)).padStart(3, '0')}`;
      return {
        ...keys.person(id),
        ...keys.personByUnit('unit-w0-0', name, id),
        id,
        idNumber: first17 + residentIdCheckChar(first17),
        name,
        unitId: 'unit-w0-0',
        version: 1,
        activityRevision: 0,
        createdAt: at,
        updatedAt: at,
      };
    });
    for (let i = 0; i < items.length; i += 25) {
      await t.db.send(
        new BatchWriteCommand({ RequestItems: { [t.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }),
      );
    }
    calls.length = 0;
    let page = await t.deps.people.listByUnit('unit-w0-0', { limit: 50, nameContains: '无此人' });
    const firstQueries = calls.filter((c) => c.command === 'QueryCommand').length;
    expect(firstQueries).toBeLessThanOrEqual(20);
    expect(page.items).toEqual([]);
    expect(page.cursor).not.toBeNull();
    // Following the cursor reads on and ends: nothing is skipped, nothing read twice.
    let requests = 1;
    while (page.cursor) {
      page = await t.deps.people.listByUnit('unit-w0-0', { limit: 50, nameContains: '无此人', cursor: page.cursor });
      requests++;
    }
    expect(requests).toBeGreaterThan(1);
    // A match past the first request's reads comes on a later page of the same search.
    let cursor: string | undefined;
    const found: string[] = [];
    do {
      const next = await t.deps.people.listByUnit('unit-w0-0', { limit: 50, nameContains: '大单位1499', ...(cursor ? { cursor } : {}) });
      found.push(...next.items.map((p) => p.id));
      cursor = next.cursor ?? undefined;
    } while (cursor);
    expect(found).toEqual(['big-1499']);
  });
});

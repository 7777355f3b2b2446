import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import type { ProvinceRecord } from '../../shared/province.js';
import { idHashOf } from '../../functions/use-cases/province/directory.js';
import { sweep } from '../../functions/use-cases/province/routing.js';
import {
  createProvinceWorld,
  freshResidentId,
  PROVINCE_HR,
  registerPerson,
  registerProvinceTestBase,
  type ProvinceWorld,
} from '../support/province.js';

/**
 * The province-wide intake (issue 17) end to end on DynamoDB Local: the province's table and two
 * tenants' tables, the province's API, the queues between them and the tenants' own ingest.
 */
let now = new Date('2025-03-10T02:00:00Z');
const clock = () => now;
let world: ProvinceWorld;

beforeAll(async () => {
  world = await createProvinceWorld(clock);
}, 60_000);
beforeEach(() => {
  // A fresh rate-limit window per test, and registrations that are later than the last ones.
  now = new Date(now.getTime() + 61_000);
});

let codes = 0;
function nextCreditCode() {
  const body = `91430000MA4P${String(++codes).padStart(5, '0')}`;
  return body + creditCodeCheckChar(body);
}

let seq = 0;
const idem = () => `idem-${++seq}-${Math.random().toString(36).slice(2)}`;

function record(person: { idNumber: string; name: string }, overrides: Record<string, unknown> = {}) {
  return {
    externalId: `P-${++seq}`,
    idNumber: person.idNumber,
    name: person.name,
    kind: 'training',
    courseTitle: '专业技术人员能力提升研修班',
    category: 'professional',
    startDate: '2024-06-03',
    endDate: '2024-06-03',
    days: 1,
    assessment: 'passed',
    ...overrides,
  };
}

async function post(key: string, body: unknown, idemKey: string = idem()) {
  const res = await world.province.app.request('/v1/base/completions', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'idempotency-key': idemKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as any, replayed: res.headers.get('idempotent-replayed') };
}

async function list(key: string, query = '') {
  const res = await world.province.app.request(`/v1/base/completions${query}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as any };
}

async function provinceRecord(baseId: string, externalId: string): Promise<ProvinceRecord> {
  const r = await world.province.deps.records.get(baseId, externalId);
  if (!r) throw new Error(`no province record ${externalId}`);
  return r;
}

/** The tenant's own base id for a province base (found by credit code, made on the first forward). */
async function tenantBaseId(tenant: '430100' | '430200', creditCode: string) {
  return world.forwarded[tenant].forwardedBases.idByCreditCode(creditCode);
}

async function totalHours(tenant: '430100' | '430200', personId: string, year = 2024) {
  const books = await world.tenants[tenant].deps.books.listForPerson(personId);
  return books.find((b) => b.year === year)?.result.totalHours ?? 0;
}

describe('province intake', () => {
  it('routes a batch of 500 to two cities, holds the unknown person until a city registers them, and a repost changes nothing', async () => {
    const { base, apiKey } = await registerProvinceTestBase(world, nextCreditCode());
    const inA = await Promise.all(
      Array.from({ length: 5 }, (_, i) => registerPerson(world, '430100', { idNumber: freshResidentId(), name: `长沙学员${i}` })),
    );
    const inB = await Promise.all(
      Array.from({ length: 5 }, (_, i) => registerPerson(world, '430200', { idNumber: freshResidentId(), name: `株洲学员${i}` })),
    );
    const unknown = { idNumber: freshResidentId(), name: '未登记学员' };
    // 250 records for Changsha's people, 249 for Zhuzhou's, one for nobody yet: one day each, spread over 2024.
    const day = (i: number) => `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const records = [
      ...Array.from({ length: 250 }, (_, i) => record(inA[i % 5]!, { startDate: day(i), endDate: day(i) })),
      ...Array.from({ length: 249 }, (_, i) => record(inB[i % 5]!, { startDate: day(i), endDate: day(i) })),
      record(unknown),
    ];
    const key = idem();
    const first = await post(apiKey.key, { records }, key);
    expect(first.status).toBe(200);
    expect(first.body.results).toHaveLength(500);
    expect(new Set(first.body.results.map((r: any) => r.status))).toEqual(new Set(['accepted']));

    // Each city's books hold its own people's records, credited once each.
    const [baseA, baseB] = await Promise.all([tenantBaseId('430100', base.creditCode), tenantBaseId('430200', base.creditCode)]);
    expect(baseA).toBeDefined();
    expect(baseB).toBeDefined();
    const postingsA = await world.tenants['430100'].deps.postings.getMany(
      baseA!,
      records.slice(0, 250).map((r) => r.externalId),
    );
    const postingsB = await world.tenants['430200'].deps.postings.getMany(
      baseB!,
      records.slice(250, 499).map((r) => r.externalId),
    );
    expect(postingsA.size).toBe(250);
    expect(postingsB.size).toBe(249);
    expect([...postingsA.values(), ...postingsB.values()].every((p) => p.status === 'recorded' && p.credited)).toBe(true);
    // Nothing crossed over: Zhuzhou's table has none of Changsha's records.
    expect(
      (
        await world.tenants['430200'].deps.postings.getMany(
          baseB!,
          records.slice(0, 250).map((r) => r.externalId),
        )
      ).size,
    ).toBe(0);
    const hoursA = await Promise.all(inA.map((p) => totalHours('430100', p.id)));
    const hoursB = await Promise.all(inB.map((p) => totalHours('430200', p.id)));
    expect(hoursA.every((h) => h > 0)).toBe(true);
    expect(hoursB.every((h) => h > 0)).toBe(true);

    // The province knows where each went; the unknown person's record is held, in no city.
    const held = await provinceRecord(base.id, records[499]!.externalId);
    expect(held.state).toBe('waiting');
    expect(held.tenant).toBeUndefined();
    expect((await provinceRecord(base.id, records[0]!.externalId)).tenant).toBe('430100');
    expect((await provinceRecord(base.id, records[300]!.externalId)).state).toBe('delivered');

    // Registering the unknown person in Zhuzhou routes the held record there.
    const newcomer = await registerPerson(world, '430200', unknown);
    const routed = await provinceRecord(base.id, records[499]!.externalId);
    expect(routed).toMatchObject({ state: 'delivered', tenant: '430200', cityStatus: 'recorded', credited: true });
    expect(await totalHours('430200', newcomer.id)).toBeGreaterThan(0);

    // Reposting: the same key replays byte for byte; a new key answers duplicate for all; the books do not move.
    const replay = await post(apiKey.key, { records }, key);
    expect(replay.text).toBe(first.text);
    expect(replay.replayed).toBe('true');
    const again = await post(apiKey.key, { records });
    expect(new Set(again.body.results.map((r: any) => r.status))).toEqual(new Set(['duplicate']));
    expect(again.body.results[7].recordId).toBe(first.body.results[7].recordId);
    expect(await Promise.all(inA.map((p) => totalHours('430100', p.id)))).toEqual(hoursA);
    expect(await Promise.all(inB.map((p) => totalHours('430200', p.id)))).toEqual(hoursB);
    const activities = await world.tenants['430100'].deps.activities.listForPerson(inA[0]!.id);
    expect(activities.filter((a) => a.source === 'base_record')).toHaveLength(50);
  }, 240_000);

  it('keeps every answer the same whether or not a city knows the ID; only the hr office sees the city', async () => {
    const { base, apiKey } = await registerProvinceTestBase(world, nextCreditCode());
    const known = await registerPerson(world, '430100', { idNumber: freshResidentId(), name: '已登记' });
    const unknown = { idNumber: freshResidentId(), name: '未登记' };
    const wrongName = { idNumber: known.idNumber, name: '另一个名字' };
    const records = [record(known), record(unknown), record(wrongName, { externalId: 'WN-1' })];
    const res = await post(apiKey.key, { records });
    const shapes = res.body.results.map((r: any) => ({ status: r.status, keys: Object.keys(r).sort() }));
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    expect(shapes[0].status).toBe('accepted');

    // The list: the held record and the one waiting in a city under another name look the same.
    const listed = await list(apiKey.key);
    const byExt = new Map(listed.body.items.map((i: any) => [i.externalId, i]));
    const held = byExt.get(records[1]!.externalId) as any;
    const mismatched = byExt.get('WN-1') as any;
    expect(held.status).toBe('accepted');
    expect(mismatched.status).toBe('accepted');
    expect(Object.keys(held).sort()).toEqual(Object.keys(mismatched).sort());
    for (const item of listed.body.items) {
      expect(item).not.toHaveProperty('tenant');
      expect(item).not.toHaveProperty('state');
      expect(JSON.stringify(item)).not.toContain(known.idNumber);
    }
    // A record its city has in its books answers `recorded`, as the city's own API would.
    expect((byExt.get(records[0]!.externalId) as any).status).toBe('recorded');

    // The provincial hr office sees where each went.
    const token = await world.provinceIssuer.issue({
      id: PROVINCE_HR.userId,
      name: PROVINCE_HR.name,
      role: 'hr_officer',
      organisation: 'hr-430000',
      tenant: '430000',
    });
    const hr = await world.province.app.request(`/v1/province/bases/${base.id}/records`, { headers: { authorization: `Bearer ${token}` } });
    expect(hr.status).toBe(200);
    const hrItems = new Map(((await hr.json()) as any).items.map((i: any) => [i.externalId, i]));
    expect(hrItems.get(records[0]!.externalId)).toMatchObject({ tenant: '430100', state: 'delivered', cityStatus: 'recorded' });
    expect(hrItems.get('WN-1')).toMatchObject({ tenant: '430100', state: 'delivered', cityStatus: 'unmatched' });
    expect(hrItems.get(records[1]!.externalId)).toMatchObject({ state: 'waiting' });
    // A base key never opens the hr office's view, nor does a city's hr officer.
    const asBase = await world.province.app.request(`/v1/province/bases/${base.id}/records`, {
      headers: { authorization: `Bearer ${apiKey.key}` },
    });
    expect(asBase.status).toBe(401);
  }, 60_000);

  it('routes by where the person is registered now: a move re-routes held records, not credited ones; a late old event changes nothing', async () => {
    const { base, apiKey } = await registerProvinceTestBase(world, nextCreditCode());
    const mover = { idNumber: freshResidentId(), name: '调动者' };
    const moverA = await registerPerson(world, '430100', mover);
    const r1 = record(mover);
    await post(apiKey.key, { records: [r1] });
    expect(await provinceRecord(base.id, r1.externalId)).toMatchObject({ tenant: '430100', credited: true });

    now = new Date(now.getTime() + 60_000);
    // The person moves to Zhuzhou: registered there (a new registration in that tenant's own table).
    const moverB = await registerPerson(world, '430200', mover);
    const r2 = record(mover);
    await post(apiKey.key, { records: [r2] });
    expect(await provinceRecord(base.id, r2.externalId)).toMatchObject({ tenant: '430200', credited: true });
    // The credited record stays in Changsha's books: no second credit anywhere.
    expect(await provinceRecord(base.id, r1.externalId)).toMatchObject({ tenant: '430100' });
    const baseB = await tenantBaseId('430200', base.creditCode);
    expect((await world.tenants['430200'].deps.postings.getMany(baseB!, [r1.externalId])).size).toBe(0);
    expect(await totalHours('430100', moverA.id)).toBeGreaterThan(0);
    expect(await totalHours('430200', moverB.id)).toBeGreaterThan(0);

    // An older event from Changsha arriving late does not send the person back.
    const key = world.province.deps.directoryKey;
    await world.province.inbox.publishDirectory({
      v: 1,
      idHash: idHashOf(key, mover.idNumber),
      tenant: '430100',
      at: '2025-01-01T00:00:00.000Z',
    });
    const r3 = record(mover);
    await post(apiKey.key, { records: [r3] });
    expect((await provinceRecord(base.id, r3.externalId)).tenant).toBe('430200');

    // A held record follows the person to where they are registered when they appear.
    const later = { idNumber: freshResidentId(), name: '后登记' };
    const r4 = record(later);
    await post(apiKey.key, { records: [r4] });
    expect((await provinceRecord(base.id, r4.externalId)).state).toBe('waiting');
    await registerPerson(world, '430200', later);
    expect(await provinceRecord(base.id, r4.externalId)).toMatchObject({ state: 'delivered', tenant: '430200' });
  }, 60_000);

  it('loses and doubles nothing when a tenant dies mid-forward and comes back, nor when a lost receipt makes the sweeper resend', async () => {
    const { base, apiKey } = await registerProvinceTestBase(world, nextCreditCode());
    const inA = await registerPerson(world, '430100', { idNumber: freshResidentId(), name: '长沙甲' });
    const inB = await Promise.all(
      Array.from({ length: 3 }, (_, i) => registerPerson(world, '430200', { idNumber: freshResidentId(), name: `株洲乙${i}` })),
    );
    const day = (i: number) => `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const recordsB = Array.from({ length: 60 }, (_, i) => record(inB[i % 3]!, { startDate: day(i), endDate: day(i) }));
    const recordA = record(inA);

    // Zhuzhou's database goes away part-way through the first message.
    const outage = world.breakTenant('430200', 25);
    const res = await post(apiKey.key, { records: [recordA, ...recordsB] });
    expect(res.status).toBe(200);
    expect(new Set(res.body.results.map((r: any) => r.status))).toEqual(new Set(['accepted']));
    expect((await provinceRecord(base.id, recordA.externalId)).state).toBe('delivered');
    expect(world.province.queues.depth('430200')).toBeGreaterThan(0);
    const states = await Promise.all(recordsB.map((r) => provinceRecord(base.id, r.externalId)));
    expect(states.every((s) => s.state === 'sent' && s.tenant === '430200')).toBe(true);

    // Back again: the queue delivers what it kept.
    outage.revive();
    await world.province.queues.drain();
    expect(world.province.queues.depth('430200')).toBe(0);
    const delivered = await Promise.all(recordsB.map((r) => provinceRecord(base.id, r.externalId)));
    expect(delivered.every((s) => s.state === 'delivered' && s.credited)).toBe(true);
    const baseB = await tenantBaseId('430200', base.creditCode);
    const postings = await world.tenants['430200'].deps.postings.getMany(
      baseB!,
      recordsB.map((r) => r.externalId),
    );
    expect(postings.size).toBe(60);
    const activityCounts = async () =>
      Promise.all(
        inB.map(
          async (p) => (await world.tenants['430200'].deps.activities.listForPerson(p.id)).filter((a) => a.source === 'base_record').length,
        ),
      );
    expect(await activityCounts()).toEqual([20, 20, 20]);
    const hours = await Promise.all(inB.map((p) => totalHours('430200', p.id)));

    // A receipt lost on the way back: the record stays `sent`; five minutes on the sweeper sends it again.
    const lost = record(inB[0]!);
    const lostOutage = world.breakTenant('430200', 0);
    await post(apiKey.key, { records: [lost] });
    lostOutage.revive();
    now = new Date(now.getTime() + 6 * 60_000);
    const swept = await sweep(world.province.deps);
    expect(swept.resent).toBe(1);
    await world.province.queues.drain();
    expect(await provinceRecord(base.id, lost.externalId)).toMatchObject({ state: 'delivered', sends: 2 });
    expect(await activityCounts()).toEqual([21, 20, 20]);
    expect(await Promise.all(inB.map((p) => totalHours('430200', p.id)))).not.toEqual(hours);
    expect(await totalHours('430200', inB[1]!.id)).toBe(hours[1]);
  }, 120_000);

  it('mirrors the city contract at the edge: key required, 500 at most, bad records rejected on their own, no other level', async () => {
    const { apiKey } = await registerProvinceTestBase(world, nextCreditCode());
    const missing = await world.province.app.request('/v1/base/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records: [] }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).error.code).toBe('idempotency_key_missing');
    const tooMany = await post(apiKey.key, { records: Array.from({ length: 501 }, () => ({})) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('batch_too_large');
    const mixed = await post(apiKey.key, {
      records: [
        record({ idNumber: freshResidentId(), name: '甲' }),
        { externalId: 'bad' },
        record({ idNumber: freshResidentId(), name: '乙' }, { endDate: '2030-01-01', startDate: '2030-01-01' }),
      ],
    });
    expect(mixed.body.results.map((r: any) => r.status)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(mixed.body.results[2].error.code).toBe('date_in_future');
    const k = idem();
    await post(apiKey.key, { records: [record({ idNumber: freshResidentId(), name: '丙' })] }, k);
    const reused = await post(apiKey.key, { records: [] }, k);
    expect(reused.status).toBe(422);
    const unauthenticated = await post('xsk_nothere1_abcdefghijklmnopqrstuvwxyz', { records: [] });
    expect(unauthenticated.status).toBe(401);
    const { registerProvinceBase } = await import('../../functions/use-cases/province/bases.js');
    await expect(
      registerProvinceBase(world.province.deps, PROVINCE_HR, {
        name: '市级基地',
        creditCode: nextCreditCode(),
        level: 'city',
        contact: { name: '李', phone: '0731-1234567' },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      registerProvinceBase(
        world.province.deps,
        { ...PROVINCE_HR, tenant: '430100' },
        { name: '国家级', creditCode: nextCreditCode(), level: 'national', contact: { name: '李', phone: '0731-1234567' } },
      ),
    ).rejects.toMatchObject({ code: 'role_not_allowed' });
  }, 60_000);
});

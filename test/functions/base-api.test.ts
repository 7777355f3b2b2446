import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PostingRepository } from '../../functions/ports/bases.js';
import { DEMO_BASE, DEMO_BASE_KEY } from '../../functions/local/demo-data.js';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { createTestApp, type TestApp } from '../support/services.js';

/**
 * The training-base API (rules §7) against DynamoDB Local. A settable clock: each test starts in a
 * fresh rate-limit window, and the crash tests move past the 60 s in-flight marker.
 */
let now = new Date('2025-03-10T02:00:00Z');
const clock = () => now;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: clock });
});
beforeEach(() => {
  now = new Date(now.getTime() + 61_000);
});

const ZHANG = { id: 'person-zhangwei', idNumber: '430102198503122013', name: '张伟' };
const LI = { id: 'person-lina', idNumber: '430104199001153028', name: '李娜' };
const WANG = { id: 'person-wangfang', idNumber: '430121198211034029', name: '王芳' };
const LIU = { id: 'person-liuyang', idNumber: '430111198809202717', name: '刘洋' };
const CHEN = { id: 'person-chenjie', idNumber: '430103197907081520', name: '陈洁' };
/** Valid resident IDs nobody has registered. */
const NEWCOMERS = ['430102199205061237', '430104198808174028', '430121199511305614'];

let seq = 0;
const idem = () => `idem-${++seq}-${Math.random().toString(36).slice(2)}`;
const ext = (label: string) => `${label}-${++seq}`;

function record(person: { idNumber: string; name: string }, overrides: Record<string, unknown> = {}) {
  return {
    externalId: ext('R'),
    idNumber: person.idNumber,
    name: person.name,
    kind: 'training',
    courseTitle: '医学影像新技术高级研修班',
    category: 'professional',
    startDate: '2024-05-20',
    endDate: '2024-05-22',
    days: 3,
    assessment: 'passed',
    ...overrides,
  };
}

async function portal(user: string, method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${await t.tokenFor(user, new Date())}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function base(key: string | undefined, method: string, path: string, options: { idem?: string; body?: unknown; raw?: string } = {}) {
  const res = await t.app.request(path, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(options.idem ? { 'idempotency-key': options.idem } : {}),
      ...(options.body !== undefined || options.raw !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, body: JSON.parse(text) as any };
}

const post = (key: string, body: unknown, idemKey: string = idem()) => base(key, 'POST', '/v1/base/completions', { idem: idemKey, body });

let codes = 0;
/** A fresh valid credit code (GB 32100) for each base a test registers. */
function nextCreditCode() {
  const first17 = `91430100MA4LC${String(++codes).padStart(4, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

async function newBase(name: string, creditCode: string = nextCreditCode()) {
  const res = await portal('hr-officer', 'POST', '/v1/bases', {
    name,
    creditCode,
    level: 'national',
    contact: { name: '联系人', phone: '010-12345678' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { base: { id: string }; apiKey: { key: string; prefix: string } };
}

async function newKey(baseId: string) {
  const res = await portal('hr-officer', 'POST', `/v1/bases/${baseId}/keys`, { label: 'test' });
  expect(res.status).toBe(201);
  return res.body.key as string;
}

async function baseRecordsOf(personId: string) {
  return (await t.deps.activities.listForPerson(personId)).filter((r) => r.source === 'base_record');
}

describe('bases and keys (hr office)', () => {
  it('registers a base with a validated credit code and shows its first key once', async () => {
    const res = await portal('hr-officer', 'POST', '/v1/bases', {
      name: '国家级专业技术人员继续教育基地（测试）',
      creditCode: '12430000444880001',
      level: 'national',
      contact: { name: '王老师', phone: '0731-84444444' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('creditCode');

    const ok = await newBase('国家级专业技术人员继续教育基地（测试）', '124300004448800014');
    expect(ok.apiKey.key).toMatch(/^xsk_[a-z0-9]{8}_[A-Za-z0-9]{40}$/);
    expect(ok.apiKey.key.split('_')[1]).toBe(ok.apiKey.prefix);

    const again = await portal('hr-officer', 'POST', '/v1/bases', {
      name: '重名也不行',
      creditCode: '124300004448800014',
      level: 'provincial',
      contact: { name: '王老师', phone: '0731-84444444' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('base_exists');

    const detail = await portal('auditor', 'GET', `/v1/bases/${ok.base.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.keys).toEqual([expect.objectContaining({ prefix: ok.apiKey.prefix, status: 'active' })]);
    // Never the key, never its hash.
    expect(JSON.stringify(detail.body)).not.toContain(ok.apiKey.key.split('_')[2]);
    expect(detail.body.keys[0].hash).toBeUndefined();

    const list = await portal('hr-officer', 'GET', '/v1/bases');
    expect(list.body.items.map((b: any) => b.id)).toEqual(expect.arrayContaining([ok.base.id, DEMO_BASE.id]));
  });

  it('lets only the hr office manage bases', async () => {
    const res = await portal('clerk-hospital', 'POST', '/v1/bases', {
      name: '某基地',
      creditCode: '52430000MJJ0001230',
      level: 'city',
      contact: { name: '甲', phone: '12345' },
    });
    expect(res.status).toBe(403);
    expect((await portal('clerk-hospital', 'GET', '/v1/bases')).status).toBe(403);
  });

  it('holds several active keys; a revoked key stops at once, the other keeps working; lastUsedAt is recorded', async () => {
    const { base: b, apiKey } = await newBase('轮换测试基地', '52430000MJJ0001230');
    const second = await newKey(b.id);
    expect((await base(apiKey.key, 'GET', '/v1/base/completions')).status).toBe(200);
    expect((await base(second, 'GET', '/v1/base/completions')).status).toBe(200);

    const revoked = await portal('hr-officer', 'POST', `/v1/bases/${b.id}/keys/${apiKey.prefix}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: 'hr-officer' });

    const refused = await base(apiKey.key, 'GET', '/v1/base/completions');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('api_key_revoked');
    expect((await base(second, 'GET', '/v1/base/completions')).status).toBe(200);
    expect((await portal('hr-officer', 'POST', `/v1/bases/${b.id}/keys/${apiKey.prefix}/revoke`)).status).toBe(409);

    const keys = (await portal('hr-officer', 'GET', `/v1/bases/${b.id}/keys`)).body.items;
    expect(keys.find((k: any) => k.prefix === second.split('_')[1]).lastUsedAt).toBe(now.toISOString());
    const audit = await t.deps.audit.listFor('base', b.id);
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'create_key', 'revoke_key']));
  });
});

describe('authentication and limits', () => {
  it('answers 401 for a missing, malformed, unknown or wrong key, and for a portal token', async () => {
    const missing = await base(undefined, 'GET', '/v1/base/completions');
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('api_key_missing');
    for (const key of ['nonsense', 'xsk_demo0001_WrongSecretButRightShapeXX', 'xsk_zzzzzzzz_LocalDemoKeyDoNotUseInProduction']) {
      const res = await base(key, 'GET', '/v1/base/completions');
      expect(res.status, key).toBe(401);
      expect(res.body.error.code).toBe('api_key_invalid');
    }
    const token = await t.tokenFor('hr-officer', new Date());
    expect((await base(token, 'GET', '/v1/base/completions')).status).toBe(401);
    // And a base key opens nothing in the portal API.
    const res = await t.app.request('/v1/people', { headers: { authorization: `Bearer ${DEMO_BASE_KEY}` } });
    expect(res.status).toBe(401);
  });

  it('limits each key to 60 requests a minute: 429 with Retry-After, then the next window opens', async () => {
    const { apiKey } = await newBase('限流测试基地');
    now = new Date(Math.ceil(now.getTime() / 60_000) * 60_000 + 15_000); // 15 s into a fresh window
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await base(apiKey.key, 'GET', '/v1/base/completions')).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const limited = await base(apiKey.key, 'GET', '/v1/base/completions');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBe('45');
    // Another key of another base is not affected.
    expect((await base(DEMO_BASE_KEY, 'GET', '/v1/base/completions')).status).toBe(200);
    now = new Date(now.getTime() + 45_000);
    expect((await base(apiKey.key, 'GET', '/v1/base/completions')).status).toBe(200);
  });
});

describe('POST /v1/base/completions', () => {
  it('requires an Idempotency-Key and refuses more than 500 records before reading any', async () => {
    const noKey = await base(DEMO_BASE_KEY, 'POST', '/v1/base/completions', { body: { records: [record(ZHANG)] } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe('idempotency_key_missing');

    const tooMany = await post(DEMO_BASE_KEY, { records: Array.from({ length: 501 }, () => ({ junk: true })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('batch_too_large');

    const notJson = await base(DEMO_BASE_KEY, 'POST', '/v1/base/completions', { idem: idem(), raw: '{"records": [' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_json');
    const noArray = await post(DEMO_BASE_KEY, { records: 'x' });
    expect(noArray.status).toBe(400);
  });

  it('never refuses the largest batch the contract allows as too large (500 records, every field at its maximum)', async () => {
    // Control characters are valid in these strings and JSON.stringify writes each as a 6-byte \u escape.
    const long = (n: number) => '\u0001'.repeat(n);
    const records = Array.from({ length: 500 }, (_, i) => ({
      externalId: `${String(i).padStart(3, '0')}${long(125)}`,
      idNumber: ZHANG.idNumber,
      name: long(50),
      kind: 'academic_event',
      courseTitle: long(200),
      category: 'professional',
      theme: long(100),
      startDate: '2099-05-20',
      endDate: '2099-05-22',
      days: 1000,
      halfDays: 1000,
      evenings: 1000,
      assessment: 'passed',
      certificateNo: long(100),
    }));
    const body = JSON.stringify({ records });
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    const res = await base(DEMO_BASE_KEY, 'POST', '/v1/base/completions', { idem: idem(), raw: body });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.results).toHaveLength(500);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'date_in_future' } });
  });

  it('takes a full batch of 500 records in one request', async () => {
    const { residentIdCheckChar } = await import('../../shared/id-number.js');
    const records = Array.from({ length: 500 }, (_, i) => {
      const first17 = `4301021990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(100 + i).slice(-3)}`;
      return record({ idNumber: first17 + residentIdCheckChar(first17), name: `学员${i}` }, { externalId: `FULL-${i}` });
    });
    const res = await post(DEMO_BASE_KEY, { records });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(500);
    expect(res.body.results.every((r: any, i: number) => r.status === 'unmatched' && r.externalId === `FULL-${i}`)).toBe(true);
  });

  it('validates each record on its own: the invalid are rejected with reasons, the rest land, in input order', async () => {
    const records = [
      record(ZHANG, { externalId: 'MIX-1' }),
      record({ idNumber: '430102198503122014', name: '张伟' }, { externalId: 'MIX-2' }), // bad check digit
      record(LI, { externalId: 'MIX-3', kind: 'online_course', days: undefined, hours: 12.5, category: 'public' }),
      record(WANG, { externalId: 'MIX-4', name: '王方' }), // known ID, another name
      record({ idNumber: NEWCOMERS[0]!, name: '周晓明' }, { externalId: 'MIX-5' }),
      record(LIU, { externalId: 'MIX-6', assessment: 'failed' }),
      record(CHEN, { externalId: 'MIX-7', endDate: '2025-12-01' }), // after today (the clock is March 2025)
      42,
      record(CHEN, { externalId: 'MIX-8', hours: 3 }), // a C1 kind counts days, not hours
    ];
    const res = await post(DEMO_BASE_KEY, { records });
    expect(res.status).toBe(200);
    const r = res.body.results;
    expect(r.map((x: any) => [x.externalId, x.status, x.error?.code])).toEqual([
      ['MIX-1', 'recorded', undefined],
      ['MIX-2', 'rejected', 'invalid_record'],
      ['MIX-3', 'recorded', undefined],
      ['MIX-4', 'unmatched', undefined], // rules §7: exactly like an unknown ID
      ['MIX-5', 'unmatched', undefined],
      ['MIX-6', 'recorded', undefined],
      ['MIX-7', 'rejected', 'date_in_future'],
      [null, 'rejected', 'invalid_record'],
      ['MIX-8', 'rejected', 'invalid_record'],
    ]);
    expect(r[1].error.details[0].path).toBe('idNumber');
    expect(r[8].error.details.map((d: any) => d.path)).toContain('hours');
    for (const i of [0, 2, 3, 4, 5]) expect(r[i].recordId).toEqual(expect.any(String));

    // Credited through the engine with source base_record: 3 days = 30 professional hours in 2024.
    const zhang = await baseRecordsOf(ZHANG.id);
    expect(zhang).toEqual([expect.objectContaining({ id: r[0].recordId, status: 'active', externalId: 'MIX-1', baseId: DEMO_BASE.id })]);
    const book = (await portal('clerk-hospital', 'GET', `/v1/people/${ZHANG.id}/books`)).body.items.find((b: any) => b.year === 2024);
    expect(book.result.professionalHours).toBe(30);
    expect(book.result.items[0].note).toContain('3×10');
    expect((await baseRecordsOf(LI.id))[0]!.activity).toMatchObject({ kind: 'online_course', hours: 12.5, provider: DEMO_BASE.name });
    // A failed assessment is recorded, not credited.
    expect(await baseRecordsOf(LIU.id)).toEqual([]);
    const failed = await base(DEMO_BASE_KEY, 'GET', '/v1/base/completions?externalId=MIX-6');
    expect(failed.body.items).toEqual([expect.objectContaining({ status: 'recorded', credited: false, assessment: 'failed' })]);
  });

  it('keeps (base, externalId) unique forever; a rejected record uses up nothing', async () => {
    const first = await post(DEMO_BASE_KEY, { records: [record(ZHANG, { externalId: 'ONCE-1' })] });
    expect(first.body.results[0].status).toBe('recorded');
    const repost = await post(DEMO_BASE_KEY, {
      records: [
        record(ZHANG, { externalId: 'ONCE-1', days: 2 }),
        record(ZHANG, { externalId: 'ONCE-2' }),
        record(ZHANG, { externalId: 'ONCE-2' }),
      ],
    });
    expect(repost.body.results).toEqual([
      { externalId: 'ONCE-1', status: 'duplicate', recordId: first.body.results[0].recordId },
      { externalId: 'ONCE-2', status: 'recorded', recordId: expect.any(String) },
      { externalId: 'ONCE-2', status: 'duplicate', recordId: repost.body.results[1].recordId },
    ]);
    expect((await baseRecordsOf(ZHANG.id)).filter((a) => a.externalId?.startsWith('ONCE-'))).toHaveLength(2);

    // MIX-7 was rejected (date in the future): corrected, the same externalId lands.
    const corrected = await post(DEMO_BASE_KEY, { records: [record(CHEN, { externalId: 'MIX-7' })] });
    expect(corrected.body.results[0].status).toBe('recorded');
    // And the same externalId from another base is that base's own.
    const other = await newBase('另一基地');
    const otherPost = await post(other.apiKey.key, { records: [record(ZHANG, { externalId: 'ONCE-1' })] });
    expect(otherPost.body.results[0].status).toBe('recorded');
  });

  it('lands in a confirmed year as pending', async () => {
    const added = await portal('clerk-hospital', 'POST', `/v1/people/${LI.id}/activities`, {
      activity: { kind: 'training', date: '2023-06-01', category: 'professional', days: 1 },
    });
    expect(added.status).toBe(201);
    const y = (await portal('reviewer-hospital', 'GET', `/v1/people/${LI.id}/books`)).body.items.find((b: any) => b.year === 2023);
    const confirmed = await portal('reviewer-hospital', 'POST', `/v1/people/${LI.id}/books/2023/confirm`, {
      version: y.version,
      reason: '测试',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);

    const res = await post(DEMO_BASE_KEY, {
      records: [record(LI, { externalId: 'LOCKED-1', startDate: '2023-09-01', endDate: '2023-09-02', days: 2 })],
    });
    expect(res.body.results[0].status).toBe('recorded');
    const act = (await baseRecordsOf(LI.id)).find((a) => a.externalId === 'LOCKED-1');
    expect(act?.status).toBe('pending');
    const after = (await portal('reviewer-hospital', 'GET', `/v1/people/${LI.id}/books`)).body.items.find((b: any) => b.year === 2023);
    expect(after.pendingCount).toBe(1);
    expect(after.result.totalHours).toBe(y.result.totalHours);
    const listed = await base(DEMO_BASE_KEY, 'GET', '/v1/base/completions?externalId=LOCKED-1');
    expect(listed.body.items[0]).toMatchObject({ status: 'recorded', credited: true, activityStatus: 'pending' });
  });
});

describe('idempotency', () => {
  it('replays the first answer for the same key and body (key order aside); 422 for another body', async () => {
    const key = idem();
    const a = record(CHEN, { externalId: 'IDEM-1' });
    const first = await post(DEMO_BASE_KEY, { records: [a] }, key);
    expect(first.status).toBe(200);
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    const replay = await post(DEMO_BASE_KEY, { records: [reordered] }, key);
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.results[0].status).toBe('recorded'); // not "duplicate": it is the first answer

    const reused = await post(DEMO_BASE_KEY, { records: [{ ...a, days: 4 }] }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');

    // Keys are scoped to the base: another base may use the same key for its own request.
    const other = await newBase('同键基地');
    expect((await post(other.apiKey.key, { records: [record(CHEN, { externalId: 'IDEM-1' })] }, key)).status).toBe(200);

    // After 24 hours the key is forgotten: the same key and body are a new request (the record a duplicate).
    now = new Date(now.getTime() + 24 * 3600_000 + 1000);
    const later = await post(DEMO_BASE_KEY, { records: [a] }, key);
    expect(later.body.results[0].status).toBe('duplicate');
  });

  it('50 concurrent identical posts give one set of records and identical answers (or 409 while the first runs)', async () => {
    const { apiKey } = await newBase('并发测试基地');
    const records = [
      ...[ZHANG, LI, WANG, LIU, CHEN].map((p, i) => record(p, { externalId: `CONC-${i}` })),
      record({ idNumber: NEWCOMERS[1]!, name: '钱多多' }, { externalId: 'CONC-U' }),
      record(ZHANG, { externalId: 'CONC-F', assessment: 'failed' }),
    ];
    const key = idem();
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(apiKey.key, { records }, key)));
    const ok = answers.filter((a) => a.status === 200);
    const busy = answers.filter((a) => a.status === 409);
    expect(ok.length + busy.length).toBe(50);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((a) => a.text)).size).toBe(1);
    for (const b of busy) {
      expect(b.body.error.code).toBe('idempotency_request_in_progress');
      expect(Number(b.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(b.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    }
    expect(ok[0]!.body.results.map((r: any) => r.status)).toEqual([...Array(5).fill('recorded'), 'unmatched', 'recorded']);

    // The 409s retry with the same key: they get the very same answer.
    const retried = await post(apiKey.key, { records }, key);
    expect(retried.text).toBe(ok[0]!.text);
    for (const p of [ZHANG, LI, WANG, LIU, CHEN]) {
      expect((await baseRecordsOf(p.id)).filter((a) => a.externalId?.startsWith('CONC-'))).toHaveLength(1);
    }
    const listed = await base(apiKey.key, 'GET', '/v1/base/completions?limit=100');
    expect(listed.body.items).toHaveLength(7);
    const log = await base(apiKey.key, 'GET', '/v1/base/submissions');
    expect(log.body.items).toHaveLength(1);
  });
});

describe('a batch interrupted midway', () => {
  const batch = () => [
    ...[ZHANG, LI, WANG, LIU, CHEN].map((p, i) => record(p, { externalId: `CRASH-${seq}-${i}` })),
    record({ idNumber: NEWCOMERS[2]!, name: '孙小美' }, { externalId: `CRASH-${seq}-U` }),
    record(LI, { externalId: `CRASH-${seq}-L2`, startDate: '2024-06-01', endDate: '2024-06-01', days: undefined, halfDays: 1 }),
  ];

  /** Every record exactly once: one posting each, one base activity each for the credited ones. */
  async function expectExactlyOnce(records: ReturnType<typeof batch>, apiKey: string) {
    for (const r of records) {
      const listed = await base(apiKey, 'GET', `/v1/base/completions?externalId=${encodeURIComponent(r.externalId)}`);
      expect(listed.body.items, r.externalId).toHaveLength(1);
    }
    const people = [ZHANG, LI, WANG, LIU, CHEN];
    for (const p of people) {
      const acts = (await baseRecordsOf(p.id)).filter((a) => records.some((r) => r.externalId === a.externalId));
      expect(acts, p.name).toHaveLength(records.filter((r) => r.idNumber === p.idNumber).length);
    }
  }

  function failAfter(n: number) {
    const original = t.deps.postings;
    let calls = 0;
    const failing: PostingRepository = {
      ...original,
      async save(write) {
        if (++calls > n) throw new Error('injected: the record writer died');
        return original.save(write);
      },
    };
    t.deps.postings = failing;
    return () => {
      t.deps.postings = original;
    };
  }

  it('answers 5xx, frees the key, and the retry lands every record exactly once with the answer of an uninterrupted run', async () => {
    const { apiKey } = await newBase('中断测试基地');
    const records = batch();
    const key = idem();
    const restore = failAfter(3);
    const crashed = await post(apiKey.key, { records }, key);
    restore();
    expect(crashed.status).toBe(500);
    const retried = await post(apiKey.key, { records }, key);
    expect(retried.status).toBe(200);
    expect(retried.body.results.map((r: any) => r.status)).toEqual([...Array(5).fill('recorded'), 'unmatched', 'recorded']);
    await expectExactlyOnce(records, apiKey.key);
    // Both of 李娜's records of the batch count in her 2024 book, each once.
    const liBook = (await portal('clerk-hospital', 'GET', `/v1/people/${LI.id}/books`)).body.items.find((b: any) => b.year === 2024);
    const ids = new Set(retried.body.results.filter((r: any) => r.externalId.includes('CRASH')).map((r: any) => r.recordId));
    expect(
      liBook.result.items
        .filter((i: any) => ids.has(i.activityId))
        .map((i: any) => i.hours)
        .sort(),
    ).toEqual([30, 4].sort());
  });

  it('after a crash that leaves its marker: 409 until the 60 s marker expires, then the retry completes exactly once', async () => {
    const { apiKey } = await newBase('崩溃测试基地');
    const records = batch();
    const key = idem();
    const restore = failAfter(4);
    const originalIdempotency = t.deps.idempotency;
    // The process "dies": nothing cleans up after the failure.
    t.deps.idempotency = {
      ...originalIdempotency,
      release: async () => {
        throw new Error('injected: process gone');
      },
    };
    const crashed = await post(apiKey.key, { records }, key);
    restore();
    t.deps.idempotency = originalIdempotency;
    expect(crashed.status).toBe(500);

    const early = await post(apiKey.key, { records }, key);
    expect(early.status).toBe(409);
    // The marker has most of its 60 s left, but a running batch ends in seconds: ask again in 2.
    expect(early.headers.get('retry-after')).toBe('2');
    const otherBody = await post(apiKey.key, { records: records.slice(1) }, key);
    expect(otherBody.status).toBe(422);

    now = new Date(now.getTime() + 61_000);
    const retried = await post(apiKey.key, { records }, key);
    expect(retried.status).toBe(200);
    expect(retried.body.results.map((r: any) => r.status)).toEqual([...Array(5).fill('recorded'), 'unmatched', 'recorded']);
    await expectExactlyOnce(records, apiKey.key);
    expect((await post(apiKey.key, { records }, key)).text).toBe(retried.text);
  });
});

describe('GET /v1/base/completions', () => {
  it('pages a base’s own postings, newest first, with IDs masked; another base sees none of them', async () => {
    const { apiKey } = await newBase('分页测试基地');
    for (let i = 0; i < 3; i++) {
      now = new Date(now.getTime() + 1000);
      await post(apiKey.key, { records: [record(ZHANG, { externalId: `PAGE-${i}` }), record(LI, { externalId: `PAGE-${i}b` })] });
    }
    const first = await base(apiKey.key, 'GET', '/v1/base/completions?limit=4');
    expect(first.status).toBe(200);
    expect(first.body.items.map((p: any) => p.externalId)).toEqual(['PAGE-2b', 'PAGE-2', 'PAGE-1b', 'PAGE-1']);
    expect(first.body.items[1]).toMatchObject({ idNumberMasked: '4301**********201*', name: '张伟', status: 'recorded', credited: true });
    expect(first.text).not.toContain(ZHANG.idNumber);
    const second = await base(apiKey.key, 'GET', `/v1/base/completions?limit=4&cursor=${first.body.cursor}`);
    expect(second.body.items.map((p: any) => p.externalId)).toEqual(['PAGE-0b', 'PAGE-0']);
    expect(second.body.cursor).toBeNull();

    // The demo base cannot read them, not even with this base's cursor.
    const demo = await base(DEMO_BASE_KEY, 'GET', '/v1/base/completions?limit=200');
    expect(demo.body.items.some((p: any) => p.externalId.startsWith('PAGE-'))).toBe(false);
    const stolen = await base(DEMO_BASE_KEY, 'GET', `/v1/base/completions?cursor=${first.body.cursor}`);
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.code).toBe('invalid_cursor');
    expect((await base(DEMO_BASE_KEY, 'GET', '/v1/base/completions?externalId=PAGE-0')).body.items).toEqual([]);

    // The hr office reads any base's postings and its submissions log.
    const hr = await portal('hr-officer', 'GET', `/v1/bases/${DEMO_BASE.id}/submissions?limit=100`);
    expect(hr.status).toBe(200);
    const statuses = new Set(hr.body.items.flatMap((s: any) => s.results.map((r: any) => r.status)));
    expect([...statuses].sort()).toEqual(['duplicate', 'recorded', 'rejected', 'unmatched']);
  });
});

describe('unmatched records', () => {
  it('are matched and credited when the person is registered; a different name stays unmatched, flagged', async () => {
    const res = await post(DEMO_BASE_KEY, {
      records: [
        record({ idNumber: '11010519491231002X', name: '钱学林' }, { externalId: 'WAIT-1' }),
        record(
          { idNumber: '11010519491231002X', name: '钱学林' },
          { externalId: 'WAIT-2', kind: 'online_course', days: undefined, hours: 8, category: 'public' },
        ),
        record({ idNumber: NEWCOMERS[0]!, name: '周晓明' }, { externalId: 'WAIT-3' }),
      ],
    });
    expect(res.body.results.map((r: any) => r.status)).toEqual(['unmatched', 'unmatched', 'unmatched']);

    const created = await portal('clerk-hospital', 'POST', '/v1/people', {
      idNumber: '11010519491231002x',
      name: '钱学林',
      unitId: 'unit-hospital',
    });
    expect(created.status).toBe(201);
    const credited = await baseRecordsOf(created.body.id);
    expect(credited.map((a) => a.externalId).sort()).toEqual(['WAIT-1', 'WAIT-2']);
    expect(credited.map((a) => a.id).sort()).toEqual([res.body.results[0].recordId, res.body.results[1].recordId].sort());
    const book = (await portal('clerk-hospital', 'GET', `/v1/people/${created.body.id}/books`)).body.items.find(
      (b: any) => b.year === 2024,
    );
    expect(book.result).toMatchObject({ professionalHours: 30, publicHours: 8 });
    const listed = await base(DEMO_BASE_KEY, 'GET', '/v1/base/completions?externalId=WAIT-1');
    expect(listed.body.items[0]).toMatchObject({ status: 'recorded', credited: true, matchedAt: now.toISOString() });
    const audit = await t.deps.audit.listFor('activity', res.body.results[0].recordId);
    expect(audit[0]).toMatchObject({ role: 'system', action: 'create' });

    // 周晓明's ID registered under another name: the record stays unmatched, with the reason.
    const other = await portal('clerk-school', 'POST', '/v1/people', { idNumber: NEWCOMERS[0], name: '周小明', unitId: 'unit-school' });
    expect(other.status).toBe(201);
    expect(await baseRecordsOf(other.body.id)).toEqual([]);
    // The base sees it waiting, like any record of an unregistered ID; the hr office sees why.
    const waiting = await base(DEMO_BASE_KEY, 'GET', '/v1/base/completions?externalId=WAIT-3');
    expect(waiting.body.items[0]).toMatchObject({ status: 'unmatched' });
    expect(waiting.body.items[0].matchError).toBeUndefined();
    const queue = await portal('hr-officer', 'GET', `/v1/bases/${DEMO_BASE.id}/completions?status=unmatched&externalId=WAIT-3`);
    expect(queue.body.items[0]).toMatchObject({ status: 'unmatched', matchError: { code: 'name_mismatch' } });
    // A repost under the other name is answered unmatched too, never name_mismatch (rules §7).
    const now2 = await post(DEMO_BASE_KEY, { records: [record({ idNumber: NEWCOMERS[0]!, name: '周晓明' }, { externalId: 'WAIT-4' })] });
    expect(now2.body.results[0]).toEqual({ externalId: 'WAIT-4', status: 'unmatched', recordId: expect.any(String) });

    // The hr office resolves it from its queue, with a reason: credited to the registered person.
    const noReason = await portal('hr-officer', 'POST', `/v1/bases/${DEMO_BASE.id}/completions/resolve`, { externalId: 'WAIT-4' });
    expect(noReason.status).toBe(400);
    expect(
      (
        await portal('clerk-school', 'POST', `/v1/bases/${DEMO_BASE.id}/completions/resolve`, {
          externalId: 'WAIT-4',
          reason: '核实为同一人',
        })
      ).status,
    ).toBe(403);
    const resolved = await portal('hr-officer', 'POST', `/v1/bases/${DEMO_BASE.id}/completions/resolve`, {
      externalId: 'WAIT-4',
      reason: '与基地核实：报送姓名笔误',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'recorded', credited: true });
    expect((await baseRecordsOf(other.body.id)).map((a) => a.externalId)).toEqual(['WAIT-4']);
    const trail = await t.deps.audit.listFor('activity', resolved.body.recordId);
    expect(trail[0]).toMatchObject({ actor: 'hr-officer', reason: '与基地核实：报送姓名笔误' });
    const again = await portal('hr-officer', 'POST', `/v1/bases/${DEMO_BASE.id}/completions/resolve`, {
      externalId: 'WAIT-4',
      reason: '再次',
    });
    expect(again.status).toBe(422);
  });
});

describe('the TypeScript client in docs/', () => {
  it('posts in batches of 500, retries a lost answer with the same key, and pages through the postings', async () => {
    const { createBaseClient } = await import('../../docs/client/base-client.js');
    const { apiKey } = await newBase('客户端测试基地');
    const { residentIdCheckChar } = await import('../../shared/id-number.js');
    const records = Array.from({ length: 520 }, (_, i) => {
      const first17 = `4301041985${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(100 + i).slice(-3)}`;
      return record({ idNumber: first17 + residentIdCheckChar(first17), name: `客户${i}` }, { externalId: `CLI-${i}` }) as any;
    });
    const sent: string[] = [];
    let dropped = false;
    const client = createBaseClient({
      baseUrl: 'http://localhost/v1/',
      apiKey: apiKey.key,
      sleep: async () => undefined,
      fetch: (async (input: string, init: RequestInit) => {
        const res = await t.app.request(input, init);
        if (init.method === 'POST') sent.push(new Headers(init.headers).get('idempotency-key')!);
        // The first answer is lost on the way back: the client must retry with the same key.
        if (init.method === 'POST' && !dropped) {
          dropped = true;
          throw new TypeError('fetch failed');
        }
        return res;
      }) as typeof fetch,
    });
    const batches = [];
    for await (const batch of client.postAll(records)) batches.push(batch);
    expect(batches.map((b) => b.results.length)).toEqual([500, 20]);
    expect(batches[0]!.replayed).toBe(true);
    expect(sent[0]).toBe(sent[1]);
    expect(batches.flatMap((b) => b.results).every((r) => r.status === 'unmatched')).toBe(true);
    let n = 0;
    for await (const posting of client.allCompletions({ limit: 200 })) {
      expect(posting.externalId).toMatch(/^CLI-/);
      n++;
    }
    expect(n).toBe(520);
  });
});

describe('OpenAPI', () => {
  it('documents the base API with its security scheme and the record schema', async () => {
    const doc = (await (await t.app.request('/v1/openapi.json')).json()) as any;
    expect(doc.paths['/v1/base/completions'].post.security).toEqual([{ baseApiKey: [] }]);
    expect(doc.components.securitySchemes.baseApiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.CompletionBatch).toBeDefined();
    expect(doc.components.schemas.CompletionRecord?.properties?.externalId).toBeDefined();
    expect(doc.paths['/v1/bases'].post).toBeDefined();
  });
});

import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BASE_KEY } from '../../functions/local/demo-data.js';
import { FAILED_LOOKUPS_PER_DAY } from '../../functions/use-cases/lookups.js';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { maskResidentId } from '../../shared/mask.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/**
 * Issue 12's unmasking attack, scripted: from a masked ID on a notice, try candidate IDs and watch
 * whether the answer changes when a candidate is registered — in another unit — rather than not at all.
 * A base and a clerk must get identical answers for both (rules §5, §7, December 2026).
 */
let now = new Date('2025-04-01T02:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

const { call } = caller<string>(() => t, {
  before: () => {
    now = new Date(now.getTime() + 1000);
  },
  token: (user) => t.tokenFor(user, new Date()),
});
/** 王芳 works at the school: for the hospital's clerk she is a person of another unit. */
const ELSEWHERE = { id: 'person-wangfang', idNumber: '430121198211034029', name: '王芳' };
const valid = (first17: string) => first17 + residentIdCheckChar(first17);
/** Same region, birth date and sequence shape, registered nowhere. */
const NOWHERE = valid('43012119821103403');
expect(NOWHERE).not.toBe(ELSEWHERE.idNumber);

/** The answer with everything that must differ between two requests taken out. */
const shape = (value: unknown, drop: string[]) => JSON.parse(JSON.stringify(value, (k, v) => (drop.includes(k) ? undefined : v)));

describe('a training base', () => {
  const post = async (key: string, records: unknown[]) => {
    now = new Date(now.getTime() + 61_000);
    const res = await t.app.request('/v1/base/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_BASE_KEY}`, 'idempotency-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    return (await res.json()) as any;
  };
  const record = (externalId: string, idNumber: string) => ({
    externalId,
    idNumber,
    name: '王方', // the attacker guesses a name; for the registered ID it is not the registered one
    kind: 'training',
    courseTitle: '候选核对',
    category: 'professional',
    startDate: '2024-05-20',
    endDate: '2024-05-20',
    days: 1,
    assessment: 'passed',
  });

  it('gets identical answers for a registered ID under another name and an unregistered ID', async () => {
    const answer = await post('oracle-1', [record('CAND-1', ELSEWHERE.idNumber), record('CAND-2', NOWHERE)]);
    const [registered, unregistered] = answer.results;
    expect(shape(registered, ['externalId', 'recordId'])).toEqual(shape(unregistered, ['externalId', 'recordId']));
    expect(registered.status).toBe('unmatched');
    // And so do the base's lists afterwards.
    const listed = async (externalId: string) => {
      const res = await t.app.request(`/v1/base/completions?externalId=${externalId}`, {
        headers: { authorization: `Bearer ${DEMO_BASE_KEY}` },
      });
      return ((await res.json()) as any).items[0];
    };
    const drop = ['externalId', 'recordId', 'idNumberMasked', 'postedAt'];
    expect(shape(await listed('CAND-1'), drop)).toEqual(shape(await listed('CAND-2'), drop));
    // A failed assessment too.
    const failed = await post('oracle-2', [
      { ...record('CAND-3', ELSEWHERE.idNumber), assessment: 'failed' },
      { ...record('CAND-4', NOWHERE), assessment: 'failed' },
    ]);
    expect(shape(failed.results[0], ['externalId', 'recordId'])).toEqual(shape(failed.results[1], ['externalId', 'recordId']));
  });
});

describe('a unit clerk', () => {
  it('gets identical answers from attendance uploads', async () => {
    const filing = (
      await call('clerk-hospital', 'POST', '/v1/filings', {
        title: '候选核对讲座',
        category: 'public',
        theme: '数字化建设与发展',
        startDate: '2025-04-10',
        endDate: '2025-04-10',
        days: 1,
        lecturers: [{ name: '讲师' }],
      })
    ).body;
    const acknowledged = (await call('hr-officer', 'POST', `/v1/filings/${filing.id}/acknowledge`, { version: filing.version })).body;
    now = new Date('2025-04-13T02:00:00Z');
    const res = await call('clerk-hospital', 'POST', `/v1/filings/${filing.id}/attendance`, {
      version: acknowledged.version,
      entries: [{ idNumber: ELSEWHERE.idNumber }, { idNumber: NOWHERE }],
    });
    expect(res.status).toBe(200);
    const [registered, unregistered] = res.body.results;
    expect(shape(registered, ['index', 'idNumberMasked'])).toEqual(shape(unregistered, ['index', 'idNumberMasked']));
    expect(registered.error.code).toBe('person_not_found');
  });

  it('gets identical answers from the whole-file validation of a people import; the registered row goes to the hr office', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(['身份证号码', '姓名', '单位', '职称系列', '职称级别', '学历', '博士学位年份']);
    ws.addRow([ELSEWHERE.idNumber, '王方', null, '卫生', '中级', '本科', null]);
    ws.addRow([NOWHERE, '王方', null, '卫生', '中级', '本科', null]);
    // A row with an error, so the file stops at validation: what does validation say about the two?
    ws.addRow(['430102198001010011', '', null, '卫生', '中级', '本科', null]);
    const upload = async (file: ArrayBuffer) => {
      const res = await t.app.request('/v1/imports?type=people', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await t.tokenFor('clerk-hospital', new Date())}`,
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
        body: new Uint8Array(file),
      });
      return (await res.json()) as any;
    };
    const failed = await upload(await wb.xlsx.writeBuffer());
    expect(failed.status).toBe('failed');
    expect(failed.errors.map((e: any) => e.row)).toEqual([4]); // nothing about rows 2 and 3
    expect(JSON.stringify(failed)).not.toContain('已登记');

    ws.spliceRows(4, 1);
    const committed = await upload(await wb.xlsx.writeBuffer());
    expect(committed).toMatchObject({ status: 'committed', counts: { rows: 2, people: 1 } });
    expect(committed.referred).toEqual([{ sheet: '人员', row: 2, column: '身份证号码', message: expect.stringContaining('人社部门') }]);
    // The school's 王芳 did not move, and the school sees the request to resolve.
    expect((await t.deps.people.get(ELSEWHERE.id))!.unitId).toBe('unit-school');
    const requests = (await call('hr-officer', 'GET', '/v1/transfer-requests')).body.items;
    expect(requests).toEqual([
      expect.objectContaining({
        personId: ELSEWHERE.id,
        fromUnitId: 'unit-school',
        toUnitId: 'unit-hospital',
        source: 'import',
        status: 'open',
      }),
    ]);
    expect((await call('clerk-hospital', 'GET', '/v1/transfer-requests')).body.items).toEqual([]);
    expect((await call('clerk-school', 'GET', '/v1/transfer-requests')).body.items).toHaveLength(1);
  });

  it('is answered like every registration that needs the hr office; the current unit resolves it', async () => {
    const referred = await call('clerk-hospital', 'POST', '/v1/people', {
      idNumber: ELSEWHERE.idNumber,
      name: '王方',
      unitId: 'unit-hospital',
    });
    expect(referred.status).toBe(202);
    expect(referred.body).toEqual({ status: 'referred_to_hr_office', message: expect.stringContaining('人社部门') });
    expect(JSON.stringify(referred.body)).not.toMatch(/王芳|学校|school|已登记/);
    // Audited on the clerk's account, with the ID masked only.
    const trail = await t.deps.audit.listFor('account', 'clerk-hospital');
    expect(trail.at(-1)).toMatchObject({ action: 'failed_lookup', after: { idNumbersMasked: [maskResidentId(ELSEWHERE.idNumber)] } });
    expect(JSON.stringify(trail)).not.toContain(ELSEWHERE.idNumber);

    // The school declines the import's request and accepts this one: 王芳 moves, history kept.
    const open = (await call('clerk-school', 'GET', '/v1/transfer-requests')).body.items;
    const [fromImport, fromRegistration] = [
      open.find((r: any) => r.source === 'import'),
      open.find((r: any) => r.source === 'registration'),
    ];
    expect(
      (
        await call('clerk-hospital', 'POST', `/v1/transfer-requests/${fromRegistration.id}/resolve`, {
          decision: 'accept',
          version: 1,
          reason: '本人调动',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call('clerk-school', 'POST', `/v1/transfer-requests/${fromImport.id}/resolve`, {
          decision: 'decline',
          version: 1,
          reason: '重复申请',
        })
      ).body.status,
    ).toBe('declined');
    const accepted = await call('reviewer-hospital', 'GET', `/v1/transfer-requests`);
    expect(accepted.body.items).toEqual([]);
    const done = await call('clerk-school', 'POST', `/v1/transfer-requests/${fromRegistration.id}/resolve`, {
      decision: 'accept',
      version: 1,
      reason: '本人调入长沙市中心医院',
    });
    expect(done.body).toMatchObject({ status: 'accepted', resolvedBy: 'clerk-school' });
    const moved = await call('clerk-hospital', 'GET', `/v1/people/${ELSEWHERE.id}`);
    expect(moved.body.person.unitId).toBe('unit-hospital');
    expect(moved.body.unitHistory.map((h: any) => h.unitId)).toContain('unit-hospital');
  });

  it('spends a daily budget of failed lookups; past it every ID lookup is refused, whatever the ID', async () => {
    const search = (q: string, user = 'clerk-school') => call(user, 'POST', '/v1/people/search', { unitId: 'unit-school', q });
    // Both misses read the same: an empty page.
    const [a, b] = [await search(NOWHERE), await search('430102198503122013')]; // unregistered; the hospital's 张伟
    expect(a.body).toEqual(b.body);
    for (let i = 2; i < FAILED_LOOKUPS_PER_DAY; i++) expect((await search(NOWHERE)).status).toBe(200);
    const refused = await search('430111198809202717'); // 刘洋, of the school itself
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('lookup_limit_exceeded');
    expect(
      (await call('clerk-school', 'POST', '/v1/people', { idNumber: valid('43012119900101123'), name: '新人', unitId: 'unit-school' }))
        .status,
    ).toBe(429);
    // Another account's budget is its own; the next China day starts afresh.
    expect((await search('430111198809202717', 'reviewer-hospital')).status).not.toBe(429);
    now = new Date(now.getTime() + 86_400_000);
    expect((await search('430111198809202717')).body.items).toHaveLength(1);
  }, 120_000);
});

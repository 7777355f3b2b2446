import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRecords } from '../../functions/local/demo-records.js';
import { FIXTURE_2027 } from '../fixtures/calendar-2027.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/**
 * The yearly rules as administered data (issue 11): the hr office loads a year's official holiday
 * arrangement and keeps each year's policy; the notice end date, the theme check and the books follow,
 * every change is in the audit trail, and a confirmed year keeps the policy it was computed with.
 */
let t: TestApp;
beforeAll(async () => {
  // A clock that ticks, so audit events of one test come in a definite order.
  let tick = 0;
  t = await createTestApp({ now: () => new Date(Date.parse('2026-12-06T02:00:00Z') + 1000 * tick++) });
  // The demo records of "now" = 2026: books 2021–2025, with 2021 and 2022 confirmed by the unit.
  await seedDemoRecords(t.deps, t.deps.clock());
});

const { call } = caller(() => t);

const noticeEnd = (start: string) => call(null, 'GET', `/v1/public/calendar/notice-end?start=${start}&workingDays=5`);
const load2027 = (changes: object = {}, expectedVersion = 0) =>
  call('hr-officer', 'PUT', '/v1/rules/calendar/2027', {
    ...FIXTURE_2027,
    reason: '国务院办公厅公布2027年放假安排',
    expectedVersion,
    ...changes,
  });

describe('the holiday calendar as data', () => {
  it('counts an unloaded 2027 conservatively, then follows the arrangement the hr office loads', async () => {
    expect((await noticeEnd('2026-12-28')).body).toEqual({
      start: '2026-12-28',
      endDate: '2027-01-04',
      workingDays: 5,
      calendarComplete: false,
      yearsWithoutOfficialData: [2027],
    });
    expect((await noticeEnd('2027-02-08')).body.endDate).toBe('2027-02-15');
    expect((await call('hr-officer', 'GET', '/v1/rules/calendar/2027')).body).toMatchObject({ origin: 'assumed', holidays: [] });

    const saved = await load2027();
    expect(saved).toMatchObject({ status: 200, body: { version: 1 } });

    expect((await noticeEnd('2026-12-28')).body).toMatchObject({
      endDate: '2027-01-04',
      calendarComplete: true,
      yearsWithoutOfficialData: [],
    });
    // The fixture's Spring Festival break runs to Thursday 11 February.
    expect((await noticeEnd('2027-02-08')).body.endDate).toBe('2027-02-18');
    const view = (await call('auditor', 'GET', '/v1/rules/calendar/2027')).body;
    expect(view).toMatchObject({ origin: 'loaded', source: FIXTURE_2027.source, kept: { version: 1, updatedByName: expect.any(String) } });

    const history = (await call('auditor', 'GET', '/v1/rules/years/2027/history')).body.items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      action: 'load_calendar',
      actor: 'hr-officer',
      role: 'hr_officer',
      reason: '国务院办公厅公布2027年放假安排',
    });
  });

  it('refuses a stale version, an arrangement that misses a statutory holiday, a year that does not match, and anyone but the hr office', async () => {
    expect((await load2027({}, 0)).status).toBe(409);
    const missing = await load2027({ holidays: FIXTURE_2027.holidays.filter((d) => d !== '2027-06-09') }, 1);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.error.details)).toContain('端午节');
    const wrongYear = await call('hr-officer', 'PUT', '/v1/rules/calendar/2028', { ...FIXTURE_2027, reason: '测试', expectedVersion: 0 });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.error.code).toBe('year_mismatch');
    expect((await call('auditor', 'PUT', '/v1/rules/calendar/2027', { ...FIXTURE_2027, reason: '测试', expectedVersion: 1 })).status).toBe(
      403,
    );
    expect((await call('reviewer-hospital', 'GET', '/v1/rules/years')).status).toBe(403);
    expect((await call(null, 'GET', '/v1/rules/years')).status).toBe(401);
    // Nothing of the refused writes reached the trail.
    expect((await call('auditor', 'GET', '/v1/rules/years/2027/history')).body.items).toHaveLength(1);
  });

  it('a correction is a new version with its own audit event, before and after', async () => {
    const corrected = await load2027({ workdays: [...FIXTURE_2027.workdays, '2027-01-09'], reason: '更正：1月9日调休上班' }, 1);
    expect(corrected).toMatchObject({ status: 200, body: { version: 2 } });
    const history = (await call('hr-officer', 'GET', '/v1/rules/years/2027/history')).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['update_calendar', 'load_calendar']);
    expect(history[0].before.workdays).not.toContain('2027-01-09');
    expect(history[0].after.workdays).toContain('2027-01-09');
  });
});

describe("each year's policy as data", () => {
  const themeless2025 = { activities: [{ kind: 'online_course', date: '2025-04-15', category: 'public', hours: 30 }] };

  it("the province's themes for a year switch the theme check on for that year, audited", async () => {
    const before = (await call(null, 'POST', '/v1/hours/preview', themeless2025)).body;
    expect(before.years[0].warnings.map((w: { code: string }) => w.code)).not.toContain('public_theme_missing');

    const saved = await call('hr-officer', 'PUT', '/v1/rules/policy/2025', {
      settings: { publicThemes: ['新质生产力', '数字经济'] },
      source: '湘人社办函〔2025〕37号',
      reason: '省厅公布2025年度公需科目主题',
      expectedVersion: 0,
    });
    expect(saved.status).toBe(200);

    const after = (await call(null, 'POST', '/v1/hours/preview', themeless2025)).body;
    const warning = after.years[0].warnings.find((w: { code: string }) => w.code === 'public_theme_missing');
    expect(warning.message).toContain('新质生产力');

    const list = (await call('auditor', 'GET', '/v1/rules/years')).body;
    expect(list.years.find((y: { year: number }) => y.year === 2025).policy).toMatchObject({
      publicThemes: ['新质生产力', '数字经济'],
      source: '湘人社办函〔2025〕37号',
      kept: { version: 1 },
    });
    expect(list.years.find((y: { year: number }) => y.year === 2023).policy.publicThemes).toHaveLength(4);
    const history = (await call('hr-officer', 'GET', '/v1/rules/years/2025/history')).body.items;
    expect(history[0]).toMatchObject({
      action: 'keep_policy',
      reason: '省厅公布2025年度公需科目主题',
      after: { settings: { publicThemes: ['新质生产力', '数字经济'] } },
    });
  });

  it('a confirmed year keeps the policy it was computed with; an open year follows the change', async () => {
    const books = async () =>
      (await call('hr-officer', 'GET', '/v1/people/person-zhangwei/books')).body.items as {
        year: number;
        status: string;
        result: { requiredHours: number; compliant: boolean; totalHours: number };
      }[];
    const start = await books();
    const y2021 = start.find((b) => b.year === 2021)!;
    const y2024 = start.find((b) => b.year === 2024)!;
    expect(y2021).toMatchObject({ status: 'unit_confirmed', result: { requiredHours: 90, compliant: true } });
    expect(y2024).toMatchObject({ status: 'open', result: { requiredHours: 90, compliant: true } });
    expect(y2024.result.totalHours).toBeLessThan(150);

    for (const year of [2021, 2024]) {
      const res = await call('hr-officer', 'PUT', `/v1/rules/policy/${year}`, {
        settings: { requiredHours: 150 },
        source: '测试用政策（非官方）',
        reason: '测试：提高学时要求',
        expectedVersion: 0,
      });
      expect(res.status).toBe(200);
    }
    // Any change to the person's records recomputes their books.
    const added = await call('clerk-hospital', 'POST', '/v1/people/person-zhangwei/activities', {
      activity: { kind: 'training', date: '2025-03-03', category: 'professional', days: 1 },
    });
    expect(added.status).toBe(201);

    const end = await books();
    expect(end.find((b) => b.year === 2021)).toMatchObject({ status: 'unit_confirmed', result: { requiredHours: 90, compliant: true } });
    expect(end.find((b) => b.year === 2024)).toMatchObject({ status: 'open', result: { requiredHours: 150, compliant: false } });
  });

  it("keeps the tenant's doctor-span switch, audited, and refuses bad settings", async () => {
    const saved = await call('hr-officer', 'PUT', '/v1/rules/tenant', {
      doctorSpanFromDoctorate: true,
      reason: '市人社局文件规定',
      expectedVersion: 0,
    });
    expect(saved.status).toBe(200);
    expect((await call('auditor', 'GET', '/v1/rules/years')).body.tenant).toMatchObject({
      doctorSpanFromDoctorate: true,
      kept: { version: 1 },
    });
    expect((await call('auditor', 'GET', '/v1/rules/tenant/history')).body.items[0]).toMatchObject({
      action: 'update_tenant_policy',
      after: { doctorSpanFromDoctorate: true },
    });

    const bad = await call('hr-officer', 'PUT', '/v1/rules/policy/2026', {
      settings: { publicThemes: ['重复', '重复'], filingWindow: { from: '09-01', to: '07-01' } },
      source: '湘人社',
      reason: '测试',
      expectedVersion: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['settings.filingWindow', 'settings.publicThemes']);
  });
});

describe("2025's public minimum (湘人社办函〔2025〕37号) through the API and the books", () => {
  // A tenant of its own: the tests above keep test policies for 2021, 2024 and 2025 that later years carry.
  let fresh: TestApp;
  beforeAll(async () => {
    fresh = await createTestApp({ now: () => new Date('2026-12-06T02:00:00Z') });
  });
  const { ok } = caller(() => fresh);
  const year = (y: number, publicHours: number, professionalHours: number, theme?: string) => [
    { kind: 'online_course', date: `${y}-04-01`, category: 'public', hours: publicHours, ...(theme ? { theme } : {}) },
    { kind: 'online_course', date: `${y}-05-01`, category: 'professional', hours: professionalHours },
  ];
  const codes = (y: { warnings: { code: string }[] }) => y.warnings.map((w) => w.code);
  const book = async (personId: string, y: number) =>
    (
      (await ok('hr-officer', 'GET', `/v1/people/${personId}/books`)).items as {
        year: number;
        status: string;
        version: number;
        result: any;
      }[]
    ).find((b) => b.year === y)!;
  const person = async (idNumber: string, name: string) =>
    (await ok('clerk-hospital', 'POST', '/v1/people', { idNumber, name, unitId: 'unit-hospital' })).id as string;

  it('20 public + 70 professional: not compliant in 2025 with the public-minimum warning, compliant in 2023', async () => {
    const preview = (
      await ok(null, 'POST', '/v1/hours/preview', { activities: [...year(2023, 20, 70, '数字化建设与发展'), ...year(2025, 20, 70)] })
    ).years;
    expect(preview.map((y: { year: number; compliant: boolean }) => [y.year, y.compliant])).toEqual([
      [2023, true],
      [2025, false],
    ]);
    const y2025 = preview.find((y: { year: number }) => y.year === 2025);
    expect(y2025).toMatchObject({ totalHours: 90, basis: { document: '湘人社办函〔2025〕37号', assumed: false } });
    expect(y2025.warnings).toEqual([
      { code: 'public_hours_short', message: '公需科目不足30学时：本年度公需科目20学时（湘人社办函〔2025〕37号：公需科目不少于30学时）' },
    ]);
    expect(codes(preview.find((y: { year: number }) => y.year === 2023))).toEqual([]);
  });

  it('a change of the 2025 policy reaches the open 2025 books, never a confirmed one', async () => {
    const confirmed = await person('430102199002023011', '测试甲');
    const open = await person('430102199003034011', '测试乙');
    for (const id of [confirmed, open]) {
      for (const activity of year(2025, 20, 70)) await ok('clerk-hospital', 'POST', `/v1/people/${id}/activities`, { activity });
      const b = await book(id, 2025);
      expect(b.result).toMatchObject({ compliant: false, publicHours: 20, professionalHours: 70 });
      expect(codes(b.result)).toEqual(['public_hours_short']);
    }
    const b = await book(confirmed, 2025);
    // Its online courses carry no evidence files here: confirming over them takes a written reason.
    await ok('reviewer-hospital', 'POST', `/v1/people/${confirmed}/books/2025/confirm`, {
      version: b.version,
      reason: '证明材料原件已核对',
    });

    // The hr office keeps a rule for 2025 without the public minimum.
    await ok('hr-officer', 'PUT', '/v1/rules/policy/2025', {
      settings: { minPublicHours: null },
      source: '测试用政策（非官方）',
      reason: '测试：不设公需科目最少学时',
      expectedVersion: 0,
    });
    // Any change to a person's records recomputes their books.
    for (const id of [confirmed, open]) {
      await ok('clerk-hospital', 'POST', `/v1/people/${id}/activities`, {
        activity: { kind: 'training', date: '2024-03-03', category: 'professional', days: 1 },
      });
    }
    expect((await book(open, 2025)).result).toMatchObject({ compliant: true, warnings: [] });
    const still = await book(confirmed, 2025);
    expect(still).toMatchObject({ status: 'unit_confirmed', result: { compliant: false } });
    expect(codes(still.result)).toEqual(['public_hours_short']);
    // The preview answers by the tenant's policy now.
    const preview = (await ok(null, 'POST', '/v1/hours/preview', { activities: year(2025, 20, 70) })).years[0];
    expect(preview).toMatchObject({ compliant: true, basis: { document: '测试用政策（非官方）' } });
  });
});

/**
 * Issue 12 item 4: one plausibility rule set (shared/plausibility.ts) for base records, unit entries,
 * a person's own entries, filed trainings and imported history. The attacks, scripted: a base posts a
 * one-day course with `days: 300` and a 1901 course for a person born in 1985; a unit-level base
 * credits a person of another unit; a clerk enters a future or pre-birth date; a person declares an aid
 * assignment 2027–2100. Each is rejected with its reason and credits nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { activityIssues, daysNeeded, rangeIssues, unitsWithinRange, workingAgeFrom, yearIssues } from '../../shared/plausibility.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-10-12T02:00:00Z') });
});
const { call, ok } = caller(() => t);

/** 张伟 (born 1985-03-12) works at the hospital; 王芳 at the school. */
const ZHANG = { id: 'person-zhangwei', idNumber: '430102198503122013', name: '张伟' };
const WANG = { id: 'person-wangfang', idNumber: '430121198211034029', name: '王芳' };

describe('the rule set', () => {
  const today = '2026-10-12';
  it('bounds day units by the calendar days of the range: days + halfDays/2 ≤ D, evenings ≤ D', () => {
    expect(unitsWithinRange({ days: 1 }, '2024-05-20', '2024-05-20')).toEqual([]);
    expect(unitsWithinRange({ days: 2 }, '2024-05-20', '2024-05-20')).toHaveLength(1);
    expect(unitsWithinRange({ days: 2, halfDays: 2, evenings: 3 }, '2024-05-20', '2024-05-22')).toEqual([]);
    expect(unitsWithinRange({ days: 2, halfDays: 3 }, '2024-05-20', '2024-05-22')).toHaveLength(1);
    expect(unitsWithinRange({ evenings: 4 }, '2024-05-20', '2024-05-22')).toEqual([expect.objectContaining({ path: 'evenings' })]);
    expect(daysNeeded({ days: 2, halfDays: 3, evenings: 1 })).toBe(4);
  });

  it('refuses the future and dates before the 16th birthday, and says which date', () => {
    expect(workingAgeFrom('1985-03-12')).toBe('2001-03-12');
    expect(workingAgeFrom('2008-02-29')).toBe('2024-02-29');
    const ctx = { today, birthDate: '1985-03-12' };
    expect(rangeIssues({ startDate: '2001-03-12', endDate: '2001-03-12', days: 1 }, ctx)).toEqual([]);
    expect(rangeIssues({ startDate: '2001-03-11', endDate: '2001-03-12', days: 1 }, ctx)[0]?.message).toContain('年满16周岁');
    expect(rangeIssues({ startDate: '2026-10-12', endDate: '2026-10-13', days: 1 }, ctx)[0]?.message).toContain('晚于今天');
    expect(activityIssues({ kind: 'paper', date: '2026-10-13', authorRole: 'other', domesticCN: true }, ctx)).toHaveLength(1);
    expect(activityIssues({ kind: 'paper', date: '2026-10-12', authorRole: 'other', domesticCN: true }, ctx)).toEqual([]);
    expect(yearIssues(2000, ctx)).toHaveLength(1);
    expect(yearIssues(2001, ctx)).toEqual([]);
    expect(yearIssues(2027, ctx)).toHaveLength(1);
  });

  it('a date-only C1 entry implies its range: at most a year, starting at working age', () => {
    const ctx = { today, birthDate: '1985-03-12' };
    const training = (date: string, days: number) => ({ kind: 'training' as const, date, category: 'professional' as const, days });
    expect(activityIssues(training('2026-06-01', 366), ctx)).toEqual([]);
    expect(activityIssues(training('2026-06-01', 367), ctx)[0]?.message).toContain('超过一年');
    expect(activityIssues(training('2001-03-13', 2), ctx)).toEqual([]);
    expect(activityIssues(training('2001-03-13', 3), ctx)[0]?.message).toContain('推算的开始日期');
  });
});

describe('base records', () => {
  let codes = 0;
  const creditCode = () => {
    const first17 = `91430100MA4PL${String(++codes).padStart(4, '0')}`;
    return first17 + creditCodeCheckChar(first17);
  };
  const register = (body: Record<string, unknown>) =>
    call('hr-officer', 'POST', '/v1/bases', {
      name: `基地${codes}`,
      creditCode: creditCode(),
      contact: { name: '联系人', phone: '0731-1234567' },
      ...body,
    });
  let keyN = 0;
  const post = async (key: string, records: unknown[]) => {
    const res = await t.app.request('/v1/base/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': `plaus-${++keyN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as any).results as any[];
  };
  const record = (externalId: string, who: { idNumber: string; name: string }, overrides: Record<string, unknown> = {}) => ({
    externalId,
    idNumber: who.idNumber,
    name: who.name,
    kind: 'training',
    courseTitle: '合理性核对',
    category: 'professional',
    startDate: '2025-05-20',
    endDate: '2025-05-20',
    days: 1,
    assessment: 'passed',
    ...overrides,
  });
  const bookHours = async (personId: string, year: number) => {
    const books = await ok('hr-officer', 'GET', `/v1/people/${personId}/books`);
    return (books.items as any[]).find((b) => b.year === year)?.result.totalHours ?? 0;
  };

  it('a 300-day one-day course and a 1901 course of a person born in 1985 are rejected, and credit nothing', async () => {
    const { apiKey } = (await register({ level: 'national' })).body;
    const before = await bookHours(ZHANG.id, 2025);
    const results = await post(apiKey.key, [
      record('P-300', ZHANG, { days: 300 }),
      record('P-1901', ZHANG, { startDate: '1901-05-20', endDate: '1901-05-20' }),
      record('P-EVE', ZHANG, { days: undefined, evenings: 2 }),
      record('P-OK', ZHANG, { startDate: '2025-05-19', days: 2 }),
    ]);
    expect(results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'implausible_record', details: [expect.objectContaining({ path: 'days' })] },
    });
    expect(results[1]).toMatchObject({
      status: 'rejected',
      error: { code: 'implausible_record', details: [expect.objectContaining({ path: 'startDate' })] },
    });
    expect(results[2]).toMatchObject({
      status: 'rejected',
      error: { code: 'implausible_record', details: [expect.objectContaining({ path: 'evenings' })] },
    });
    expect(results[3]).toMatchObject({ status: 'recorded' });
    expect(await bookHours(ZHANG.id, 2025)).toBe(before + 20);
    // Rejected records take no externalId: corrected, they post under the same one.
    const again = await post(apiKey.key, [record('P-300', ZHANG, { startDate: '2025-01-01', endDate: '2025-10-27', days: 300 })]);
    expect(again[0]).toMatchObject({ status: 'recorded' });
  });

  it('a unit-level base must name its units, which must exist', async () => {
    const missing = await register({ level: 'unit' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toContainEqual(expect.objectContaining({ path: 'unitIds' }));
    const unknown = await register({ level: 'unit', unitIds: ['unit-hospital', 'unit-nowhere'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toContainEqual(expect.objectContaining({ path: 'unitIds.1' }));
    const national = await register({ level: 'national', unitIds: ['unit-hospital'] });
    expect(national.status).toBe(400);
  });

  it('a unit-level base credits only people of its units; for anyone else the base hears what it hears for an unknown ID', async () => {
    const created = await register({ level: 'unit', unitIds: ['unit-hospital'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { base, apiKey } = created.body;
    const schoolBefore = await bookHours(WANG.id, 2025);
    const results = await post(apiKey.key, [
      record('U-1', ZHANG),
      record('U-2', WANG),
      record('U-3', { idNumber: '430121198211034053', name: '无此人' }),
    ]);
    expect(results[0]).toMatchObject({ status: 'recorded' });
    const strip = (r: any) => ({ ...r, externalId: undefined, recordId: undefined });
    expect(strip(results[1])).toEqual(strip(results[2]));
    expect(results[1].status).toBe('unmatched');
    expect(await bookHours(WANG.id, 2025)).toBe(schoolBefore);

    // The hr office sees why it waits; the base's own list does not say.
    const hr = await ok('hr-officer', 'GET', `/v1/bases/${base.id}/completions?externalId=U-2`);
    expect(hr.items[0]).toMatchObject({ status: 'unmatched', matchError: { code: 'outside_base_units' } });
    const own = await t.app.request('/v1/base/completions?externalId=U-2', { headers: { authorization: `Bearer ${apiKey.key}` } });
    expect(JSON.stringify(await own.json())).not.toContain('outside_base_units');

    // Re-running the match for 王芳 (as registration does) keeps it waiting.
    await ok('clerk-school', 'POST', `/v1/people/${WANG.id}/base-records/match`, {});
    expect(await bookHours(WANG.id, 2025)).toBe(schoolBefore);
  });
});

describe('unit entries and a person’s own entries', () => {
  const add = (user: string, activity: unknown) => call(user, 'POST', `/v1/people/${ZHANG.id}/activities`, { activity });

  it('a clerk cannot enter a future date, a date before the person turned 16, or more than a year in one entry', async () => {
    const future = await add('clerk-hospital', { kind: 'paper', date: '2026-10-13', authorRole: 'sole_or_first', domesticCN: true });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({
      code: 'implausible_activity',
      details: [expect.objectContaining({ path: 'activity.date' })],
    });
    const child = await add('clerk-hospital', { kind: 'training', date: '1999-06-01', category: 'professional', days: 2 });
    expect(child.status).toBe(422);
    expect(child.body.error.message).toContain('年满16周岁');
    const huge = await add('clerk-hospital', { kind: 'training', date: '2026-06-01', category: 'professional', days: 400 });
    expect(huge.status).toBe(422);
    const fine = await add('clerk-hospital', { kind: 'training', date: '2026-06-01', category: 'professional', days: 3 });
    expect(fine.status).toBe(201);
    // Editing into an implausible shape is refused the same way.
    const edited = await call('clerk-hospital', 'PUT', `/v1/people/${ZHANG.id}/activities/${fine.body.id}`, {
      version: fine.body.version,
      activity: { kind: 'training', date: '2027-01-05', category: 'professional', days: 3 },
    });
    expect(edited.status).toBe(422);
  });

  it('a person cannot declare an aid assignment in the years to come', async () => {
    const aid = (startDate: string, endDate: string) => ({
      kind: 'aid_assignment',
      startDate,
      endDate,
      assessmentPassed: true,
      provincialOrAbove: true,
    });
    // 2027–2100 is more years than any span (400); 2027–2030 is within the span cap but in the future (422).
    expect((await add(ZHANG.id, aid('2027-01-01', '2100-12-31'))).status).toBe(400);
    const res = await add(ZHANG.id, aid('2027-01-01', '2030-12-31'));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('implausible_activity');
    // Running until today is fine (pending, as every own entry).
    expect((await add(ZHANG.id, aid('2026-01-01', '2026-10-12'))).status).toBe(201);
  });

  it('a paper-era prior certificate cannot carry a year before the person turned 16', async () => {
    const res = await call('clerk-hospital', 'POST', `/v1/people/${ZHANG.id}/prior-certificates`, {
      number: 'CS-1999-0001',
      years: [{ year: 1999, publicHours: 30, professionalHours: 60 }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'implausible_certificate', details: [expect.objectContaining({ path: 'years.0.year' })] });
  });
});

describe('filed trainings', () => {
  it('a filing cannot hold more days than its dates', async () => {
    const res = await call('clerk-hospital', 'POST', '/v1/filings', {
      title: '三天的培训写成三十天',
      category: 'professional',
      startDate: '2026-11-02',
      endDate: '2026-11-04',
      days: 30,
      lecturers: [{ name: '李老师' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'days' }));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BASE_KEY } from '../../functions/local/demo-data.js';
import { closeDueNotices } from '../../functions/use-cases/certification/notices.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/**
 * Issue 14 item 1: an application with a short year or incomplete evidence moves on only with a written
 * reason at every step forward (422 `exception_reason_required` otherwise), kept on the application and
 * printed on its certificate; a compliant one needs none; the certificate and the public verification
 * say per year 达标 or 未达标, and the batch's list says what happened in the notice.
 */

let now = new Date('2026-03-02T02:00:00Z'); // Monday 2 March 2026, 10:00 in China
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

const { call } = caller(() => t);

async function ok(user: string, method: string, path: string, body?: unknown) {
  const res = await call(user, method, path, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

function validId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** A refusal for want of a reason: 422, the code, a zh-CN message naming the person and the years. */
function expectReasonRequired(res: { status: number; body: any }, name: string) {
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('exception_reason_required');
  expect(res.body.error.message).toContain(name);
  expect(res.body.error.message).toContain('须书面说明理由');
}

const COMPLIANT_ID = validId('43010219880808301');
let compliant: any; // 钱达标: 30 public + 60 professional hours a year from the demo base, its own evidence
let short: any; // 李娜: 60 hours in 2023 only, no evidence files
let noticeId: string;

describe('moving on an application with short years or incomplete evidence', () => {
  it('freezes each year with the shortfalls named from its policy', async () => {
    const created = await call('clerk-hospital', 'POST', '/v1/people', { idNumber: COMPLIANT_ID, name: '钱达标', unitId: 'unit-hospital' });
    expect(created.status).toBe(201);
    const personId = created.body.id;
    const records = [2021, 2022, 2023, 2024, 2025].flatMap((year) =>
      [
        { externalId: `q-${year}-pub`, category: 'public', days: 3, ...(year === 2023 ? { theme: '数字化建设与发展' } : {}) },
        { externalId: `q-${year}-pro`, category: 'professional', days: 6 },
      ].map((r) => ({
        ...r,
        idNumber: COMPLIANT_ID,
        name: '钱达标',
        kind: 'training',
        courseTitle: `${year}年度${r.category === 'public' ? '公需' : '专业'}科目培训`,
        startDate: `${r.externalId.slice(2, 6)}-05-${r.category === 'public' ? '10' : '20'}`,
        endDate: `${r.externalId.slice(2, 6)}-05-${r.category === 'public' ? '12' : '25'}`,
        assessment: 'passed',
      })),
    );
    const res = await t.app.request('/v1/base/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_BASE_KEY}`, 'idempotency-key': 'reasons-1', 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    const posted = (await res.json()) as any;
    expect(posted.results.map((r: any) => r.status)).toEqual(records.map(() => 'recorded'));

    compliant = await ok('clerk-hospital', 'POST', '/v1/applications', { personId, applicationYear: 2026, titleLevel: 'associate_senior' });
    expect(compliant.years.every((y: any) => y.compliant && y.evidenceComplete && y.shortfalls.length === 0)).toBe(true);

    short = await ok('clerk-hospital', 'POST', '/v1/applications', {
      personId: 'person-lina',
      applicationYear: 2026,
      titleLevel: 'associate_senior',
    });
    const y2021 = short.years.find((y: any) => y.year === 2021);
    expect(y2021).toMatchObject({ compliant: false, evidenceComplete: false });
    expect(y2021.shortfalls.map((s: any) => s.message)).toContain('全年不足90学时（无学时记录）');
    // 2025's notice (湘人社办函〔2025〕37号): public ≥ 30 and professional ≥ 60, both hard.
    const y2025 = short.years.find((y: any) => y.year === 2025);
    expect(y2025.shortfalls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'public_hours_short', hard: true, message: expect.stringContaining('公需科目不足30学时') }),
        expect.objectContaining({ code: 'professional_hours_short', hard: true }),
      ]),
    );
  });

  it('refuses the unit review without a reason, and keeps the reason with who and when', async () => {
    compliant = await ok('clerk-hospital', 'POST', `/v1/applications/${compliant.id}/submit`, { version: compliant.version });
    short = await ok('clerk-hospital', 'POST', `/v1/applications/${short.id}/submit`, { version: short.version });
    // A compliant application needs no reason.
    compliant = await ok('reviewer-hospital', 'POST', `/v1/applications/${compliant.id}/review`, {
      version: compliant.version,
      decision: 'approve',
    });
    expect(compliant.exceptionReasons ?? []).toEqual([]);

    for (const reason of [undefined, '   ']) {
      const refused = await call('reviewer-hospital', 'POST', `/v1/applications/${short.id}/review`, {
        version: short.version,
        decision: 'approve',
        ...(reason === undefined ? {} : { reason }),
      });
      expectReasonRequired(refused, '李娜');
    }
    short = await ok('reviewer-hospital', 'POST', `/v1/applications/${short.id}/review`, {
      version: short.version,
      decision: 'approve',
      reason: '2021、2022、2024年度因援疆未参加培训，如实报送',
    });
    expect(short.state).toBe('unit_approved');
    expect(short.exceptionReasons).toEqual([
      expect.objectContaining({
        action: 'unit_approve',
        reason: '2021、2022、2024年度因援疆未参加培训，如实报送',
        by: 'reviewer-hospital',
        at: now.toISOString(),
      }),
    ]);
    const detail = await ok('auditor', 'GET', `/v1/applications/${short.id}`);
    expect(detail.history.find((e: any) => e.action === 'unit_approve')).toMatchObject({
      reason: '2021、2022、2024年度因援疆未参加培训，如实报送',
    });
  });

  it('refuses the whole notice while one flagged application has no reason', async () => {
    const body = { applicationIds: [compliant.id, short.id], startDate: '2026-03-02', contact: '医院人事科 0731-8888888' };
    const refused = await call('reviewer2-hospital', 'POST', '/v1/notices', body);
    expectReasonRequired(refused, '李娜');
    expect(refused.body.error.details).toEqual([{ path: `reasons.${short.id}`, message: '请填写继续办理的理由' }]);
    // Nothing was published: both are still waiting.
    expect((await ok('auditor', 'GET', `/v1/applications/${compliant.id}`)).application.state).toBe('unit_approved');
    const notice = await ok('reviewer2-hospital', 'POST', '/v1/notices', { ...body, reasons: { [short.id]: '经核实如实公示' } });
    noticeId = notice.id;
    const detail = await ok('auditor', 'GET', `/v1/applications/${short.id}`);
    expect(detail.application.exceptionReasons.map((e: any) => e.action)).toEqual(['unit_approve', 'publish']);
  });

  it('lets the notice pass after an objection was dismissed, and the batch list says so', async () => {
    await ok('', 'POST', `/v1/public/notices/${noticeId}/objections`, {
      applicationId: short.id,
      contact: '13800000000',
      text: '该同志学时存疑',
    });
    now = new Date('2026-03-06T16:00:00Z'); // 00:00 on 7 March in China: the notice has ended
    await closeDueNotices(t.deps);
    short = (await ok('reviewer-hospital', 'GET', `/v1/applications/${short.id}`)).application;
    short = await ok('reviewer-hospital', 'POST', `/v1/applications/${short.id}/objection`, {
      version: short.version,
      decision: 'dismiss',
      reason: '经核实，学时记录属实',
    });
    expect(short.state).toBe('notice_passed');
    compliant = (await ok('reviewer-health', 'GET', `/v1/applications/${compliant.id}`)).application;
    expect(compliant.state).toBe('notice_passed');
  });

  it('refuses the department review without a reason', async () => {
    compliant = await ok('reviewer-health', 'POST', `/v1/applications/${compliant.id}/review`, {
      version: compliant.version,
      decision: 'approve',
    });
    expectReasonRequired(
      await call('reviewer-health', 'POST', `/v1/applications/${short.id}/review`, { version: short.version, decision: 'approve' }),
      '李娜',
    );
    short = await ok('reviewer-health', 'POST', `/v1/applications/${short.id}/review`, {
      version: short.version,
      decision: 'approve',
      reason: '同意单位意见',
    });
    expect(short.state).toBe('dept_approved');
  });

  let batch: any;
  it('refuses the batch acceptance without a reason for each flagged application, filing nothing', async () => {
    batch = await ok('reviewer-health', 'POST', '/v1/batches', {
      applicationIds: [compliant.id, short.id],
      sealReference: 'WJW-DZYZ-0099',
    });
    const summary = await ok('hr-officer', 'GET', `/v1/batches/${batch.id}/summary`);
    const row = (name: string) => summary.rows.find((r: any) => r.name === name);
    expect(row('李娜').noticeOutcome).toBe('公示期满，异议已核实处理');
    expect(row('钱达标').noticeOutcome).toBe('公示期满无异议');
    expect(row('李娜').years).toContain('2021年 公需0 专业0 未达标：全年不足90学时（无学时记录），佐证材料不齐全');
    expect(row('李娜').exceptionReasons).toContain('同意单位意见');
    expect(row('钱达标').exceptionReasons).toBe('');

    for (const body of [undefined, {}, { reasons: { [compliant.id]: '无关的理由' } }]) {
      expectReasonRequired(await call('hr-officer', 'POST', `/v1/batches/${batch.id}/accept`, body), '李娜');
    }
    expect((await ok('auditor', 'GET', `/v1/applications/${compliant.id}`)).application.state).toBe('dept_approved');
    const accepted = await ok('hr-officer', 'POST', `/v1/batches/${batch.id}/accept`, {
      reasons: { [short.id]: '按规定受理，由评委会把握' },
    });
    expect(accepted.status).toBe('accepted');
  });

  it('refuses the certificate without a reason; the certificate and the verification say which years fall short', async () => {
    compliant = (await ok('hr-officer2', 'GET', `/v1/applications/${compliant.id}`)).application;
    short = (await ok('hr-officer2', 'GET', `/v1/applications/${short.id}`)).application;
    const good = await ok('hr-officer2', 'POST', `/v1/applications/${compliant.id}/certificate`, { version: compliant.version });
    expect(good.exceptionReasons).toBeUndefined();
    expectReasonRequired(await call('hr-officer2', 'POST', `/v1/applications/${short.id}/certificate`, { version: short.version }), '李娜');
    const bad = await ok('hr-officer2', 'POST', `/v1/applications/${short.id}/certificate`, { version: short.version, reason: '如实出具' });
    expect(bad.exceptionReasons.map((e: any) => e.action)).toEqual(['unit_approve', 'publish', 'dept_approve', 'file', 'issue']);

    // The certificate for the title committee: the full resident ID.
    const printed = await ok('hr-officer', 'GET', `/v1/certificates/${bad.number}`);
    expect(printed.holderIdNumber).toBe('430104199001153028');

    const verified = await ok('', 'GET', `/v1/public/certificates/${bad.number}?code=${bad.verificationCode}`);
    expect(JSON.stringify(verified)).not.toContain('430104199001153028');
    expect(JSON.stringify(verified)).not.toContain('如实出具'); // reasons stay internal
    expect(verified.years.find((y: any) => y.year === 2021)).toMatchObject({
      compliant: false,
      shortfalls: ['全年不足90学时（无学时记录）'],
    });
    expect(verified.conclusion).toContain('未达到规定要求');
    expect(verified.conclusion).not.toContain('予以认定');

    const fine = await ok('', 'GET', `/v1/public/certificates/${good.number}?code=${good.verificationCode}`);
    expect(fine.years.every((y: any) => y.compliant && y.shortfalls.length === 0)).toBe(true);
    expect(fine.conclusion).toBe('经审核，该同志上述年度继续教育学时均达到规定要求，情况属实，予以认定。');
  });
});

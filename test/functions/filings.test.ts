import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalUser } from '../../functions/adapters/dynamo/local-users.js';
import { DEMO_TENANT } from '../../functions/local/demo-data.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/** Training filings (rules §5 W3) against DynamoDB Local, with a settable clock (filed before, attendance after). */
let now = new Date('2025-04-01T02:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

/** Accounts the demo set lacks: a clerk of a unit directly under the hr office. */
const EXTRA: LocalUser[] = [
  { id: 'clerk-construction', name: '建设集团经办人', role: 'unit_clerk', organisation: 'unit-construction', tenant: DEMO_TENANT },
];

const { call } = caller<string>(() => t, {
  // A second per call: audit events (keyed by time) keep the order they happened in.
  before: () => {
    now = new Date(now.getTime() + 1000);
  },
  token: (user) => {
    const extra = EXTRA.find((u) => u.id === user);
    return extra ? t.issuer.issue(extra, new Date()) : t.tokenFor(user, new Date());
  },
});
const ZHANG = { id: 'person-zhangwei', idNumber: '430102198503122013' };
const LI = { id: 'person-lina', idNumber: '430104199001153028' };
const WANG = '430121198211034029'; // 王芳, of the school

const training = (overrides: Record<string, unknown> = {}) => ({
  title: '院内急诊急救技能培训',
  category: 'professional',
  startDate: '2025-04-10',
  endDate: '2025-04-12',
  days: 2,
  halfDays: 1,
  lecturers: [{ name: '刘主任', title: '主任医师', organisation: '长沙市中心医院' }],
  ...overrides,
});

describe('filing a training', () => {
  it('routes a professional training to the unit’s department, a public one (or a unit without one) to the hr office', async () => {
    const professional = await call('clerk-hospital', 'POST', '/v1/filings', training());
    expect(professional.status).toBe(201);
    expect(professional.body).toMatchObject({
      status: 'filed',
      version: 1,
      unitId: 'unit-hospital',
      recipientOrgId: 'dept-health',
      recipientKind: 'department',
    });

    const pub = await call(
      'clerk-hospital',
      'POST',
      '/v1/filings',
      training({ category: 'public', theme: '数字化建设与发展', title: '公需科目专题讲座' }),
    );
    expect(pub.body).toMatchObject({ recipientOrgId: 'hr-430100', recipientKind: 'hr_office' });

    const noDept = await call('clerk-construction', 'POST', '/v1/filings', training({ title: '施工安全培训' }));
    expect(noDept.status).toBe(201);
    expect(noDept.body).toMatchObject({ recipientOrgId: 'hr-430100', recipientKind: 'hr_office' });
  });

  it('checks the form: dates, day units, lecturers; files in advance only; only a unit clerk files', async () => {
    const bad = await call(
      'clerk-hospital',
      'POST',
      '/v1/filings',
      training({ endDate: '2025-04-09', days: 0, halfDays: 0, lecturers: [] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['days', 'endDate', 'lecturers']);
    const late = await call(
      'clerk-hospital',
      'POST',
      '/v1/filings',
      training({ startDate: '2025-03-20', endDate: '2025-03-21', halfDays: 0 }),
    );
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('filing_too_late');
    expect((await call('reviewer-hospital', 'POST', '/v1/filings', training())).status).toBe(403);
  });
});

describe('acknowledging, returning and attendance', () => {
  let filing: any;

  it('is decided only by the office it went to, once, on the version it saw; every change is audited', async () => {
    filing = (await call('clerk-hospital', 'POST', '/v1/filings', training())).body;

    const inbox = await call('reviewer-health', 'GET', '/v1/filings?status=filed');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((f: any) => f.id)).toContain(filing.id);
    expect((await call('hr-officer', 'GET', '/v1/filings')).body.items.map((f: any) => f.id)).not.toContain(filing.id);
    expect((await call('clerk-hospital', 'GET', '/v1/filings')).body.items.map((f: any) => f.id)).toContain(filing.id);
    expect((await call('clerk-school', 'GET', `/v1/filings/${filing.id}`)).status).toBe(404);

    const early = await call('clerk-hospital', 'POST', `/v1/filings/${filing.id}/attendance`, {
      version: 1,
      entries: [{ idNumber: ZHANG.idNumber }],
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('filing_not_acknowledged');

    const wrongOffice = await call('hr-officer', 'POST', `/v1/filings/${filing.id}/acknowledge`, { version: 1 });
    expect(wrongOffice.status).toBe(403);
    expect(wrongOffice.body.error.code).toBe('not_recipient');
    const stale = await call('reviewer-health', 'POST', `/v1/filings/${filing.id}/acknowledge`, { version: 7 });
    expect(stale.status).toBe(422);

    const [a, b] = await Promise.all([
      call('reviewer-health', 'POST', `/v1/filings/${filing.id}/acknowledge`, { version: 1 }),
      call('reviewer-health', 'POST', `/v1/filings/${filing.id}/return`, { version: 1, reason: '课表不全' }),
    ]);
    // Two decisions at once: exactly one wins, the other is refused (409, or 422 once it sees the result).
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    expect([a.status, b.status].filter((s) => s === 409 || s === 422)).toHaveLength(1);
    filing = a.status === 200 ? a.body : b.body;
    if (filing.status === 'returned') {
      // The race went to "return": file it again and acknowledge this time.
      filing = (await call('clerk-hospital', 'POST', '/v1/filings', training())).body;
      filing = (await call('reviewer-health', 'POST', `/v1/filings/${filing.id}/acknowledge`, { version: 1 })).body;
    }
    expect(filing).toMatchObject({ status: 'acknowledged', version: 2, decidedBy: 'reviewer-health' });
    const again = await call('reviewer-health', 'POST', `/v1/filings/${filing.id}/return`, { version: 2, reason: 'x' });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('filing_not_open');

    const events = await t.deps.audit.listFor('training_filing', filing.id);
    expect(events.map((e) => [e.action, e.from, e.to])).toEqual([
      ['file', undefined, 'filed'],
      ['acknowledge', 'filed', 'acknowledged'],
    ]);
  });

  it('returns a filing with a reason; a returned filing takes no attendance', async () => {
    const pub = (await call('clerk-hospital', 'POST', '/v1/filings', training({ category: 'public', title: '公需讲座' }))).body;
    expect((await call('reviewer-health', 'POST', `/v1/filings/${pub.id}/return`, { version: 1, reason: 'x' })).status).toBe(403);
    expect((await call('hr-officer', 'POST', `/v1/filings/${pub.id}/return`, { version: 1 })).status).toBe(400);
    const returned = await call('hr-officer', 'POST', `/v1/filings/${pub.id}/return`, { version: 1, reason: '未注明公需科目主题' });
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '未注明公需科目主题' });
    now = new Date('2025-04-20T02:00:00Z');
    const att = await call('clerk-hospital', 'POST', `/v1/filings/${pub.id}/attendance`, {
      version: 2,
      entries: [{ idNumber: ZHANG.idNumber }],
    });
    expect(att.status).toBe(422);
    now = new Date('2025-04-01T02:00:00Z');
  });

  it('takes attendance once the training is over, credits each known person of the unit once (source filed_training)', async () => {
    const before = await call('clerk-hospital', 'POST', `/v1/filings/${filing.id}/attendance`, {
      version: filing.version,
      entries: [{ idNumber: ZHANG.idNumber }],
    });
    expect(before.status).toBe(422);
    expect(before.body.error.code).toBe('training_not_finished');

    now = new Date('2025-04-13T02:00:00Z');
    const res = await call('clerk-hospital', 'POST', `/v1/filings/${filing.id}/attendance`, {
      version: filing.version,
      entries: [
        { idNumber: ZHANG.idNumber },
        { idNumber: '430104199001153025', days: 1 }, // a typo: invalid check digit
        { idNumber: LI.idNumber, days: 1, halfDays: 1 },
        { idNumber: '430102199205061237' }, // valid, not registered
        { idNumber: WANG }, // another unit's person
        { idNumber: ZHANG.idNumber }, // twice in one sheet
        { idNumber: LI.idNumber, days: 5 }, // more than the training
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.status, r.error?.code])).toEqual([
      ['credited', undefined],
      ['rejected', 'id_check_digit'],
      ['credited', undefined],
      // Not registered, and another unit's person: the same answer (no registration oracle, issue 12).
      ['rejected', 'person_not_found'],
      ['rejected', 'person_not_found'],
      ['duplicate', 'already_credited'],
      ['rejected', 'invalid_units'],
    ]);
    expect(res.body.results[3].error).toEqual(res.body.results[4].error);
    expect(res.body.results[0].idNumberMasked).toBe('4301**********201*');
    expect(JSON.stringify(res.body)).not.toContain(ZHANG.idNumber);
    expect(res.body.filing).toMatchObject({ status: 'completed', attendanceCount: 2, version: 3 });

    // 2 days + half a day = 24 professional hours for 张伟; 李娜 attended a day and a half: 14.
    const zhang = (await t.deps.activities.listForPerson(ZHANG.id)).filter((a) => a.source === 'filed_training');
    expect(zhang).toHaveLength(1);
    expect(zhang[0]!.activity).toMatchObject({ kind: 'training', date: '2025-04-12', days: 2, halfDays: 1, title: '院内急诊急救技能培训' });
    const book = (await call('clerk-hospital', 'GET', `/v1/people/${ZHANG.id}/books`)).body.items.find((b: any) => b.year === 2025);
    expect(book.result.professionalHours).toBe(24);
    const li = (await call('clerk-hospital', 'GET', `/v1/people/${LI.id}/books`)).body.items.find((b: any) => b.year === 2025);
    expect(li.result.professionalHours).toBe(14);

    // A second sheet: the people already credited are duplicates, no one counts twice.
    const again = await call('clerk-hospital', 'POST', `/v1/filings/${filing.id}/attendance`, {
      version: 3,
      entries: [{ idNumber: ZHANG.idNumber }],
    });
    expect(again.body.results[0].status).toBe('duplicate');
    expect((await t.deps.activities.listForPerson(ZHANG.id)).filter((a) => a.source === 'filed_training')).toHaveLength(1);
    const stale = await call('clerk-hospital', 'POST', `/v1/filings/${filing.id}/attendance`, {
      version: 3,
      entries: [{ idNumber: LI.idNumber }],
    });
    expect(stale.status).toBe(422);
    expect(stale.body.error.code).toBe('stale_version');

    const events = await t.deps.audit.listFor('training_filing', filing.id);
    expect(events.map((e) => `${e.action}:${e.from}>${e.to}`)).toEqual([
      'file:undefined>filed',
      'acknowledge:filed>acknowledged',
      'attendance:acknowledged>completed',
      'attendance:completed>completed',
    ]);
    expect((await call('auditor', 'GET', `/v1/filings/${filing.id}`)).body.attendanceCount).toBe(2);
  });

  it('lands as pending in a confirmed year', async () => {
    now = new Date('2025-04-01T02:00:00Z');
    let f = (await call('clerk-hospital', 'POST', '/v1/filings', training({ title: '夜间讲座', days: 0, halfDays: 0, evenings: 1 }))).body;
    f = (await call('reviewer-health', 'POST', `/v1/filings/${f.id}/acknowledge`, { version: 1 })).body;
    const y = (await call('reviewer-hospital', 'GET', `/v1/people/${LI.id}/books`)).body.items.find((b: any) => b.year === 2025);
    const confirmed = await call('reviewer-hospital', 'POST', `/v1/people/${LI.id}/books/2025/confirm`, {
      version: y.version,
      reason: '测试',
    });
    expect(confirmed.status).toBe(200);
    now = new Date('2025-04-13T02:00:00Z');
    const res = await call('clerk-hospital', 'POST', `/v1/filings/${f.id}/attendance`, {
      version: 2,
      entries: [{ idNumber: LI.idNumber }],
    });
    expect(res.body.results[0].status).toBe('pending');
    const book = (await call('clerk-hospital', 'GET', `/v1/people/${LI.id}/books`)).body.items.find((b: any) => b.year === 2025);
    expect(book.pendingCount).toBe(1);
  });
});

describe('OpenAPI', () => {
  it('documents the filing routes with their roles', async () => {
    const doc = (await (await t.app.request('/v1/openapi.json')).json()) as any;
    expect(doc.paths['/v1/filings'].post['x-roles']).toEqual(['unit_clerk']);
    expect(doc.paths['/v1/filings/{filingId}/acknowledge'].post['x-roles']).toEqual(['dept_reviewer', 'hr_officer']);
    expect(doc.paths['/v1/filings/{filingId}/attendance'].post).toBeDefined();
  });
});

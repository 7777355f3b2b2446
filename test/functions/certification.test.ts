import { beforeAll, describe, expect, it } from 'vitest';
import { closeDueNotices } from '../../functions/use-cases/certification/notices.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/** A settable clock: the notice ends when the test says so. */
let now = new Date('2026-03-02T02:00:00Z'); // Monday 2 March 2026, 10:00 in China
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

const { call } = caller(() => t);
/**
 * The demo people have no evidence files, so every year's evidence is incomplete and each step forward
 * needs a written reason (issue 14; test/functions/certification-reasons.test.ts tests the rule itself).
 */
const R = '测试：佐证材料纸质件已核对';
const reasonsFor = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, R]));

async function draftFor(personId: string, clerk: string) {
  const res = await call(clerk, 'POST', '/v1/applications', { personId, applicationYear: 2026, titleLevel: 'associate_senior' });
  expect(res.status).toBe(201);
  return res.body;
}

async function through(app: any, steps: [string, string, string, unknown?][]) {
  let current = app;
  for (const [user, method, path, extra] of steps) {
    const res = await call(user, method, path.replace(':id', current.id), { version: current.version, ...(extra as object) });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    current = res.body;
  }
  return current;
}

describe('W2 on a city route with a department (unit → notice → department → hr office)', () => {
  let app: any;
  let noticeId: string;
  let certificate: any;

  it('creates the draft with the span 2021–2025 and the years from the registration book', async () => {
    await call('clerk-hospital', 'POST', '/v1/people/person-lina/activities', {
      activity: { kind: 'training', date: '2023-06-01', category: 'professional', days: 6, title: '临床技能培训' },
    });
    app = await draftFor('person-lina', 'clerk-hospital');
    expect(app).toMatchObject({
      state: 'draft',
      span: { from: 2021, to: 2025 },
      route: { department: true, departmentId: 'dept-health', filingWindow: null },
    });
    expect(app.years.map((y: any) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(app.years.find((y: any) => y.year === 2023)).toMatchObject({
      professionalHours: 60,
      professionalContent: ['临床技能培训（60学时）'],
    });
    const dup = await call('clerk-hospital', 'POST', '/v1/applications', {
      personId: 'person-lina',
      applicationYear: 2026,
      titleLevel: 'associate_senior',
    });
    expect(dup.status).toBe(409);
  });

  it('refuses every step out of order: no step of the route can be skipped', async () => {
    const v = app.version;
    expect(
      (await call('reviewer-hospital', 'POST', `/v1/applications/${app.id}/review`, { version: v, decision: 'approve', reason: R })).status,
    ).toBe(422);
    expect(
      (await call('reviewer-health', 'POST', `/v1/applications/${app.id}/review`, { version: v, decision: 'approve', reason: R })).status,
    ).toBe(422);
    expect((await call('hr-officer', 'POST', `/v1/applications/${app.id}/file`, { version: v, reason: R })).status).toBe(422);
    expect((await call('hr-officer', 'POST', `/v1/applications/${app.id}/certificate`, { version: v, reason: R })).status).toBe(422);
    expect((await call('reviewer-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: v })).status).toBe(403);
  });

  it('needs a reason to return, and returns to draft', async () => {
    app = await through(app, [['clerk-hospital', 'POST', '/v1/applications/:id/submit']]);
    const noReason = await call('reviewer-hospital', 'POST', `/v1/applications/${app.id}/review`, {
      version: app.version,
      decision: 'return',
    });
    expect(noReason.status).toBe(422);
    app = await through(app, [
      ['reviewer-hospital', 'POST', '/v1/applications/:id/review', { decision: 'return', reason: '材料不全' }],
      ['clerk-hospital', 'POST', '/v1/applications/:id/submit'],
    ]);
    expect(app).toMatchObject({ state: 'submitted', lastReason: '材料不全' });
  });

  it('gives exactly one success, 99 conflicts and one audit event for 100 concurrent approvals', async () => {
    const token = await t.tokenFor('reviewer-hospital');
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        t.app.request(`/v1/applications/${app.id}/review`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ version: app.version, decision: 'approve', reason: R }),
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const detail = await call('auditor', 'GET', `/v1/applications/${app.id}`);
    expect(detail.body.history.filter((e: any) => e.action === 'unit_approve')).toHaveLength(1);
    app = detail.body.application;
    expect(app.state).toBe('unit_approved');
  });

  it('publishes a 5-working-day notice, public while open, with resident IDs masked', async () => {
    // The reviewer who approved it may not also publish it (rules §6 separation of duties).
    const self = await call('reviewer-hospital', 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-03-02',
      contact: '医院人事科',
    });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('separation_of_duties');
    const res = await call('reviewer2-hospital', 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-03-02',
      contact: '医院人事科 0731-8888888',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ startDate: '2026-03-02', endDate: '2026-03-06', status: 'open' });
    noticeId = res.body.id;
    const list = await call('', 'GET', '/v1/public/notices');
    expect(list.body.items.map((n: any) => n.id)).toContain(noticeId);
    const notice = await call('', 'GET', `/v1/public/notices/${noticeId}`);
    expect(notice.status).toBe(200);
    expect(notice.body.status).toBe('open');
    expect(notice.body.entries[0]).toMatchObject({ name: '李娜', idNumberMasked: '4301**********302*' });
    expect(JSON.stringify(notice.body)).not.toContain('430104199001153028');
  });

  it('takes an objection from the public, which holds the application until the unit resolves it', async () => {
    // A contact nobody can answer is refused at the field (issue 14): a phone or an e-mail address.
    for (const contact of ['abc', '12345', '0731', 'a@b']) {
      const refused = await call('', 'POST', `/v1/public/notices/${noticeId}/objections`, {
        applicationId: app.id,
        contact,
        text: '该同志2023年培训时长存疑',
      });
      expect(refused.status, contact).toBe(400);
      expect(refused.body.error.details).toContainEqual(expect.objectContaining({ path: 'contact' }));
    }
    const objected = await call('', 'POST', `/v1/public/notices/${noticeId}/objections`, {
      applicationId: app.id,
      contact: '13800000000',
      text: '该同志2023年培训时长存疑',
    });
    expect(objected.status).toBe(201);
    // The objector gets a 受理编号 to quote; the unit sees it with the objection.
    expect(objected.body.receiptNo).toMatch(/^YY20260302-[2-9A-HJ-NP-Z]{6}$/);
    // The notice ends and closes; an application under objection does not pass.
    now = new Date('2026-03-06T16:00:00Z'); // 00:00 on 7 March in China
    await closeDueNotices(t.deps);
    let detail = await call('reviewer-hospital', 'GET', `/v1/applications/${app.id}`);
    expect(detail.body.application.state).toBe('objection');
    expect((await call('', 'GET', `/v1/public/notices/${noticeId}`)).status).toBe(404);
    const afterwards = await call('auditor', 'GET', `/v1/public/notices/${noticeId}`);
    expect(afterwards).toMatchObject({ status: 200, body: { status: 'closed' } });
    const dismissed = await call('reviewer-hospital', 'POST', `/v1/applications/${app.id}/objection`, {
      version: detail.body.application.version,
      decision: 'dismiss',
      reason: '经核实培训记录属实',
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.state).toBe('notice_passed');
    detail = await call('reviewer-hospital', 'GET', `/v1/applications/${app.id}`);
    app = detail.body.application;
  });

  it('goes through the department, its batch with the e-seal record, the hr office, and the certificate', async () => {
    app = await through(app, [['reviewer-health', 'POST', '/v1/applications/:id/review', { decision: 'approve', reason: R }]]);
    expect(app.state).toBe('dept_approved');
    const batch = await call('reviewer-health', 'POST', '/v1/batches', { applicationIds: [app.id], sealReference: 'DZYZ-2026-0001' });
    expect(batch.status).toBe(201);
    expect(batch.body.seal).toMatchObject({ by: 'reviewer-health', reference: 'DZYZ-2026-0001' });
    const again = await call('reviewer-health', 'POST', '/v1/batches', { applicationIds: [app.id], sealReference: 'DZYZ-2026-0002' });
    expect(again.status).toBe(409);
    const summary = await call('hr-officer', 'GET', `/v1/batches/${batch.body.id}/summary`);
    expect(summary.body.rows[0]).toMatchObject({ name: '李娜', idNumberMasked: '4301**********302*', unit: '长沙市中心医院' });
    const accepted = await call('hr-officer', 'POST', `/v1/batches/${batch.body.id}/accept`, {
      reasons: reasonsFor(batch.body.applicationIds),
    });
    expect(accepted.status).toBe(200);
    app = (await call('hr-officer', 'GET', `/v1/applications/${app.id}`)).body.application;
    expect(app.state).toBe('filed');
    const withdraw = await call('clerk-hospital', 'POST', `/v1/applications/${app.id}/withdraw`, {
      version: app.version,
      reason: '不再申报',
    });
    expect(withdraw.status).toBe(422);
    // The officer who filed it may not also issue its certificate.
    const self = await call('hr-officer', 'POST', `/v1/applications/${app.id}/certificate`, { version: app.version, reason: R });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('separation_of_duties');
    const issued = await call('hr-officer2', 'POST', `/v1/applications/${app.id}/certificate`, { version: app.version, reason: R });
    expect(issued.status).toBe(201);
    certificate = issued.body;
    expect(issued.body.issuedBy).toBe('hr-officer2');
    const history = (await call('auditor', 'GET', `/v1/applications/${app.id}`)).body.history;
    const actorsByAction = Object.fromEntries(history.map((e: any) => [e.action, e.actor]));
    expect(actorsByAction).toMatchObject({
      submit: 'clerk-hospital',
      unit_approve: 'reviewer-hospital',
      publish: 'reviewer2-hospital',
      file: 'hr-officer',
      issue: 'hr-officer2',
    });
    expect(certificate.number).toBe('HN-430100-2026-000001');
    expect(certificate.verificationCode).toMatch(/^[0-9A-F]{12}$/);
  });

  it('verifies the certificate publicly only with its code, with a masked holder and no ID number', async () => {
    const ok = await call('', 'GET', `/v1/public/certificates/${certificate.number}?code=${certificate.verificationCode}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ number: certificate.number, status: 'valid', holder: '李*', span: { from: 2021, to: 2025 } });
    expect(JSON.stringify(ok.body)).not.toMatch(/4301\*+|430104199001153028|长沙市中心医院/);
    const wrong = await call('', 'GET', `/v1/public/certificates/${certificate.number}?code=000000000000`);
    const missing = await call('', 'GET', `/v1/public/certificates/${certificate.number}`);
    const unknown = await call('', 'GET', `/v1/public/certificates/HN-430100-2026-000999?code=${certificate.verificationCode}`);
    for (const r of [wrong, missing, unknown]) {
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('certificate_not_found');
    }
  });

  it('revokes with a reason, and verification then says revoked', async () => {
    const revoked = await call('hr-officer', 'POST', `/v1/certificates/${certificate.number}/revoke`, { reason: '申报材料不实' });
    expect(revoked.body.status).toBe('revoked');
    const check = await call('', 'GET', `/v1/public/certificates/${certificate.number}?code=${certificate.verificationCode}`);
    expect(check.body.status).toBe('revoked');
  });
});

describe('W2 on a city route without a department (unit → notice → hr office)', () => {
  it('is filed by the hr office straight after the notice, and a later application is covered by the certificate', async () => {
    now = new Date('2026-04-01T02:00:00Z'); // Wednesday
    let app = await draftFor('person-chenjie', 'clerk-hospital').catch(() => undefined);
    expect(app).toBeUndefined(); // 陈洁 is not the hospital clerk's person
    // Tokens are issued per call on the test clock, which jumps forward past the notice.
    const clerk = {
      id: 'clerk-construction',
      name: '工程经办',
      role: 'unit_clerk' as const,
      organisation: 'unit-construction',
      tenant: '430100',
    };
    const reviewer = {
      id: 'reviewer-construction',
      name: '工程审核',
      role: 'unit_reviewer' as const,
      organisation: 'unit-construction',
      tenant: '430100',
    };
    const publisher = { ...reviewer, id: 'publisher-construction', name: '工程公示' };
    const as = async (user: typeof clerk | typeof reviewer, method: string, path: string, body?: unknown) => {
      const res = await t.app.request(path, {
        method,
        headers: { authorization: `Bearer ${await t.issuer.issue(user)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    app = (await as(clerk, 'POST', '/v1/applications', { personId: 'person-chenjie', applicationYear: 2026, titleLevel: 'senior' })).body;
    expect(app.route).toEqual({ department: false, filingWindow: null });
    app = (await as(clerk, 'POST', `/v1/applications/${app.id}/submit`, { version: app.version })).body;
    app = (await as(reviewer, 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve', reason: R })).body;
    const notice = await as(publisher, 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-04-01',
      contact: '人事部 0731-1234567',
    });
    // 1 Apr (Wed) … Qingming 4–6 April 2026 is a holiday: 1, 2, 3, 7, 8 → ends Wednesday 8 April.
    expect(notice.body.endDate).toBe('2026-04-08');
    now = new Date('2026-04-08T16:00:00Z');
    await closeDueNotices(t.deps);
    app = (await call('hr-officer', 'GET', `/v1/applications/${app.id}`)).body.application;
    expect(app.state).toBe('notice_passed');
    expect(
      (await call('reviewer-health', 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve', reason: R }))
        .status,
    ).toBe(404);
    // Filed directly (no department): the flagged application needs its reason here too.
    const unexplained = await call('hr-officer', 'POST', `/v1/applications/${app.id}/file`, { version: app.version });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.error.code).toBe('exception_reason_required');
    app = (await call('hr-officer', 'POST', `/v1/applications/${app.id}/file`, { version: app.version, reason: R })).body;
    expect(app.state).toBe('filed');
    const cert = await call('hr-officer2', 'POST', `/v1/applications/${app.id}/certificate`, { version: app.version, reason: R });
    expect(cert.body.number).toBe('HN-430100-2026-000002');

    // Next year's application needs records only for the year the certificate does not cover.
    const next = (await as(clerk, 'POST', '/v1/applications', { personId: 'person-chenjie', applicationYear: 2027, titleLevel: 'senior' }))
      .body;
    expect(next.coveredYears.map((c: any) => c.certificateNumber)).toEqual(Array(4).fill(cert.body.number));
    expect(next.years.find((y: any) => y.year === 2022).source).toContain(cert.body.number);
  });
});

describe('certificate serials', () => {
  it('stay gapless and unique when the hr office issues many at once', async () => {
    const clerk = await t.tokenFor('clerk-hospital');
    // Filed applications made directly through the repository would skip the route: build them for real.
    const ids: string[] = [];
    const people = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const idNumber = validId(`43010219900101${100 + i}`);
        const res = await t.app.request('/v1/people', {
          method: 'POST',
          headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
          body: JSON.stringify({ idNumber, name: `并发${i}`, unitId: 'unit-hospital' }),
        });
        return ((await res.json()) as any).id as string;
      }),
    );
    now = new Date('2026-05-04T02:00:00Z');
    for (const personId of people) {
      let app = await draftFor(personId, 'clerk-hospital');
      app = await through(app, [
        ['clerk-hospital', 'POST', '/v1/applications/:id/submit'],
        ['reviewer-hospital', 'POST', '/v1/applications/:id/review', { decision: 'approve', reason: R }],
      ]);
      ids.push(app.id);
    }
    const notice = await call('reviewer2-hospital', 'POST', '/v1/notices', {
      applicationIds: ids,
      reasons: reasonsFor(ids),
      startDate: '2026-05-06',
      contact: '人事科',
    });
    expect(notice.status).toBe(201);
    now = new Date('2026-05-13T16:00:00Z');
    await closeDueNotices(t.deps);
    for (const id of ids) {
      const app = (await call('reviewer-health', 'GET', `/v1/applications/${id}`)).body.application;
      await through(app, [['reviewer-health', 'POST', '/v1/applications/:id/review', { decision: 'approve', reason: R }]]);
    }
    const batch = await call('reviewer-health', 'POST', '/v1/batches', { applicationIds: ids, sealReference: 'DZYZ-2026-0009' });
    expect(
      (await call('hr-officer', 'POST', `/v1/batches/${batch.body.id}/accept`, { reasons: reasonsFor(batch.body.applicationIds) })).status,
    ).toBe(200);
    const filed = await Promise.all(ids.map(async (id) => (await call('hr-officer', 'GET', `/v1/applications/${id}`)).body.application));
    const issued = await Promise.all(
      filed.map((app) => call('hr-officer2', 'POST', `/v1/applications/${app.id}/certificate`, { version: app.version, reason: R })),
    );
    expect(issued.map((r) => r.status)).toEqual(Array(6).fill(201));
    const serials = issued.map((r) => Number(r.body.number.slice(-6))).sort((a, b) => a - b);
    expect(serials).toEqual([3, 4, 5, 6, 7, 8]);
  });
});

describe('audit events', () => {
  it('are exposed by no route that edits or deletes them', async () => {
    const doc = (await (await t.app.request('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!/audit|history/.test(path)) continue;
      expect(
        Object.keys(ops).filter((m) => ['put', 'patch', 'delete'].includes(m)),
        path,
      ).toEqual([]);
    }
  });
});

function validId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

describe('the 省直 tenant (430000): central units skip the department; filing only in the window', () => {
  it('refuses filing outside 1 July – 31 August until the hr office opens an exception', async () => {
    let clock = new Date('2026-11-02T02:00:00Z'); // Monday
    const p = await createTestApp({ now: () => clock, tenant: '430000' });
    const orgs = [
      { id: 'hr-430000', kind: 'hr_office' as const, name: '湖南省人力资源和社会保障厅', path: ['hr-430000'] },
      {
        id: 'unit-central',
        kind: 'unit' as const,
        unitType: 'central_in_hunan' as const,
        name: '中央驻湘某研究院',
        parentId: 'hr-430000',
        path: ['hr-430000', 'unit-central'],
      },
    ];
    for (const o of orgs) await p.deps.organisations.put(o);
    type Who = { id: string; name: string; role: 'unit_clerk' | 'unit_reviewer' | 'hr_officer'; organisation: string; tenant: string };
    const who = (id: string, role: Who['role'], organisation: string): Who => ({ id, name: id, role, organisation, tenant: '430000' });
    const [clerk, reviewer, publisher, hr, issuer] = [
      who('c', 'unit_clerk', 'unit-central'),
      who('r', 'unit_reviewer', 'unit-central'),
      who('r2', 'unit_reviewer', 'unit-central'),
      who('h', 'hr_officer', 'hr-430000'),
      who('h2', 'hr_officer', 'hr-430000'),
    ];
    // Tokens are issued per call on the test clock, which jumps forward past the notice.
    const as = async (user: Who, method: string, path: string, body?: unknown) => {
      const res = await p.app.request(path, {
        method,
        headers: { authorization: `Bearer ${await p.issuer.issue(user)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const person = await as(clerk, 'POST', '/v1/people', { idNumber: validId('43010219850312301'), name: '周研', unitId: 'unit-central' });
    expect(person.status).toBe(201);
    let app = (await as(clerk, 'POST', '/v1/applications', { personId: person.body.id, applicationYear: 2026, titleLevel: 'senior' })).body;
    expect(app.route).toEqual({ department: false, filingWindow: { from: '07-01', to: '08-31' } });
    app = (await as(clerk, 'POST', `/v1/applications/${app.id}/submit`, { version: app.version })).body;
    app = (await as(reviewer, 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve', reason: R })).body;
    await as(publisher, 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-11-02',
      contact: '研究院人事处',
    });
    clock = new Date('2026-11-06T16:00:00Z');
    await closeDueNotices(p.deps);
    app = (await as(hr, 'GET', `/v1/applications/${app.id}`)).body.application;
    expect(app.state).toBe('notice_passed');
    const refused = await as(hr, 'POST', `/v1/applications/${app.id}/file`, { version: app.version, reason: R });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('outside_filing_window');
    expect((await as(hr, 'POST', '/v1/filing-exceptions', { until: '2026-11-30', reason: '省厅同意补充受理' })).status).toBe(200);
    const filed = await as(hr, 'POST', `/v1/applications/${app.id}/file`, { version: app.version, reason: R });
    expect(filed.body.state).toBe('filed');
    const cert = await as(issuer, 'POST', `/v1/applications/${app.id}/certificate`, { version: filed.body.version, reason: R });
    expect(cert.body.number).toBe('HN-430000-2026-000001');
  });
});

describe('public rate limits', () => {
  it('key on the address CloudFront appends, so a forged first X-Forwarded-For entry does not reset them', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const res = await t.app.request('/v1/public/certificates/HN-430100-2026-999999?code=X', {
        headers: { 'x-forwarded-for': `10.0.${i}.1, 203.0.113.77` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe('the mid-level 合格证明 (rules §3 "mid-level titles")', () => {
  // Accounts the demo lacks (the school's reviewer), issued by the local provider like the others.
  const schoolReviewer = {
    id: 'reviewer-school',
    name: '学校审核',
    role: 'unit_reviewer' as const,
    organisation: 'unit-school',
    tenant: '430100',
  };
  const as = async (user: typeof schoolReviewer, method: string, path: string, body?: unknown) => {
    const res = await t.app.request(path, {
      method,
      headers: { authorization: `Bearer ${await t.issuer.issue(user)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const midLevel = (personId: string, clerk: string, applicationYear = 2025) =>
    call(clerk, 'POST', '/v1/applications', { personId, applicationYear, titleLevel: 'intermediate' });
  let zhangwei: any;
  let number: string;
  let code: string;

  it('spans Y−3 … Y−1 for a master (2025 → 2022–2024) and Y−4 … Y−1 otherwise, on the tenant route without a notice', async () => {
    now = new Date('2026-05-06T02:00:00Z'); // Wednesday
    const master = await midLevel('person-zhangwei', 'clerk-hospital');
    expect(master.status).toBe(201);
    zhangwei = master.body;
    expect(zhangwei).toMatchObject({
      kind: 'mid_level',
      titleLevel: 'intermediate',
      span: { from: 2022, to: 2024 },
      route: { department: true, departmentId: 'dept-health', filingWindow: null, notice: false },
    });
    expect(zhangwei.spanNote).toContain('硕士研究生');
    expect(zhangwei.years.map((y: any) => y.year)).toEqual([2022, 2023, 2024]);
    const bachelor = await midLevel('person-wangfang', 'clerk-school');
    expect(bachelor.body).toMatchObject({ kind: 'mid_level', span: { from: 2021, to: 2024 } });
    // A senior application keeps its five years and its route (with the notice).
    const senior = await call('clerk-school', 'POST', '/v1/applications', {
      personId: 'person-liuyang',
      applicationYear: 2026,
      titleLevel: 'senior',
    });
    expect(senior.body).toMatchObject({
      kind: 'senior',
      span: { from: 2021, to: 2025 },
      route: { department: true, departmentId: 'dept-education', filingWindow: null },
    });
    expect(senior.body.route).not.toHaveProperty('notice');
  });

  it('goes unit → department → hr office with no notice, numbered HN-430100-2026-Z000001 on its own counter, with the tenant title', async () => {
    zhangwei = await through(zhangwei, [
      ['clerk-hospital', 'POST', '/v1/applications/:id/submit'],
      ['reviewer-hospital', 'POST', '/v1/applications/:id/review', { decision: 'approve', reason: R }],
    ]);
    expect(zhangwei.state).toBe('unit_approved');
    // No notice on this route: publishing it is refused, and the department takes it straight on.
    const publish = await call('reviewer2-hospital', 'POST', '/v1/notices', {
      applicationIds: [zhangwei.id],
      reasons: reasonsFor([zhangwei.id]),
      startDate: '2026-05-06',
      contact: '医院人事科 0731-8000 0002',
    });
    expect(publish).toMatchObject({ status: 422, body: { error: { code: 'step_not_on_route' } } });
    expect(
      (await call('hr-officer', 'POST', `/v1/applications/${zhangwei.id}/file`, { version: zhangwei.version, reason: R })).status,
    ).toBe(422);
    zhangwei = await through(zhangwei, [['reviewer-health', 'POST', '/v1/applications/:id/review', { decision: 'approve', reason: R }]]);
    expect(zhangwei.state).toBe('dept_approved');

    const batch = await call('reviewer-health', 'POST', '/v1/batches', { applicationIds: [zhangwei.id], sealReference: 'WJW-DZYZ-Z001' });
    expect(batch).toMatchObject({ status: 201, body: { kinds: ['mid_level'] } });
    const summary = (await call('hr-officer', 'GET', `/v1/batches/${batch.body.id}/summary`)).body;
    expect(summary.rows[0]).toMatchObject({ name: '张伟', titleLevel: '中级', kind: '合格证明', notice: false, span: '2022—2024' });
    expect(
      (await call('hr-officer', 'POST', `/v1/batches/${batch.body.id}/accept`, { reasons: reasonsFor(batch.body.applicationIds) })).status,
    ).toBe(200);
    zhangwei = (await call('hr-officer', 'GET', `/v1/applications/${zhangwei.id}`)).body.application;
    expect(zhangwei.state).toBe('filed');

    const issued = await call('hr-officer2', 'POST', `/v1/applications/${zhangwei.id}/certificate`, {
      version: zhangwei.version,
      reason: R,
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      number: 'HN-430100-2026-Z000001',
      kind: 'mid_level',
      title: '长沙市专业技术人员继续教育合格证明',
      titleLevel: 'intermediate',
      span: { from: 2022, to: 2024 },
    });
    ({ number, verificationCode: code } = issued.body);
    const history = (await call('auditor', 'GET', `/v1/applications/${zhangwei.id}`)).body.history;
    // Every step audited (the test clock stands still, so compare as a set): no publish, no notice_end.
    expect(history.map((e: any) => e.action).sort()).toEqual(['create', 'dept_approve', 'file', 'issue', 'submit', 'unit_approve']);
    const filtered = (await call('hr-officer', 'GET', '/v1/applications?state=certified&kind=mid_level')).body.items;
    expect(filtered.map((a: any) => a.id)).toEqual([zhangwei.id]);
  });

  it('verifies on the same public page with its code, saying which certificate it is', async () => {
    const verified = await call('', 'GET', `/v1/public/certificates/${number}?code=${code}`);
    expect(verified).toMatchObject({
      status: 200,
      body: {
        number,
        kind: 'mid_level',
        title: '长沙市专业技术人员继续教育合格证明',
        status: 'valid',
        holder: '张*',
        span: { from: 2022, to: 2024 },
      },
    });
    expect((await call('', 'GET', `/v1/public/certificates/${number}?code=WRONG${code}`)).status).toBe(404);
  });

  it('does not cover the years of a senior application (a 合格证明 is the lighter, city-wide check)', async () => {
    const senior = await call('clerk-hospital', 'POST', '/v1/applications', {
      personId: 'person-zhangwei',
      applicationYear: 2026,
      titleLevel: 'associate_senior',
    });
    expect(senior.body).toMatchObject({ kind: 'senior', coveredYears: [] });
  });

  it('follows the title and route the hr office keeps; an issued certificate keeps its title', async () => {
    const rules = (await call('auditor', 'GET', '/v1/rules/years')).body.tenant;
    expect(rules.midLevel).toEqual({
      certificateTitle: '长沙市专业技术人员继续教育合格证明',
      spanYears: 4,
      masterSpanYears: 3,
      department: true,
      notice: false,
    });
    const settings = {
      certificateTitle: '长沙市专业技术人员继续教育学时合格证明',
      spanYears: 4,
      masterSpanYears: 3,
      department: false,
      notice: true,
    };
    const bad = await call('hr-officer', 'PUT', '/v1/rules/tenant', {
      midLevel: { ...settings, masterSpanYears: 5 },
      reason: '测试',
      expectedVersion: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path)).toEqual(['midLevel.masterSpanYears']);
    expect((await call('', 'PUT', '/v1/rules/tenant', { midLevel: settings, reason: '测试', expectedVersion: 0 })).status).toBe(401);
    expect((await call('auditor', 'PUT', '/v1/rules/tenant', { midLevel: settings, reason: '测试', expectedVersion: 0 })).status).toBe(403);
    const saved = await call('hr-officer', 'PUT', '/v1/rules/tenant', {
      midLevel: settings,
      reason: '市人社局通知：中级合格证明须公示',
      expectedVersion: 0,
    });
    expect(saved.status).toBe(200);
    const after = (await call('auditor', 'GET', '/v1/rules/years')).body.tenant;
    // The doctor switch keeps its value: only what was sent changes.
    expect(after).toMatchObject({ doctorSpanFromDoctorate: false, midLevel: settings, kept: { version: 1 } });
    expect((await call('auditor', 'GET', '/v1/rules/tenant/history')).body.items[0]).toMatchObject({
      action: 'update_tenant_policy',
      reason: '市人社局通知：中级合格证明须公示',
      after: { midLevel: settings },
    });

    // A new application takes the new route: a notice, and no department.
    let liuyang = (await midLevel('person-liuyang', 'clerk-school', 2027)).body;
    expect(liuyang.route).toEqual({ department: false, filingWindow: null, notice: true });
    liuyang = await through(liuyang, [['clerk-school', 'POST', '/v1/applications/:id/submit']]);
    liuyang = (
      await as(schoolReviewer, 'POST', `/v1/applications/${liuyang.id}/review`, {
        version: liuyang.version,
        decision: 'approve',
        reason: R,
      })
    ).body;
    expect(
      (await call('hr-officer', 'POST', `/v1/applications/${liuyang.id}/file`, { version: liuyang.version, reason: R })).body.error.code,
    ).toBe('invalid_transition');
    const publisher = { ...schoolReviewer, id: 'publisher-school', name: '学校公示' };
    const notice = await as(publisher, 'POST', '/v1/notices', {
      applicationIds: [liuyang.id],
      reasons: reasonsFor([liuyang.id]),
      startDate: '2026-05-06',
      contact: '学校人事处 0731-1234567',
    });
    expect(notice.status).toBe(201);
    const published = (await call('', 'GET', `/v1/public/notices/${notice.body.id}`)).body;
    expect(published.entries[0]).toMatchObject({ kind: 'mid_level', titleLevel: 'intermediate' });

    // The certificate already issued keeps the title it was issued with.
    expect((await call('hr-officer', 'GET', `/v1/certificates/${number}`)).body.title).toBe('长沙市专业技术人员继续教育合格证明');
  });
});

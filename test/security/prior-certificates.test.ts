/**
 * Issue 12 item 3 (rules §3 revised, prior certificates): the attacks, scripted. A clerk records
 * `HN-430100-2026-000001` — issued by this system to someone else — as a person's prior certificate,
 * or types any paper certificate, and a person with no records shows five compliant years. A number of
 * this system must now match an issued, unrevoked certificate of the same person (years read from it);
 * any other certificate covers no year until a unit reviewer other than the account that entered it
 * confirms it against its scan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '../../functions/local/demo-data.js';
import { closeDueNotices } from '../../functions/use-cases/certification/notices.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/** Demo people have no evidence files: each step forward needs a written reason (issue 14). */
const R = '测试：佐证材料纸质件已核对';
const reasonsFor = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, R]));

let now = new Date('2026-03-02T02:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

const staff = (id: string, role: string, organisation: string) => ({ id, name: id, role, organisation, tenant: DEMO_TENANT }) as const;
const CONSTRUCTION_CLERK = staff('clerk-construction', 'unit_clerk', 'unit-construction');
const CONSTRUCTION_REVIEWER = staff('reviewer-construction', 'unit_reviewer', 'unit-construction');
// Separation of duties (rules §6): the notice is published by another reviewer, the certificate issued by another officer.
const CONSTRUCTION_PUBLISHER = staff('reviewer2-construction', 'unit_reviewer', 'unit-construction');

const { call, ok } = caller<string | ReturnType<typeof staff>>(() => t, {
  token: async (user) => (typeof user === 'string' ? (user ? t.tokenFor(user) : undefined) : t.issuer.issue(user as never)),
});
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n% scan\n'), Buffer.alloc(512, 0x20), Buffer.from('\n%%EOF\n')]);
const PAPER = 'XRS-2020-0001';
const fiveYears = [2021, 2022, 2023, 2024, 2025].map((year) => ({ year, publicHours: 30, professionalHours: 60 }));
const books = async (personId: string) => (await ok('auditor', 'GET', `/v1/people/${personId}/books`)).items as any[];
const compliantYears = async (personId: string) => (await books(personId)).filter((b) => b.result.compliant).map((b) => b.year);

let issuedNumber: string;

describe('a number of this system', () => {
  it('is issued to 陈洁 through the whole workflow', async () => {
    await ok(CONSTRUCTION_CLERK, 'POST', '/v1/people/person-chenjie/activities', {
      activity: { kind: 'training', date: '2022-05-10', category: 'professional', days: 10, title: '工程管理培训' },
    });
    let app = await ok(CONSTRUCTION_CLERK, 'POST', '/v1/applications', {
      personId: 'person-chenjie',
      applicationYear: 2026,
      titleLevel: 'associate_senior',
    });
    app = await ok(CONSTRUCTION_CLERK, 'POST', `/v1/applications/${app.id}/submit`, { version: app.version });
    app = await ok(CONSTRUCTION_REVIEWER, 'POST', `/v1/applications/${app.id}/review`, {
      version: app.version,
      decision: 'approve',
      reason: R,
    });
    await ok(CONSTRUCTION_PUBLISHER, 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-03-02',
      contact: '人力资源部',
    });
    now = new Date('2026-03-06T16:30:00Z');
    await closeDueNotices(t.deps);
    now = new Date('2026-03-09T02:00:00Z');
    app = (await ok('hr-officer', 'GET', `/v1/applications/${app.id}`)).application;
    app = await ok('hr-officer', 'POST', `/v1/applications/${app.id}/file`, { version: app.version, reason: R });
    const certificate = await ok('hr-officer2', 'POST', `/v1/applications/${app.id}/certificate`, { version: app.version, reason: R });
    issuedNumber = certificate.number;
    expect(issuedNumber).toBe('HN-430100-2026-000001');
  });

  it('is refused for anyone but its holder, however it is written, and with years typed', async () => {
    for (const number of [issuedNumber, ` ${issuedNumber.toLowerCase()} `, 'HN-430100-2026-999999']) {
      const res = await call('clerk-hospital', 'POST', '/v1/people/person-lina/prior-certificates', { number });
      expect(res.status, number).toBe(422);
      expect(res.body.error.code).toBe('certificate_not_matched');
    }
    const typed = await call('clerk-hospital', 'POST', '/v1/people/person-lina/prior-certificates', {
      number: issuedNumber,
      years: fiveYears,
    });
    expect(typed.status).toBe(400);
    expect(await compliantYears('person-lina')).toEqual([]);
  });

  it('counts for its holder with the years and hours read from the issued certificate', async () => {
    const added = await ok(CONSTRUCTION_CLERK, 'POST', '/v1/people/person-chenjie/prior-certificates', {
      number: issuedNumber.toLowerCase(),
    });
    expect(added).toMatchObject({ number: issuedNumber, verification: { status: 'verified', method: 'system' } });
    expect(added.years.map((y: any) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(added.years.find((y: any) => y.year === 2022)).toMatchObject({ publicHours: 0, professionalHours: 100 });
  });

  it('stops counting once the hr office revokes the certificate', async () => {
    const before = (await books('person-chenjie')).find((b) => b.year === 2022);
    expect(before.result.items.map((i: any) => i.rule)).toEqual(['CERT']);
    await ok('hr-officer', 'POST', `/v1/certificates/${issuedNumber}/revoke`, { reason: '核查发现材料不实' });
    const listed = (await ok('auditor', 'GET', '/v1/people/person-chenjie/prior-certificates')).items;
    expect(listed[0]).toMatchObject({ number: issuedNumber, verification: { status: 'revoked' } });
    const after = (await books('person-chenjie')).find((b) => b.year === 2022);
    expect(after.result.items.map((i: any) => i.rule)).toEqual(['C1']);
    expect(after.result.warnings.map((w: any) => w.code)).toContain('prior_certificate_unverified');
  });
});

describe('a paper-era certificate', () => {
  it('is recorded unverified and covers no year: the book, the application and the notice say so', async () => {
    now = new Date('2026-03-09T02:00:00Z');
    const added = await ok('clerk-hospital', 'POST', '/v1/people/person-lina/prior-certificates', { number: PAPER, years: fiveYears });
    expect(added.verification).toMatchObject({ status: 'unverified' });
    expect(await compliantYears('person-lina')).toEqual([]);
    const y2023 = (await books('person-lina')).find((b) => b.year === 2023);
    expect(y2023.result.warnings).toContainEqual(expect.objectContaining({ code: 'prior_certificate_unverified' }));

    let app = await ok('clerk-hospital', 'POST', '/v1/applications', {
      personId: 'person-lina',
      applicationYear: 2026,
      titleLevel: 'associate_senior',
    });
    expect(app.coveredYears).toEqual([]);
    expect(app.years.every((y: any) => !y.compliant && y.unverifiedCertificates?.[0] === PAPER)).toBe(true);
    app = await ok('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version });
    app = await ok('reviewer-hospital', 'POST', `/v1/applications/${app.id}/review`, {
      version: app.version,
      decision: 'approve',
      reason: R,
    });
    const notice = await ok('reviewer2-hospital', 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-03-09',
      contact: '医院人事科',
    });
    const shown = await ok('', 'GET', `/v1/public/notices/${notice.id}`);
    expect(shown.entries[0].years[0]).toMatchObject({ totalHours: 0, unverifiedCertificates: [PAPER] });
  });

  it('is confirmed only by a unit reviewer, against an accepted scan, and never by the account that entered it', async () => {
    const verify = (user: string | ReturnType<typeof staff>) =>
      call(user, 'POST', `/v1/people/person-lina/prior-certificates/${encodeURIComponent(PAPER)}/verify`, {});
    expect((await verify('clerk-hospital')).status).toBe(403);
    const noScan = await verify('reviewer-hospital');
    expect(noScan.status).toBe(422);
    expect(noScan.body.error.code).toBe('scan_required');

    const base = `/v1/people/person-lina/prior-certificates/${encodeURIComponent(PAPER)}/scans`;
    const grant = await ok('clerk-hospital', 'POST', base, { fileName: '认定单.pdf', contentType: 'application/pdf', size: PDF.length });
    const form = new FormData();
    for (const [k, v] of Object.entries(grant.upload.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), '认定单.pdf');
    expect(
      (await fetch(grant.upload.url, { method: 'POST', body: form, headers: { origin: t.deps.config.siteOrigin } })).status,
    ).toBeLessThan(300);
    expect(await ok('clerk-hospital', 'POST', `${base}/${grant.file.id}/confirm`)).toMatchObject({
      status: 'accepted',
      materialType: 'certificate_scan',
    });
    const download = await ok('reviewer-hospital', 'GET', `${base}/${grant.file.id}/download`);
    expect(download.url).toContain(grant.file.id);

    // The account that entered it, even holding a reviewer's role, may not confirm it.
    const self = await verify(staff('clerk-hospital', 'unit_reviewer', 'unit-hospital'));
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('same_account');
    // Another unit's reviewer does not see the person.
    expect((await verify(staff('reviewer-school', 'unit_reviewer', 'unit-school'))).status).toBe(404);
    expect(await compliantYears('person-lina')).toEqual([]);

    const verified = await ok(
      'reviewer-hospital',
      'POST',
      `/v1/people/person-lina/prior-certificates/${encodeURIComponent(PAPER)}/verify`,
      {},
    );
    expect(verified.verification).toMatchObject({ status: 'verified', method: 'scan', by: 'reviewer-hospital' });
    expect(await compliantYears('person-lina')).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect((await verify('reviewer-hospital')).status).toBe(422);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/** Monday 2 March 2026, 10:00 in China. */
const now = new Date('2026-03-02T02:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

const { call } = caller(() => t);

/** The written reason an applicant with no records needs at every step forward (truthful certification). */
const R = '测试：学时不足，按规定继续办理';

/** A hospital applicant approved by the unit, ready to be published. */
async function approvedApplicant(first17: string, name: string) {
  const person = await call('clerk-hospital', 'POST', '/v1/people', {
    idNumber: first17 + residentIdCheckChar(first17),
    name,
    unitId: 'unit-hospital',
  });
  expect(person.status, JSON.stringify(person.body)).toBe(201);
  let app = (
    await call('clerk-hospital', 'POST', '/v1/applications', {
      personId: person.body.id,
      applicationYear: 2026,
      titleLevel: 'associate_senior',
    })
  ).body;
  app = (await call('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version })).body;
  app = (
    await call('reviewer-hospital', 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve', reason: R })
  ).body;
  expect(app.state).toBe('unit_approved');
  return app;
}

describe('notices numbered per unit and year (issue 14: 第N批)', () => {
  let apps: any[];
  let before: any[];

  beforeAll(async () => {
    apps = [
      await approvedApplicant('43010219880101101', '甲一'),
      await approvedApplicant('43010219880101102', '乙二'),
      await approvedApplicant('43010219880101103', '丙三'),
    ];
    before = (await call('reviewer2-hospital', 'GET', '/v1/notices?unitId=unit-hospital')).body.items;
  });

  it('gives two notices published at once the next two numbers, never the same one twice', async () => {
    const next = before.filter((n) => n.startDate.startsWith('2026')).length + 1;
    const published = await Promise.all(
      apps.slice(0, 2).map((a) =>
        call('reviewer2-hospital', 'POST', '/v1/notices', {
          applicationIds: [a.id],
          startDate: '2026-03-02',
          contact: '医院人事科 0731-8000 0002',
          reasons: { [a.id]: R },
        }),
      ),
    );
    expect(published.map((p) => p.status)).toEqual([201, 201]);
    expect(published.map((p) => p.body.batchNo).sort()).toEqual([next, next + 1]);

    // The same numbers on the unit's list, the public list (with the head count) and the public notice.
    const listed = (await call('reviewer2-hospital', 'GET', '/v1/notices?unitId=unit-hospital')).body.items;
    for (const p of published) expect(listed.find((n: any) => n.id === p.body.id).batchNo).toBe(p.body.batchNo);
    // Gapless from 1 within the year.
    const numbers = listed
      .filter((n: any) => n.startDate.startsWith('2026'))
      .map((n: any) => n.batchNo)
      .sort((x: number, y: number) => x - y);
    expect(numbers).toEqual(numbers.map((_: number, i: number) => i + 1));
    const open = (await call(null, 'GET', '/v1/public/notices')).body.items;
    for (const p of published)
      expect(open.find((n: any) => n.id === p.body.id)).toMatchObject({ batchNo: p.body.batchNo, people: 1, unitName: '长沙市中心医院' });
    const one = await call(null, 'GET', `/v1/public/notices/${published[0]!.body.id}`);
    expect(one.body).toMatchObject({
      batchNo: published[0]!.body.batchNo,
      entries: [expect.objectContaining({ name: expect.any(String) })],
    });
  });

  it('starts again at 第1批 in a new year', async () => {
    const res = await call('reviewer2-hospital', 'POST', '/v1/notices', {
      applicationIds: [apps[2].id],
      startDate: '2027-01-04',
      contact: '医院人事科 0731-8000 0002',
      reasons: { [apps[2].id]: R },
    });
    expect(res.status).toBe(201);
    expect(res.body.batchNo).toBe(1);
  });
});

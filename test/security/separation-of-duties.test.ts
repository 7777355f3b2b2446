import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/services.js';

/**
 * Issue 12's attack, scripted: a unit reviewer gives themselves a clerk account and carries one
 * application through every unit step alone. SPEC §6 (December 2026): no account acts twice on one
 * application, and a unit's accounts that can act on its applications are created by the level above.
 */
let now = new Date('2026-03-02T02:00:00Z'); // Monday
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

async function call(user: string, method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: { authorization: `Bearer ${await t.tokenFor(user, new Date())}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('a unit reviewer acting alone', () => {
  it('cannot create a clerk (or a second reviewer) account for their own unit', async () => {
    for (const role of ['unit_clerk', 'unit_reviewer']) {
      const res = await call('reviewer-hospital', 'POST', '/v1/accounts', { role, orgId: 'unit-hospital', name: '吴刚', id: `wugang-${role}`, email: 'wugang@hospital.example.cn' });
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('not_your_level');
    }
    // Only person accounts, which act on no application.
    const person = await call('reviewer-hospital', 'POST', '/v1/accounts', { role: 'person', orgId: 'unit-hospital', name: '李娜', personId: 'person-lina' });
    expect(person.status).toBe(201);
  });

  it('cannot carry one application through the unit steps: approve and publish need two accounts', async () => {
    let app = (await call('clerk-hospital', 'POST', '/v1/applications', { personId: 'person-lina', applicationYear: 2026, titleLevel: 'associate_senior' })).body;
    app = (await call('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version })).body;
    const approved = await call('reviewer-hospital', 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.actors).toEqual({ submit: 'clerk-hospital', unit_review: 'reviewer-hospital' });

    const alone = await call('reviewer-hospital', 'POST', '/v1/notices', { applicationIds: [app.id], startDate: '2026-03-02', contact: '医院人事科' });
    expect(alone.status).toBe(403);
    expect(alone.body.error.code).toBe('separation_of_duties');
    const still = (await call('auditor', 'GET', `/v1/applications/${app.id}`)).body;
    expect(still.application.state).toBe('unit_approved');
    expect(still.history.map((e: any) => e.action)).not.toContain('publish');

    const other = await call('reviewer2-hospital', 'POST', '/v1/notices', { applicationIds: [app.id], startDate: '2026-03-02', contact: '医院人事科' });
    expect(other.status).toBe(201);
  });

  it('keeps the duties apart after a return: the reviewer who returned and approved it may not publish it', async () => {
    let app = (await call('clerk-hospital', 'POST', '/v1/applications', { personId: 'person-zhangwei', applicationYear: 2026, titleLevel: 'associate_senior' })).body;
    app = (await call('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version })).body;
    // reviewer2 returns it (their duty: unit review); the clerk resubmits (same duty again: fine).
    app = (await call('reviewer2-hospital', 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'return', reason: '材料不全' })).body;
    app = (await call('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version })).body;
    expect(app.state).toBe('submitted');
    app = (await call('reviewer2-hospital', 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve' })).body;
    expect(app.state).toBe('unit_approved');
    const refused = await call('reviewer2-hospital', 'POST', '/v1/notices', { applicationIds: [app.id], startDate: '2026-03-03', contact: '医院人事科' });
    expect(refused.body.error.code).toBe('separation_of_duties');
    expect((await call('reviewer-hospital', 'POST', '/v1/notices', { applicationIds: [app.id], startDate: '2026-03-03', contact: '医院人事科' })).status).toBe(201);
  });
});

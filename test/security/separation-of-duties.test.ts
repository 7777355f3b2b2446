import { beforeAll, describe, expect, it } from 'vitest';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/** Demo people have no evidence files: each step forward needs a written reason (issue 14). */
const R = '测试：佐证材料纸质件已核对';
const reasonsFor = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, R]));

/**
 * Issue 12's attack, scripted: a unit reviewer gives themselves a clerk account and carries one
 * application through every unit step alone. rules §6 (December 2026): no account acts twice on one
 * application, and a unit's accounts that can act on its applications are created by the level above.
 */
let now = new Date('2026-03-02T02:00:00Z'); // Monday
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

const { call } = caller<string>(() => t, { token: (user) => t.tokenFor(user, new Date()) });
describe('a unit reviewer acting alone', () => {
  it('cannot create a clerk (or a second reviewer) account for their own unit', async () => {
    for (const role of ['unit_clerk', 'unit_reviewer']) {
      const res = await call('reviewer-hospital', 'POST', '/v1/accounts', {
        role,
        orgId: 'unit-hospital',
        name: '吴刚',
        id: `wugang-${role}`,
        email: 'wugang@hospital.example.cn',
      });
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('not_your_level');
    }
    // Only person accounts, which act on no application.
    const person = await call('reviewer-hospital', 'POST', '/v1/accounts', {
      role: 'person',
      orgId: 'unit-hospital',
      name: '李娜',
      personId: 'person-lina',
    });
    expect(person.status).toBe(201);
  });

  it('cannot carry one application through the unit steps: approve and publish need two accounts', async () => {
    let app = (
      await call('clerk-hospital', 'POST', '/v1/applications', {
        personId: 'person-lina',
        applicationYear: 2026,
        titleLevel: 'associate_senior',
      })
    ).body;
    app = (await call('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version })).body;
    const approved = await call('reviewer-hospital', 'POST', `/v1/applications/${app.id}/review`, {
      version: app.version,
      decision: 'approve',
      reason: R,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.actors).toEqual({ submit: 'clerk-hospital', unit_review: 'reviewer-hospital' });

    const alone = await call('reviewer-hospital', 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-03-02',
      contact: '医院人事科',
    });
    expect(alone.status).toBe(403);
    expect(alone.body.error.code).toBe('separation_of_duties');
    const still = (await call('auditor', 'GET', `/v1/applications/${app.id}`)).body;
    expect(still.application.state).toBe('unit_approved');
    expect(still.history.map((e: any) => e.action)).not.toContain('publish');

    const other = await call('reviewer2-hospital', 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-03-02',
      contact: '医院人事科',
    });
    expect(other.status).toBe(201);
  });

  it('keeps the duties apart after a return: the reviewer who returned and approved it may not publish it', async () => {
    let app = (
      await call('clerk-hospital', 'POST', '/v1/applications', {
        personId: 'person-zhangwei',
        applicationYear: 2026,
        titleLevel: 'associate_senior',
      })
    ).body;
    app = (await call('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version })).body;
    // reviewer2 returns it (their duty: unit review); the clerk resubmits (same duty again: fine).
    app = (
      await call('reviewer2-hospital', 'POST', `/v1/applications/${app.id}/review`, {
        version: app.version,
        decision: 'return',
        reason: '材料不全',
      })
    ).body;
    app = (await call('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version })).body;
    expect(app.state).toBe('submitted');
    app = (
      await call('reviewer2-hospital', 'POST', `/v1/applications/${app.id}/review`, {
        version: app.version,
        decision: 'approve',
        reason: R,
      })
    ).body;
    expect(app.state).toBe('unit_approved');
    const refused = await call('reviewer2-hospital', 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-03-03',
      contact: '医院人事科',
    });
    expect(refused.body.error.code).toBe('separation_of_duties');
    expect(
      (
        await call('reviewer-hospital', 'POST', '/v1/notices', {
          applicationIds: [app.id],
          reasons: reasonsFor([app.id]),
          startDate: '2026-03-03',
          contact: '医院人事科',
        })
      ).status,
    ).toBe(201);
  });
});

/**
 * Issue 13 item 5: one identity, one account — creating (binding) an account for an identity that
 * already has one is refused — and names in audit trails and sign-offs come from the directory.
 */
describe('one identity, one account', () => {
  async function invite(id: string, role = 'unit_clerk', orgId = 'unit-hospital') {
    const res = await call('hr-officer', 'POST', '/v1/accounts', { role, orgId, name: `账号${id}`, id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.invitation.code as string;
  }
  async function accept(sub: string, code: string) {
    const res = await t.app.request('/v1/invitations/accept', {
      method: 'POST',
      headers: { authorization: `Bearer ${await t.issuer.issue({ id: sub, name: '某人' })}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('refuses to bind a second account to an identity that already has one (a reviewer taking a clerk account too)', async () => {
    // reviewer-hospital's identity is bound to the reviewer account; an invitation for a clerk of the
    // same unit, handed to that same person, must not give them both duties.
    const code = await invite('sod-clerk');
    const res = await accept('reviewer-hospital', code);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('identity_has_account');
    // The invitation still waits for its rightful holder.
    expect((await accept('idp|sod-clerk-holder', code)).status).toBe(200);
  });

  it('refuses the same for a freshly bound identity, and for an account id or e-mail already in the directory', async () => {
    const first = await invite('sod-a');
    const second = await invite('sod-b');
    expect((await accept('idp|sod-one', first)).status).toBe(200);
    expect((await accept('idp|sod-one', second)).body.error.code).toBe('identity_has_account');
    expect(
      (await call('hr-officer', 'POST', '/v1/accounts', { role: 'unit_clerk', orgId: 'unit-hospital', name: '重复', id: 'sod-a' })).body
        .error.code,
    ).toBe('account_exists');
  });

  it('keeps a unit’s reviewer accounts to the level above: the unit cannot even re-issue their invitations', async () => {
    await invite('sod-reviewer', 'unit_reviewer');
    const res = await call('reviewer-hospital', 'POST', '/v1/accounts/sod-reviewer/invitation');
    expect(res.status).toBe(403);
  });

  it('names the actor in the audit trail by the directory, not by the token’s editable name', async () => {
    const code = await invite('sod-named');
    expect((await accept('idp|sod-named', code)).status).toBe(200);
    // The provider says "院长" (a name the user may edit there); the directory says 账号sod-named.
    const token = await t.issuer.issue({ id: 'idp|sod-named', name: '院长' });
    const me = await t.app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as any).name).toBe('账号sod-named');
    const created = await t.app.request('/v1/applications', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ personId: 'person-lina', applicationYear: 2027, titleLevel: 'associate_senior' }),
    });
    expect(created.status).toBe(201);
    const app = (await created.json()) as any;
    const view = (await call('auditor', 'GET', `/v1/applications/${app.id}`)).body;
    const names = JSON.stringify(view.history);
    expect(names).toContain('账号sod-named');
    expect(names).not.toContain('院长');
  });
});

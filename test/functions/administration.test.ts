import { beforeAll, describe, expect, it } from 'vitest';
import { mayCreateAccount } from '../../shared/accounts.js';
import { DEMO_ORGANISATIONS } from '../../functions/local/demo-data.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const { call } = caller(() => t);
const org = (id: string) => DEMO_ORGANISATIONS.find((o) => o.id === id)!;

describe('account administration down the tree', () => {
  it.each([
    ['hr_officer', 'hr-430100', 'dept_reviewer', 'dept-health', true],
    ['hr_officer', 'hr-430100', 'unit_reviewer', 'unit-hospital', true],
    ['hr_officer', 'hr-430100', 'unit_clerk', 'unit-hospital', true],
    ['hr_officer', 'hr-430100', 'person', 'unit-hospital', false],
    ['dept_reviewer', 'dept-health', 'unit_reviewer', 'unit-hospital', true],
    ['dept_reviewer', 'dept-health', 'unit_reviewer', 'unit-school', false],
    ['dept_reviewer', 'dept-health', 'unit_clerk', 'unit-hospital', true],
    ['dept_reviewer', 'dept-health', 'dept_reviewer', 'dept-health', false],
    // Separation of duties (rules §6): a unit creates no account that could act on its applications.
    ['unit_reviewer', 'unit-hospital', 'unit_clerk', 'unit-hospital', false],
    ['unit_reviewer', 'unit-hospital', 'unit_reviewer', 'unit-hospital', false],
    ['unit_reviewer', 'unit-hospital', 'person', 'unit-hospital', true],
    ['unit_reviewer', 'unit-hospital', 'unit_clerk', 'unit-school', false],
    ['unit_clerk', 'unit-hospital', 'person', 'unit-hospital', false],
    ['hr_officer', 'hr-430100', 'person', 'dept-health', false],
  ] as const)('%s at %s creating %s at %s → %s', (role, at, targetRole, targetOrg, ok) => {
    expect(mayCreateAccount({ role, org: org(at) }, { role: targetRole, org: org(targetOrg) }).ok).toBe(ok);
  });

  it('lets the department create a unit’s clerk, who waits for its first sign-in with the invitation', async () => {
    const created = await call('reviewer-health', 'POST', '/v1/accounts', {
      role: 'unit_clerk',
      orgId: 'unit-hospital',
      name: '新经办人',
      id: 'clerk-new',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'clerk-new', status: 'invited', role: 'unit_clerk' });
    expect(created.body.invitation.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const again = await call('reviewer-health', 'POST', '/v1/accounts', {
      role: 'unit_clerk',
      orgId: 'unit-hospital',
      name: '重复',
      id: 'clerk-new',
    });
    expect(again.status).toBe(409);
    const list = await call('reviewer-hospital', 'GET', '/v1/accounts?orgId=unit-hospital');
    expect(list.body.items.map((a: any) => a.id)).toContain('clerk-new');
  });

  it('ties a person account to a registered person of the unit', async () => {
    const bad = await call('reviewer-hospital', 'POST', '/v1/accounts', {
      role: 'person',
      orgId: 'unit-hospital',
      name: 'x',
      personId: 'person-wangfang',
    });
    expect(bad.status).toBe(400);
    const ok = await call('reviewer-hospital', 'POST', '/v1/accounts', {
      role: 'person',
      orgId: 'unit-hospital',
      name: '李娜',
      personId: 'person-lina',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.id).toBe('person-lina');
    expect(ok.body.personId).toBe('person-lina');
  });

  it('refuses to create accounts outside the creator’s level or tree', async () => {
    const res = await call('reviewer-health', 'POST', '/v1/accounts', {
      role: 'unit_reviewer',
      orgId: 'unit-school',
      name: 'x',
      id: 'x-school',
    });
    expect(res.status).toBe(404);
    const clerk = await call('clerk-hospital', 'POST', '/v1/accounts', {
      role: 'person',
      orgId: 'unit-hospital',
      name: 'x',
      personId: 'person-zhangwei',
    });
    expect(clerk.status).toBe(403);
  });
});

describe('the account directory (rules §6)', () => {
  it('refuses an id that exists anywhere in the directory, the demo accounts included', async () => {
    for (const id of ['clerk-hospital', 'reviewer-health', 'hr-officer']) {
      const res = await call('hr-officer', 'POST', '/v1/accounts', { role: 'unit_reviewer', orgId: 'unit-school', name: '某某', id });
      expect(res.status, id).toBe(409);
      expect(res.body.error.code).toBe('account_exists');
    }
    // The demo account is untouched: still the hospital's clerk.
    const list = await call('hr-officer', 'GET', '/v1/accounts?orgId=unit-school');
    expect(list.body.items.map((a: any) => a.id)).not.toContain('clerk-hospital');
  });

  it('refuses a sign-in identity (e-mail) that another account holds, whatever its case', async () => {
    const first = await call('hr-officer', 'POST', '/v1/accounts', {
      role: 'unit_reviewer',
      orgId: 'unit-school',
      name: '钱审核',
      id: 'reviewer-school',
      email: 'qian@school.example.cn',
    });
    expect(first.status).toBe(201);
    const second = await call('reviewer-health', 'POST', '/v1/accounts', {
      role: 'unit_clerk',
      orgId: 'unit-hospital',
      name: '钱审核',
      id: 'qian-clerk',
      email: 'Qian@School.example.cn',
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('sign_in_identity_exists');
    // Nothing was claimed by the refused request: the id is still free.
    const retry = await call('reviewer-health', 'POST', '/v1/accounts', {
      role: 'unit_clerk',
      orgId: 'unit-hospital',
      name: '钱经办',
      id: 'qian-clerk',
      email: 'qian.clerk@hospital.example.cn',
    });
    expect(retry.status).toBe(201);
  });
});

describe('organisation tree', () => {
  it('lets the hr office add a unit under a department, and nobody else', async () => {
    const created = await call('hr-officer', 'POST', '/v1/organisations', {
      kind: 'unit',
      name: '长沙市第二医院',
      parentId: 'dept-health',
      unitType: 'public_institution',
    });
    expect(created.status).toBe(201);
    expect(created.body.path).toEqual(['hr-430100', 'dept-health', created.body.id]);
    const seen = await call('reviewer-health', 'GET', '/v1/organisations');
    expect(seen.body.items.map((o: any) => o.id)).toContain(created.body.id);
    expect(
      (
        await call('reviewer-health', 'POST', '/v1/organisations', {
          kind: 'unit',
          name: '某单位',
          parentId: 'dept-health',
          unitType: 'enterprise',
        })
      ).status,
    ).toBe(403);
    const underUnit = await call('hr-officer', 'POST', '/v1/organisations', {
      kind: 'unit',
      name: '某单位',
      parentId: 'unit-hospital',
      unitType: 'enterprise',
    });
    expect(underUnit.status).toBe(422);
  });
});

/**
 * Issue 13 item 3: the account directory. The provider proves an identity; the directory says what it
 * may do. A new account is bound to its first sign-in by a one-time invitation (shown once, stored
 * hashed, expiring, revocable, re-issuable); a disabled account is refused at once.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.js';
import { hashInvitationCode } from '../../functions/use-cases/invitations.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let now = new Date('2026-05-11T02:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

/** A demo account by id, or an identity with no account yet (`{ sub }`). */
const { call } = caller<string | { sub: string; name?: string }>(() => t, {
  token: (who) => (typeof who === 'string' ? t.tokenFor(who) : t.issuer.issue({ id: who.sub, name: who.name ?? '新人' })),
});
const newClerk = async (id: string) => {
  const res = await call('reviewer-health', 'POST', '/v1/accounts', {
    role: 'unit_clerk',
    orgId: 'unit-hospital',
    name: `经办人${id}`,
    id,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; invitation: { code: string; expiresAt: string } };
};

describe('first sign-in with an invitation', () => {
  it('binds the identity to the account once; the account then acts with the directory’s role and name', async () => {
    const { invitation } = await newClerk('clerk-inv1');
    const stranger = { sub: 'idp|4f1c', name: '提供方里的名字' };
    const before = await call(stranger, 'GET', '/v1/me');
    expect(before.status).toBe(403);
    expect(before.body.error.code).toBe('account_not_bound');

    const bound = await call(stranger, 'POST', '/v1/invitations/accept', { code: invitation.code.toLowerCase() });
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    expect(bound.body).toMatchObject({ userId: 'clerk-inv1', role: 'unit_clerk', orgId: 'unit-hospital', name: '经办人clerk-inv1' });
    const me = await call(stranger, 'GET', '/v1/me');
    expect(me.body).toMatchObject({ userId: 'clerk-inv1', name: '经办人clerk-inv1' });

    // Used once: nobody else can take the account with the same code.
    const again = await call({ sub: 'idp|other' }, 'POST', '/v1/invitations/accept', { code: invitation.code });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('invitation_invalid');
  });

  it('stores only the code’s hash, and the list shows when the invitation ends, never the code', async () => {
    const { invitation } = await newClerk('clerk-inv2');
    const item = await t.db.send(new GetCommand({ TableName: t.tableName, Key: keys.invitation(hashInvitationCode(invitation.code)) }));
    expect(item.Item?.accountId).toBe('clerk-inv2');
    const everything = await t.db.send(
      new QueryCommand({
        TableName: t.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'ACCOUNT#clerk-inv2' },
      }),
    );
    expect(JSON.stringify(everything.Items)).not.toContain(invitation.code);
    const list = await call('reviewer-health', 'GET', '/v1/accounts?orgId=unit-hospital');
    const listed = list.body.items.find((a: any) => a.id === 'clerk-inv2');
    expect(listed).toMatchObject({ status: 'invited', invitationExpiresAt: invitation.expiresAt });
    expect(JSON.stringify(list.body)).not.toContain(invitation.code);
  });

  it('re-issues (the old code stops working) and revokes', async () => {
    const { invitation: first } = await newClerk('clerk-inv3');
    const second = await call('reviewer-health', 'POST', '/v1/accounts/clerk-inv3/invitation');
    expect(second.status).toBe(201);
    expect(second.body.code).not.toBe(first.code);
    expect((await call({ sub: 'idp|inv3' }, 'POST', '/v1/invitations/accept', { code: first.code })).body.error.code).toBe(
      'invitation_invalid',
    );

    expect((await call('reviewer-health', 'DELETE', '/v1/accounts/clerk-inv3/invitation')).status).toBe(204);
    expect((await call({ sub: 'idp|inv3' }, 'POST', '/v1/invitations/accept', { code: second.body.code })).body.error.code).toBe(
      'invitation_invalid',
    );
    // Issued again after the revocation: good.
    const third = await call('reviewer-health', 'POST', '/v1/accounts/clerk-inv3/invitation');
    expect((await call({ sub: 'idp|inv3' }, 'POST', '/v1/invitations/accept', { code: third.body.code })).status).toBe(200);
    // Bound accounts take no invitation.
    expect((await call('reviewer-health', 'POST', '/v1/accounts/clerk-inv3/invitation')).status).toBe(409);
  });

  it('refuses an expired invitation', async () => {
    const { invitation } = await newClerk('clerk-inv4');
    now = new Date(now.getTime() + 8 * 86_400_000);
    try {
      const late = await call({ sub: 'idp|inv4' }, 'POST', '/v1/invitations/accept', { code: invitation.code });
      expect(late.status).toBe(422);
      expect(late.body.error.message).toContain('已过期');
    } finally {
      now = new Date(now.getTime() - 8 * 86_400_000);
    }
  });

  it('lets only the administrators of the account’s level re-issue, revoke or disable it', async () => {
    await newClerk('clerk-inv5');
    // The unit's own reviewer did not create its clerk and may not administer it (rules §6).
    expect((await call('reviewer-hospital', 'POST', '/v1/accounts/clerk-inv5/invitation')).status).toBe(403);
    expect((await call('reviewer-hospital', 'POST', '/v1/accounts/clerk-inv5/disable')).status).toBe(403);
    // Out of the tree: the answer is the same as for an account that does not exist.
    expect((await call('clerk-school', 'POST', '/v1/accounts/clerk-inv5/disable')).status).toBe(403);
    expect((await call('reviewer-health', 'POST', '/v1/accounts/nobody/disable')).status).toBe(404);
  });
});

describe('a disabled account', () => {
  it('is refused at its next request, whatever its token says, and can be enabled again', async () => {
    const { invitation } = await newClerk('clerk-dis');
    const holder = { sub: 'idp|dis' };
    expect((await call(holder, 'POST', '/v1/invitations/accept', { code: invitation.code })).status).toBe(200);
    expect((await call(holder, 'GET', '/v1/organisations')).status).toBe(200);

    const disabled = await call('reviewer-health', 'POST', '/v1/accounts/clerk-dis/disable');
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('disabled');
    const refused = await call(holder, 'GET', '/v1/organisations');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('account_disabled');
    // It cannot shed the account by accepting another invitation either.
    const { invitation: other } = await newClerk('clerk-dis2');
    expect((await call(holder, 'POST', '/v1/invitations/accept', { code: other.code })).body.error.code).toBe('account_disabled');

    expect((await call('reviewer-health', 'POST', '/v1/accounts/clerk-dis/enable')).status).toBe(200);
    expect((await call(holder, 'GET', '/v1/organisations')).status).toBe(200);
  });

  it('cannot be one’s own doing', async () => {
    expect((await call('hr-officer', 'POST', '/v1/accounts/hr-officer/disable')).body.error.code).toBe('own_account');
  });
});

describe('the second factor of privileged roles (local mode: simulated, the same rule)', () => {
  it('refuses a reviewer whose sign-in carries no second factor, with a zh-CN message', async () => {
    const { createLocalIdentityAdmin } = await import('../../functions/adapters/identity/local-identity.js');
    const admin = createLocalIdentityAdmin();
    const base = { issuer: 'x', subject: 'reviewer-hospital' };
    expect(await admin.secondFactor({ ...base, amr: ['pwd'] })).toMatchObject({ ok: false });
    expect(await admin.secondFactor({ ...base, amr: ['pwd', 'otp'] })).toEqual({ ok: true });
  });

  it('checks an external provider’s acr or amr as the stack names them', async () => {
    const { createExternalIdentityAdmin } = await import('../../functions/adapters/identity/cognito-identity.js');
    const admin = createExternalIdentityAdmin({ acr: ['urn:gov:loa:3'], amr: ['hwk'] });
    const base = { issuer: 'x', subject: 's' };
    expect(await admin.secondFactor({ ...base, amr: ['pwd'], acr: 'urn:gov:loa:1' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('多因素'),
    });
    expect(await admin.secondFactor({ ...base, amr: ['pwd'], acr: 'urn:gov:loa:3' })).toEqual({ ok: true });
    expect(await admin.secondFactor({ ...base, amr: ['pwd', 'hwk'] })).toEqual({ ok: true });
    expect(await createExternalIdentityAdmin({ acr: [], amr: [] }).secondFactor({ ...base, amr: [] })).toEqual({ ok: true });
  });
});

/**
 * Issue 12 item 7: a department's submitted batch must never lock its applications for good. The
 * attack, scripted: a clerk withdraws one application of a submitted batch; the hr office could then
 * accept nothing, and the batch's other applications could join no new batch. Now the withdrawal
 * leaves the batch cleanly, and the department may cancel a batch the hr office has not accepted.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDueNotices } from '../../functions/use-cases/certification/notices.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/** Demo people have no evidence files: each step forward needs a written reason (issue 14). */
const R = '测试：佐证材料纸质件已核对';
const reasonsFor = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, R]));

let now = new Date('2026-03-02T02:00:00Z'); // Monday 2 March 2026
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

const { call } = caller(() => t);

async function ok(user: string, method: string, path: string, body?: unknown) {
  const res = await call(user, method, path, body);
  expect(res.status, `${user} ${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/** The batch's audit trail, read from the table (no route edits or lists it). */
const batchAudit = async (id: string) =>
  (
    await t.db.send(
      new QueryCommand({
        TableName: t.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#batch#${id}` },
      }),
    )
  ).Items ?? [];

const get = async (id: string) => (await ok('auditor', 'GET', `/v1/applications/${id}`)).application;

/** Applications of the hospital (under the health department), re-reviewed and ready for a batch. */
async function deptApproved(applicationYears: number[]): Promise<any[]> {
  now = new Date('2026-03-02T02:00:00Z');
  const ids: string[] = [];
  for (const [personId, year] of applicationYears.map((y, i) => [i % 2 ? 'person-zhangwei' : 'person-lina', y] as const)) {
    let app = await ok('clerk-hospital', 'POST', '/v1/applications', { personId, applicationYear: year, titleLevel: 'associate_senior' });
    app = await ok('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version });
    await ok('reviewer-hospital', 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve', reason: R });
    ids.push(app.id);
  }
  await ok('reviewer2-hospital', 'POST', '/v1/notices', {
    applicationIds: ids,
    reasons: reasonsFor(ids),
    startDate: '2026-03-02',
    contact: '医院人事科',
  });
  now = new Date('2026-03-06T16:30:00Z');
  await closeDueNotices(t.deps);
  now = new Date('2026-03-09T02:00:00Z');
  const apps = [];
  for (const id of ids) {
    const app = await get(id);
    apps.push(
      await ok('reviewer-health', 'POST', `/v1/applications/${id}/review`, { version: app.version, decision: 'approve', reason: R }),
    );
  }
  return apps;
}

describe('a withdrawal leaves its batch cleanly', () => {
  it('clerk withdraws one application of a submitted batch: the batch goes on without it and the hr office accepts the rest', async () => {
    const [lina, zhangwei] = await deptApproved([2026, 2026]);
    const batch = await ok('reviewer-health', 'POST', '/v1/batches', { applicationIds: [lina.id, zhangwei.id], sealReference: 'WJW-0001' });

    const withdrawn = await ok('clerk-hospital', 'POST', `/v1/applications/${lina.id}/withdraw`, {
      version: lina.version,
      reason: '本人放弃申报',
    });
    expect(withdrawn.state).toBe('withdrawn');

    const after = (await ok('hr-officer', 'GET', `/v1/batches/${batch.id}/summary`)).batch;
    expect(after).toMatchObject({ status: 'submitted', applicationIds: [zhangwei.id] });
    expect(after.removed).toEqual([expect.objectContaining({ applicationId: lina.id, reason: '本人放弃申报', by: 'clerk-hospital' })]);
    expect(await batchAudit(batch.id)).toContainEqual(
      expect.objectContaining({
        action: 'application_withdrawn',
        actor: 'clerk-hospital',
        reason: '本人放弃申报',
        after: { applicationIds: [zhangwei.id] },
      }),
    );
    const accepted = await ok('hr-officer', 'POST', `/v1/batches/${batch.id}/accept`, { reasons: reasonsFor(batch.applicationIds) });
    expect(accepted.status).toBe('accepted');
    expect((await get(zhangwei.id)).state).toBe('filed');
  });

  it('withdrawing the last application of a batch cancels it', async () => {
    const [lina] = await deptApproved([2027]);
    const batch = await ok('reviewer-health', 'POST', '/v1/batches', { applicationIds: [lina.id], sealReference: 'WJW-0002' });
    await ok('clerk-hospital', 'POST', `/v1/applications/${lina.id}/withdraw`, { version: lina.version, reason: '本人放弃申报' });
    const after = (await ok('hr-officer', 'GET', `/v1/batches/${batch.id}/summary`)).batch;
    expect(after).toMatchObject({ status: 'cancelled', applicationIds: [] });
    expect((await call('hr-officer', 'POST', `/v1/batches/${batch.id}/accept`, { reasons: reasonsFor(batch.applicationIds) })).status).toBe(
      422,
    );
    const inbox = (await ok('hr-officer', 'GET', '/v1/batches?status=submitted')).items.map((b: any) => b.id);
    expect(inbox).not.toContain(batch.id);
  });
});

describe('a department cancels a batch the hr office has not accepted', () => {
  it('with a reason, audited; its applications then join a new batch', async () => {
    const [lina, zhangwei] = await deptApproved([2028, 2028]);
    const batch = await ok('reviewer-health', 'POST', '/v1/batches', { applicationIds: [lina.id, zhangwei.id], sealReference: 'WJW-0003' });

    expect((await call('reviewer-health', 'POST', `/v1/batches/${batch.id}/cancel`, {})).status).toBe(400);
    // Only the department that submitted it: another department's reviewer does not see it.
    const other = {
      id: 'reviewer-education',
      name: '教育局审核人',
      role: 'unit_reviewer',
      organisation: 'dept-education',
      tenant: '430100',
    };
    const foreign = await t.app.request(`/v1/batches/${batch.id}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await t.issuer.issue({ ...other, role: 'dept_reviewer' })}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '报送有误' }),
    });
    expect(foreign.status).toBe(404);
    expect((await call('hr-officer', 'POST', `/v1/batches/${batch.id}/cancel`, { reason: '报送有误' })).status).toBe(403);

    const cancelled = await ok('reviewer-health', 'POST', `/v1/batches/${batch.id}/cancel`, { reason: '电子印章编号填写有误' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'reviewer-health', cancelReason: '电子印章编号填写有误' });
    expect(await batchAudit(batch.id)).toContainEqual(
      expect.objectContaining({
        action: 'cancel',
        actor: 'reviewer-health',
        from: 'submitted',
        to: 'cancelled',
        reason: '电子印章编号填写有误',
      }),
    );
    expect((await call('hr-officer', 'POST', `/v1/batches/${batch.id}/accept`, { reasons: reasonsFor(batch.applicationIds) })).status).toBe(
      422,
    );
    expect((await call('reviewer-health', 'POST', `/v1/batches/${batch.id}/cancel`, { reason: '再次撤销' })).status).toBe(422);
    expect((await ok('reviewer-health', 'GET', '/v1/batches?status=cancelled')).items.map((b: any) => b.id)).toContain(batch.id);

    const again = await ok('reviewer-health', 'POST', '/v1/batches', { applicationIds: [lina.id, zhangwei.id], sealReference: 'WJW-0004' });
    await ok('hr-officer', 'POST', `/v1/batches/${again.id}/accept`, { reasons: reasonsFor(again.applicationIds) });
    expect((await get(lina.id)).state).toBe('filed');
    expect((await get(zhangwei.id)).state).toBe('filed');
  });

  it('refuses to cancel a batch the hr office has accepted', async () => {
    const [lina] = await deptApproved([2029]);
    const batch = await ok('reviewer-health', 'POST', '/v1/batches', { applicationIds: [lina.id], sealReference: 'WJW-0005' });
    await ok('hr-officer', 'POST', `/v1/batches/${batch.id}/accept`, { reasons: reasonsFor(batch.applicationIds) });
    const res = await call('reviewer-health', 'POST', `/v1/batches/${batch.id}/cancel`, { reason: '报送有误' });
    expect(res.status).toBe(422);
    expect((await get(lina.id)).state).toBe('filed');
  });
});

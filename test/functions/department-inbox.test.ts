/**
 * Issue 19 item 4 (state indexes): a department's inbox reads the applications it re-reviews from its
 * own partition (GSI3), a page at a time, never the city's applications in that state; applications
 * stored before the index get its keys from the migration.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationItem } from '../../functions/adapters/dynamo/certification.js';
import { keys } from '../../functions/adapters/dynamo/keys.js';
import { reindexApplications } from '../../functions/adapters/dynamo/reindex-applications.js';
import { listApplications } from '../../functions/use-cases/certification/applications.js';
import type { Application } from '../../shared/applications.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
const { call, ok } = caller(() => t);
const queries: { index?: string; pk?: string; itemsRead: number }[] = [];

const HEALTH = 23;
const EDUCATION = 9;

/** A copy of a real application, in another unit, routed through `departmentId`, waiting for it. */
function waiting(template: Application, n: number, unitId: string, departmentId: string): Application {
  return {
    ...template,
    id: `app-inbox-${departmentId}-${String(n).padStart(2, '0')}`,
    unitId,
    route: { ...template.route, department: true, departmentId },
    state: 'notice_passed',
  };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-07-15T02:00:00Z') });
  const created = await ok('clerk-hospital', 'POST', '/v1/applications', {
    personId: 'person-zhangwei',
    applicationYear: 2026,
    titleLevel: 'associate_senior',
  });
  const template = (await t.deps.certification.getApplication(created.id))!;
  const apps = [
    ...Array.from({ length: HEALTH }, (_, n) => waiting(template, n, 'unit-hospital', 'dept-health')),
    ...Array.from({ length: EDUCATION }, (_, n) => waiting(template, n, 'unit-school', 'dept-education')),
  ];
  for (const app of apps) await t.db.send(new PutCommand({ TableName: t.tableName, Item: applicationItem(app) }));
  t.db.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (context.commandName === 'QueryCommand') {
        const input = args.input as { IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> };
        queries.push({
          index: input.IndexName,
          pk: String(input.ExpressionAttributeValues?.[':pk']),
          itemsRead: (out.output as { Items?: unknown[] }).Items?.length ?? 0,
        });
      }
      return out;
    },
    { step: 'initialize', name: 'recordQueries' },
  );
});

describe('a department’s application inbox', () => {
  it('pages through its own applications only, reading nothing of other departments', async () => {
    const seen: Application[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const start = queries.length;
      const page: { items: Application[]; cursor: string | null } = await ok(
        'reviewer-health',
        'GET',
        `/v1/applications?state=notice_passed&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      const appQueries = queries.slice(start).filter((q) => q.pk?.includes('APP'));
      expect(appQueries).toEqual([
        { index: 'GSI3', pk: keys.departmentApplicationsPartition('dept-health', 'notice_passed'), itemsRead: expect.any(Number) },
      ]);
      expect(appQueries[0]!.itemsRead).toBeLessThanOrEqual(10);
      seen.push(...page.items);
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBeGreaterThanOrEqual(3);
    const ours = seen.filter((a) => a.id.startsWith('app-inbox-'));
    expect(ours).toHaveLength(HEALTH);
    expect(seen.every((a) => a.route.departmentId === 'dept-health' && a.unitId === 'unit-hospital')).toBe(true);
    expect(new Set(seen.map((a) => a.id)).size).toBe(seen.length);
  });

  it('another department sees only its own, and the hr office sees both', async () => {
    const education = await listApplications(
      t.deps,
      { userId: 'u-edu', name: '教育局审核人', role: 'dept_reviewer', orgId: 'dept-education', tenant: '430100' },
      { state: 'notice_passed', limit: 50 },
    );
    expect(education.items.map((a) => a.id).sort()).toEqual(
      Array.from({ length: EDUCATION }, (_, n) => `app-inbox-dept-education-${String(n).padStart(2, '0')}`),
    );
    const hr = await ok('hr-officer', 'GET', '/v1/applications?state=notice_passed&limit=200');
    expect(hr.items.filter((a: Application) => a.id.startsWith('app-inbox-'))).toHaveLength(HEALTH + EDUCATION);
  });

  it('refuses another department’s cursor with 400, and a unit reads only its own range', async () => {
    const first = await listApplications(
      t.deps,
      { userId: 'u-edu', name: '教育局审核人', role: 'dept_reviewer', orgId: 'dept-education', tenant: '430100' },
      { state: 'notice_passed', limit: 2 },
    );
    const res = await call('reviewer-health', 'GET', `/v1/applications?state=notice_passed&cursor=${encodeURIComponent(first.cursor!)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_cursor');

    const start = queries.length;
    const unit = await ok('reviewer-hospital', 'GET', '/v1/applications?state=notice_passed&limit=200');
    expect(unit.items.every((a: Application) => a.unitId === 'unit-hospital')).toBe(true);
    expect(unit.items.filter((a: Application) => a.id.startsWith('app-inbox-'))).toHaveLength(HEALTH);
    // The state partition was read within the unit's range: no school application came back from it.
    const read = queries.slice(start).filter((q) => q.pk === keys.applicationStatePartition('notice_passed'));
    expect(read.reduce((n, q) => n + q.itemsRead, 0)).toBe(unit.items.length);
  });

  it('gets its keys onto applications stored before the index by the migration', async () => {
    // As an application written by the previous release: no department-inbox keys.
    const id = 'app-inbox-dept-health-00';
    await t.db.send(new UpdateCommand({ TableName: t.tableName, Key: keys.application(id), UpdateExpression: 'REMOVE GSI3PK, GSI3SK' }));
    const before = await ok('reviewer-health', 'GET', '/v1/applications?state=notice_passed&limit=200');
    expect(before.items.map((a: Application) => a.id)).not.toContain(id);
    expect(await reindexApplications(t.db, t.tableName)).toBe(1);
    const after = await ok('reviewer-health', 'GET', '/v1/applications?state=notice_passed&limit=200');
    expect(after.items.map((a: Application) => a.id)).toContain(id);
    // Run again: nothing left to write.
    expect(await reindexApplications(t.db, t.tableName)).toBe(0);
  });
});

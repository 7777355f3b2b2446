/**
 * Issue 19 item 4 (the OPENNOTICES partition): the closing job reads only the notices whose end date
 * has passed, and the public list reads a page at a time, so neither grows with the notices a city
 * has open in its filing window. Every DynamoDB command is recorded with the items it returned.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.js';
import { closeDueNotices } from '../../functions/use-cases/certification/notices.js';
import { ENDING_SOON_DAYS } from '../../functions/use-cases/workbench.js';
import type { Notice } from '../../shared/applications.js';
import { addDays } from '../../shared/iso-date.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

interface Call {
  command: string;
  input: Record<string, any>;
  itemsRead: number;
}

let t: TestApp;
const calls: Call[] = [];
const { call, ok } = caller(() => t);
// 10:00 on 15 July 2026 in China, in the filing window.
const now = new Date('2026-07-15T02:00:00Z');

const RUNNING = 45;
const DUE = 7;

async function putNotice(id: string, startDate: string, endDate: string) {
  const notice: Notice = {
    id,
    unitId: 'unit-hospital',
    unitName: '测试医院',
    title: `公示${id}`,
    startDate,
    endDate,
    calendarComplete: true,
    contact: '0731-8888888',
    applicationIds: [],
    status: 'open',
    createdAt: '2026-07-01T00:00:00.000Z',
    createdBy: 'u-test',
  };
  await t.db.send(
    new PutCommand({
      TableName: t.tableName,
      Item: { ...keys.notice(id), ...keys.noticeByUnit(notice.unitId, startDate, id), ...keys.openNotice(endDate, id), ...notice },
    }),
  );
}

/** The open-notices queries since `from`, and the items they returned. */
function openNoticeReads(from: number) {
  const queries = calls
    .slice(from)
    .filter((c) => c.command === 'QueryCommand' && c.input.ExpressionAttributeValues?.[':pk'] === keys.openNoticesPartition());
  return {
    queries: queries.length,
    itemsRead: queries.reduce((n, q) => n + q.itemsRead, 0),
    conditions: queries.map((q) => q.input.KeyConditionExpression),
  };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  // Notices that run past today (ending 15 July to 3 August) and notices that ended before it.
  for (let i = 0; i < RUNNING; i++)
    await putNotice(`n-run-${String(i).padStart(2, '0')}`, '2026-07-08', `2026-07-${String(15 + (i % 17)).padStart(2, '0')}`);
  for (let i = 0; i < DUE; i++) await putNotice(`n-due-${i}`, '2026-07-01', `2026-07-${String(7 + i).padStart(2, '0')}`);
  t.db.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const items = (out.output as { Items?: unknown[] }).Items;
      calls.push({ command: String(context.commandName), input: args.input as Record<string, any>, itemsRead: items?.length ?? 0 });
      return out;
    },
    { step: 'initialize', name: 'recordCalls' },
  );
});

describe('the public list of open notices', () => {
  it('pages through the running notices with an opaque cursor, ending soonest first, no repeats', async () => {
    const seen: { id: string; endDate: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const start = calls.length;
      const page: { items: { id: string; endDate: string }[]; cursor: string | null } = await ok(
        '',
        'GET',
        `/v1/public/notices?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(10);
      // One query of at most a page, whatever the number open.
      expect(openNoticeReads(start)).toMatchObject({ queries: 1 });
      expect(openNoticeReads(start).itemsRead).toBeLessThanOrEqual(10);
      seen.push(...page.items);
      cursor = page.cursor;
      if (cursor) expect(cursor).not.toMatch(/n-run|OPENNOTICES|2026/);
      pages++;
    } while (cursor && pages < 20);
    const ours = seen.filter((n) => n.id.startsWith('n-'));
    expect(ours).toHaveLength(RUNNING);
    expect(new Set(seen.map((n) => n.id)).size).toBe(seen.length);
    // Ended before today: not listed even though the closing job has not run yet.
    expect(ours.some((n) => n.id.startsWith('n-due'))).toBe(false);
    expect(seen.map((n) => n.endDate)).toEqual([...seen.map((n) => n.endDate)].sort());
  });

  it('answers a made-up cursor with 400 and the shared error shape', async () => {
    const res = await call('', 'GET', '/v1/public/notices?cursor=c1.bm90LWEtY3Vyc29y');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_cursor');
  });
});

describe('the unit reviewer’s workbench', () => {
  it('counts the unit’s open notices ending soon from the unit’s own notices, not the city’s open ones', async () => {
    const start = calls.length;
    const cards = Object.fromEntries(
      (await ok('reviewer-hospital', 'GET', '/v1/workbench')).cards.map((c: { card: string; count: number }) => [c.card, c.count]),
    );
    const reads = openNoticeReads(start);
    const open = (await t.deps.certification.listOpenNotices()).filter(
      (n) => n.unitId === 'unit-hospital' && n.endDate <= addDays('2026-07-15', ENDING_SOON_DAYS),
    );
    expect(cards.notices_ending).toBe(open.length);
    expect(open.length).toBeGreaterThan(DUE);
    expect(reads.queries).toBe(0);
  });
});

describe('the notice-closing job', () => {
  it('reads only the notices due to close and closes exactly those', async () => {
    const start = calls.length;
    const { closed } = await closeDueNotices(t.deps);
    expect(closed.filter((id) => id.startsWith('n-')).sort()).toEqual(Array.from({ length: DUE }, (_, i) => `n-due-${i}`));
    const reads = openNoticeReads(start);
    expect(reads.conditions.every((c) => c.includes('GSI2SK <'))).toBe(true);
    // The running notices were never read: the items read are the due ones (and any the demo data has due).
    expect(reads.itemsRead).toBe(closed.length);
    expect(reads.itemsRead).toBeLessThan(RUNNING);
  });

  it('finds nothing the second time: closing is idempotent and reads nothing running', async () => {
    const start = calls.length;
    expect((await closeDueNotices(t.deps)).closed).toEqual([]);
    expect(openNoticeReads(start).itemsRead).toBe(0);
    const running = await t.deps.certification.listOpenNotices();
    expect(running.filter((n) => n.id.startsWith('n-'))).toHaveLength(RUNNING);
  });
});

/**
 * Issue 19 item 2: compliance counts maintained with every book and person write, rolled up the tree,
 * equal a recount from the books after a burst of concurrent changes, after replays, and after a
 * transfer between units; the reconciliation job finds and fixes drift.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookStanding, counterShard, ROOT_COUNTER_SHARDS } from '../../shared/aggregates.js';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { keys } from '../../functions/adapters/dynamo/keys.js';
import { recomputeBooks } from '../../functions/use-cases/recompute-books.js';
import { DEMO_ORGANISATIONS } from '../../functions/local/demo-data.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-10-12T02:00:00Z') });
});
const { call, ok } = caller(() => t);

const HR = 'hr-430100';
const units = DEMO_ORGANISATIONS.filter((o) => o.kind === 'unit');

function residentId(serial: number): string {
  const first17 = `430181199201${String(10 + (serial % 18)).padStart(2, '0')}${String(100 + serial).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

type Figures = { people: number; compliant: number; short: number; noRecord: number; withBook: number; pending: number };

/** The truth, counted the slow way: every person of every unit under `orgId`, and their book for `year`. */
async function recount(orgId: string, year: number): Promise<Figures> {
  const out: Figures = { people: 0, compliant: 0, short: 0, noRecord: 0, withBook: 0, pending: 0 };
  for (const unit of units.filter((u) => u.path.includes(orgId))) {
    const people = await t.deps.people.listByUnit(unit.id, { limit: 1000 });
    for (const p of people.items) {
      out.people++;
      const book = await t.deps.books.get(p.id, year);
      if (book) out.withBook++;
      if (book && book.pendingCount > 0) out.pending++;
      const standing = book ? bookStanding(book.result) : 'empty';
      if (standing === 'compliant') out.compliant++;
      else if (standing === 'short') out.short++;
      else out.noRecord++;
    }
  }
  return out;
}

/** What the API reports for `orgId` (as the hr office), from the maintained counts alone. */
async function reported(orgId: string, year: number): Promise<Figures> {
  const body = await ok('hr-officer', 'GET', `/v1/statistics/compliance?org=${orgId}`);
  const y = body.organisation.years.find((x: { year: number }) => x.year === year);
  const people = y?.people ?? (await t.deps.aggregates.forOrganisation(DEMO_ORGANISATIONS.find((o) => o.id === orgId)!)).people;
  return y
    ? { people: y.people, compliant: y.compliant, short: y.short, noRecord: y.noRecord, withBook: y.withBook, pending: y.pending }
    : { people, compliant: 0, short: 0, noRecord: people, withBook: 0, pending: 0 };
}

async function expectNoDrift(years: number[]) {
  for (const org of DEMO_ORGANISATIONS) {
    for (const year of years) expect(await reported(org.id, year), `${org.id} ${year}`).toEqual(await recount(org.id, year));
  }
}

const training = (year: number, days: number) => ({
  activity: { kind: 'training', date: `${year}-05-10`, category: 'professional', days, title: `培训${days}天` },
});

describe('maintained compliance counts', () => {
  const added: string[] = [];

  it('equal a recount after a burst of concurrent registrations and changes to books', async () => {
    // Ten newcomers registered at once in two units of one department and a unit under the hr office.
    const registrations = Array.from({ length: 10 }, (_, i) => ({
      user: i % 2 ? 'clerk-hospital' : 'clerk-school',
      unitId: i % 2 ? 'unit-hospital' : 'unit-school',
      i,
    }));
    const created = await Promise.all(
      registrations.map(({ user, unitId, i }) => ok(user, 'POST', '/v1/people', { idNumber: residentId(i), name: `并发${i}`, unitId })),
    );
    added.push(...created.map((p) => p.id));

    // Then a burst: activities for everyone at once, several on the same person and year concurrently.
    const clerkOf = (personId: string) =>
      created.find((p) => p.id === personId)?.unitId === 'unit-school' ? 'clerk-school' : 'clerk-hospital';
    const writes = created.flatMap((p, i) => [
      ok(clerkOf(p.id), 'POST', `/v1/people/${p.id}/activities`, training(2024, i % 3 === 0 ? 9 : 2)),
      ok(clerkOf(p.id), 'POST', `/v1/people/${p.id}/activities`, training(2024, 4)),
      ...(i % 2 ? [ok(clerkOf(p.id), 'POST', `/v1/people/${p.id}/activities`, training(2023, 10))] : []),
    ]);
    await Promise.all(writes);

    const hospital = await recount('unit-hospital', 2024);
    expect(hospital.compliant + hospital.short).toBeGreaterThan(0);
    await expectNoDrift([2023, 2024]);
    // The three parts add up to everyone, at every level.
    const hr = await reported(HR, 2024);
    expect(hr.compliant + hr.short + hr.noRecord).toBe(hr.people);
  }, 120_000);

  it('spread the hr office’s counts over shards by unit, each shard exactly its units’ share', async () => {
    const shardItems = async (shard?: number) =>
      (
        await t.db.send(
          new QueryCommand({
            TableName: t.tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.aggregatePartition(HR, shard) },
          }),
        )
      ).Items ?? [];
    // Every write to the hr office went to a shard: its own partition holds no counts.
    expect(await shardItems()).toEqual([]);
    const used = new Set<number>();
    for (let n = 0; n < ROOT_COUNTER_SHARDS; n++) {
      const items = await shardItems(n);
      const mine = units.filter((u) => u.path.length > 1 && counterShard(u.id) === n);
      if (items.length) used.add(n);
      const expected = { people: 0, compliant: 0, short: 0 };
      for (const u of mine) {
        const r = await recount(u.id, 2024);
        expected.people += r.people;
        expected.compliant += r.compliant;
        expected.short += r.short;
      }
      const people = Number(items.find((i) => i.SK === 'PEOPLE')?.people ?? 0);
      const y2024 = items.find((i) => i.SK === 'YEAR#2024');
      expect({ people, compliant: Number(y2024?.compliant ?? 0), short: Number(y2024?.short ?? 0) }, `shard ${n}`).toEqual(expected);
    }
    // The burst's two units hash to different shards, so their writers never raced for one item.
    expect(counterShard('unit-hospital')).not.toBe(counterShard('unit-school'));
    expect(used.size).toBeGreaterThanOrEqual(3);
  });

  it('stay right when recomputes are replayed, run concurrently, or arrive stale', async () => {
    const before = await reported(HR, 2024);
    const personId = added[0]!;
    // The same recompute many times at once (a retried request, a redelivered job): counted once.
    await Promise.all(Array.from({ length: 6 }, () => recomputeBooks(t.deps, personId)));
    // A stale recompute, from an older revision than the book holds, changes nothing.
    const book = (await t.deps.books.get(personId, 2024))!;
    await t.deps.books.saveResults(personId, 'unit-construction', book.sourceRevision - 1, [
      { year: 2024, result: { ...book.result, compliant: !book.result.compliant }, rejected: [], pendingCount: 3, policy: book.policy! },
    ]);
    expect((await t.deps.books.get(personId, 2024))!.unitId).toBe(book.unitId);
    expect(await reported(HR, 2024)).toEqual(before);
    await expectNoDrift([2024]);
  }, 60_000);

  it('move with a person transferred between units of different departments', async () => {
    const personId = added[0]!;
    const person = (await t.deps.people.get(personId))!;
    const book = (await t.deps.books.get(personId, 2024))!;
    const standing = bookStanding(book.result);
    const [fromBefore, deptBefore, toBefore, hrBefore] = await Promise.all([
      reported(person.unitId, 2024),
      reported('dept-education', 2024),
      reported('unit-construction', 2024),
      reported(HR, 2024),
    ]);
    await ok(person.unitId === 'unit-school' ? 'clerk-school' : 'clerk-hospital', 'POST', `/v1/people/${personId}/transfer`, {
      toUnitId: 'unit-construction',
      version: person.version,
      reason: '调动',
    });
    const key = standing === 'empty' ? 'noRecord' : standing;
    const from = await reported(person.unitId, 2024);
    expect(from.people).toBe(fromBefore.people - 1);
    expect(from[key]).toBe(fromBefore[key] - 1);
    const to = await reported('unit-construction', 2024);
    expect(to.people).toBe(toBefore.people + 1);
    expect(to[key]).toBe(toBefore[key] + 1);
    if (person.unitId === 'unit-school') expect((await reported('dept-education', 2024)).people).toBe(deptBefore.people - 1);
    // The hr office holds both units: nothing changes there.
    expect(await reported(HR, 2024)).toEqual(hrBefore);
    await expectNoDrift([2023, 2024]);
  }, 60_000);

  it('are reconciled: drift is reported, then fixed up the tree, and a second run finds none', async () => {
    // Drift as a lost update would leave it: the hospital's 2024 counters off by two.
    await t.deps.aggregates.adjust(
      new Map(),
      new Map([[2024, new Map([['unit-hospital', { compliant: 2, short: 0, empty: 0, pending: 0 }]])]]),
    );
    // And a book counted as something it no longer is (as if written before the counts existed).
    const personId = added[1]!;
    await t.db.send(new UpdateCommand({ TableName: t.tableName, Key: keys.book(personId, 2024), UpdateExpression: 'REMOVE countedKey' }));

    const report = await ok('hr-officer', 'POST', '/v1/statistics/units/unit-hospital/reconcile', { fix: false });
    expect(report.drift).toBe(true);
    const y2024 = report.years.find((y: { year: number }) => y.year === 2024);
    expect(y2024.stored.compliant).not.toBe(y2024.recounted.compliant);

    const fixed = await ok('hr-officer', 'POST', '/v1/statistics/units/unit-hospital/reconcile', { fix: true });
    expect(fixed).toMatchObject({ drift: true, fixed: true });
    expect(fixed.booksRecounted).toBeGreaterThanOrEqual(1);
    await expectNoDrift([2023, 2024]);
    const again = await ok('hr-officer', 'POST', '/v1/statistics/units/unit-hospital/reconcile', { fix: false });
    expect(again.drift).toBe(false);
  }, 60_000);
});

describe('the compliance overview', () => {
  it('shows an organisation and those directly under it, within scope only', async () => {
    const hr = await ok('hr-officer', 'GET', '/v1/statistics/compliance');
    expect(hr.organisation.id).toBe(HR);
    expect(hr.children.map((c: { id: string }) => c.id).sort()).toEqual([
      'dept-education',
      'dept-health',
      'unit-construction',
      'unit-talent-agency',
    ]);
    const dept = await ok('reviewer-health', 'GET', '/v1/statistics/compliance');
    expect(dept.children.map((c: { id: string }) => c.id)).toEqual(['unit-hospital']);
    expect((await call('reviewer-health', 'GET', '/v1/statistics/compliance?org=dept-education')).status).toBe(404);
    expect((await call('person-zhangwei', 'GET', '/v1/statistics/compliance')).status).toBe(403);
    expect((await call('reviewer-health', 'POST', '/v1/statistics/units/unit-hospital/reconcile', { fix: true })).status).toBe(403);
  });
});

describe('the workbench counts', () => {
  const cardsOf = async (user: string) =>
    Object.fromEntries((await ok(user, 'GET', '/v1/workbench')).cards.map((c: { card: string; count: number }) => [c.card, c.count]));

  it('follow the work: a draft counts for the clerk, then, submitted, for the reviewer and not the other unit', async () => {
    const [clerk, reviewer, school] = await Promise.all([cardsOf('clerk-hospital'), cardsOf('reviewer-hospital'), cardsOf('clerk-school')]);
    const app = await ok('clerk-hospital', 'POST', '/v1/applications', {
      personId: 'person-zhangwei',
      applicationYear: 2026,
      titleLevel: 'associate_senior',
    });
    expect((await cardsOf('clerk-hospital')).applications_draft).toBe(clerk.applications_draft + 1);
    await ok('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version });
    const after = await cardsOf('reviewer-hospital');
    expect(after.applications_submitted).toBe(reviewer.applications_submitted + 1);
    expect((await cardsOf('clerk-hospital')).applications_draft).toBe(clerk.applications_draft);
    expect(await cardsOf('clerk-school')).toEqual(school);
    // Only the cards of the role: a clerk has no batches to accept, the hr office no drafts.
    expect(after.batches_submitted).toBeUndefined();
    expect((await cardsOf('hr-officer')).applications_draft).toBeUndefined();
  });

  it('count this year’s shortfall from the maintained counts: everyone not yet compliant', async () => {
    const cards = await cardsOf('hr-officer');
    const hr = await reported(HR, 2026);
    expect(cards.shortfall).toBe(hr.short + hr.noRecord);
    expect((await call('person-zhangwei', 'GET', '/v1/workbench')).status).toBe(403);
  });
});

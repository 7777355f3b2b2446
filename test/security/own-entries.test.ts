/**
 * Issue 12 item 5 (rules §6): a person's own entry is `pending` and counts only once the unit accepts
 * it. The attack, scripted: a person self-declares an aid assignment or a 300-day training; it was
 * stored as if the unit entered it and counted at once ("deemed complete" years). Now it is stored
 * as the person's entry (`person_entry`), pending, counts in no year, and counts once a unit clerk or
 * reviewer accepts it (audited); the person cannot accept it, and editing it makes it pending again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-10-12T02:00:00Z') });
});

const { call } = caller(() => t);

const PERSON = 'person-zhangwei';
const activities = `/v1/people/${PERSON}/activities`;

/** Every year's book of the person: which activities count, and how many wait. */
async function books() {
  const res = await call('clerk-hospital', 'GET', `/v1/people/${PERSON}/books`);
  expect(res.status).toBe(200);
  return res.body.items as any[];
}
const counted = (all: any[], activityId: string) =>
  all.filter((b) => b.result.items.some((i: any) => i.activityId === activityId)).map((b) => b.year);

describe('a person’s own entries are pending until the unit accepts them', () => {
  it('a self-declared aid assignment is the person’s entry, pending, and counts in no year', async () => {
    const res = await call(PERSON, 'POST', activities, {
      activity: { kind: 'aid_assignment', startDate: '2024-01-01', endDate: '2025-12-31', assessmentPassed: true, provincialOrAbove: true },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', source: 'person_entry', createdBy: PERSON });
    const all = await books();
    expect(counted(all, res.body.id)).toEqual([]);
    for (const year of [2024, 2025]) expect(all.find((b) => b.year === year)?.pendingCount ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('an implausible self-declaration (2027–2100, or 300 days in one day) never counts', async () => {
    const attempts = [
      { kind: 'aid_assignment', startDate: '2027-01-01', endDate: '2100-12-31', assessmentPassed: true, provincialOrAbove: true },
      { kind: 'training', date: '2026-06-01', category: 'professional', days: 300 },
    ];
    for (const activity of attempts) {
      const res = await call(PERSON, 'POST', activities, { activity });
      // Refused outright (the plausibility rules), or kept pending: either way it credits nothing.
      if (res.status === 201) {
        expect(res.body.status).toBe('pending');
        expect(counted(await books(), res.body.id)).toEqual([]);
      } else expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('the person cannot accept their own entry; the unit clerk can, audited, and then it counts', async () => {
    const added = await call(PERSON, 'POST', activities, { activity: { kind: 'computer_exam', date: '2026-03-01', modules: 1 } });
    expect(added.body.status).toBe('pending');
    expect(counted(await books(), added.body.id)).toEqual([]);

    const self = await call(PERSON, 'POST', `${activities}/${added.body.id}/accept`, { version: added.body.version });
    expect(self.status).toBe(403);

    const accepted = await call('clerk-hospital', 'POST', `${activities}/${added.body.id}/accept`, { version: added.body.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'active', source: 'person_entry' });
    expect(counted(await books(), added.body.id)).toEqual([2026]);

    const audit = await call('auditor', 'GET', `/v1/people/${PERSON}/audit`);
    expect(JSON.stringify(audit.body)).toContain('accept');

    // The person edits the accepted entry: it waits for the unit again and stops counting.
    const edited = await call(PERSON, 'PUT', `${activities}/${added.body.id}`, {
      version: accepted.body.version,
      activity: { kind: 'computer_exam', date: '2026-03-01', modules: 2 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'pending', source: 'person_entry' });
    expect(counted(await books(), added.body.id)).toEqual([]);
  });

  it('the unit’s work list shows pending own entries with the person’s name, until accepted', async () => {
    const added = await call(PERSON, 'POST', activities, { activity: { kind: 'computer_exam', date: '2026-05-01', modules: 1 } });
    const list = async (user: string, unitId = 'unit-hospital') => call(user, 'GET', `/v1/units/${unitId}/own-entries`);
    const before = await list('reviewer-hospital');
    expect(before.status).toBe(200);
    expect(before.body.items).toContainEqual(
      expect.objectContaining({ id: added.body.id, personId: PERSON, personName: '张伟', status: 'pending' }),
    );
    expect((await list(PERSON)).status).toBe(403);
    expect((await list('reviewer-hospital', 'unit-school')).status).toBe(404);

    await call('reviewer-hospital', 'POST', `${activities}/${added.body.id}/accept`, { version: added.body.version });
    const after = await list('clerk-hospital');
    expect(after.body.items.map((r: any) => r.id)).not.toContain(added.body.id);
  });

  it('the unit’s own entry still counts at once', async () => {
    const res = await call('clerk-hospital', 'POST', activities, { activity: { kind: 'computer_exam', date: '2026-04-01', modules: 1 } });
    expect(res.body).toMatchObject({ status: 'active', source: 'unit_entry' });
    expect(counted(await books(), res.body.id)).toEqual([2026]);
  });
});

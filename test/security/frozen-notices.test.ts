/**
 * Issue 12 item 2 (rules §5 "frozen notices"): the attack, scripted. A unit publishes an application
 * at 94 hours; the public objects; the unit upholds, inflates the records to 184 hours and republishes
 * it in a second notice. The first notice must keep showing 94, and closing it must not move the
 * application, which now needs the second notice's full period.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planTransition } from '../../functions/use-cases/certification/context.js';
import { closeDueNotices } from '../../functions/use-cases/certification/notices.js';
import { ConflictError } from '../../shared/errors.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

/** Demo people have no evidence files: each step forward needs a written reason (issue 14). */
const R = '测试：佐证材料纸质件已核对';
const reasonsFor = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, R]));

let now = new Date('2026-03-02T02:00:00Z'); // Monday 2 March 2026, 10:00 in China
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});

const { call, ok } = caller(() => t);

const year2023 = (entry: any) => entry.years.find((y: any) => y.year === 2023);

describe('a notice is frozen and closes only what is still in it', () => {
  let app: any;
  let first: string;
  let second: string;

  it('publishes 94 hours for 2023', async () => {
    await ok('clerk-hospital', 'POST', '/v1/people/person-lina/activities', {
      activity: { kind: 'training', date: '2023-06-01', category: 'professional', days: 9, halfDays: 1, title: '临床技能培训' },
    });
    app = await ok('clerk-hospital', 'POST', '/v1/applications', {
      personId: 'person-lina',
      applicationYear: 2026,
      titleLevel: 'associate_senior',
    });
    app = await ok('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version });
    app = await ok('reviewer-hospital', 'POST', `/v1/applications/${app.id}/review`, {
      version: app.version,
      decision: 'approve',
      reason: R,
    });
    first = (
      await ok('reviewer2-hospital', 'POST', '/v1/notices', {
        applicationIds: [app.id],
        reasons: reasonsFor([app.id]),
        startDate: '2026-03-02',
        contact: '医院人事科 0731-8888888',
      })
    ).id;
    const notice = await ok('', 'GET', `/v1/public/notices/${first}`);
    expect(year2023(notice.entries[0])).toMatchObject({ totalHours: 94 });
  });

  it('object, uphold, inflate to 184, republish: the first notice still shows 94, the second 184', async () => {
    now = new Date('2026-03-03T02:00:00Z');
    await ok('', 'POST', `/v1/public/notices/${first}/objections`, {
      applicationId: app.id,
      contact: '13800000000',
      text: '该同志培训时长存疑',
    });
    app = (await ok('reviewer-hospital', 'GET', `/v1/applications/${app.id}`)).application;
    app = await ok('reviewer-hospital', 'POST', `/v1/applications/${app.id}/objection`, {
      version: app.version,
      decision: 'uphold',
      reason: '异议属实，退回核实',
    });
    expect(app.state).toBe('draft');
    // Left the notice: no longer its application, and the audit trail says so.
    expect(app.noticeId).toBeUndefined();
    const history = (await ok('auditor', 'GET', `/v1/applications/${app.id}`)).history;
    expect(history.find((e: any) => e.action === 'uphold_objection')).toMatchObject({
      reason: '异议属实，退回核实',
      before: { noticeId: first },
    });

    await ok('clerk-hospital', 'POST', '/v1/people/person-lina/activities', {
      activity: { kind: 'training', date: '2023-09-01', category: 'professional', days: 9, title: '补录培训' },
    });
    app = await ok('clerk-hospital', 'POST', `/v1/applications/${app.id}/submit`, { version: app.version });
    expect(year2023(app).totalHours).toBe(184);
    app = await ok('reviewer-hospital', 'POST', `/v1/applications/${app.id}/review`, {
      version: app.version,
      decision: 'approve',
      reason: R,
    });
    second = (
      await ok('reviewer2-hospital', 'POST', '/v1/notices', {
        applicationIds: [app.id],
        reasons: reasonsFor([app.id]),
        startDate: '2026-03-04',
        contact: '医院人事科 0731-8888888',
      })
    ).id;

    const old = await ok('', 'GET', `/v1/public/notices/${first}`);
    expect(year2023(old.entries[0])).toMatchObject({ totalHours: 94, professionalContent: ['临床技能培训（94学时）'] });
    expect(year2023((await ok('auditor', 'GET', `/v1/public/notices/${first}`)).entries[0]).totalHours).toBe(94);
    expect(year2023((await ok('auditor', 'GET', `/v1/public/notices/${second}`)).entries[0]).totalHours).toBe(184);
  });

  it('refuses an objection through the old notice: the application is no longer in it', async () => {
    const res = await call('', 'POST', `/v1/public/notices/${first}/objections`, {
      applicationId: app.id,
      contact: '13800000000',
      text: '再次提出异议内容',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('application_not_in_notice');
  });

  it('closing the first notice does not move the application: it waits for the second notice’s full period', async () => {
    now = new Date('2026-03-06T16:30:00Z'); // 00:30 on 7 March in China: the first notice (2–6 March) is over
    const { closed } = await closeDueNotices(t.deps);
    expect(closed).toContain(first);
    app = (await ok('auditor', 'GET', `/v1/applications/${app.id}`)).application;
    expect(app).toMatchObject({ state: 'in_notice', noticeId: second });

    now = new Date('2026-03-10T16:30:00Z'); // the second notice (4–10 March) is over
    expect((await closeDueNotices(t.deps)).closed).toEqual([second]);
    app = (await ok('auditor', 'GET', `/v1/applications/${app.id}`)).application;
    expect(app.state).toBe('notice_passed');
  });

  it('keeps the condition inside the transaction: a close planned on a stale read cannot move an application of another notice', async () => {
    // Two open notices; a close of the fourth built as if the third's application were listed in it.
    now = new Date('2026-03-11T02:00:00Z');
    await ok('clerk-hospital', 'POST', '/v1/people/person-zhangwei/activities', {
      activity: { kind: 'training', date: '2024-06-01', category: 'professional', days: 2, title: '院内培训' },
    });
    const approved = async (applicationYear: number) => {
      let a = await ok('clerk-hospital', 'POST', '/v1/applications', {
        personId: 'person-zhangwei',
        applicationYear,
        titleLevel: 'associate_senior',
      });
      a = await ok('clerk-hospital', 'POST', `/v1/applications/${a.id}/submit`, { version: a.version });
      return ok('reviewer-hospital', 'POST', `/v1/applications/${a.id}/review`, { version: a.version, decision: 'approve', reason: R });
    };
    const [other, another] = [await approved(2026), await approved(2027)];
    const third = (
      await ok('reviewer2-hospital', 'POST', '/v1/notices', {
        applicationIds: [other.id],
        reasons: reasonsFor([other.id]),
        startDate: '2026-03-11',
        contact: '医院人事科',
      })
    ).id;
    const fourth = (
      await ok('reviewer2-hospital', 'POST', '/v1/notices', {
        applicationIds: [another.id],
        reasons: reasonsFor([another.id]),
        startDate: '2026-03-11',
        contact: '医院人事科',
      })
    ).id;
    const fourthNotice = (await t.deps.certification.getNotice(fourth))!;
    const stored = (await t.deps.certification.getApplication(other.id))!;
    expect(stored).toMatchObject({ state: 'in_notice', noticeId: third });
    const system = { userId: 'system', name: '系统', role: 'system' as const };
    const change = planTransition(t.deps, system, stored, 'notice_end');
    await expect(t.deps.certification.closeNotice(fourthNotice, [change], change.audit)).rejects.toBeInstanceOf(ConflictError);
    expect((await t.deps.certification.getApplication(other.id))!.state).toBe('in_notice');
    expect((await t.deps.certification.getNotice(fourth))!.status).toBe('open');
  });
});

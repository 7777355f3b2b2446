import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/http/app.js';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { maskResidentId } from '../../shared/mask.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const id of ['clerk-hospital', 'clerk-school', 'reviewer-hospital', 'reviewer-health', 'hr-officer', 'auditor', 'person-zhangwei']) {
    tokens[id] = await t.tokenFor(id);
  }
});

const { call } = caller<string>(() => t, { token: async (user) => tokens[user] });
const training = { kind: 'training', date: '2022-05-20', category: 'professional', days: 3 };
const paper = { kind: 'paper', date: '2022-09-01', authorRole: 'sole_or_first', domesticCN: true };

/** A fresh valid resident ID per call (same region and birth date, the next sequence number). */
let sequence = 100;
const nextIdNumber = () => {
  const first17 = `11010519800101${sequence++}`;
  return first17 + residentIdCheckChar(first17);
};

/** A new person of the hospital, registered by its clerk; each test makes its own, so none depends on another. */
async function registerPerson(name = '测试人员', idNumber = nextIdNumber()): Promise<string> {
  const created = await call('clerk-hospital', 'POST', '/v1/people', { idNumber, name, unitId: 'unit-hospital', titleSeries: '卫生' });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** A person whose 2022 holds the 3-day training and the first-author paper: 60 professional hours. */
async function personWithCreditedYear(trainingDays = 3): Promise<string> {
  const personId = await registerPerson();
  expect(
    (
      await call('clerk-hospital', 'POST', `/v1/people/${personId}/activities`, {
        activity: { ...training, days: trainingDays, title: '医院管理培训班' },
      })
    ).status,
  ).toBe(201);
  expect(
    (await call('clerk-hospital', 'POST', `/v1/people/${personId}/activities`, { activity: { ...paper, title: '论文' } })).status,
  ).toBe(201);
  return personId;
}

const book2022 = async (user: string, personId: string) =>
  (await call(user, 'GET', `/v1/people/${personId}/books`)).body.items.find((b: { year: number }) => b.year === 2022);

/**
 * The unit reviewer confirms 2022, a late item waits as pending, an edit is refused until the year is
 * reopened with a reason, then the late item is accepted.
 */
async function confirmReopenAccept(personId: string) {
  const book = await book2022('reviewer-hospital', personId);
  // Its items carry no evidence files here: confirming over them takes a written reason (issue 14).
  const confirmed = await call('reviewer-hospital', 'POST', `/v1/people/${personId}/books/2022/confirm`, {
    version: book.version,
    reason: '证明材料原件已核对',
  });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.status).toBe('unit_confirmed');

  const late = await call('clerk-hospital', 'POST', `/v1/people/${personId}/activities`, {
    activity: { kind: 'computer_exam', date: '2022-11-01', modules: 1 },
  });
  expect(late.status).toBe(201);
  expect(late.body.status).toBe('pending');
  let y = await book2022('clerk-hospital', personId);
  expect(y.pendingCount).toBe(1);
  const hoursBefore = y.result.totalHours;

  const acts = (await call('clerk-hospital', 'GET', `/v1/people/${personId}/activities`)).body.items;
  const paperRec = acts.find((r: { activity: { kind: string } }) => r.activity.kind === 'paper');
  const locked = await call('clerk-hospital', 'POST', `/v1/people/${personId}/activities/${paperRec.id}/withdraw`, {
    version: paperRec.version,
    reason: '录错',
  });
  expect(locked.status).toBe(422);
  expect(locked.body.error.code).toBe('year_locked');

  const noReason = await call('reviewer-hospital', 'POST', `/v1/people/${personId}/books/2022/reopen`, { version: confirmed.body.version });
  expect(noReason.status).toBe(400);
  const reopened = await call('reviewer-hospital', 'POST', `/v1/people/${personId}/books/2022/reopen`, {
    version: confirmed.body.version,
    reason: '补录计算机考试',
  });
  expect(reopened.status).toBe(200);
  expect(reopened.body.status).toBe('open');

  const accepted = await call('clerk-hospital', 'POST', `/v1/people/${personId}/activities/${late.body.id}/accept`, {
    version: late.body.version,
  });
  expect(accepted.status).toBe(200);
  y = await book2022('clerk-hospital', personId);
  expect(y.pendingCount).toBe(0);
  expect(y.result.totalHours).toBe(hoursBefore + 20);
}

describe('people', () => {
  it('registers a person with a valid resident ID, and refuses a bad or duplicate one', async () => {
    const created = await call('clerk-hospital', 'POST', '/v1/people', {
      idNumber: '11010519491231002x',
      name: '钱学林',
      unitId: 'unit-hospital',
      titleSeries: '卫生',
    });
    expect(created.status).toBe(201);
    expect(created.body.idNumber).toBe('11010519491231002X');

    const bad = await call('clerk-hospital', 'POST', '/v1/people', { idNumber: '110105194912310021', name: '甲', unitId: 'unit-hospital' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('idNumber');

    const dup = await call('clerk-hospital', 'POST', '/v1/people', { idNumber: '11010519491231002X', name: '乙', unitId: 'unit-hospital' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('id_number_exists');
  });

  it('does not let a clerk register people in another unit', async () => {
    const res = await call('clerk-school', 'POST', '/v1/people', { idNumber: '430102198001010011', name: '丙', unitId: 'unit-hospital' });
    expect(res.status).toBe(404);
  });

  it('lists a unit’s people with masked IDs, searches by name and by ID number', async () => {
    const idNumber = nextIdNumber();
    const personId = await registerPerson('孙文远', idNumber);
    const all = await call('clerk-hospital', 'GET', '/v1/people');
    expect(all.status).toBe(200);
    expect(all.body.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['张伟', '李娜', '孙文远']));
    expect(JSON.stringify(all.body)).not.toContain(idNumber);
    expect(all.body.items.find((p: { name: string }) => p.name === '孙文远').idNumberMasked).toBe(maskResidentId(idNumber));

    const byName = await call('clerk-hospital', 'GET', '/v1/people?q=' + encodeURIComponent('文远'));
    expect(byName.status).toBe(400); // a name never goes in a URL: POST /v1/people/search
    const byNameInBody = await call('clerk-hospital', 'POST', '/v1/people/search', { q: '文远' });
    expect(byNameInBody.body.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    const byId = await call('clerk-hospital', 'POST', '/v1/people/search', { q: idNumber });
    expect(byId.body.items.map((p: { id: string }) => p.id)).toEqual([personId]);
  });

  it('pages by cursor and refuses a tampered cursor with 400', async () => {
    const first = await call('hr-officer', 'GET', '/v1/people?unitId=unit-hospital&limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await call('hr-officer', 'GET', `/v1/people?unitId=unit-hospital&limit=2&cursor=${first.body.cursor}`);
    const ids = [...first.body.items, ...second.body.items].map((p: { id: string }) => p.id);
    // Two pages, no person twice (the demo hospital has more than two people).
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    const forged = Buffer.from(JSON.stringify({ GSI1PK: 'UNIT#unit-school', GSI1SK: 'PERSON#x', PK: 'x', SK: 'y' })).toString('base64url');
    const bad = await call('hr-officer', 'GET', `/v1/people?unitId=unit-hospital&cursor=${forged}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_cursor');
  });
});

describe('activities and the registration book', () => {
  it('credits a 3-day training and a first-author paper: 60 professional hours with notes', async () => {
    const personId = await personWithCreditedYear();
    const y2022 = await book2022('clerk-hospital', personId);
    expect(y2022).toMatchObject({ status: 'open', result: { professionalHours: 60, publicHours: 0, totalHours: 60, compliant: false } });
    expect(y2022.result.items.map((i: { note: string }) => i.note).join('\n')).toContain('3×10');
  });

  it('lets exactly one of two concurrent edits of one activity win; the other gets 409', async () => {
    const personId = await personWithCreditedYear();
    const list = await call('clerk-hospital', 'GET', `/v1/people/${personId}/activities`);
    const rec = list.body.items.find((r: { activity: { kind: string } }) => r.activity.kind === 'training');
    const edit = (days: number) =>
      call('clerk-hospital', 'PUT', `/v1/people/${personId}/activities/${rec.id}`, {
        activity: { ...training, days },
        version: rec.version,
      });
    const results = await Promise.all([edit(4), edit(5)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('locks a confirmed year: new items wait as pending, edits need a reopen with a reason', async () => {
    await confirmReopenAccept(await personWithCreditedYear());
  });

  it('goes unit then department, and only in that order', async () => {
    const personId = await personWithCreditedYear();
    let y = await book2022('reviewer-health', personId);
    const early = await call('reviewer-health', 'POST', `/v1/people/${personId}/books/2022/confirm`, { version: y.version });
    expect(early.status).toBe(422);
    const unit = await call('reviewer-hospital', 'POST', `/v1/people/${personId}/books/2022/confirm`, {
      version: y.version,
      reason: '证明材料原件已核对',
    });
    expect(unit.status).toBe(200);
    const dept = await call('reviewer-health', 'POST', `/v1/people/${personId}/books/2022/confirm`, { version: unit.body.version });
    expect(dept.status).toBe(200);
    expect(dept.body).toMatchObject({ status: 'dept_confirmed', deptConfirmed: { by: 'reviewer-health' } });
    y = await book2022('auditor', personId);
    expect(y.status).toBe('dept_confirmed');
  });

  it('keeps an append-only audit trail with who, when, from → to and the reason', async () => {
    const personId = await personWithCreditedYear();
    const rec = (await call('clerk-hospital', 'GET', `/v1/people/${personId}/activities`)).body.items.find(
      (r: { activity: { kind: string } }) => r.activity.kind === 'training',
    );
    const edited = await call('clerk-hospital', 'PUT', `/v1/people/${personId}/activities/${rec.id}`, {
      activity: { ...training, days: 4 },
      version: rec.version,
    });
    expect(edited.status).toBe(200);
    await confirmReopenAccept(personId);

    const audit = await call('auditor', 'GET', `/v1/people/${personId}/audit`);
    expect(audit.status).toBe(200);
    const actions = audit.body.items.map((e: { entity: string; action: string }) => `${e.entity}:${e.action}`);
    expect(actions).toEqual(
      expect.arrayContaining(['person:create', 'activity:create', 'activity:update', 'book:confirm', 'book:reopen', 'activity:accept']),
    );
    const reopen = audit.body.items.find((e: { action: string }) => e.action === 'reopen');
    expect(reopen).toMatchObject({
      actor: 'reviewer-hospital',
      role: 'unit_reviewer',
      from: 'unit_confirmed',
      to: 'open',
      reason: '补录计算机考试',
    });
  });

  it('filters the people list by year and compliance', async () => {
    // 6 training days + the paper: 90 hours, compliant; then confirmed by the unit and the department.
    const personId = await personWithCreditedYear(6);
    const open = await book2022('clerk-hospital', personId);
    expect(open.result.compliant).toBe(true);
    const unit = await call('reviewer-hospital', 'POST', `/v1/people/${personId}/books/2022/confirm`, {
      version: open.version,
      reason: '证明材料原件已核对',
    });
    expect(
      (await call('reviewer-health', 'POST', `/v1/people/${personId}/books/2022/confirm`, { version: unit.body.version })).status,
    ).toBe(200);
    const ok = await call('clerk-hospital', 'GET', '/v1/people?year=2022&compliance=compliant');
    expect(ok.body.items.find((p: { id: string }) => p.id === personId).year).toMatchObject({
      year: 2022,
      compliant: true,
      status: 'dept_confirmed',
    });
    const short = await call('clerk-hospital', 'GET', '/v1/people?year=2022&compliance=short');
    expect(short.body.items.map((p: { id: string }) => p.id)).not.toContain(personId);
  });
});

describe('scoping: a clerk of unit B can neither read nor change unit A’s people', () => {
  // The hospital's person the school's clerk tries; made once for the table below, changed by none of it.
  let target: string;
  beforeAll(async () => {
    target = await personWithCreditedYear();
  });
  const routes = (id: string): [string, string, unknown?][] => [
    ['GET', `/v1/people/${id}`],
    ['PATCH', `/v1/people/${id}`, { version: 1, titleSeries: 'x' }],
    ['POST', `/v1/people/${id}/transfer`, { toUnitId: 'unit-school', version: 1 }],
    ['GET', `/v1/people/${id}/activities`],
    ['POST', `/v1/people/${id}/activities`, { activity: training }],
    ['PUT', `/v1/people/${id}/activities/x`, { activity: training, version: 1 }],
    ['POST', `/v1/people/${id}/activities/x/withdraw`, { version: 1, reason: 'x' }],
    ['GET', `/v1/people/${id}/books`],
    ['GET', `/v1/people/${id}/audit`],
  ];
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])('route %i answers 404 and changes nothing', async (i) => {
    const [method, path, body] = routes(target)[i]!;
    const res = await call('clerk-school', method, path, body);
    expect(res.status).toBe(404);
  });

  it('lets a person see their own book but nobody else’s', async () => {
    expect((await call('person-zhangwei', 'GET', '/v1/people/person-zhangwei/books')).status).toBe(200);
    expect((await call('person-zhangwei', 'GET', `/v1/people/${target}/books`)).status).toBe(404);
    expect((await call('person-zhangwei', 'GET', '/v1/people')).status).toBe(403);
  });

  it('writes no resident ID number to the logs', async () => {
    const idNumber = nextIdNumber();
    await registerPerson('周日志', idNumber);
    expect(t.logLines.join('\n')).not.toContain(idNumber);
    expect(t.logLines.join('\n')).not.toMatch(/11010519491231002X|430102198503122013/i);
  });
});

describe('people list paging', () => {
  it('hands out no cursor after the last page, even when the last page is exactly full', async () => {
    const first = await call('hr-officer', 'GET', '/v1/people?unitId=unit-school&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await call('hr-officer', 'GET', `/v1/people?unitId=unit-school&limit=1&cursor=${first.body.cursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.cursor).toBeNull();
  });
});

describe('resident IDs stay out of URLs', () => {
  it('refuses an ID-number search in the query string and answers it in a POST body', async () => {
    const inUrl = await call('clerk-hospital', 'GET', '/v1/people?q=430104199001153028');
    expect(inUrl.status).toBe(400);
    const inBody = await call('clerk-hospital', 'POST', '/v1/people/search', { q: '430104199001153028' });
    expect(inBody.status).toBe(200);
    expect(inBody.body.items.map((p: any) => p.id)).toEqual(['person-lina']);
  });

  it('names the unit on the person page, and clears a basic field with null', async () => {
    const before = await call('person-zhangwei', 'GET', '/v1/people/person-zhangwei');
    expect(before.body.unitName).toBe('长沙市中心医院');
    expect(before.body.person.titleSeries).toBe('卫生');
    const cleared = await call('person-zhangwei', 'PATCH', '/v1/people/person-zhangwei', {
      version: before.body.person.version,
      titleSeries: null,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.titleSeries).toBeUndefined();
  });
});

describe('probable duplicates in a person’s book (rules §3, revised)', () => {
  it('the later-recorded copy does not count, whatever it earns and however the ids sort', async () => {
    // Ids chosen so that key order is the reverse of recording order: the book must not follow the keys.
    let prefix = 'z';
    let minute = 0;
    const app = createApp({
      ...t.deps,
      newId: () => `${prefix}-${randomUUID()}`,
      clock: () => new Date(Date.UTC(2026, 0, 5, 8, minute)),
    });
    const send = (method: string, path: string, body?: unknown) =>
      caller<string>(() => ({ app, tokenFor: t.tokenFor }), { token: async () => tokens['clerk-hospital'] }).call(
        'clerk-hospital',
        method,
        path,
        body,
      );
    const person = await send('POST', '/v1/people', { idNumber: '430102198001010038', name: '周重复', unitId: 'unit-hospital' });
    expect(person.status).toBe(201);
    const course = { kind: 'online_course', date: '2021-04-01', category: 'professional', title: '医学伦理网络课程', provider: '某平台' };
    minute = 1;
    const real = await send('POST', `/v1/people/${person.body.id}/activities`, { activity: { ...course, hours: 5 } });
    prefix = 'a';
    minute = 2;
    const inflated = await send('POST', `/v1/people/${person.body.id}/activities`, { activity: { ...course, hours: 50 } });
    expect([real.status, inflated.status]).toEqual([201, 201]);
    expect(inflated.body.id < real.body.id).toBe(true);

    const book = (await send('GET', `/v1/people/${person.body.id}/books`)).body.items.find((b: any) => b.year === 2021);
    expect(book.result.totalHours).toBe(5);
    expect(book.result.items.map((i: any) => i.activityId)).toEqual([real.body.id]);
    expect(book.rejected).toEqual([expect.objectContaining({ activityId: inflated.body.id, code: 'probable_duplicate' })]);
    expect(book.result.warnings).toContainEqual({ code: 'probable_duplicate', message: expect.stringContaining('学时不同') });
  });
});

describe('aid assignments are bounded where records are stored', () => {
  it('an assignment over 98 calendar years is a 400, not a >100-item transaction failing with 500', async () => {
    const personId = await registerPerson();
    const res = await call('clerk-hospital', 'POST', `/v1/people/${personId}/activities`, {
      activity: { kind: 'aid_assignment', startDate: '1920-01-01', endDate: '2017-12-31', assessmentPassed: true, provincialOrAbove: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toEqual(['activity.endDate']);
  });
});

/**
 * Personal data (issue 8 item 4, rules §6 "Resident ID numbers are validated, never logged, and masked
 * in lists"): the logs of a full flow — people registered, imported and searched by ID number,
 * activities with evidence, base records (credited, unmatched, mismatched, malformed), a training
 * filing with attendance, the certification through notice, batch and certificate, an objection, and an
 * internal error whose message carries an ID number — must hold no resident ID number; and no public
 * answer, nor any list, may carry one unmasked (cursors decoded too).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/http/app.js';
import { DEMO_PEOPLE } from '../../functions/local/demo-data.js';
import { isValidResidentId, residentIdCheckChar } from '../../shared/id-number.js';
import {
  buildFixture,
  createSecurityApp,
  openApiDocument,
  resolvePath,
  send,
  type Answer,
  type Fixture,
  type SecurityApp,
} from './support.js';

const validId = (first17: string) => first17 + residentIdCheckChar(first17);
const NEW_PERSON = validId('43010219880808123');
const UNREGISTERED = validId('43010219770707456');
const MISMATCHED = DEMO_PEOPLE[1]!.idNumber;
const ATTENDEE_UNKNOWN = validId('43012119660606789');

/** Every 18-character run that is a valid resident ID (GB 11643 check digit), anywhere in the text. */
function residentIdsIn(text: string): string[] {
  return [...text.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)].map((m) => m[0]).filter((id) => isValidResidentId(id));
}

/** The text, plus every `cursor` in it decoded: a cursor is a key, and a key may hold an ID number. */
function withCursorsDecoded(a: Answer): string {
  const cursors = [...a.text.matchAll(/"cursor":"([A-Za-z0-9_.-]+)"/g)].flatMap((m) =>
    m[1]!.split('.').map((part) => Buffer.from(part, 'base64url').toString('utf8')),
  );
  return [a.text, ...cursors].join('\n');
}

let s: SecurityApp;
let fx: Fixture;
const allIds = new Set<string>([...DEMO_PEOPLE.map((p) => p.idNumber), NEW_PERSON, UNREGISTERED, ATTENDEE_UNKNOWN]);

beforeAll(async () => {
  s = await createSecurityApp();
  fx = await buildFixture(s);
  for (const side of [fx.A, fx.B]) allIds.add(side.importedIdNumber);
  const as = async (user: string, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    send(s.api, method, path, { token: await s.token(user), body, headers: extra });

  // People: registered by hand, a bad ID refused, searched by the full ID number, then edited.
  expect((await as('clerk-hospital', 'POST', '/v1/people', { idNumber: NEW_PERSON, name: '新登记', unitId: 'unit-hospital' })).status).toBe(
    201,
  );
  expect(
    (await as('clerk-hospital', 'POST', '/v1/people', { idNumber: NEW_PERSON.slice(0, 17) + '0', name: '错号码', unitId: 'unit-hospital' }))
      .status,
  ).toBe(400);
  const found = await as('clerk-hospital', 'POST', '/v1/people/search', { unitId: 'unit-hospital', q: NEW_PERSON });
  expect(found.json.items).toHaveLength(1);
  expect(residentIdsIn(found.text)).toEqual([]);
  // Never in a URL (it would reach the access logs): the list refuses an ID number as its query.
  expect((await as('clerk-hospital', 'GET', `/v1/people?unitId=unit-hospital&q=${NEW_PERSON}`)).status).toBe(400);

  // Base records: credited, unmatched, a name that does not match, a malformed ID.
  const base = await send(s.api, 'POST', '/v1/base/completions', {
    token: fx.A.baseKey,
    headers: { 'idempotency-key': 'personal-data-1' },
    body: {
      records: [
        {
          externalId: 'PD-1',
          idNumber: DEMO_PEOPLE[0]!.idNumber,
          name: DEMO_PEOPLE[0]!.name,
          kind: 'training',
          courseTitle: '培训',
          category: 'professional',
          startDate: '2026-11-02',
          endDate: '2026-11-02',
          days: 1,
          assessment: 'passed',
        },
        {
          externalId: 'PD-2',
          idNumber: UNREGISTERED,
          name: '未登记',
          kind: 'training',
          courseTitle: '培训',
          category: 'professional',
          startDate: '2026-11-02',
          endDate: '2026-11-02',
          days: 1,
          assessment: 'passed',
        },
        {
          externalId: 'PD-3',
          idNumber: MISMATCHED,
          name: '冒名者',
          kind: 'training',
          courseTitle: '培训',
          category: 'professional',
          startDate: '2026-11-02',
          endDate: '2026-11-02',
          days: 1,
          assessment: 'passed',
        },
        {
          externalId: 'PD-4',
          idNumber: UNREGISTERED.slice(0, 17) + '0',
          name: '错号码',
          kind: 'training',
          courseTitle: '培训',
          category: 'professional',
          startDate: '2026-11-02',
          endDate: '2026-11-02',
          days: 1,
          assessment: 'passed',
        },
      ],
    },
  });
  // A name that does not match waits like an unknown ID (rules §7: a base never learns an ID is registered).
  expect(base.json.results.map((r: { status: string }) => r.status)).toEqual(['recorded', 'unmatched', 'unmatched', 'rejected']);
  // The unmatched record is credited when its person is registered.
  expect((await as('clerk-school', 'POST', '/v1/people', { idNumber: UNREGISTERED, name: '未登记', unitId: 'unit-school' })).status).toBe(
    201,
  );

  // A filing acknowledged by the hr office, then attendance by ID number once the training is over.
  const filing = (await as('hr-officer', 'GET', `/v1/filings/${fx.A.filingId}`)).json;
  expect((await as('hr-officer', 'POST', `/v1/filings/${fx.A.filingId}/acknowledge`, { version: filing.version })).status).toBe(200);
  s.setNow('2026-12-08T02:00:00Z');
  const acknowledged = (await as('clerk-hospital', 'GET', `/v1/filings/${fx.A.filingId}`)).json;
  const attendance = await as('clerk-hospital', 'POST', `/v1/filings/${fx.A.filingId}/attendance`, {
    version: acknowledged.version,
    entries: [{ idNumber: DEMO_PEOPLE[0]!.idNumber }, { idNumber: ATTENDEE_UNKNOWN }, { idNumber: '12345' }],
  });
  expect(attendance.status, attendance.text).toBe(200);
  expect(residentIdsIn(attendance.text)).toEqual([]);
  s.setNow('2026-11-23T02:00:00Z');

  // An import whose rows are partly wrong, and an objection from the public.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(['身份证号码', '姓名', '单位', '职称系列', '职称级别', '学历', '博士学位年份']);
  ws.addRow([NEW_PERSON, '重复者', null, '卫生', '中级', '本科', null]);
  ws.addRow([NEW_PERSON.slice(0, 17) + '0', '错号码', null, '卫生', '中级', '本科', null]);
  const imported = await send(s.api, 'POST', '/v1/imports?type=people', {
    token: await s.token('clerk-hospital'),
    raw: new Uint8Array(await wb.xlsx.writeBuffer()),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  expect(imported.status).toBe(201);
  expect(residentIdsIn(imported.text)).toEqual([]);
  await send(s.api, 'POST', `/v1/public/notices/${fx.A.noticeId}/objections`, {
    body: { applicationId: fx.A.applicationId, contact: '13800000000', text: `身份证号 ${fx.A.idNumber} 的学时存疑` },
    headers: { 'x-forwarded-for': '203.0.113.9' },
  });

  // An internal error whose message carries an ID number, as a driver error quoting a key would.
  const broken = createApp({
    ...s.deps,
    tokens: s.signer.verifier,
    people: {
      ...s.deps.people,
      get: async () => {
        throw new Error(`item IDNUMBER#${NEW_PERSON} could not be read`);
      },
    },
  });
  const failed = await send(broken, 'GET', '/v1/people/person-zhangwei', { token: await s.token('clerk-hospital') });
  expect(failed.status).toBe(500);
  expect(failed.text).not.toContain(NEW_PERSON);
}, 180_000);
afterAll(() => s?.cleanup());

describe('the logs of a full flow', () => {
  it('were written, at debug level, including the unhandled error', () => {
    expect(s.logLines.length).toBeGreaterThan(0);
    expect(s.logLines.some((l) => l.includes('unhandled error'))).toBe(true);
  });

  it('hold none of the resident ID numbers the flow used', () => {
    const logged = s.logLines.join('\n');
    for (const id of allIds) expect(logged, id).not.toContain(id);
  });

  it('hold no valid resident ID number at all', () => {
    expect(residentIdsIn(s.logLines.join('\n'))).toEqual([]);
  });
});

describe('answers that must mask the resident ID', () => {
  it('every public route answers without an unmasked ID, for both units’ objects', async () => {
    const { operations } = await openApiDocument(s.api);
    const publicOps = operations.filter((o) => o.roles.includes('public'));
    expect(publicOps.length).toBeGreaterThanOrEqual(7);
    const bodies: Record<string, (side: Fixture['A']) => unknown> = {
      'POST /v1/hours/preview': () => ({ activities: [{ kind: 'training', date: '2024-05-01', category: 'public', days: 1 }] }),
      'POST /v1/public/notices/{id}/objections': (side) => ({
        applicationId: side.applicationId,
        contact: '13900000000',
        text: '公开接口不得泄露身份证号码',
      }),
    };
    const queries: Record<string, (side: Fixture['A']) => string> = {
      'GET /v1/public/calendar/notice-end': () => '?start=2026-11-23',
      'GET /v1/public/certificates/{number}': (side) => `?code=${side.verificationCode}`,
    };
    let answered = 0;
    for (const op of publicOps) {
      for (const side of [fx.A, fx.B]) {
        const key = `${op.method} ${op.path}`;
        const a = await send(s.api, op.method, resolvePath(op.path, side) + (queries[key]?.(side) ?? ''), {
          body: bodies[key]?.(side),
          headers: { 'x-forwarded-for': `203.0.113.${answered}` },
        });
        expect(a.status, `${key}: ${a.text}`).toBeLessThan(300);
        expect(residentIdsIn(withCursorsDecoded(a)), key).toEqual([]);
        answered++;
      }
    }
    // The open notice names each person with the masked ID (rules §5: first 4 and characters 15–17, check digit hidden).
    const notice = await send(s.api, 'GET', `/v1/public/notices/${fx.A.noticeId}`);
    expect(notice.json.entries[0].idNumberMasked).toBe(`${fx.A.idNumber.slice(0, 4)}**********${fx.A.idNumber.slice(14, 17)}*`);
  });

  it.each([
    ['clerk-hospital', '/v1/people?unitId=unit-hospital&limit=1'],
    ['hr-officer', '/v1/people?unitId=unit-school&limit=1'],
    ['reviewer-hospital', '/v1/notices?unitId=unit-hospital'],
    ['hr-officer', '/v1/batches?status=accepted'],
  ])('%s GET %s (a list) carries no unmasked ID, cursors included', async (user, path) => {
    const a = await send(s.api, 'GET', path, { token: await s.token(user) });
    expect(a.status, a.text).toBe(200);
    expect(residentIdsIn(withCursorsDecoded(a))).toEqual([]);
  });

  it('the batch summary, the bases’ postings and a base’s own list carry no unmasked ID', async () => {
    const answers = [
      await send(s.api, 'GET', `/v1/batches/${fx.A.batchId}/summary`, { token: await s.token('hr-officer') }),
      await send(s.api, 'GET', `/v1/bases/${fx.A.baseId}/completions?limit=1`, { token: await s.token('hr-officer') }),
      await send(s.api, 'GET', `/v1/bases/${fx.A.baseId}/submissions`, { token: await s.token('auditor') }),
      await send(s.api, 'GET', '/v1/base/completions?limit=1', { token: fx.A.baseKey }),
      await send(s.api, 'GET', '/v1/base/submissions', { token: fx.A.baseKey }),
    ];
    for (const a of answers) {
      expect(a.status, a.text).toBe(200);
      expect(residentIdsIn(withCursorsDecoded(a)), a.text.slice(0, 200)).toEqual([]);
    }
  });

  it('the unit summary workbook masks every ID', async () => {
    const res = await s.api.request('/v1/units/unit-hospital/summary.xlsx?year=2026', {
      headers: { authorization: `Bearer ${await s.token('clerk-hospital')}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const cells: string[] = [];
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value ?? '')))));
    expect(cells.join('\n')).toContain('**********');
    expect(residentIdsIn(cells.join('\n'))).toEqual([]);
  });
});

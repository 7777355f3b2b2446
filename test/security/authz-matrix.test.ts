/**
 * The authorization matrix (issue 8 item 1): every operation of the OpenAPI document × every caller
 * (the six portal roles, anonymous, a training base's API key) × an object of the caller's own
 * organisation or of another one (side A / side B of support.ts) × the caller's own tenant or another
 * (430200). Who may call a route is declared once, on the route (`allow(...)` in functions/http/auth.ts),
 * and read here from the document's `x-roles`; POLICY below adds what the route cannot say about
 * itself: its scope, a request that reaches it, and the listed roles this fixture's state still refuses.
 *
 *   expected = the caller's role is in x-roles AND (the route is not scoped OR the object is within the caller's scope)
 *
 * An allowed caller gets 2xx or a 4xx about the input or the state (400, 409, 413, 422, 429); a denied one
 * gets 401, 403 or 404 and nothing else. A leak is a denied cell answered 2xx, or any 2xx body that
 * carries an identifier of an object outside the caller's scope. State-changing routes are called with a
 * stale version (999999) where they take one, so the fixture survives the run and scoping is checked
 * before the version is.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT, DEMO_USERS } from '../../functions/local/demo-data.js';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { packageArrangement } from '../../shared/working-days.js';
import { ROLES, type Role } from '../../shared/contract.js';
import {
  OTHER_TENANT,
  PORTAL_ROLES,
  USER_OF,
  badTokens,
  buildFixture,
  createSecurityApp,
  expectErrorShape,
  openApiDocument,
  pool,
  resolvePath,
  send,
  type Answer,
  type Caller,
  type Fixture,
  type Operation,
  type SecurityApp,
  type Side,
} from './support.js';

type Scope = 'public' | 'self' | 'org' | 'tenant' | 'base' | 'identity';
interface Policy {
  /**
   * public: anyone. self: the request names no object; what it answers is the caller's own (checked by
   * markers). org: the request names an object of side A or B, which the caller must have in scope.
   * tenant: names an object the listed roles see tenant-wide (training bases). base: the base API (API key).
   * identity: any signed-in identity, with or without an account here (accepting an invitation).
   */
  scope: Scope;
  query?: (s: Side) => Record<string, string>;
  body?: (s: Side, n: number) => unknown;
  raw?: () => Promise<{ body: Uint8Array<ArrayBuffer>; contentType: string }>;
  headers?: (n: number) => Record<string, string>;
  /** Listed roles that the workflow or the tree still refuses for this fixture, and why (403 expected). */
  refused?: Partial<Record<Role, string>>;
}

const V = 999_999; // a stale version: in-scope callers get 409 and nothing changes
const NOT_THE_EXPORTERS =
  'an export is seen by the account that asked for it and the staff of its organisation only, not by the levels above or below';
const EXPORT_OTHERS = {
  unit_clerk: NOT_THE_EXPORTERS,
  unit_reviewer: NOT_THE_EXPORTERS,
  hr_officer: NOT_THE_EXPORTERS,
  auditor: NOT_THE_EXPORTERS,
};

const activity = (date = '2026-09-11') => ({ kind: 'training', date, category: 'professional', days: 1 });
const reason = '授权矩阵测试';
const validId = (first17: string) => first17 + residentIdCheckChar(first17);

const emptyWorkbook = async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('人员').addRow(['身份证号码', '姓名', '单位', '职称系列', '职称级别', '学历', '博士学位年份']);
  return {
    body: new Uint8Array(await wb.xlsx.writeBuffer()),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
};

/** One entry per operation of the OpenAPI document: its scope and a request that reaches it (roles: the route's `x-roles`). */
const POLICY: Record<string, Policy> = {
  'GET /v1/health': { scope: 'public' },
  'GET /v1/me': { scope: 'self' },
  'GET /v1/organisations': { scope: 'self' },
  'GET /v1/units/lookup': { scope: 'self', query: () => ({ q: '医院' }) },
  'POST /v1/organisations': {
    scope: 'org',
    body: (s, n) => ({ kind: 'unit', name: `矩阵单位${n}`, parentId: s.deptId, unitType: 'enterprise' }),
  },
  'POST /v1/hours/preview': { scope: 'public', body: () => ({ activities: [activity('2023-05-10')] }) },
  'GET /v1/public/calendar/notice-end': { scope: 'public', query: () => ({ start: '2026-11-23' }) },
  'GET /v1/rules/years': { scope: 'self' },
  'GET /v1/rules/calendar/{year}': { scope: 'self' },
  'PUT /v1/rules/calendar/{year}': {
    scope: 'self',
    body: (s) => ({
      year: s.year,
      ...packageArrangement(s.year),
      source: { document: '国办发明电', publishedOn: '2024-11-12' },
      reason,
      expectedVersion: V,
    }),
  },
  'PUT /v1/rules/policy/{year}': {
    scope: 'self',
    body: () => ({ settings: { publicThemes: ['矩阵主题'] }, source: '湘人社办函〔2023〕23号', reason, expectedVersion: V }),
  },
  'PUT /v1/rules/tenant': { scope: 'self', body: () => ({ doctorSpanFromDoctorate: true, reason, expectedVersion: V }) },
  'GET /v1/rules/years/{year}/history': { scope: 'self' },
  'GET /v1/rules/tenant/history': { scope: 'self' },
  'GET /v1/people': { scope: 'org', query: (s) => ({ unitId: s.unitId }) },
  'POST /v1/people/search': { scope: 'org', body: (s) => ({ unitId: s.unitId, q: s.idNumber }) },
  'POST /v1/people': {
    scope: 'org',
    body: (s) => ({
      idNumber: validId(s.unitId === 'unit-school' ? '43012119950505111' : '43010219950505222'),
      name: '矩阵人员',
      unitId: s.unitId,
    }),
  },
  'GET /v1/people/{personId}': { scope: 'org' },
  // Open requests the caller resolves: its own unit's people registered elsewhere (the hr office: all).
  'GET /v1/transfer-requests': { scope: 'self' },
  'POST /v1/transfer-requests/{id}/resolve': { scope: 'org', body: () => ({ decision: 'decline', version: V, reason }) },
  'PATCH /v1/people/{personId}': { scope: 'org', body: () => ({ version: V, titleSeries: '卫生' }) },
  'POST /v1/people/{personId}/transfer': { scope: 'org', body: () => ({ toUnitId: 'unit-construction', version: V }) },
  'POST /v1/accounts': {
    scope: 'org',
    // A unit's administrator is its reviewer: the hr office and the unit's department may make one (shared/accounts.ts).
    body: (s, n) => ({ role: 'unit_reviewer', orgId: s.unitId, name: '矩阵账号', id: `matrix-${n}` }),
    refused: { unit_reviewer: 'a unit’s reviewers and clerks are created by the level above it (rules §6 separation of duties)' },
  },
  'GET /v1/accounts': { scope: 'org', query: (s) => ({ orgId: s.unitId }) },
  // Issue 13: whoever may create the account administers it — never the unit itself for its clerks and reviewers.
  'POST /v1/accounts/{accountId}/invitation': {
    scope: 'org',
    refused: { unit_reviewer: 'a unit’s clerks are administered by the level above it' },
  },
  'DELETE /v1/accounts/{accountId}/invitation': {
    scope: 'org',
    refused: { unit_reviewer: 'a unit’s clerks are administered by the level above it' },
  },
  'POST /v1/accounts/{accountId}/disable': {
    scope: 'org',
    refused: { unit_reviewer: 'a unit’s clerks are administered by the level above it' },
  },
  'POST /v1/accounts/{accountId}/enable': {
    scope: 'org',
    refused: { unit_reviewer: 'a unit’s clerks are administered by the level above it' },
  },
  // Any signed-in identity: a bound account gets 409 identity_has_account, another stack's identity 422 for this code.
  'POST /v1/invitations/accept': { scope: 'identity', body: () => ({ code: 'MATR-IXMA-TRIX' }) },
  'GET /v1/people/{personId}/activities': { scope: 'org' },
  'POST /v1/people/{personId}/activities': { scope: 'org', body: () => ({ activity: activity() }) },
  'PUT /v1/people/{personId}/activities/{activityId}': { scope: 'org', body: () => ({ activity: activity(), version: V }) },
  'POST /v1/people/{personId}/activities/{activityId}/withdraw': { scope: 'org', body: () => ({ version: V, reason }) },
  'POST /v1/people/{personId}/activities/{activityId}/accept': { scope: 'org', body: () => ({ version: V }) },
  'GET /v1/people/{personId}/books': { scope: 'org' },
  'POST /v1/people/{personId}/books/{year}/confirm': { scope: 'org', body: () => ({ version: V }) },
  'POST /v1/people/{personId}/books/{year}/reopen': { scope: 'org', body: () => ({ version: V, reason }) },
  'GET /v1/people/{personId}/audit': { scope: 'org' },
  'GET /v1/people/{personId}/prior-certificates': { scope: 'org' },
  'POST /v1/people/{personId}/prior-certificates': {
    scope: 'org',
    body: (s) => ({ number: `PRIOR-${s.unitId}`, years: [{ year: 2012, publicHours: 30, professionalHours: 60 }] }),
  },
  'POST /v1/people/{personId}/prior-certificates/{number}/scans': {
    scope: 'org',
    body: () => ({ fileName: '认定单.pdf', contentType: 'application/pdf', size: 1000 }),
  },
  'POST /v1/people/{personId}/prior-certificates/{number}/scans/{fileId}/confirm': { scope: 'org' },
  'GET /v1/people/{personId}/prior-certificates/{number}/scans/{fileId}/download': { scope: 'org' },
  // The one allowed cell (side A's reviewer, who did not enter it) verifies the fixture's paper certificate.
  'POST /v1/people/{personId}/prior-certificates/{number}/verify': { scope: 'org', body: () => ({}) },
  'GET /v1/people/{personId}/legacy-years': { scope: 'org' },
  'POST /v1/imports': { scope: 'self', query: () => ({ type: 'people' }), raw: emptyWorkbook },
  'GET /v1/imports': { scope: 'self' },
  'GET /v1/imports/templates/{type}': { scope: 'self' },
  'GET /v1/imports/{importId}': { scope: 'org' },
  'POST /v1/imports/{importId}/resume': { scope: 'org' },
  'POST /v1/imports/{importId}/rollback': { scope: 'org' },
  'GET /v1/units/{unitId}/summary.xlsx': { scope: 'org', query: (s) => ({ year: String(s.year) }) },
  'GET /v1/units/{unitId}/own-entries': { scope: 'org' },
  'GET /v1/workbench': { scope: 'self' },
  'GET /v1/statistics/compliance': { scope: 'org', query: (s) => ({ org: s.unitId }) },
  'POST /v1/statistics/units/{unitId}/reconcile': { scope: 'org', body: () => ({ fix: false }) },
  'POST /v1/people/{personId}/activities/{activityId}/evidence/uploads': {
    scope: 'org',
    body: () => ({ materialType: 'sign_in', fileName: '签到表.pdf', contentType: 'application/pdf', size: 1000 }),
  },
  'POST /v1/people/{personId}/activities/{activityId}/evidence/{fileId}/confirm': { scope: 'org' },
  'GET /v1/people/{personId}/activities/{activityId}/evidence': { scope: 'org' },
  'GET /v1/people/{personId}/activities/{activityId}/evidence/{fileId}/download': { scope: 'org' },
  'POST /v1/bases': {
    scope: 'self',
    body: () => ({
      name: '矩阵基地',
      creditCode: '91430100MA4L0BXX2P',
      level: 'city',
      contact: { name: '联系人', phone: '0731-12345678' },
    }),
  },
  'GET /v1/bases': { scope: 'self' },
  'GET /v1/bases/{baseId}': { scope: 'tenant' },
  'POST /v1/bases/{baseId}/keys': { scope: 'tenant', body: () => ({ label: 'matrix' }) },
  'GET /v1/bases/{baseId}/keys': { scope: 'tenant' },
  'POST /v1/bases/{baseId}/keys/{prefix}/revoke': { scope: 'tenant' },
  'GET /v1/bases/{baseId}/completions': { scope: 'tenant' },
  'GET /v1/bases/{baseId}/submissions': { scope: 'tenant' },
  // The side's posting is recorded already: the hr office gets 422, never a second credit.
  'POST /v1/bases/{baseId}/completions/resolve': { scope: 'tenant', body: (s) => ({ externalId: s.externalId, reason }) },
  'POST /v1/people/{personId}/base-records/match': { scope: 'org' },
  'POST /v1/base/completions': {
    scope: 'base',
    headers: (n) => ({ 'idempotency-key': `matrix-${n}` }),
    body: (s, n) => ({
      records: [
        {
          externalId: `MATRIX-${n}`,
          idNumber: s.idNumber,
          name: s.personName,
          kind: 'online_course',
          courseTitle: '矩阵网络课程',
          category: 'public',
          theme: '数字化建设与发展',
          startDate: '2026-11-02',
          endDate: '2026-11-02',
          hours: 2,
          assessment: 'passed',
        },
      ],
    }),
  },
  // Another base's externalId: the calling base must get an empty page, never the other's record.
  'GET /v1/base/completions': { scope: 'base', query: (s) => ({ externalId: s.externalId }) },
  'GET /v1/base/submissions': { scope: 'base' },
  'POST /v1/filings': {
    scope: 'self',
    body: () => ({
      title: '矩阵备案',
      category: 'public',
      theme: '数字化建设与发展',
      startDate: '2026-12-14',
      endDate: '2026-12-14',
      days: 1,
      lecturers: [{ name: '讲师' }],
    }),
  },
  'GET /v1/filings': { scope: 'org', query: (s) => ({ box: 'unit', unitId: s.unitId }) },
  'GET /v1/filings/{filingId}': { scope: 'org' },
  'POST /v1/filings/{filingId}/acknowledge': {
    scope: 'org',
    body: () => ({ version: V }),
    refused: { dept_reviewer: 'a public-subject filing goes to the hr office, which alone decides it (rules §5 W3)' },
  },
  'POST /v1/filings/{filingId}/return': {
    scope: 'org',
    body: () => ({ version: V, reason }),
    refused: { dept_reviewer: 'a public-subject filing goes to the hr office, which alone decides it (rules §5 W3)' },
  },
  'POST /v1/filings/{filingId}/attendance': {
    scope: 'org',
    body: (s) => ({ version: V, entries: [{ idNumber: s.idNumber }] }),
  },
  'GET /v1/applications': { scope: 'org', query: (s) => ({ unitId: s.unitId }) },
  'POST /v1/applications': { scope: 'org', body: (s) => ({ personId: s.personId, applicationYear: 2027, titleLevel: 'senior' }) },
  'GET /v1/applications/{id}': { scope: 'org' },
  'POST /v1/applications/{id}/submit': { scope: 'org', body: () => ({ version: V }) },
  'POST /v1/applications/{id}/review': { scope: 'org', body: () => ({ version: V, decision: 'approve' }) },
  'POST /v1/applications/{id}/objection': { scope: 'org', body: () => ({ version: V, decision: 'dismiss', reason }) },
  'POST /v1/applications/{id}/withdraw': { scope: 'org', body: () => ({ version: V, reason }) },
  'POST /v1/applications/{id}/file': { scope: 'org', body: () => ({ version: V }) },
  'POST /v1/applications/{id}/certificate': { scope: 'org', body: () => ({ version: V }) },
  'POST /v1/batches': { scope: 'org', body: (s) => ({ applicationIds: [s.certifiedApplicationId], sealReference: 'SEAL-MATRIX' }) },
  'GET /v1/batches': { scope: 'self', query: () => ({ status: 'accepted' }) },
  'POST /v1/batches/{id}/accept': { scope: 'org' },
  // The fixture's batches are accepted: the submitting department gets 422, every other caller 403/404.
  'POST /v1/batches/{id}/cancel': { scope: 'org', body: () => ({ reason }) },
  'GET /v1/batches/{id}/summary': { scope: 'org' },
  'GET /v1/batches/{id}/summary.xlsx': { scope: 'org' },
  'POST /v1/exports': { scope: 'org', body: (s) => ({ kind: 'summary', orgId: s.unitId, year: 2025 }) },
  'GET /v1/exports': { scope: 'self' },
  // The fixture's export was asked for by the side's department reviewer: only that department sees it
  // (issue 19: the account that asked and its organisation's staff); everyone else gets 404.
  'GET /v1/exports/{exportId}': { scope: 'org', refused: EXPORT_OTHERS },
  'GET /v1/exports/{exportId}/download': { scope: 'org', refused: EXPORT_OTHERS },
  'POST /v1/filing-exceptions': { scope: 'self', body: () => ({ until: '2026-12-31', reason }) },
  'GET /v1/certificates/{number}': { scope: 'org' },
  'POST /v1/certificates/{number}/revoke': { scope: 'org', body: () => ({ reason }) },
  'GET /v1/public/notices': { scope: 'public' },
  'GET /v1/public/notices/{id}': { scope: 'public' },
  'POST /v1/public/notices/{id}/objections': {
    scope: 'public',
    headers: (n) => ({ 'x-forwarded-for': `198.51.100.${n % 250}` }),
    body: (s) => ({ applicationId: s.applicationId, contact: '13800000000', text: '授权矩阵测试提出的异议' }),
  },
  'GET /v1/public/certificates/{number}': { scope: 'public', query: (s) => ({ code: s.verificationCode }) },
  'POST /v1/notices': {
    scope: 'org',
    body: (s) => ({ applicationIds: [s.applicationId], startDate: '2026-11-23', contact: '人事科 0731-8888888' }),
  },
  'GET /v1/notices': { scope: 'org', query: (s) => ({ unitId: s.unitId }) },
  'GET /v1/notices/{id}/objections': { scope: 'org' },
};

/** Who sees side B: only the tenant-wide roles. Side A is every role account's own organisation. */
const seesSide = (role: Role, side: 'A' | 'B') => side === 'A' || role === 'hr_officer' || role === 'auditor';

function expectedAllowed(
  roles: readonly string[],
  policy: Policy,
  caller: Caller,
  side: 'A' | 'B',
  tenant: 'own' | 'other' | 'none',
): boolean {
  // A base's API key is no portal token: presented anywhere else it is a bad credential (401); another
  // tenant's key opens nothing here.
  if (caller === 'training_base') return policy.scope === 'base' && tenant !== 'other';
  if (policy.scope === 'base') return false;
  // Another tenant's officer is an identity with no account in this stack (issue 13: the directory is
  // per stack): public routes answer as to anyone, every route that needs an account refuses.
  if (policy.scope === 'public') return true;
  if (caller === 'anonymous') return false;
  if (policy.scope === 'identity') return true;
  if (tenant === 'other') return false;
  if (!roles.includes(caller) || policy.refused?.[caller]) return false;
  return policy.scope !== 'org' || seesSide(caller, side);
}

/** Identifiers a 2xx body must not carry for this caller: everything of side B, for side-A callers. */
function foreignMarkers(fx: Fixture, caller: Caller): string[] {
  const b = fx.B;
  if (caller === 'training_base') return [b.externalId, b.baseId];
  if (caller === 'hr_officer' || caller === 'auditor' || caller === 'anonymous') return [];
  const sideB = [
    b.personId,
    b.personName,
    b.idNumber,
    b.activityId,
    b.fileId,
    b.applicationId,
    b.certifiedApplicationId,
    b.noticeId,
    b.batchId,
    b.certificateNumber,
    b.priorCertificateNumber,
    b.priorScanFileId,
    b.filingId,
    b.importId,
    b.exportId,
    b.importedIdNumber,
    b.externalId,
  ];
  // A person sees only themself: their colleague in the same unit is foreign too.
  return caller === 'person' ? [...sideB, 'person-lina', '李娜', '430104199001153028'] : sideB;
}

type Verdict = 'allowed' | 'refused' | 'input_or_state';
const verdictOf = (status: number): Verdict =>
  status >= 200 && status < 300 ? 'allowed' : [401, 403, 404].includes(status) ? 'refused' : 'input_or_state';

interface Cell {
  op: Operation;
  policy: Policy;
  caller: Caller;
  side: 'A' | 'B';
  tenant: 'own' | 'other' | 'none';
}

let s: SecurityApp;
let fx: Fixture;
let operations: Operation[];
const tokens = new Map<string, string>();

beforeAll(async () => {
  s = await createSecurityApp();
  fx = await buildFixture(s);
  operations = (await openApiDocument(s.api)).operations;
  for (const role of PORTAL_ROLES) {
    tokens.set(`${role}:own`, await s.token(USER_OF[role]));
    const user = DEMO_USERS.find((u) => u.id === USER_OF[role])!;
    // The same account id and organisation id, minted for another city: still refused.
    tokens.set(`${role}:other`, await s.token({ ...user, tenant: OTHER_TENANT }));
  }
  tokens.set('training_base:own', fx.A.baseKey);
  tokens.set('training_base:other', 'xsk_zz9zz9zz_KeyOfAnotherTenantsStackNotKnownHere000');
}, 120_000);
afterAll(() => s?.cleanup());

describe('the declared policy', () => {
  it('has one entry per operation of the OpenAPI document', () => {
    const documented = operations.map((o) => `${o.method} ${o.path}`).sort();
    expect(Object.keys(POLICY).sort()).toEqual(documented);
  });

  it('reads from every operation a non-empty x-roles of known callers, consistent with its scope', () => {
    const SPECIAL: Partial<Record<Scope, string>> = { public: 'public', base: 'training_base', identity: 'signed_in' };
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      const policy = POLICY[key]!;
      const special = SPECIAL[policy.scope];
      if (special) expect(op.roles, key).toEqual([special]);
      else {
        expect(op.roles.length, key).toBeGreaterThan(0);
        for (const role of op.roles) expect(ROLES, `${key} x-roles`).toContain(role);
      }
      // A refusal names a listed role: otherwise the matrix would expect a refusal the route already gives.
      for (const role of Object.keys(policy.refused ?? {})) expect(op.roles, `${key} refused`).toContain(role);
    }
  });
});

describe('every route × caller × organisation × tenant', () => {
  it('answers each cell as the policy says, with 0 leaks', async () => {
    const cells: Cell[] = [];
    for (const op of operations) {
      const policy = POLICY[`${op.method} ${op.path}`]!;
      for (const side of ['A', 'B'] as const) {
        cells.push({ op, policy, caller: 'anonymous', side, tenant: 'none' });
        for (const caller of [...PORTAL_ROLES, 'training_base'] as Caller[]) {
          for (const tenant of ['own', 'other'] as const) cells.push({ op, policy, caller, side, tenant });
        }
      }
    }

    let n = 0;
    const leaks: string[] = [];
    const mismatches: string[] = [];
    const tally: Record<string, number> = {};
    await pool(cells, 6, async (cell) => {
      const seq = ++n;
      const sideData = fx[cell.side];
      const { policy, op } = cell;
      const query = new URLSearchParams(policy.query?.(sideData) ?? {}).toString();
      const path = resolvePath(op.path, sideData) + (query ? `?${query}` : '');
      const raw = policy.raw ? await policy.raw() : undefined;
      const a: Answer = await send(s.api, op.method, path, {
        token: cell.caller === 'anonymous' ? undefined : tokens.get(`${cell.caller}:${cell.tenant}`),
        ...(raw ? { raw: raw.body, contentType: raw.contentType } : policy.body ? { body: policy.body(sideData, seq) } : {}),
        headers: policy.headers?.(seq) ?? {},
      });
      const label = `${op.method} ${path} as ${cell.caller} (side ${cell.side}, ${cell.tenant} tenant) → ${a.status} ${a.text.slice(0, 160)}`;
      const allowed = expectedAllowed(op.roles, policy, cell.caller, cell.side, cell.tenant);
      const verdict = verdictOf(a.status);
      tally[`${allowed ? 'allowed' : 'denied'}→${a.status}`] = (tally[`${allowed ? 'allowed' : 'denied'}→${a.status}`] ?? 0) + 1;
      expect(a.status, label).toBeLessThan(500);
      if (verdict !== 'allowed') expectErrorShape(a, label);
      if (!allowed && verdict === 'allowed') leaks.push(label);
      else if (allowed && verdict === 'refused') mismatches.push(`allowed but refused: ${label}`);
      else if (!allowed && verdict !== 'refused') mismatches.push(`denied but not refused: ${label}`);
      if (verdict === 'allowed' && policy.scope !== 'public') {
        const found = foreignMarkers(fx, cell.caller).filter((m) => a.text.includes(m));
        if (found.length) leaks.push(`${label} — carries ${found.join(', ')}`);
      }
    });

    console.info(`authorization matrix: ${cells.length} cells over ${operations.length} operations; answers ${JSON.stringify(tally)}`);
    expect({ leaks, mismatches }).toEqual({ leaks: [], mismatches: [] });
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  }, 240_000);

  it.each([
    '/v1/people?unitId=unit-school',
    '/v1/applications?unitId=unit-school',
    '/v1/notices?unitId=unit-school',
    '/v1/filings?box=unit&unitId=unit-school',
    '/v1/accounts?orgId=unit-school',
    '/v1/units/unit-school/summary.xlsx?year=2026',
    '/v1/statistics/compliance?org=unit-school',
  ])('answers a list of a unit out of scope (%s) with 404, the same as a unit that does not exist', async (path) => {
    // The health department's reviewer: allowed on all six lists, sees the hospital but not the school.
    const token = tokens.get('dept_reviewer:own')!;
    const out = await send(s.api, 'GET', path, { token });
    const missing = await send(s.api, 'GET', path.replace('unit-school', 'unit-nowhere'), { token });
    expect(out.status, out.text).toBe(404);
    expect(missing.status).toBe(404);
  });

  it('refuses another tenant’s officer (an identity with no account here) on every route that needs an account, and says why', async () => {
    const token = tokens.get('hr_officer:other')!;
    await pool(operations, 6, async (op) => {
      const policy = POLICY[`${op.method} ${op.path}`]!;
      if (policy.scope === 'public' || policy.scope === 'identity') return;
      const a = await send(s.api, op.method, resolvePath(op.path, fx.A), { token });
      if (op.path.startsWith('/v1/base/')) expect(a.status).toBe(401);
      else expect(a.json?.error?.code, `${op.method} ${op.path}`).toBe('account_not_bound');
    });
    expect(DEMO_TENANT).not.toBe(OTHER_TENANT);
  });
});

describe('tokens that must get 401', () => {
  it.each(['missing', 'expired', 'wrong_issuer', 'wrong_audience', 'alg_none', 'wrong_key'])(
    '%s: 401 on every route that needs a login',
    async (kind) => {
      const token = (await badTokens(s))[kind];
      const guarded = operations.filter((o) => !o.roles.includes('public'));
      expect(guarded.length).toBeGreaterThan(60);
      await pool(guarded, 6, async (op) => {
        const policy = POLICY[`${op.method} ${op.path}`]!;
        const a = await send(s.api, op.method, resolvePath(op.path, fx.A), {
          token,
          ...(policy.body ? { body: policy.body(fx.A, 0) } : {}),
        });
        expect(a.status, `${kind} ${op.method} ${op.path}: ${a.text}`).toBe(401);
        expectErrorShape(a, `${kind} ${op.method} ${op.path}`);
        if (kind === 'expired' && !op.path.startsWith('/v1/base/')) expect(a.json.error.code).toBe('token_expired');
      });
    },
  );

  it.each(['expired', 'wrong_issuer', 'wrong_audience', 'alg_none', 'wrong_key'])(
    '%s: 401 on public routes too (a bad credential is never ignored)',
    async (kind) => {
      const token = (await badTokens(s))[kind];
      for (const op of operations.filter((o) => o.roles.includes('public'))) {
        const policy = POLICY[`${op.method} ${op.path}`]!;
        const query = new URLSearchParams(policy.query?.(fx.A) ?? {}).toString();
        const a = await send(s.api, op.method, resolvePath(op.path, fx.A) + (query ? `?${query}` : ''), {
          token,
          ...(policy.body ? { body: policy.body(fx.A, 0) } : {}),
        });
        expect(a.status, `${kind} ${op.method} ${op.path}`).toBe(401);
      }
    },
  );
});

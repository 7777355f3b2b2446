/**
 * Shared by the security suites: the real app on a fresh seeded table, a token issuer whose private key
 * the test holds (so it can also forge every kind of bad token), the OpenAPI document's operations, and
 * a fixture of objects on both sides of an organisation boundary, all created through the API.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SignJWT, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { expect } from 'vitest';
import type { Role } from '../../shared/contract.js';
import type { AppDeps } from '../../functions/deps.js';
import { createApp } from '../../functions/http/app.js';
import { DEMO_BASE_KEY, DEMO_TENANT, DEMO_USERS } from '../../functions/local/demo-data.js';
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  createLocalIssuer,
  type LocalIssuer,
  type LocalUserClaims,
} from '../../functions/local/local-issuer.js';
import { closeDueNotices } from '../../functions/use-cases/certification/notices.js';
import { createTestApp, withDirectory, type TestApp } from '../support/services.js';

/** Demo people have no evidence files: each step forward needs a written reason (issue 14). */
const R = '测试：佐证材料纸质件已核对';
const reasonsFor = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, R]));

export const OTHER_TENANT = '430200';
export type Caller = Role | 'anonymous' | 'training_base';
export const PORTAL_ROLES: Role[] = ['person', 'unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'];

/** The demo account playing each role: all on side A (the hospital under the health department) or tenant-wide. */
export const USER_OF: Record<Role, string> = {
  person: 'person-zhangwei',
  unit_clerk: 'clerk-hospital',
  unit_reviewer: 'reviewer-hospital',
  dept_reviewer: 'reviewer-health',
  hr_officer: 'hr-officer',
  auditor: 'auditor',
};

/** Side B's staff have no demo accounts: the issuer signs them like any account of the tenant. */
const SIDE_B_STAFF: LocalUserClaims[] = [
  { id: 'reviewer-school', name: '学校审核人', role: 'unit_reviewer', organisation: 'unit-school', tenant: DEMO_TENANT },
  { id: 'reviewer2-school', name: '学校审核人（公示）', role: 'unit_reviewer', organisation: 'unit-school', tenant: DEMO_TENANT },
  { id: 'reviewer-education', name: '教育局审核人', role: 'dept_reviewer', organisation: 'dept-education', tenant: DEMO_TENANT },
];

export interface SecurityApp extends TestApp {
  /** The app verifying tokens of `signer` (the test holds its private key). */
  api: ReturnType<typeof createApp>;
  signer: LocalIssuer;
  privateKey: CryptoKey;
  /** A token of a demo user, or of any claims (another tenant, side B's staff). */
  token(user: string | LocalUserClaims): Promise<string>;
  setNow(at: string): void;
  cleanup(): void;
}

export async function createSecurityApp(at = '2026-10-12T02:00:00Z'): Promise<SecurityApp> {
  let now = new Date(at);
  const t = await createTestApp({ now: () => now });
  const keyDir = mkdtempSync(join(tmpdir(), 'xueshi-sec-'));
  const keyFile = join(keyDir, 'issuer.json');
  // Issued and checked on the app's settable clock, as test/support/services.ts does.
  const signer = await createLocalIssuer(keyFile, () => now);
  const { privateJwk } = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateJwk: JWK };
  const privateKey = (await importJWK(privateJwk, 'ES256')) as CryptoKey;
  const claimsOf = (user: string | LocalUserClaims): LocalUserClaims => {
    if (typeof user !== 'string') return user;
    const found = [...DEMO_USERS, ...SIDE_B_STAFF].find((u) => u.id === user);
    if (!found) throw new Error(`no user ${user}`);
    return found;
  };
  return {
    ...t,
    api: createApp({ ...t.deps, tokens: signer.verifier }),
    signer,
    privateKey,
    token: (user) => withDirectory(signer, t.deps.accounts, t.deps.config.tenant).issue(claimsOf(user)),
    setNow: (iso) => {
      now = new Date(iso);
    },
    cleanup: () => rmSync(keyDir, { recursive: true, force: true }),
  };
}

/** The six tokens that must get 401 (rules §6 login): each is wrong in exactly one way. */
export async function badTokens(s: SecurityApp): Promise<Record<string, string | undefined>> {
  const claims = { name: '张伟', role: 'unit_clerk', org: 'unit-hospital', tenant: DEMO_TENANT };
  const iat = Math.floor(s.deps.clock().getTime() / 1000);
  const sign = (key: CryptoKey, edit: (j: SignJWT) => SignJWT) =>
    edit(new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('clerk-hospital').setIssuedAt(iat)).sign(key);
  const good = (j: SignJWT) =>
    j
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime(iat + 600);
  const stranger = (await generateKeyPair('ES256')).privateKey;
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return {
    missing: undefined,
    expired: await sign(s.privateKey, (j) =>
      j
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(iat - 7200)
        .setExpirationTime(iat - 3600),
    ),
    wrong_issuer: await sign(s.privateKey, (j) =>
      j
        .setIssuer('https://evil.example/')
        .setAudience(LOCAL_AUDIENCE)
        .setExpirationTime(iat + 600),
    ),
    wrong_audience: await sign(s.privateKey, (j) =>
      j
        .setIssuer(LOCAL_ISSUER)
        .setAudience('someone-else')
        .setExpirationTime(iat + 600),
    ),
    alg_none: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'clerk-hospital', iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat, exp: iat + 600 })}.`,
    wrong_key: await sign(stranger, good),
  };
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI document

export interface Operation {
  method: string;
  path: string;
  roles: string[];
  params: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  body?: { mediaType: string; schema: JsonSchema };
}
export type JsonSchema = Record<string, unknown>;

export async function openApiDocument(
  app: Pick<SecurityApp['api'], 'request'> = documentOnlyApp(),
): Promise<{ operations: Operation[]; components: Record<string, JsonSchema> }> {
  const doc = (await (await app.request('/v1/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        { 'x-roles'?: string[]; parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: JsonSchema }> } }
      >
    >;
    components: { schemas: Record<string, JsonSchema> };
  };
  const operations: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = Object.entries(op.requestBody?.content ?? {})[0];
      operations.push({
        method: method.toUpperCase(),
        path,
        roles: op['x-roles'] ?? [],
        params: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: !!p.required, schema: p.schema })),
        ...(content ? { body: { mediaType: content[0], schema: content[1].schema } } : {}),
      });
    }
  }
  return { operations, components: doc.components.schemas };
}

/**
 * The app with no dependencies behind it, for reading its OpenAPI document while a test file is being
 * collected (before any table exists): the document depends on the routes only, never on deps.
 */
function documentOnlyApp() {
  const unused = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the OpenAPI document needs no dependency');
      },
    },
  );
  return createApp({ config: { tenant: DEMO_TENANT }, tokens: unused, log: unused } as unknown as AppDeps);
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Path parameters by name; `{id}` by the collection it follows. */
export function resolvePath(path: string, s: Side): string {
  return path.replace(/\/([^/]+)\/\{(\w+)\}/g, (_, collection: string, name: string) => {
    const byName: Record<string, string | number> = {
      personId: s.personId,
      activityId: s.activityId,
      fileId: s.fileId,
      year: s.year,
      filingId: s.filingId,
      importId: s.importId,
      exportId: s.exportId,
      baseId: s.baseId,
      prefix: s.spareKeyPrefix,
      unitId: s.unitId,
      accountId: s.accountId,
      number: s.certificateNumber,
      type: 'people',
    };
    const byCollection: Record<string, string> = {
      applications: s.applicationId,
      batches: s.batchId,
      notices: s.noticeId,
      'transfer-requests': s.transferRequestId,
    };
    // Under a prior certificate: its number and its scan, not the issued certificate or an activity's file.
    if (path.includes('/prior-certificates/{number}'))
      Object.assign(byName, { number: s.priorCertificateNumber, fileId: s.priorScanFileId });
    const value = name === 'id' ? byCollection[collection] : byName[name];
    if (value === undefined) throw new Error(`no fixture value for {${name}} in ${path}`);
    return `/${collection}/${encodeURIComponent(String(value))}`;
  });
}

export interface Answer {
  status: number;
  text: string;
  json: any;
  headers: Headers;
}

export async function send(
  app: SecurityApp['api'],
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: BodyInit; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const hasBody = options.body !== undefined || options.raw !== undefined;
  const res = await app.request(path, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(hasBody ? { 'content-type': options.contentType ?? 'application/json' } : {}),
      ...options.headers,
    },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = (res.headers.get('content-type') ?? '').includes('json')
    ? await res.text()
    : `<${(await res.arrayBuffer()).byteLength} bytes>`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** rules §7: every non-2xx answer is `{"error": {"code", "message", "details"?}}`, and no stack ever leaves. */
export function expectErrorShape(a: Answer, context: string) {
  expect(a.json?.error, `${context}: ${a.text.slice(0, 300)}`).toBeTypeOf('object');
  expect(a.json.error.code, context).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(a.json.error.message, context).toBeTypeOf('string');
  expect(Array.isArray(a.json.error.details), `${context}: details must be an array (rules §7)`).toBe(true);
  expectNoStack(a, context);
}

export function expectNoStack(a: Answer, context: string) {
  expect(a.text, context).not.toMatch(/\bat [\w$.<>]+ \(|node:internal|\/work\/|file:\/\/|\.ts:\d+|Error: /);
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The fixture: one object of each kind on side A (what the role accounts see) and side B (another unit
// under another department), made through the API.

export interface Side {
  unitId: string;
  deptId: string;
  personId: string;
  personName: string;
  idNumber: string;
  activityId: string;
  year: number;
  fileId: string;
  /** In notice now; every other application route is called on it with a stale version. */
  applicationId: string;
  noticeId: string;
  /** The first application, certified through the department's batch. */
  certifiedApplicationId: string;
  batchId: string;
  certificateNumber: string;
  verificationCode: string;
  /** A paper-era prior certificate of the side's person, unverified, with an accepted scan. */
  priorCertificateNumber: string;
  priorScanFileId: string;
  filingId: string;
  importId: string;
  /** A summary export of the side's department, asked for by its department reviewer (seen by that department only). */
  exportId: string;
  importedIdNumber: string;
  baseId: string;
  baseKey: string;
  /** A second key of the base, there to be revoked. */
  spareKeyPrefix: string;
  externalId: string;
  /** The other side's clerk registered this side's person: a request this side resolves. */
  transferRequestId: string;
  /** A clerk account of the side's unit, invited by the hr office (not yet bound). */
  accountId: string;
}

export interface Fixture {
  A: Side;
  B: Side;
  demoBaseKey: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface SideSetup {
  unitId: string;
  deptId: string;
  personId: string;
  personName: string;
  idNumber: string;
  clerk: string;
  reviewer: string;
  /** A second reviewer of the unit: publishes what `reviewer` approved (separation of duties, rules §6). */
  publisher: string;
  deptReviewer: string;
  importedIdNumber: string;
  creditCode: string;
}

const SETUP: Record<'A' | 'B', SideSetup> = {
  A: {
    unitId: 'unit-hospital',
    deptId: 'dept-health',
    personId: 'person-zhangwei',
    personName: '张伟',
    idNumber: '430102198503122013',
    clerk: 'clerk-hospital',
    reviewer: 'reviewer-hospital',
    publisher: 'reviewer2-hospital',
    deptReviewer: 'reviewer-health',
    importedIdNumber: '430102199205061237',
    creditCode: '91430100MA4L0BXX4X',
  },
  B: {
    unitId: 'unit-school',
    deptId: 'dept-education',
    personId: 'person-wangfang',
    personName: '王芳',
    idNumber: '430121198211034029',
    clerk: 'clerk-school',
    reviewer: 'reviewer-school',
    publisher: 'reviewer2-school',
    deptReviewer: 'reviewer-education',
    importedIdNumber: '430104198808174028',
    creditCode: '91430100MA4L0BXX51',
  },
};

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n% evidence\n'), Buffer.alloc(1024, 0x20), Buffer.from('\n%%EOF\n')]);

export async function buildFixture(s: SecurityApp): Promise<Fixture> {
  const call = async (user: string, method: string, path: string, body?: unknown, expected = 299) => {
    const a = await send(s.api, method, path, { token: await s.token(user), body });
    expect(a.status, `${user} ${method} ${path}: ${a.text.slice(0, 400)}`).toBeLessThanOrEqual(expected);
    return a.json;
  };
  const sides = {} as Record<'A' | 'B', Partial<Side>>;

  // Phase 1 (Monday 12 October 2026): records, evidence, the first application through its notice.
  s.setNow('2026-10-12T02:00:00Z');
  for (const key of ['A', 'B'] as const) {
    const c = SETUP[key];
    const side: Partial<Side> = { ...pick(c), year: 2026, importedIdNumber: c.importedIdNumber };
    const activity = await call(c.clerk, 'POST', `/v1/people/${c.personId}/activities`, {
      activity: { kind: 'training', date: '2026-09-10', category: 'professional', days: 6, title: `${c.personName}的专业培训` },
    });
    side.activityId = activity.id;
    const grant = await call(c.clerk, 'POST', `/v1/people/${c.personId}/activities/${activity.id}/evidence/uploads`, {
      materialType: 'notice',
      fileName: '培训通知.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(grant.upload.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), '培训通知.pdf');
    const uploaded = await fetch(grant.upload.url, { method: 'POST', body: form, headers: { origin: s.deps.config.siteOrigin } });
    expect(uploaded.status).toBeLessThan(300);
    await call(c.clerk, 'POST', `/v1/people/${c.personId}/activities/${activity.id}/evidence/${grant.file.id}/confirm`);
    side.fileId = grant.file.id;

    side.priorCertificateNumber = `纸质-${key}-2012/01`;
    await call(c.clerk, 'POST', `/v1/people/${c.personId}/prior-certificates`, {
      number: side.priorCertificateNumber,
      years: [{ year: 2012, publicHours: 30, professionalHours: 60 }],
    });
    const scans = `/v1/people/${c.personId}/prior-certificates/${encodeURIComponent(side.priorCertificateNumber)}/scans`;
    const scan = await call(c.clerk, 'POST', scans, { fileName: '认定单.pdf', contentType: 'application/pdf', size: PDF.length });
    const scanForm = new FormData();
    for (const [k, v] of Object.entries(scan.upload.fields as Record<string, string>)) scanForm.append(k, v);
    scanForm.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), '认定单.pdf');
    expect(
      (await fetch(scan.upload.url, { method: 'POST', body: scanForm, headers: { origin: s.deps.config.siteOrigin } })).status,
    ).toBeLessThan(300);
    await call(c.clerk, 'POST', `${scans}/${scan.file.id}/confirm`);
    side.priorScanFileId = scan.file.id;

    let app = await call(c.clerk, 'POST', '/v1/applications', {
      personId: c.personId,
      applicationYear: 2026,
      titleLevel: 'associate_senior',
    });
    app = await call(c.clerk, 'POST', `/v1/applications/${app.id}/submit`, { version: app.version });
    app = await call(c.reviewer, 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve', reason: R });
    await call(c.publisher, 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-10-12',
      contact: '人事科 0731-8888888',
    });
    side.certifiedApplicationId = app.id;
    sides[key] = side;
  }

  // The notices end on Friday 16 October; the closing job runs after midnight in China.
  s.setNow('2026-10-17T16:30:00Z');
  await closeDueNotices(s.deps);
  for (const key of ['A', 'B'] as const) {
    const c = SETUP[key];
    const side = sides[key]!;
    let app = (await call(c.deptReviewer, 'GET', `/v1/applications/${side.certifiedApplicationId}`)).application;
    app = await call(c.deptReviewer, 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve', reason: R });
    const batch = await call(c.deptReviewer, 'POST', '/v1/batches', { applicationIds: [app.id], sealReference: `SEAL-${key}-0001` });
    side.batchId = batch.id;
    await call('hr-officer', 'POST', `/v1/batches/${batch.id}/accept`, { reasons: reasonsFor(batch.applicationIds) });
    app = (await call('hr-officer', 'GET', `/v1/applications/${app.id}`)).application;
    const certificate = await call('hr-officer2', 'POST', `/v1/applications/${app.id}/certificate`, { version: app.version, reason: R });
    side.certificateNumber = certificate.number;
    side.verificationCode = certificate.verificationCode;
  }

  // Phase 2 (Monday 23 November 2026): the second application in a notice open now, a filing, an import.
  s.setNow('2026-11-23T02:00:00Z');
  for (const key of ['A', 'B'] as const) {
    const c = SETUP[key];
    const side = sides[key]!;
    let app = await call(c.clerk, 'POST', '/v1/applications', { personId: c.personId, applicationYear: 2027, titleLevel: 'senior' });
    app = await call(c.clerk, 'POST', `/v1/applications/${app.id}/submit`, { version: app.version });
    app = await call(c.reviewer, 'POST', `/v1/applications/${app.id}/review`, { version: app.version, decision: 'approve', reason: R });
    const notice = await call(c.publisher, 'POST', '/v1/notices', {
      applicationIds: [app.id],
      reasons: reasonsFor([app.id]),
      startDate: '2026-11-23',
      contact: '人事科 0731-8888888',
    });
    side.applicationId = app.id;
    side.noticeId = notice.id;

    const filing = await call(c.clerk, 'POST', '/v1/filings', {
      title: `${key} 单位公需科目培训`,
      category: 'public',
      theme: '数字化建设与发展',
      startDate: '2026-12-07',
      endDate: '2026-12-07',
      days: 1,
      lecturers: [{ name: '讲师' }],
    });
    side.filingId = filing.id;

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(['身份证号码', '姓名', '单位', '职称系列', '职称级别', '学历', '博士学位年份']);
    ws.addRow([c.importedIdNumber, `导入${key}`, null, '卫生', '中级', '本科', null]);
    const imported = await send(s.api, 'POST', '/v1/imports?type=people', {
      token: await s.token(c.clerk),
      raw: new Uint8Array(await wb.xlsx.writeBuffer()),
      contentType: XLSX,
    });
    expect(imported.status, imported.text).toBe(201);
    side.importId = imported.json.id;
    side.exportId = (await call(c.deptReviewer, 'POST', '/v1/exports', { kind: 'summary', orgId: c.deptId, year: 2025 })).id;

    const base = await call('hr-officer', 'POST', '/v1/bases', {
      name: `${key} 测试基地`,
      creditCode: c.creditCode,
      level: 'city',
      contact: { name: '联系人', phone: '0731-12345678' },
    });
    side.baseId = base.base.id;
    side.baseKey = base.apiKey.key;
    side.spareKeyPrefix = (await call('hr-officer', 'POST', `/v1/bases/${base.base.id}/keys`, { label: 'spare' })).prefix;
    side.externalId = `EXT-${key}-${base.base.id}`;
    const posted = await send(s.api, 'POST', '/v1/base/completions', {
      token: base.apiKey.key,
      headers: { 'idempotency-key': `fixture-${key}` },
      body: {
        records: [
          {
            externalId: side.externalId,
            idNumber: c.idNumber,
            name: c.personName,
            kind: 'training',
            courseTitle: '基地培训',
            category: 'professional',
            startDate: '2026-11-02',
            endDate: '2026-11-03',
            days: 2,
            assessment: 'passed',
          },
        ],
      },
    });
    expect(posted.json?.results?.[0]?.status, posted.text).toBe('recorded');
  }
  // Each side's person registered by the other side's clerk: referred, a request for this side.
  for (const [key, other] of [
    ['A', 'B'],
    ['B', 'A'],
  ] as const) {
    const referred = await send(s.api, 'POST', '/v1/people', {
      token: await s.token(SETUP[other].clerk),
      body: { idNumber: SETUP[key].idNumber, name: '调入申请人', unitId: SETUP[other].unitId },
    });
    expect(referred.status, referred.text).toBe(202);
  }
  const open = await call('hr-officer', 'GET', '/v1/transfer-requests');
  for (const key of ['A', 'B'] as const) {
    sides[key]!.transferRequestId = open.items.find((r: { personId: string }) => r.personId === SETUP[key].personId).id;
  }
  // An account waiting for its first sign-in at each side's unit (issue 13: invitations, disabling).
  for (const key of ['A', 'B'] as const) {
    const account = await call('hr-officer', 'POST', '/v1/accounts', {
      role: 'unit_clerk',
      orgId: SETUP[key].unitId,
      name: '矩阵经办人',
      id: `matrix-clerk-${key.toLowerCase()}`,
    });
    sides[key]!.accountId = account.id;
  }
  return { A: sides.A as Side, B: sides.B as Side, demoBaseKey: DEMO_BASE_KEY };
}

function pick(c: SideSetup): Partial<Side> {
  return { unitId: c.unitId, deptId: c.deptId, personId: c.personId, personName: c.personName, idNumber: c.idNumber };
}

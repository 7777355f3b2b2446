/**
 * Fuzzing (issue 8 item 2): fast-check requests for every operation of the OpenAPI document that takes
 * input — path parameters, query strings, JSON bodies (and the Excel upload's bytes) — built from the
 * document's own schemas (arbitraries.ts), sent in-process with a valid token of a role the route
 * allows, against the real app on DynamoDB Local. Every answer must be 2xx, or 4xx in the rules §7
 * error shape; never a 5xx, never a stack trace. Bodies over the limit are refused with 413.
 *
 * Requests per operation: 1,000 for every operation that takes a body or a query string (issue 8: at
 * least 1,000 per route in CI). Operations whose only input is path parameters get 150: almost every such
 * request is a well-formed id that goes to DynamoDB Local, so they cost several times a body that fails
 * validation, and with 94 operations the file is the longest of `npm test`; their parameters are the same
 * few id shapes, which 150 runs cover. XUESHI_FUZZ_RUNS scales both (a quick local pass).
 * Operations run five at a time (describe.concurrent), so their database round trips overlap.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimitFor } from '../../functions/http/body-limits.js';
import { valueArb, textArb, type SchemaContext } from './arbitraries.js';
import {
  USER_OF,
  buildFixture,
  createSecurityApp,
  expectErrorShape,
  expectNoStack,
  openApiDocument,
  resolvePath,
  send,
  type Fixture,
  type Operation,
  type SecurityApp,
} from './support.js';
import type { Role } from '../../shared/contract.js';

const SCALE = Number(process.env.XUESHI_FUZZ_RUNS ?? 1_000) / 1_000;
const RUNS_WITH_BODY_OR_QUERY = Math.round(1_000 * SCALE);
const RUNS_PATH_ONLY = Math.round(150 * SCALE);
/** Whoever may call the route, writers first: their requests reach the deepest code. */
const ROLE_PREFERENCE: Role[] = ['unit_clerk', 'hr_officer', 'unit_reviewer', 'dept_reviewer', 'person', 'auditor'];

const { operations, components } = await openApiDocument();
const withInput = operations.filter((o) => o.params.some((p) => p.in !== 'header') || o.body);

let s: SecurityApp;
let fx: Fixture;
let ctx: SchemaContext;
let clockMs = Date.parse('2026-11-23T02:00:00Z');

beforeAll(async () => {
  s = await createSecurityApp();
  fx = await buildFixture(s);
  s.setNow(new Date(clockMs).toISOString());
  const a = fx.A;
  ctx = {
    components,
    known: {
      personId: [a.personId, fx.B.personId, 'person-lina'],
      activityId: [a.activityId],
      fileId: [a.fileId],
      filingId: [a.filingId],
      importId: [a.importId],
      baseId: [a.baseId, fx.B.baseId],
      prefix: [a.spareKeyPrefix],
      unitId: [a.unitId, fx.B.unitId, 'unit-construction'],
      toUnitId: [fx.B.unitId, 'unit-construction', a.unitId],
      orgId: [a.unitId, a.deptId, 'hr-430100'],
      parentId: [a.deptId, 'hr-430100', a.unitId],
      number: [a.certificateNumber],
      code: [a.verificationCode],
      applicationId: [a.applicationId, a.certifiedApplicationId],
      applicationIds: [[a.applicationId], [a.certifiedApplicationId, fx.B.applicationId]],
      idNumber: [a.idNumber, fx.B.idNumber, a.importedIdNumber, '430102199205061237'],
      name: [a.personName],
      externalId: [a.externalId, 'FUZZ-1'],
      version: [1, 2, 3],
      year: [a.year, 2025],
      type: ['people', 'history'],
    },
  };
}, 120_000);
afterAll(() => s?.cleanup());

interface FuzzRequest {
  path: string;
  query: string;
  body?: { raw: string | Uint8Array<ArrayBuffer>; contentType?: string };
  headers: Record<string, string>;
}

/** Malformed percent-encodings: decoding them must fail as a 4xx, not a 500. */
const MALFORMED_ESCAPES = ['%', '%E0%A4%A', '%ff', '%C0%AF', '%u0041', '%%'];

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD')); // a lone surrogate cannot be encoded
  }
}

/** Each path parameter is the fixture's real value two times in three, fuzz (or a broken escape) otherwise. */
function pathArb(op: Operation): fc.Arbitrary<string> {
  const template = op.path.split('/');
  const real = resolvePath(op.path, fx.A).split('/');
  const slots = template.flatMap((seg, i) => (/^\{\w+\}$/.test(seg) ? [i] : []));
  if (!slots.length) return fc.constant(op.path);
  const slotArb = (name: string) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: textArb(op.params.find((p) => p.name === name)?.schema ?? { type: 'string' }, ctx, name).map(encodeSegment) },
      { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_ESCAPES) },
    );
  return fc.tuple(...slots.map((i) => slotArb(template[i]!.slice(1, -1)))).map((values) => {
    const out = [...real];
    slots.forEach((i, k) => {
      const v = values[k];
      if (v !== null && v !== undefined) out[i] = v;
    });
    return out.join('/');
  });
}

function queryArb(op: Operation): fc.Arbitrary<string> {
  const params = op.params.filter((p) => p.in === 'query');
  const each = params.map((p) =>
    fc.tuple(fc.constant(p.name), p.required ? fc.nat(19).map((n) => n > 0) : fc.boolean(), textArb(p.schema, ctx, p.name)),
  );
  const junk = fc.option(fc.tuple(fc.constantFrom('limit', 'cursor', 'unitId', '__proto__', 'x'), fc.string({ maxLength: 20 })), {
    freq: 6,
  });
  const broken = fc.option(
    fc.tuple(fc.constantFrom(...(params.length ? params.map((p) => p.name) : ['x'])), fc.constantFrom(...MALFORMED_ESCAPES)),
    { freq: 10 },
  );
  return fc.tuple(fc.tuple(...each), junk, broken).map(([chosen, extra, escape]) => {
    const q = new URLSearchParams();
    for (const [name, present, value] of chosen) if (present) q.append(name, value);
    if (extra) q.append(extra[0], extra[1]);
    // Appended raw, past URLSearchParams, which would have escaped the escape.
    return [q.toString(), escape ? `${escape[0]}=${escape[1]}` : ''].filter(Boolean).join('&');
  });
}

function bodyArb(op: Operation): fc.Arbitrary<FuzzRequest['body']> {
  if (!op.body) return fc.constant(undefined);
  if (op.body.mediaType !== 'application/json') {
    // The Excel upload: random bytes, bytes behind a zip signature, or nothing.
    return fc
      .oneof(
        fc.uint8Array({ maxLength: 4096 }),
        fc.uint8Array({ maxLength: 4096 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
      )
      .map((bytes) => ({ raw: new Uint8Array(bytes), contentType: op.body!.mediaType }));
  }
  return fc.oneof(
    {
      weight: 16,
      arbitrary: valueArb(op.body.schema, ctx).map((v) => ({ raw: JSON.stringify(v) ?? 'null', contentType: 'application/json' })),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{', '{"a":', '[', '{"records":[{]}', '\u0000', '{"__proto__":{"isAdmin":true}}')
        .map((raw) => ({ raw, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.jsonValue(),
          fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=gbk', 'multipart/form-data'),
        )
        .map(([v, contentType]) => ({ raw: JSON.stringify(v), contentType })),
    },
  );
}

function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const headers = op.path.startsWith('/v1/base/')
    ? fc.oneof(
        { weight: 9, arbitrary: fc.uuid().map((k) => ({ 'idempotency-key': k })) },
        { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((k) => ({ 'idempotency-key': k.replace(/[\r\n]/g, '') })) },
      )
    : fc.ipV4().map((ip) => ({ 'x-forwarded-for': ip }));
  return fc.record({ path: pathArb(op), query: queryArb(op), body: bodyArb(op), headers });
}

/** A fresh token on the app's clock for every request: the base routes move that clock on. */
async function tokenFor(op: Operation): Promise<string | undefined> {
  if (op.roles.includes('public')) return undefined;
  if (op.roles.includes('training_base')) return fx.A.baseKey;
  // Accepting an invitation: a signed-in identity with no account here yet (issue 13).
  if (op.roles.includes('signed_in')) return s.signer.issue({ id: 'fuzz-newcomer', name: '新人' });
  const role = ROLE_PREFERENCE.find((r) => op.roles.includes(r));
  if (!role) throw new Error(`${op.method} ${op.path}: no role to call it with`);
  return s.token(USER_OF[role]);
}

const runsFor = (op: Operation) => (op.body || op.params.some((p) => p.in === 'query') ? RUNS_WITH_BODY_OR_QUERY : RUNS_PATH_ONLY);

describe.concurrent('fuzzed requests for every operation that takes input', () => {
  it.each(withInput.map((op) => [`${op.method} ${op.path}`, runsFor(op), op] as const))(
    '%s × %i: only 2xx or 4xx in the error shape',
    async (_, runs, op) => {
      const statuses: Record<number, number> = {};
      await fc.assert(
        fc.asyncProperty(requestArb(op), async (req) => {
          // A base key allows 60 requests a minute: the clock moves on so the limit never hides the body.
          if (op.path.startsWith('/v1/base/')) s.setNow(new Date((clockMs += 1_100)).toISOString());
          const body = req.body ? { raw: req.body.raw, ...(req.body.contentType ? { contentType: req.body.contentType } : {}) } : {};
          const a = await send(s.api, op.method, req.path + (req.query ? `?${req.query}` : ''), {
            token: await tokenFor(op),
            headers: req.headers,
            ...body,
          });
          statuses[a.status] = (statuses[a.status] ?? 0) + 1;
          const context = `${op.method} ${req.path}?${req.query} ${typeof req.body?.raw === 'string' ? req.body.raw.slice(0, 300) : ''} → ${a.status} ${a.text.slice(0, 300)}`;
          // A 5xx names its cause: the log line of its request id.
          const cause =
            a.status >= 500
              ? s.logLines
                  .filter((l) => a.json?.error?.requestId && l.includes(a.json.error.requestId))
                  .join('\n')
                  .slice(0, 2000)
              : '';
          expect(a.status, `${context}\n${cause}`).toBeLessThan(500);
          expect(a.status, context).toBeGreaterThanOrEqual(200);
          if (a.status >= 300) expectErrorShape(a, context);
          else expectNoStack(a, context);
        }),
        { numRuns: runs, endOnFailure: true },
      );
      expect(Object.values(statuses).reduce((x, y) => x + y, 0)).toBe(runs);
    },
    600_000,
  );
});

describe('ids in bodies become DynamoDB keys (at most 1,024 bytes)', () => {
  // Found by this fuzzer: each answered 500 (DynamoDB's ValidationException) before the ids were bounded.
  const big = '中'.repeat(3000);
  it.each([
    ['reviewer-health', '/v1/batches', () => ({ applicationIds: [big], sealReference: 'SEAL-0001' })],
    ['reviewer-hospital', '/v1/notices', () => ({ applicationIds: [big], startDate: '2026-11-23', contact: '人事科 0731-8888888' })],
    ['clerk-hospital', '/v1/applications', () => ({ personId: big, applicationYear: 2027, titleLevel: 'senior' })],
    ['reviewer-hospital', '/v1/accounts', () => ({ role: 'person', orgId: 'unit-hospital', name: '某某', personId: big })],
    ['', `/v1/public/notices/{notice}/objections`, () => ({ applicationId: big, contact: '13800000000', text: '异议内容写在这里' })],
  ] as const)('%s POST %s with a 9 KB id: 400, not 500', async (user, path, body) => {
    const a = await send(s.api, 'POST', path.replace('{notice}', fx.A.noticeId), {
      token: user ? await s.token(user) : undefined,
      body: body(),
    });
    expect(a.status, a.text).toBe(400);
    expectErrorShape(a, path);
  });
});

describe('a prior certificate numbered like the certificate the person already holds', () => {
  // Found by this fuzzer: every later application of the person answered 500 (the year was looked up
  // on the first certificate with that number, which did not list it). Side B: the fuzzing above never
  // reaches it (its callers are side A's).
  it('leaves the person’s applications working: the year comes from the certificate that lists it', async () => {
    const b = fx.B;
    const clerk = await s.token('clerk-school');
    const prior = await send(s.api, 'POST', `/v1/people/${b.personId}/prior-certificates`, {
      token: clerk,
      // A number of this system is entered without years: they are read from the issued certificate (rules §3).
      body: { number: b.certificateNumber },
    });
    expect(prior.status, prior.text).toBe(201);
    const app = await send(s.api, 'POST', '/v1/applications', {
      token: clerk,
      body: { personId: b.personId, applicationYear: 2028, titleLevel: 'senior' },
    });
    expect(app.status, app.text).toBe(201);
    expect(app.json.years.find((y: { year: number }) => y.year === 2025)).toMatchObject({ source: `认定单 ${b.certificateNumber}` });
    const submitted = await send(s.api, 'POST', `/v1/applications/${app.json.id}/submit`, {
      token: clerk,
      body: { version: app.json.version },
    });
    expect(submitted.status, submitted.text).toBe(200);
  });
});

describe('bodies over the limit', () => {
  const bodied = operations.filter((o) => o.body);

  it.each(bodied.map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s: 413 in the error shape, with or without Content-Length',
    async (_, op) => {
      const upload = op.body!.mediaType !== 'application/json';
      const path = resolvePath(op.path, fx.A) + (op.params.some((p) => p.name === 'type' && p.in === 'query') ? '?type=people' : '');
      const limit = bodyLimitFor(op.method.toUpperCase(), path.split('?')[0]!).bytes;
      const big = upload ? new Uint8Array(limit + 1) : JSON.stringify({ padding: 'x'.repeat(limit) });
      const headers = {
        'idempotency-key': `big-${op.path}`,
        'content-length': String(typeof big === 'string' ? Buffer.byteLength(big) : big.byteLength),
      };
      const token = await tokenFor(op);
      const sized = await send(s.api, op.method, path, { token, raw: big, contentType: op.body!.mediaType, headers });
      expect(sized.status, sized.text).toBe(413);
      expectErrorShape(sized, `${op.method} ${op.path}`);
      // Streamed, with no Content-Length to trust: counted while read.
      const stream = new ReadableStream({
        start(controller) {
          const bytes = typeof big === 'string' ? new TextEncoder().encode(big) : big;
          for (let i = 0; i < bytes.byteLength; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
          controller.close();
        },
      });
      const res = await s.api.request(path, {
        method: op.method,
        headers: {
          'content-type': op.body!.mediaType,
          'idempotency-key': `big-stream-${op.path}`,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
    },
  );
});

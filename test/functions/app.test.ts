import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, MAX_BODY_BYTES } from '../../functions/http/app.js';
import { createLocalUserRepository } from '../../functions/adapters/dynamo/local-users.js';
import { registerDevRoutes } from '../../functions/local/dev-routes.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LOCAL_TOKEN_TTL_SECONDS } from '../../functions/local/local-issuer.js';
import { connectionFrom } from '../support/connection.js';
import { createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** rules §7's full shape: `details` is always an array, empty when there is nothing to detail. */
function expectErrorShape(body: unknown, code: string) {
  expect(body).toMatchObject({
    error: { code, message: expect.any(String), details: expect.any(Array), requestId: expect.any(String) },
  });
}

describe('system routes', () => {
  it('answers health, with the release it runs (dev/unknown outside a stack)', async () => {
    const res = await t.app.request('/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: 'dev', commit: 'unknown' });
  });

  it('answers unknown paths with a JSON 404 in the error shape', async () => {
    const res = await t.app.request('/v1/no-such-route');
    expect(res.status).toBe(404);
    expectErrorShape(await res.json(), 'not_found');
  });

  it('serves an OpenAPI 3.1 document that lists the routes and their roles', async () => {
    const res = await t.app.request('/v1/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { 'x-roles'?: string[] }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/health']).toBeDefined();
    expect(doc.paths['/v1/organisations']?.get?.['x-roles']).toContain('hr_officer');
    expect(doc.paths['/v1/organisations']?.get?.['x-roles']).not.toContain('person');
  });

  it('serves the docs page with assets from our own origin only', async () => {
    const res = await t.app.request('/v1/docs');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('/vendor/swagger-ui/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('does not expose the local-only dev routes unless an entry point mounts them', async () => {
    const res = await t.app.request('/v1/dev/users');
    expect(res.status).toBe(404);
  });
});

describe('request errors', () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    app = createApp(t.deps, {
      extend: (api) =>
        registerDevRoutes(api, {
          users: createLocalUserRepository(t.db, t.tableName),
          accounts: t.deps.accounts,
          issuer: t.issuer,
          clock: () => new Date(),
          baseKeys: async () => [],
        }),
    });
  });
  // The dev routes answer loopback clients only (test/security/local-stack.test.ts).
  const post = (body: string, contentType = 'application/json') =>
    app.request('/v1/dev/token', { method: 'POST', body, headers: { 'content-type': contentType } }, connectionFrom('127.0.0.1'));

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await post('{"user": ');
    expect(res.status).toBe(400);
    expectErrorShape(await res.json(), 'invalid_json');
  });

  it('answers a schema violation with 400 and the path of each problem', async () => {
    const res = await post(JSON.stringify({ user: 42 }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => d.path)).toEqual(['user']);
  });

  it('answers a body that is not JSON with a 4xx in the error shape', async () => {
    const res = await post('user=x', 'text/plain');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { error: { code: string } };
    expectErrorShape(body, body.error.code);
  });

  it('framework errors (malformed JSON, 415, 413) carry details: [] like every other error', async () => {
    const malformed = (await (await post('{"user": ')).json()) as { error: { details?: unknown } };
    expect(malformed.error.details).toEqual([]);
    const tooBig = (await (await post(JSON.stringify({ user: 'x'.repeat(MAX_BODY_BYTES) }))).json()) as { error: { details?: unknown } };
    expect(tooBig.error.details).toEqual([]);
    const wrongType = await app.request('/v1/hours/preview', { method: 'POST', body: 'a=1', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { error: { details?: unknown } }).error.details).toEqual([]);
    const notFound = (await (await app.request('/v1/no-such-route')).json()) as { error: { details?: unknown } };
    expect(notFound.error.details).toEqual([]);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const res = await post(JSON.stringify({ user: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(res.status).toBe(413);
    expectErrorShape(await res.json(), 'payload_too_large');
  });

  it('answers a domain error (unknown demo user) with its code', async () => {
    const res = await post(JSON.stringify({ user: 'nobody' }));
    expect(res.status).toBe(404);
    expectErrorShape(await res.json(), 'user_not_found');
  });
});

describe('authentication and roles', () => {
  const path = '/v1/organisations';

  it('answers no token with 401', async () => {
    const res = await t.app.request(path);
    expect(res.status).toBe(401);
    expectErrorShape(await res.json(), 'unauthenticated');
  });

  it('answers a token signed by another key with 401', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'hr_officer', org: 'hr-430100', tenant: '430100' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject('hr-officer')
      .setExpirationTime('1h')
      .sign(privateKey);
    const res = await t.app.request(path, bearer(forged));
    expect(res.status).toBe(401);
    expectErrorShape(await res.json(), 'invalid_token');
  });

  it('answers an expired token with 401 token_expired', async () => {
    const issuedLongAgo = new Date(Date.now() - (LOCAL_TOKEN_TTL_SECONDS + 60) * 1000);
    const res = await t.app.request(path, bearer(await t.tokenFor('hr-officer', issuedLongAgo)));
    expect(res.status).toBe(401);
    expectErrorShape(await res.json(), 'token_expired');
  });

  it('answers alg: none with 401', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({
      sub: 'hr-officer',
      role: 'hr_officer',
      org: 'hr-430100',
      tenant: '430100',
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 600,
    })}.`;
    const res = await t.app.request(path, bearer(unsigned));
    expect(res.status).toBe(401);
  });

  it('answers a garbage Authorization header with 401', async () => {
    const res = await t.app.request(path, { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
  });

  it('answers the wrong role with 403', async () => {
    const res = await t.app.request(path, bearer(await t.tokenFor('person-zhangwei')));
    expect(res.status).toBe(403);
    expectErrorShape(await res.json(), 'role_not_allowed');
  });

  it('answers an identity with no account in this stack (another city’s officer) with 403 account_not_bound', async () => {
    const other = await t.issuer.issue({ id: 'x', name: 'x', role: 'hr_officer', organisation: 'hr-430200', tenant: '430200' });
    const res = await t.app.request(path, bearer(other));
    expect(res.status).toBe(403);
    expectErrorShape(await res.json(), 'account_not_bound');
  });

  it('scopes what a user sees to the organisations under them', async () => {
    const asClerk = await t.app.request(path, bearer(await t.tokenFor('clerk-hospital')));
    expect(asClerk.status).toBe(200);
    const clerkIds = ((await asClerk.json()) as { items: { id: string }[] }).items.map((o) => o.id);
    expect(clerkIds).toEqual(['unit-hospital']);

    const asDept = await t.app.request(path, bearer(await t.tokenFor('reviewer-health')));
    const deptIds = ((await asDept.json()) as { items: { id: string }[] }).items.map((o) => o.id);
    expect(deptIds.sort()).toEqual(['dept-health', 'unit-hospital']);

    const asHr = await t.app.request(path, bearer(await t.tokenFor('hr-officer')));
    expect(((await asHr.json()) as { items: unknown[] }).items).toHaveLength(7);
  });

  it('returns the signed-in principal from /v1/me for every role', async () => {
    const res = await t.app.request('/v1/me', bearer(await t.tokenFor('person-zhangwei')));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ userId: 'person-zhangwei', role: 'person', orgId: 'unit-hospital' });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config.js';
import { createApp } from '../../functions/http/app.js';
import { withoutPort } from '../../functions/http/origin.js';
import { ENV, ORIGIN_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/contract.js';
import { createTestApp, type TestApp } from '../support/services.js';

/**
 * Issue 15: behind CloudFront the API answers only requests carrying the origin secret, and the
 * public limits count CloudFront's viewer address; without a secret (local) the viewer headers mean
 * nothing and the last X-Forwarded-For entry counts, as before.
 */

const SECRET = 'origin-secret-for-tests-0123456789abcdef';
let t: TestApp;
let behindCloudFront: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestApp();
  behindCloudFront = createApp({ ...t.deps, config: { ...t.deps.config, originSecret: SECRET } });
});

/** 61 certificate checks (limit: 60 a minute per viewer); the statuses. */
async function verifyRuns(app: ReturnType<typeof createApp>, headers: (i: number) => Record<string, string>) {
  const statuses: number[] = [];
  for (let i = 0; i < 61; i++) {
    const res = await app.request('/v1/public/certificates/HN-430100-2026-999999?code=X', { headers: headers(i) });
    statuses.push(res.status);
  }
  return statuses;
}

describe('only CloudFront reaches the API when the origin secret is configured', () => {
  it('refuses a request without the secret, or with a wrong one, before any route runs', async () => {
    const attempts: Record<string, string>[] = [{}, { [ORIGIN_SECRET_HEADER]: 'guess' }, { [ORIGIN_SECRET_HEADER]: `${SECRET}x` }];
    for (const headers of attempts) {
      const res = await behindCloudFront.request('/v1/health', { headers });
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.code).toBe('origin_forbidden');
    }
    const ok = await behindCloudFront.request('/v1/health', { headers: { [ORIGIN_SECRET_HEADER]: SECRET } });
    expect(ok.status).toBe(200);
  });

  it('checks nothing without a configured secret (local)', async () => {
    expect((await t.app.request('/v1/health')).status).toBe(200);
  });
});

describe('public limits', () => {
  it('behind CloudFront, key on the viewer address: a client varying X-Forwarded-For is still limited', async () => {
    const statuses = await verifyRuns(behindCloudFront, (i) => ({
      [ORIGIN_SECRET_HEADER]: SECRET,
      [VIEWER_ADDRESS_HEADER]: `198.51.100.20:${40000 + i}`,
      'x-forwarded-for': `10.9.${i}.1, 10.8.${i}.2, 10.7.${i}.3`,
    }));
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it('behind CloudFront, give each viewer address its own allowance (IPv4 and IPv6)', async () => {
    const many = await verifyRuns(behindCloudFront, (i) => ({
      [ORIGIN_SECRET_HEADER]: SECRET,
      [VIEWER_ADDRESS_HEADER]: i % 2 === 0 ? `198.51.100.${30 + i}:443` : `2001:db8::${i.toString(16)}:443`,
    }));
    expect(many.every((s) => s === 404)).toBe(true);
  });

  it('behind CloudFront without the viewer header, use the address CloudFront appended, not the edge API Gateway appended', async () => {
    const statuses = await verifyRuns(behindCloudFront, (i) => ({
      [ORIGIN_SECRET_HEADER]: SECRET,
      // viewer's own claim, the viewer (CloudFront's entry), the edge (API Gateway's entry)
      'x-forwarded-for': `10.6.${i}.1, 203.0.113.40, 130.176.${i}.9`,
    }));
    expect(statuses[60]).toBe(429);
  });

  it('without the secret (local), ignore the viewer header a client sends and key on the last X-Forwarded-For entry', async () => {
    // A forged viewer header per request changes nothing: one client, one allowance.
    const forged = await verifyRuns(t.app, (i) => ({ [VIEWER_ADDRESS_HEADER]: `192.0.2.${i}:1`, 'x-forwarded-for': '203.0.113.50' }));
    expect(forged.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(forged[60]).toBe(429);
    // Different last entries (what a proxy in front of `npm start` appends) are different clients.
    const proxied = await verifyRuns(t.app, (i) => ({ [VIEWER_ADDRESS_HEADER]: '192.0.2.1:1', 'x-forwarded-for': `203.0.113.${60 + i}` }));
    expect(proxied.every((s) => s === 404)).toBe(true);
  });

  it('reads addresses with their port removed', () => {
    expect(withoutPort('198.51.100.7:46532')).toBe('198.51.100.7');
    expect(withoutPort('2001:db8::7:46532')).toBe('2001:db8::7');
    expect(withoutPort('[2001:db8::7]:443')).toBe('2001:db8::7');
    expect(withoutPort('198.51.100.7')).toBe('198.51.100.7');
  });
});

describe('configuration', () => {
  const aws = {
    [ENV.TENANT]: '430100',
    [ENV.TABLE_NAME]: 'table',
    [ENV.EVIDENCE_BUCKET]: 'bucket',
    [ENV.OIDC_ISSUER]: 'https://id.example.cn',
    [ENV.OIDC_AUDIENCE]: 'xueshi',
    [ENV.CURSOR_SECRET]: 'c'.repeat(40),
  };

  it('requires the origin secret in AWS, where the API must answer CloudFront only', () => {
    expect(() => loadConfig(aws)).toThrow(/XUESHI_ORIGIN_SECRET is required outside local mode/);
    expect(loadConfig({ ...aws, [ENV.ORIGIN_SECRET]: SECRET }).originSecret).toBe(SECRET);
  });

  it('reports the release the stack set on GET /v1/health, and dev/unknown locally', async () => {
    const config = loadConfig({ ...aws, [ENV.ORIGIN_SECRET]: SECRET, [ENV.RELEASE_VERSION]: '0.1.0', [ENV.RELEASE_COMMIT]: '4021d19' });
    expect(config.release).toEqual({ version: '0.1.0', commit: '4021d19' });
    const released = createApp({ ...t.deps, config: { ...t.deps.config, release: config.release } });
    expect(await (await released.request('/v1/health')).json()).toEqual({ status: 'ok', version: '0.1.0', commit: '4021d19' });
    expect(await (await t.app.request('/v1/health')).json()).toEqual({ status: 'ok', version: 'dev', commit: 'unknown' });
  });
});

/**
 * Issue 12 item 9: paging cursors reveal nothing and cannot be forged, and a name never travels in a
 * URL. The attack, scripted: decode a people-list cursor (it was base64 JSON holding the unit's key
 * and the last person's name and id), tamper with it (it was accepted as any key of the same
 * partition), and search by name in a GET query string (it lands in access logs). Now a cursor is
 * AES-256-GCM sealed: opaque, and any change to it — or one from another list — is a 400 with the
 * shared error shape; GET refuses a name filter and the name goes in the body of POST /v1/people/search.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-10-12T02:00:00Z') });
});

const { call } = caller(() => t);

/** Every reading of a cursor an attacker would try: base64url, base64 and each dot-separated part. */
function readings(cursor: string): string {
  const parts = [cursor, ...cursor.split('.')];
  return parts.flatMap((p) => [Buffer.from(p, 'base64url').toString('utf8'), Buffer.from(p, 'base64').toString('latin1')]).join('\n');
}

const expectInvalidCursor = (res: { status: number; body: any }) => {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'invalid_cursor', message: expect.any(String), details: expect.any(Array) });
};

describe('paging cursors are opaque and authenticated', () => {
  it('a people-list cursor decodes to no id, unit, key name or person name', async () => {
    const first = await call('hr-officer', 'GET', '/v1/people?unitId=unit-hospital&limit=1');
    expect(first.status).toBe(200);
    const cursor: string = first.body.cursor;
    expect(cursor).toEqual(expect.any(String));
    const [last] = first.body.items;
    const read = readings(cursor);
    for (const secret of ['unit-hospital', 'GSI1', 'PERSON#', last.id, last.name]) expect(read).not.toContain(secret);
    // And it still pages.
    const second = await call('hr-officer', 'GET', `/v1/people?unitId=unit-hospital&limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(last.id);
  });

  it('a tampered cursor (one bit flipped anywhere, truncated or extended) is a 400', async () => {
    const first = await call('hr-officer', 'GET', '/v1/people?unitId=unit-hospital&limit=1');
    const cursor: string = first.body.cursor;
    const body = cursor.slice(cursor.indexOf('.') + 1);
    const raw = Buffer.from(body, 'base64url');
    const tampered: string[] = [cursor.slice(0, -2), `${cursor}AA`];
    for (const at of [0, 13, Math.floor(raw.length / 2), raw.length - 1]) {
      const copy = Buffer.from(raw);
      copy[at]! ^= 1;
      tampered.push(`${cursor.slice(0, cursor.indexOf('.') + 1)}${copy.toString('base64url')}`);
    }
    for (const bad of tampered)
      expectInvalidCursor(await call('hr-officer', 'GET', `/v1/people?unitId=unit-hospital&cursor=${encodeURIComponent(bad)}`));
  });

  it('a forged plain cursor naming another unit is a 400 (the old format is no longer read)', async () => {
    const forged = Buffer.from(JSON.stringify({ GSI1PK: 'UNIT#unit-hospital', GSI1SK: 'PERSON#', PK: 'x', SK: 'y' })).toString('base64url');
    expectInvalidCursor(await call('hr-officer', 'GET', `/v1/people?unitId=unit-hospital&cursor=${forged}`));
  });

  it('a genuine cursor of another unit’s list is a 400 on this list', async () => {
    const school = await call('hr-officer', 'GET', '/v1/people?unitId=unit-school&limit=1');
    expect(school.body.cursor).toEqual(expect.any(String));
    expectInvalidCursor(
      await call('hr-officer', 'GET', `/v1/people?unitId=unit-hospital&cursor=${encodeURIComponent(school.body.cursor)}`),
    );
  });
});

describe('a name search goes in a POST body, never a URL', () => {
  it('GET /v1/people refuses a name filter with a 400 naming the POST route', async () => {
    const res = await call('clerk-hospital', 'GET', `/v1/people?q=${encodeURIComponent('张伟')}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(res.body)).toContain('/v1/people/search');
  });

  it('POST /v1/people/search finds by name in the body', async () => {
    const res = await call('clerk-hospital', 'POST', '/v1/people/search', { q: '张伟' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: any) => p.name)).toContain('张伟');
  });
});

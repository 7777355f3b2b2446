import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/server.js';
import { createTimeMachine } from '../../functions/local/time-travel.js';
import { startTestStack } from '../support/stack.js';

/**
 * Issue 14 item 8: in local mode a demo user moves the clock forward and watches the open demo notice
 * close and the workflow go on. Only the local stack has the route; the Lambda bundle never contains
 * it (test/infra/bundle.test.ts checks the bundle holds no dev route).
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const clock = async (method: 'GET' | 'POST', body?: unknown) => {
  const res = await fetch(`${stack.url}/v1/dev/clock`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const openNotices = async () => ((await (await fetch(`${stack.url}/v1/public/notices`)).json()) as any).items as any[];

describe('local time travel', () => {
  it('moves the demo clock forward and closes the notices that fall due, then back to real time', async () => {
    expect((await clock('GET')).body).toMatchObject({ offsetDays: 0 });
    expect(await openNotices()).not.toHaveLength(0);

    const bad = await clock('POST', { advanceDays: 0 });
    expect(bad.status).toBe(400);
    expect((await clock('POST', { advanceDays: 61 })).status).toBe(400);

    const moved = await clock('POST', { advanceDays: 14 });
    expect(moved.status).toBe(200);
    expect(moved.body.offsetDays).toBe(14);
    expect(Date.parse(moved.body.now) - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    expect(moved.body.noticesClosed).toBeGreaterThanOrEqual(1);
    expect(await openNotices()).toEqual([]);

    // Signing in keeps real time: a token minted now still works on the moved stack.
    const token = await fetch(`${stack.url}/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"user":"hr-officer"}',
    });
    const { accessToken } = (await token.json()) as { accessToken: string };
    expect((await fetch(`${stack.url}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(200);

    const reset = await clock('POST', { reset: true });
    expect(reset.body.offsetDays).toBe(0);
  });

  it('keeps the offset in the data folder across restarts', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xueshi-clock-')), 'clock-offset-days');
    const base = () => new Date('2026-12-01T00:00:00Z');
    const first = createTimeMachine(file, base);
    first.advance(5);
    const again = createTimeMachine(file, base);
    expect(again.offsetDays()).toBe(5);
    expect(again.now().toISOString()).toBe('2026-12-06T00:00:00.000Z');
  });
});

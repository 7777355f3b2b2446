/**
 * Issue 14 item 7: confirming a year says which counted items lack their evidence and needs a written
 * reason for them, kept on the book, as a short professional share already does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-10-12T02:00:00Z') });
});
const { call, ok } = caller(() => t);
const PERSON = 'person-lina';

describe('confirming a year over missing evidence', () => {
  it('is refused without a reason that names the items, and keeps the reason once given', async () => {
    await ok('clerk-hospital', 'POST', `/v1/people/${PERSON}/activities`, {
      activity: { kind: 'training', date: '2026-03-10', category: 'professional', days: 9, title: '无证明材料的进修' },
    });
    const book = (await ok('clerk-hospital', 'GET', `/v1/people/${PERSON}/books`)).items.find((b: any) => b.year === 2026);
    expect(book.status).toBe('open');

    const refused = await call('reviewer-hospital', 'POST', `/v1/people/${PERSON}/books/2026/confirm`, { version: book.version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('reason_required');
    expect(refused.body.error.message).toContain('缺少完整的证明材料');
    expect(refused.body.error.message).toContain('培训「无证明材料的进修」');

    const confirmed = await ok('reviewer-hospital', 'POST', `/v1/people/${PERSON}/books/2026/confirm`, {
      version: book.version,
      reason: '证书原件已核对，扫描件随后补传',
    });
    expect(confirmed.status).toBe('unit_confirmed');
    expect(confirmed.acceptedMissingEvidence).toMatchObject({ reason: '证书原件已核对，扫描件随后补传' });
    expect(confirmed.acceptedMissingEvidence.count).toBeGreaterThanOrEqual(1);
  });
});

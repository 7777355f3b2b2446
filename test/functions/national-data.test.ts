import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../functions/local/demo-data.js';
import { loadNationalData, NationalDataSchema, type NationalData, type Target } from '../../functions/ops/national-data.js';
import { FIXTURE_2027 } from '../fixtures/calendar-2027.js';
import { createTestApp, type TestApp } from '../support/services.js';

/**
 * One file of national data into every stack (issue 11 item 3): through each stack's API with that
 * stack's hr officer, audited there, idempotent by the file's version, and what a city keeps itself
 * (its filing window) survives. Two real apps on their own tables stand for two city stacks.
 */
const stacks: Record<string, { t: TestApp; token: string }> = {};
const targets: Target[] = [
  { tenant: '430100', url: 'https://cs.example.gov.cn', tokenEnv: 'TOKEN_430100' },
  { tenant: '430200', url: 'https://zz.example.gov.cn', tokenEnv: 'TOKEN_430200' },
];
const hostOf: Record<string, string> = { 'cs.example.gov.cn': '430100', 'zz.example.gov.cn': '430200' };

beforeAll(async () => {
  const hr = DEMO_USERS.find((u) => u.id === 'hr-officer')!;
  for (const tenant of ['430100', '430200']) {
    const t = await createTestApp({ tenant });
    stacks[tenant] = { t, token: await t.issuer.issue({ ...hr, tenant, organisation: `hr-${tenant}` }) };
  }
});

const fetchVia = async (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => {
  const u = new URL(url);
  return stacks[hostOf[u.host]!]!.t.app.request(u.pathname + u.search, init);
};
const run = (
  data: NationalData,
  tokens: Record<string, string | undefined> = { TOKEN_430100: stacks['430100']!.token, TOKEN_430200: stacks['430200']!.token },
) => loadNationalData(data, targets, { fetch: fetchVia, token: (t) => tokens[t.tokenEnv] });

const DATA: NationalData = NationalDataSchema.parse({
  version: '2027.1',
  reason: '载入2027年放假安排及公需科目主题（测试数据）',
  calendars: [FIXTURE_2027],
  policies: [{ year: 2027, settings: { publicThemes: ['测试主题甲', '测试主题乙'] }, source: '测试用政策（非官方）' }],
});

async function api(tenant: string, method: string, path: string, body?: unknown) {
  const { t, token } = stacks[tenant]!;
  const res = await t.app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('loading a year of national data into every stack', () => {
  it('refuses a token of one stack in another, so each stack needs its own hr officer', async () => {
    const crossed = await run(DATA, { TOKEN_430100: stacks['430200']!.token, TOKEN_430200: undefined });
    expect(crossed.map((r) => r.items[0]!.outcome)).toEqual(['failed', 'failed']);
    // Another stack's issuer signed it: refused before any write.
    expect(crossed[0]!.items[0]!.detail).toMatch(/HTTP 40[13]/);
    expect(crossed[1]!.items[0]!.detail).toContain('TOKEN_430200');
  });

  it('loads the calendar and the themes into each stack, audited there, keeping what the city keeps itself', async () => {
    // 株洲 keeps its own filing window for 2027 first.
    const own = await api('430200', 'PUT', '/v1/rules/policy/2027', {
      settings: { filingWindow: { from: '06-01', to: '06-30' } },
      source: '株人社发〔2026〕1号',
      reason: '本市受理期',
      expectedVersion: 0,
    });
    expect(own.status).toBe(200);

    const reports = await run(DATA);
    for (const r of reports) {
      expect(r.items.map((i) => [i.what, i.outcome])).toEqual([
        ['2027年放假安排', 'loaded'],
        ['2027年度政策', 'loaded'],
      ]);
      expect(r.holds).toEqual([{ year: 2027, calendar: '2027.1', policy: '2027.1' }]);
    }
    for (const tenant of ['430100', '430200']) {
      const end = await api(tenant, 'GET', '/v1/public/calendar/notice-end?start=2026-12-28&workingDays=5');
      expect(end.body).toMatchObject({ endDate: '2027-01-04', calendarComplete: true });
      const history = (await api(tenant, 'GET', '/v1/rules/years/2027/history')).body.items;
      expect(history[0]).toMatchObject({ actor: 'hr-officer', reason: DATA.reason });
    }
    const zz = (await api('430200', 'GET', '/v1/rules/years')).body.years.find((y: { year: number }) => y.year === 2027).policy;
    expect(zz).toMatchObject({ publicThemes: ['测试主题甲', '测试主题乙'], filingWindow: { from: '06-01', to: '06-30' } });
  });

  it('a second run of the same version changes nothing and writes no audit event', async () => {
    const before = (await api('430100', 'GET', '/v1/rules/years/2027/history')).body.items.length;
    const reports = await run(DATA);
    expect(reports.flatMap((r) => r.items.map((i) => i.outcome))).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect((await api('430100', 'GET', '/v1/rules/years/2027/history')).body.items).toHaveLength(before);
  });

  it("a file that fails a stack's checks is reported with the stack's reason and leaves that year as it was", async () => {
    const broken = NationalDataSchema.safeParse({ ...DATA, version: '2027.2', calendars: [{ ...FIXTURE_2027, workdays: ['2027-03-03'] }] });
    expect(broken.success).toBe(false);
    // A file that passes locally but a stack has moved on from: a stale version is refused there (409).
    await api('430100', 'PUT', '/v1/rules/calendar/2027', { ...FIXTURE_2027, reason: '本地更正', expectedVersion: 1 });
    const reports = await loadNationalData({ ...DATA, version: '2027.2' }, targets, {
      fetch: async (url, init) => {
        // The first stack answers as if someone changed the year between the read and the write.
        if (init?.method === 'PUT' && url.includes('cs.example') && url.includes('calendar')) {
          return {
            status: 409,
            json: async () => ({ error: { code: 'conflict', message: '该年度规则已被他人修改，请刷新后重试', details: [] } }),
          };
        }
        return fetchVia(url, init);
      },
      token: (t) => stacks[t.tenant]!.token,
    });
    expect(reports[0]!.items[0]).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('409') });
    expect(reports[1]!.items[0]).toMatchObject({ outcome: 'loaded' });
  });
});

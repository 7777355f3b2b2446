import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const preview = (body: unknown) =>
  t.app.request('/v1/hours/preview', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

interface Preview {
  years: {
    year: number;
    publicHours: number;
    professionalHours: number;
    totalHours: number;
    compliant: boolean;
    items: { activityId: string; rule: string; hours: number; note: string }[];
  }[];
  rejected: { activityId: string; code: string; message: string }[];
}

describe('POST /v1/hours/preview', () => {
  it('computes hours without a login, with the rule and the arithmetic for each item', async () => {
    const res = await preview({
      activities: [
        { kind: 'training', date: '2022-05-20', category: 'professional', days: 3, halfDays: 1, evenings: 2 },
        { id: 'p1', kind: 'paper', date: '2022-09-01', authorRole: 'sole_or_first', domesticCN: true },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Preview;
    expect(body.years).toHaveLength(1);
    const [y] = body.years;
    expect(y).toMatchObject({ year: 2022, professionalHours: 68, publicHours: 0, totalHours: 68, compliant: false });
    expect(y!.items.map((i) => [i.activityId, i.rule, i.hours])).toEqual(
      expect.arrayContaining([
        ['#0', 'C1', 38],
        ['p1', 'C3b', 30],
      ]),
    );
    expect(y!.items.find((i) => i.activityId === '#0')!.note).toContain('3×10+1×4+2×2=38');
  });

  it('fills every year of the span, ascending, and rejects activities outside it', async () => {
    const res = await preview({
      activities: [{ kind: 'computer_exam', date: '2017-06-01', modules: 1 }],
      span: { from: 2018, to: 2020 },
    });
    const body = (await res.json()) as Preview;
    expect(body.years.map((y) => [y.year, y.totalHours, y.compliant])).toEqual([
      [2018, 0, false],
      [2019, 0, false],
      [2020, 0, false],
    ]);
    expect(body.rejected).toEqual([expect.objectContaining({ activityId: '#0', code: 'outside_span' })]);
  });

  it('answers bad input with 400 and the path of each problem, in zh-CN', async () => {
    const res = await preview({
      activities: [
        { kind: 'online_course', date: '2021-02-30', category: 'public', hours: 1.25 },
        { kind: 'training', date: '2021-03-01', category: 'public' },
        { kind: 'spaceflight', date: '2021-03-01' },
      ],
      span: { from: 2022, to: 2018 },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string; message: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['activities.0.date', 'activities.0.hours', 'activities.2.kind']));
    expect(paths.some((p) => p.startsWith('activities.1'))).toBe(true);
    expect(paths.some((p) => p.startsWith('span'))).toBe(true);
    for (const d of body.error.details) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it.each([1e-9, 0.100000001])('refuses online hours %s (not exactly one decimal) with 400', async (hours) => {
    const res = await preview({ activities: [{ kind: 'online_course', date: '2022-03-01', category: 'public', hours }] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path)).toEqual(['activities.0.hours']);
  });

  it('refuses an aid assignment over more than 50 calendar years with 400 (it would answer 201 years)', async () => {
    const res = await preview({
      activities: [
        { kind: 'aid_assignment', startDate: '1900-01-01', endDate: '2100-12-31', assessmentPassed: true, provincialOrAbove: true },
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path)).toEqual(['activities.0.endDate']);
  });

  it('answers the largest body the contract allows (1,000 activities, every field at its maximum) instead of 413', async () => {
    // Control characters are valid in these strings and JSON.stringify writes each as a 6-byte \u escape.
    const long = (n: number, i: number) => String.fromCharCode(1 + (i % 30)).repeat(n);
    const activities = Array.from({ length: 1000 }, (_, i) => ({
      id: `${String(i).padStart(4, '0')}${long(96, i)}`,
      kind: 'overseas_exchange',
      date: '2023-06-01',
      title: long(200, i),
      provider: long(200, i + 1),
      category: 'professional',
      theme: long(100, i + 2),
      days: 1000,
      halfDays: 1000,
      evenings: 1000,
    }));
    const body = JSON.stringify({ activities, span: { from: 2018, to: 2067 } });
    expect(Buffer.byteLength(body)).toBeGreaterThan(3 * 1024 * 1024);
    const res = await t.app.request('/v1/hours/preview', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Preview).years).toHaveLength(50);
  });

  it('states its limits in the OpenAPI document: activities, field lengths, body size and the measured cost', async () => {
    const doc = (await (await t.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, { post?: { description?: string } }>;
      components: { schemas: Record<string, { properties?: Record<string, { maxItems?: number }> }> };
    };
    const description = doc.paths['/v1/hours/preview']!.post!.description!;
    expect(description).toContain('1000');
    expect(description).toContain('4 MB');
    expect(description).toMatch(/CPU/);
    expect(doc.components.schemas.PreviewRequest!.properties!.activities!.maxItems).toBe(1000);
  });

  it('refuses more than 1,000 activities with 400', async () => {
    const activities = Array.from({ length: 1001 }, () => ({ kind: 'computer_exam', date: '2022-01-01', modules: 1 }));
    const res = await preview({ activities });
    expect(res.status).toBe(400);
  });

  it('is documented in the OpenAPI document with an example', async () => {
    const doc = (await (await t.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { example?: unknown }> };
    };
    expect(doc.paths['/v1/hours/preview']?.post).toBeDefined();
    expect(doc.components.schemas.PreviewRequest?.example).toBeDefined();
  });
});

describe('GET /v1/public/calendar/notice-end', () => {
  const get = async (qs: string) => {
    const res = await t.app.request(`/v1/public/calendar/notice-end?${qs}`);
    return { status: res.status, body: (await res.json()) as any };
  };

  it('ends a notice starting Monday 2023-05-08 on Friday 2023-05-12 (rules §5)', async () => {
    expect(await get('start=2023-05-08&workingDays=5')).toEqual({
      status: 200,
      body: { start: '2023-05-08', endDate: '2023-05-12', workingDays: 5, calendarComplete: true, yearsWithoutOfficialData: [] },
    });
  });

  it('skips the National Day holiday and counts the adjusted working Saturday', async () => {
    // 2023: 29 Sep – 6 Oct off; Sat 7 Oct and Sun 8 Oct are working days.
    const { body } = await get('start=2023-09-28&workingDays=5');
    expect(body.endDate).toBe('2023-10-10');
  });

  it('falls back to weekends and says so for a year without official data', async () => {
    const { body } = await get('start=2099-02-02&workingDays=5');
    expect(body).toMatchObject({ endDate: '2099-02-06', calendarComplete: false });
  });

  it('defaults to 5 working days and rejects a date that does not exist', async () => {
    expect((await get('start=2023-05-08')).body.endDate).toBe('2023-05-12');
    const bad = await get('start=2023-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toContain('start');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { nameSortKey } from '../../shared/name-order.js';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const { call } = caller(() => t);

const pinyin = new Intl.Collator('zh-CN');

describe('pinyin sort keys', () => {
  it('order names as Intl.Collator(zh-CN) does, where code points do not', () => {
    const names = ['张伟', '阿布都·热合曼', '李娜', '欧阳明', '王芳', '刘洋', '陈洁', '赵磊', '许晴', 'Anna'];
    const byKey = [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));
    expect(byKey).toEqual([...names].sort(pinyin.compare));
    expect([...names].sort()).not.toEqual(byKey);
  });
});

describe('人员名单 (issue 14 item 7)', () => {
  beforeAll(async () => {
    for (const [i, name] of ['周大', '阿明', '白云'].entries()) {
      const first17 = `4301021990010110${i}`;
      const res = await call('clerk-hospital', 'POST', '/v1/people', {
        idNumber: first17 + residentIdCheckChar(first17),
        name,
        unitId: 'unit-hospital',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it('lists a unit in pinyin order with its total, this year’s hours for everyone, 无记录 included', async () => {
    const res = await call('clerk-hospital', 'GET', `/v1/people?year=${new Date().getFullYear()}&limit=50`);
    expect(res.status).toBe(200);
    const names = res.body.items.map((p: any) => p.name);
    expect(names).toEqual([...names].sort(pinyin.compare));
    expect(names.slice(0, 2)).toEqual(['阿明', '白云']);
    expect(res.body.total).toBe(names.length);
    // The newcomers have no book this year: listed, without a year.
    expect(res.body.items.find((p: any) => p.name === '阿明').year).toBeUndefined();
  });

  it('opens the hr office on every unit (全部单位), paged by cursor without repeats', async () => {
    const seen: string[] = [];
    const units = new Set<string>();
    let cursor: string | null | undefined;
    let pages = 0;
    let total: number | undefined;
    do {
      const res = await call('hr-officer', 'GET', `/v1/people?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      // The total is the hr office's maintained people count (one item), the same on every page.
      total ??= res.body.total;
      expect(res.body.total).toBe(total);
      seen.push(...res.body.items.map((p: any) => p.id));
      for (const p of res.body.items) units.add(p.unitId);
      cursor = res.body.cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(units.size).toBeGreaterThanOrEqual(4);
    // Every person of the hospital is among them.
    const hospital = await call('hr-officer', 'GET', '/v1/people?unitId=unit-hospital&limit=200');
    for (const p of hospital.body.items) expect(seen).toContain(p.id);
  });

  it('needs a unit to filter by compliance, and refuses a cursor of another query', async () => {
    const res = await call('hr-officer', 'GET', `/v1/people?year=2022&compliance=short`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unit_required');
    const school = await call('hr-officer', 'GET', '/v1/people?unitId=unit-school&limit=1');
    const foreign = await call('hr-officer', 'GET', `/v1/people?limit=1&cursor=${encodeURIComponent(school.body.cursor)}`);
    // A cursor of one unit's list is no place in 全部单位 (which pairs a page of units with a place in it).
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('invalid_cursor');
    const clerk = await call('clerk-hospital', 'GET', `/v1/people?limit=1&cursor=${encodeURIComponent(school.body.cursor)}`);
    expect(clerk.status).toBe(400);
  });
});

/**
 * Issue 14 item 4: a unit is chosen by name, never by a code passed on by phone. A clerk, who may not
 * list other units, finds the receiving unit of a transfer by name, and sees past units by name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { caller, createTestApp, type TestApp } from '../support/services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-10-12T02:00:00Z') });
});
const { call, ok } = caller(() => t);

describe('finding a unit by name', () => {
  it('answers units of the tenant whose name contains the text, with their department, to any staff role', async () => {
    const found = await ok('clerk-hospital', 'GET', `/v1/units/lookup?q=${encodeURIComponent('第一中学')}`);
    expect(found.items).toEqual([{ id: 'unit-school', name: '长沙市第一中学', parentName: '长沙市教育局' }]);
    expect((await ok('clerk-hospital', 'GET', `/v1/units/lookup?q=${encodeURIComponent('教育局')}`)).items).toEqual([]); // units only
    expect((await call('clerk-hospital', 'GET', '/v1/units/lookup?q=')).status).toBe(400);
    expect((await call('person-zhangwei', 'GET', `/v1/units/lookup?q=${encodeURIComponent('医院')}`)).status).toBe(403);
    expect((await call(null, 'GET', `/v1/units/lookup?q=${encodeURIComponent('医院')}`)).status).toBe(401);
  });

  it('moves a person to the unit picked by name, and its unit history names the unit', async () => {
    const target = (await ok('clerk-hospital', 'GET', `/v1/units/lookup?q=${encodeURIComponent('第一中学')}`)).items[0];
    const before = await ok('clerk-hospital', 'GET', '/v1/people/person-lina');
    await ok('clerk-hospital', 'POST', '/v1/people/person-lina/transfer', {
      toUnitId: target.id,
      version: before.person.version,
      reason: '工作调动',
    });
    const after = await ok('clerk-school', 'GET', '/v1/people/person-lina');
    expect(after.unitName).toBe('长沙市第一中学');
    expect(after.unitHistory.at(-1)).toMatchObject({ unitId: 'unit-school', unitName: '长沙市第一中学', reason: '工作调动' });
    expect(after.unitHistory.every((h: any) => h.unitName.length > 0)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { MENU_GROUPS, menuItemsFor, menuKeyOf } from '../../web/src/app/roles.js';

/** Issue 14 item 3: the side menu by task, only what the role uses, public pages in their own group. */
describe('the side menu', () => {
  const labels = (role: Parameters<typeof menuItemsFor>[0]) =>
    menuItemsFor(role).map((i) => (i.children ? `${i.label}: ${i.children.map((c) => c.label).join(' ')}` : i.label));

  it('groups the hr office’s screens by task, in the groups’ order, public pages last', () => {
    expect(labels('hr_officer')).toEqual([
      '工作台',
      '登记管理: 人员名单 Excel导入 培训备案 施教机构',
      '学时核认: 核认申请 公示管理 报送与备案',
      '统计: 达标统计 Excel导出',
      '系统管理: 组织与账号 年度规则',
      '公共服务: 学时计算器 核认公示 认定单核验 基地接口文档',
    ]);
    expect(
      menuItemsFor('hr_officer')
        .filter((i) => i.children)
        .map((i) => i.label),
    ).toEqual([...MENU_GROUPS]);
  });

  it('shows a person their book and the public pages they use, not the base-API guide', () => {
    expect(labels('person')).toEqual(['我的登记手册', '公共服务: 学时计算器 核认公示 认定单核验']);
  });

  it('shows a unit clerk no hr-office screens, and the signed-out visitor only the public pages', () => {
    const clerk = labels('unit_clerk').join('\n');
    expect(clerk).not.toContain('施教机构');
    expect(clerk).not.toContain('年度规则');
    expect(clerk).not.toContain('报送与备案');
    expect(labels(undefined)).toEqual(['公共服务: 学时计算器 核认公示 认定单核验 基地接口文档']);
  });

  it('marks the entry a page belongs to', () => {
    expect(menuKeyOf('/bases/b-1')).toBe('/bases');
    expect(menuKeyOf('/people/person-zhangwei', { role: 'person', userId: 'person-zhangwei' })).toBe('/me');
    expect(menuKeyOf('/nowhere')).toBeUndefined();
  });
});

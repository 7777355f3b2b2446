/**
 * Issue 13, Done-when 2: the hr office creates a department reviewer account, its holder signs in for
 * the first time with their own identity and the invitation binds it; the new account sees its own
 * scope; once disabled, it is refused on its next request.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from '../support/browser.js';
import { useBrowserStack } from '../support/stack.js';

const e2e = useBrowserStack();

const openOrganisation = async (page: Page, name: string) => {
  await page.goto(`${e2e.stack.url}/organisations`);
  await page.getByRole('tree', { name: '组织' }).getByText(name).first().click();
};

describe('accounts bound by invitation', () => {
  it('binds a new department reviewer at first sign-in, shows its scope, and refuses it once disabled', async () => {
    const hr = await e2e.browser.newPage();
    await signIn(hr, e2e.stack.url, '黄静（市人社局专技科）');
    await openOrganisation(hr, '长沙市卫生健康委员会');
    await hr.getByRole('button', { name: /新建账号/ }).click();
    const dialog = hr.getByRole('dialog', { name: /新建账号/ });
    await dialog.getByPlaceholder('如 zhang.min').fill('qian.jin');
    await dialog.getByLabel('姓名').fill('钱进');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const code = (await hr.getByTestId('invitation-code').textContent({ timeout: 20_000 }))!.trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await hr.getByRole('button', { name: '我已记下' }).click();
    const accounts = hr.getByRole('table', { name: '长沙市卫生健康委员会的账号' });
    await expect.poll(() => accounts.getByRole('row', { name: /qian\.jin/ }).textContent()).toContain('待首次登录');

    // The holder signs in with an identity of their own, which has no account here yet.
    const newcomer = await e2e.browser.newPage();
    await newcomer.goto(`${e2e.stack.url}/organisations`);
    await newcomer.waitForURL('**/oidc/interaction/**');
    await newcomer.getByText('以新身份登录（模拟首次登录').click();
    await newcomer.getByLabel('新身份姓名').fill('钱进');
    await newcomer.getByRole('button', { name: '以新身份登录' }).click();
    await newcomer.getByLabel('邀请码').waitFor({ timeout: 20_000 });
    // A wrong code is refused with a clear message; the right one binds.
    await newcomer.getByLabel('邀请码').fill('AAAA-BBBB-CCCC');
    await newcomer.getByRole('button', { name: /绑定账号/ }).click();
    await expect.poll(() => newcomer.locator('body').textContent()).toContain('邀请码无效或已过期');
    await newcomer.getByLabel('邀请码').fill(code);
    await newcomer.getByRole('button', { name: /绑定账号/ }).click();
    await expect.poll(() => newcomer.getByTestId('current-user').textContent(), { timeout: 20_000 }).toContain('钱进 · 主管部门审核人');
    // Its own scope: the health department's tree, not the education bureau's.
    const tree = newcomer.getByRole('tree', { name: '组织' });
    await expect.poll(() => tree.textContent()).toContain('长沙市中心医院');
    expect(await tree.textContent()).not.toContain('长沙市教育局');

    // The code was good once: the hr office sees the account bound and active.
    await hr.reload();
    await openOrganisation(hr, '长沙市卫生健康委员会');
    await expect.poll(() => accounts.getByRole('row', { name: /qian\.jin/ }).textContent()).toContain('已启用');

    // Disabled: the next request of the signed-in account is refused, whatever its token says.
    await accounts.getByRole('button', { name: '停用 qian.jin' }).click();
    await hr
      .getByRole('button', { name: /^停\s*用$/ })
      .last()
      .click();
    await expect.poll(() => accounts.getByRole('row', { name: /qian\.jin/ }).textContent()).toContain('已停用');
    await newcomer.getByRole('menu', { name: '主菜单' }).getByText('工作台').click();
    await expect.poll(() => newcomer.locator('body').textContent(), { timeout: 20_000 }).toContain('该账号已停用');
    await hr.close();
    await newcomer.close();
  }, 150_000);
});

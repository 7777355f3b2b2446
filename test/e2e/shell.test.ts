import { describe, expect, it } from 'vitest';
import { useBrowserStack } from '../support/stack.js';

const e2e = useBrowserStack();

describe('site shell', () => {
  it('signs in as a demo unit clerk and shows the role menu and the clerk’s own unit', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.stack.url}/`);
    // The local OpenID provider's login page (test/e2e/sign-in.test.ts checks the redirects themselves).
    await page.waitForURL('**/oidc/interaction/**');
    await page.getByRole('button', { name: '以 周敏（医院经办人） 登录' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('单位经办人');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await expect.poll(() => menu.textContent()).toContain('工作台');
    await expect.poll(() => page.getByRole('cell', { name: '长沙市中心医院' }).count()).toBe(1);
    // Scoped: another unit of the tenant is not listed for this clerk.
    expect(await page.getByRole('cell', { name: '长沙市第一中学' }).count()).toBe(0);
    await page.close();
  });

  it('serves the API docs page with its assets from the same origin', async () => {
    const page = await e2e.browser.newPage();
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(e2e.stack.url)) external.push(r.url());
    });
    await page.goto(`${e2e.stack.url}/v1/docs`);
    await expect.poll(() => page.locator('.swagger-ui .info .title').textContent()).toContain('学时通 API');
    expect(external).toEqual([]);
    await page.close();
  });
});

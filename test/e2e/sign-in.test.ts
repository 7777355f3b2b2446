/**
 * Issue 13, Done-when 1: the site signs in with OpenID Connect through the local provider of the local
 * stack, exactly as deployed — the real redirects, code + PKCE, the page first asked for kept, renewal,
 * sign-out ending the provider's session too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserStack } from '../support/stack.js';

const e2e = useBrowserStack();

const oidcUser = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
    return key ? { key, user: JSON.parse(sessionStorage.getItem(key)!) as { id_token: string; refresh_token?: string } } : undefined;
  });

async function signInFrom(page: Page, path: string, account: string): Promise<URL> {
  const authorize: URL[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${e2e.stack.oidcIssuer}/auth`)) authorize.push(new URL(r.url()));
  });
  await page.goto(`${e2e.stack.url}${path}`);
  await page.waitForURL('**/oidc/interaction/**');
  await page.getByRole('button', { name: `以 ${account} 登录` }).click();
  await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: 20_000 }).toContain(account);
  expect(authorize.length).toBeGreaterThan(0);
  return authorize[0]!;
}

// Each test goes through the provider's redirects more than once: the other browser tests' 90 s, not the 30 s default.
describe('signing in with OpenID Connect (local provider)', { timeout: 90_000 }, () => {
  it('redirects a protected page to the authorization endpoint with PKCE and returns to it signed in', async () => {
    const page = await e2e.browser.newPage();
    const authorize = await signInFrom(page, '/people?year=2025', '吴刚（医院审核人）');
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('client_id')).toBe('xueshi-portal');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${e2e.stack.url}/auth/callback`);
    // Back on the page first asked for, with its query, signed in with that account's name and menu.
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/people?year=2025');
    expect(await page.getByTestId('current-user').textContent()).toContain('单位审核人');
    await expect.poll(() => page.getByRole('menu', { name: '主菜单' }).textContent()).toContain('人员');
    // The tokens stay in this tab (sessionStorage); nothing of the session in localStorage.
    expect((await oidcUser(page))?.user.refresh_token).toBeTruthy();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('oidc.')))).toEqual([]);
    await page.close();
  });

  it('renews a session the API no longer accepts with the refresh token, on the same page', async () => {
    const page = await e2e.browser.newPage();
    await signInFrom(page, '/people', '周敏（医院经办人）');
    const before = (await oidcUser(page))!;
    // The ID token goes bad (as an expired one does): the next call gets 401 and the site renews.
    await page.evaluate(({ key, user }) => sessionStorage.setItem(key, JSON.stringify({ ...user, id_token: 'x.y.z' })), before);
    await page.reload();
    await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: 20_000 }).toContain('周敏');
    await expect.poll(async () => (await oidcUser(page))?.user.id_token).not.toBe('x.y.z');
    expect((await oidcUser(page))!.user.refresh_token).not.toBe(before.user.refresh_token); // rotated
    expect(new URL(page.url()).pathname).toBe('/people');
    await page.close();
  });

  it('asks to sign in again when the session cannot be renewed, and comes back to the same page', async () => {
    const page = await e2e.browser.newPage();
    await signInFrom(page, '/people?year=2024', '周敏（医院经办人）');
    const { key, user } = (await oidcUser(page))!;
    // No refresh token, a token the API refuses, and the provider's session gone: nothing can renew it.
    await page.evaluate(
      ({ key, user }) => sessionStorage.setItem(key, JSON.stringify({ ...user, id_token: 'x.y.z', refresh_token: undefined })),
      { key, user },
    );
    await page.context().clearCookies();
    await page.reload();
    await page.waitForURL('**/oidc/interaction/**');
    await page.getByRole('button', { name: '以 周敏（医院经办人） 登录' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: 20_000 }).toContain('周敏');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/people?year=2024');
    await page.close();
  });

  it('signs out of the site and of the provider', async () => {
    const page = await e2e.browser.newPage();
    await signInFrom(page, '/', '林涛（审计员）');
    await page.getByRole('button', { name: /^退\s*出$/ }).click();
    await page.waitForURL('**/signed-out');
    expect(await oidcUser(page)).toBeUndefined();
    // The provider's session ended too: a protected page asks who signs in instead of signing in silently.
    await page.goto(`${e2e.stack.url}/people`);
    await page.waitForURL('**/oidc/interaction/**');
    expect(await page.getByRole('button', { name: '以 林涛（审计员） 登录' }).count()).toBe(1);
    await page.close();
  });

  it('states the second-factor rule on the local login page, and that it is simulated', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.stack.url}/login`);
    await page.waitForURL('**/oidc/interaction/**');
    const text = await page.locator('body').textContent();
    expect(text).toContain('第二因素');
    expect(text).toContain('本地模式不验证真实的第二因素');
    await page.close();
  });
});

import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_USERS } from '../../functions/local/demo-data.js';

/**
 * Debian's Chromium driven by playwright-core (`npx playwright install` cannot download here).
 * Playwright gives each launch a fresh temporary profile. The background-networking flags keep Chromium from dialling out on a closed network.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Signs in through the real OpenID Connect flow: /login sends the browser to the local provider's
 * authorization endpoint (code + PKCE), its login page lists the local identities, one click returns
 * to the site; then waits for the shell to show the user.
 */
export async function signIn(page: Page, siteUrl: string, account: string): Promise<void> {
  await page.goto(`${siteUrl}/login`);
  await page.getByRole('button', { name: `以 ${account} 登录` }).click();
  await expect.poll(() => page.getByTestId('current-user').textContent()).toContain(account.replace(/（.*/, ''));
}

/**
 * A page in its own browser context (roles never share a session), signed in as a demo account by id
 * through the real OpenID Connect flow of the local provider.
 */
export async function signedInPage(browser: Browser, siteUrl: string, userId: string, options: BrowserContextOptions = {}): Promise<Page> {
  const user = DEMO_USERS.find((u) => u.id === userId);
  if (!user) throw new Error(`no demo account ${userId}`);
  const page = await (await browser.newContext(options)).newPage();
  await signIn(page, siteUrl, user.name);
  return page;
}

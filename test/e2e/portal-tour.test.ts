import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signedInPage } from '../support/browser.js';
import { findInternalIds, openScreen, TOUR_ACCOUNTS, tourScreens, visibleText } from '../support/menu-tour.js';
import { useBrowserStack } from '../support/stack.js';

const e2e = useBrowserStack();

async function scan(page: Page, path: string): Promise<string[]> {
  await openScreen(page, e2e.stack.url, path);
  return findInternalIds(await visibleText(page)).map((f) => `${path}: ${f}`);
}

describe('names, never codes (issue 14): every menu screen of every role', () => {
  it('finds the patterns it is meant to find', () => {
    const text =
      '所属组织 hr-430100 · 单位编号 unit-hospital（记录af7751）依据 C3b、ONLINE、C1 · person-zhangwei 0f8c2d4e-1b7a-4c1e-9a55-3c1d2e4f5a6b';
    expect(findInternalIds(text)).toHaveLength(8);
    // Figures, dates, masked IDs, years and certificate numbers are not ids.
    expect(
      findInternalIds('2026-12-06 4301**********123* 90学时 HN-430100-2026-000001 湘人社办函〔2023〕23号 第1批 0731-8000 0002'),
    ).toEqual([]);
  });

  for (const { role, userId } of TOUR_ACCOUNTS) {
    it(`${role}: no internal id or rule code on any screen of the menu`, async () => {
      const page = await signedInPage(e2e.browser, e2e.stack.url, userId, { viewport: { width: 1440, height: 900 } });
      const found: string[] = [];
      for (const screen of tourScreens(role)) found.push(...(await scan(page, screen.key)));
      await page.context().close();
      expect(found).toEqual([]);
    }, 300_000);
  }
});

describe('the public notices on a 390 px phone', () => {
  it('show the list and a notice without horizontal scrolling, numbered 第N批', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const [open] = await e2e.stack.deps.certification.listOpenNotices();
    expect(open?.batchNo).toBeGreaterThan(0);
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);

    await openScreen(page, e2e.stack.url, '/notices');
    expect(await visibleText(page)).toContain(`第${open!.batchNo}批`);
    expect(await width()).toBeLessThanOrEqual(390);

    await openScreen(page, e2e.stack.url, `/notices/${open!.id}`);
    expect(await visibleText(page)).toContain(`第${open!.batchNo}批（共${open!.applicationIds.length}人）`);
    expect(await width()).toBeLessThanOrEqual(390);
    expect(await scan(page, `/notices/${open!.id}`)).toEqual([]);
    await context.close();
  }, 90_000);

  it('prints the notice with its number, a QR code and a short address on one line', async () => {
    const page = await e2e.browser.newPage();
    const [open] = await e2e.stack.deps.certification.listOpenNotices();
    await openScreen(page, e2e.stack.url, `/notices/${open!.id}/print`);
    const online = page.getByTestId('notice-online');
    expect(await online.locator('svg').count()).toBe(1);
    expect(await online.innerText()).toContain(`第${open!.batchNo}批`);
    const address = page.getByTestId('notice-short-address');
    expect(await address.innerText()).toBe(`${new URL(e2e.stack.url).host}/notices`);
    // One line: the short address is never broken inside.
    const box = await address.boundingBox();
    expect(box!.height).toBeLessThan(30);
    expect(await page.locator('.a4-sheet').innerText()).not.toContain(open!.id);
    await page.close();
  }, 90_000);
});

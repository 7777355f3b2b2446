import type { Page } from 'playwright-core';
import type { Role } from '../../shared/contract.js';
import { DEMO_USERS } from '../../functions/local/demo-data.js';
import { menuFor } from '../../web/src/app/roles.js';

/** One demo account per role: the accounts a reviewer of the portal would sign in with. */
export const TOUR_ACCOUNTS: readonly { role: Role; userId: string }[] = [
  { role: 'person', userId: 'person-zhangwei' },
  { role: 'unit_clerk', userId: 'clerk-hospital' },
  { role: 'unit_reviewer', userId: 'reviewer-hospital' },
  { role: 'dept_reviewer', userId: 'reviewer-health' },
  { role: 'hr_officer', userId: 'hr-officer' },
  { role: 'auditor', userId: 'auditor' },
];

export function demoUser(userId: string) {
  const user = DEMO_USERS.find((u) => u.id === userId);
  if (!user) throw new Error(`no demo account ${userId}`);
  return user;
}

/** The screens of a role's side menu (web/src/app/roles.ts), in menu order: what the tour visits. */
export function tourScreens(role: Role | undefined): { key: string; label: string }[] {
  return menuFor(role).map(({ key, label }) => ({ key, label }));
}

/**
 * Opens one menu screen and waits until it has settled: no loading indicator of the shell or of antd
 * (spinners, skeletons) left, and the network quiet, so what is read or photographed is the screen's
 * real content rather than its placeholder.
 */
export async function openScreen(page: Page, siteUrl: string, path: string): Promise<void> {
  await page.goto(`${siteUrl}${path}`);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(
      () =>
        !document.querySelector(
          '[role="status"][aria-label="加载中"], .ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin',
        ),
      undefined,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  // antd animates menus and tables in; a still frame reads (and photographs) the final state.
  await page.waitForTimeout(300);
}

/**
 * Internal identifiers a screen must never show (issue 14: organisations by name, rules as Chinese
 * citations, records by title). Each pattern names what it catches, for the failure message.
 */
export const INTERNAL_ID_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  // (A file name such as base-client.ts is not an id: a following extension excludes it. Login names
  // an administrator chose, such as hr-officer, are the account's own name and may be shown.)
  { name: 'organisation id', pattern: /\b(?:(?:unit|dept|base)-[a-z0-9][a-z0-9-]*|hr-\d{6})\b(?!\.[a-z])/g },
  { name: 'person key', pattern: /\bperson-[a-z][a-z0-9-]*\b(?!\.[a-z])/g },
  { name: 'uuid', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi },
  { name: 'hex record id', pattern: /(?<![0-9A-Za-z-])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{6,}(?![0-9A-Za-z-])/g },
  { name: 'rule code', pattern: /(?<![A-Za-z0-9])(?:C[1-9][ab]?|ONLINE)(?![A-Za-z0-9])/g },
];

/** The internal ids in a screen's visible text, with a little context each. */
export function findInternalIds(text: string): string[] {
  const found: string[] = [];
  for (const { name, pattern } of INTERNAL_ID_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index ?? 0;
      found.push(`${name} “${m[0]}” in “…${text.slice(Math.max(0, at - 20), at + m[0].length + 20).replace(/\s+/g, ' ')}…”`);
    }
  }
  return found;
}

/**
 * The text a user sees on the page: visible text nodes only, code samples (`<pre>`, the base-API
 * guide's examples) left out — an example request is documentation, not a record shown by its key.
 */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('pre, script, style, noscript')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const text = node.textContent?.trim();
      if (text) parts.push(text);
    }
    return parts.join('\n');
  });
}

/**
 * Issue 14 item 2: each role's workbench shows the to-do counts of the demo data — the same numbers the
 * lists themselves hold — and each card opens the list it counts, already filtered.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../functions/local/demo-data.js';
import type { WorkbenchCard } from '../../shared/workbench.js';
import { cardView } from '../../web/src/features/home/workbench-cards.js';
import { signedInPage } from '../support/browser.js';
import { stackCaller } from '../support/requests.js';
import { useBrowserStack } from '../support/stack.js';

const e2e = useBrowserStack();

const { ok } = stackCaller(() => e2e.stack.url);
const api = (user: string, path: string) => ok(user, 'GET', path);

/** What the list behind a card holds, read through the list's own API. */
async function listed(user: string, card: WorkbenchCard, year: number, orgId: string): Promise<number | undefined> {
  if (card.startsWith('applications_')) {
    const body = await api(user, `/v1/applications?state=${card.slice('applications_'.length)}&limit=200`);
    return body.items.length;
  }
  if (card === 'batches_submitted') return (await api(user, '/v1/batches?status=submitted')).items.length;
  if (card === 'own_entries') return (await api(user, `/v1/units/${orgId}/own-entries?limit=200`).catch(() => undefined))?.items.length;
  if (card === 'shortfall') {
    const stats = await api(user, `/v1/statistics/compliance?org=${orgId}`);
    const y = stats.organisation.years.find((x: { year: number }) => x.year === year);
    return y ? y.short + y.noRecord : stats.organisation.people;
  }
  return undefined;
}

const ROLES = ['clerk-hospital', 'reviewer-hospital', 'reviewer-health', 'hr-officer', 'auditor'];

describe('the workbench', () => {
  it.each(ROLES)(
    'of %s shows the demo data’s counts, and its cards open the filtered lists',
    async (userId) => {
      const user = DEMO_USERS.find((u) => u.id === userId)!;
      const bench = await api(userId, '/v1/workbench');
      expect(bench.cards.length).toBeGreaterThan(0);
      for (const { card, count } of bench.cards as { card: WorkbenchCard; count: number }[]) {
        const expected = await listed(userId, card, bench.year, user.organisation);
        if (expected !== undefined) expect(count, card).toBe(expected);
      }

      const page = await signedInPage(e2e.browser, e2e.stack.url, userId);
      page.setDefaultTimeout(20_000);
      await page.goto(`${e2e.stack.url}/`);
      const principal = { userId, name: user.name, role: user.role, orgId: user.organisation, tenant: '430100' } as const;
      for (const { card, count } of bench.cards as { card: WorkbenchCard; count: number }[]) {
        const view = cardView(card, principal, bench.year);
        await page.getByRole('link', { name: `${view.title}：${count}${view.unit}` }).waitFor();
      }
      // Every card opens its list with the filter in the address, and the list honours it.
      for (const { card } of bench.cards as { card: WorkbenchCard }[]) {
        const view = cardView(card, principal, bench.year);
        await page.goto(`${e2e.stack.url}/`);
        await page.getByRole('link', { name: new RegExp(`^${view.title}：`) }).click();
        await page.waitForURL((url) => `${url.pathname}${url.search}` === view.to);
        if (card.startsWith('applications_')) {
          // The inbox opens on the card's state: its tab is the selected one.
          const state = card.slice('applications_'.length);
          await expect.poll(() => page.url()).toContain(`state=${state}`);
          await page.getByRole('tab', { selected: true }).waitFor();
        }
      }
      await page.context().close();
    },
    180_000,
  );
});

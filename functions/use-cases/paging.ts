import type { Page } from '../ports/records.js';

/**
 * Every item of a paged read, page after page. For jobs, and for reads bounded by what they show
 * (a unit's people, an organisation's children) — never for a read that grows with the tenant.
 */
export async function everyItem<T>(read: (page: { cursor?: string }) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor ? { cursor } : {});
    items.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return items;
}

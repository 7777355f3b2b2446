import dayjs from 'dayjs';
import * as z from 'zod';

/**
 * The people list's URL state (`/people?unit=…&year=…&compliance=…`), validated like any input: a
 * hand-edited or stale link drops the bad parameter instead of breaking the page. The page cursor is
 * not part of it: cursors expire and belong to one query, so a link always opens on the first page. Nor
 * is a searched name or ID number: the page keeps them in its state and sends them in a POST body.
 */
export const PeopleSearchSchema = z
  .object({
    unit: z.string().trim().min(1).max(100).optional().catch(undefined),
    year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
    compliance: z.enum(['compliant', 'short']).optional().catch(undefined),
  })
  // Compliance is a property of a year: without one it means nothing (the API ignores it).
  .transform((s) => (s.year === undefined ? { ...s, compliance: undefined } : s));
export type PeopleSearch = z.infer<typeof PeopleSearchSchema>;

export function parsePeopleSearch(params: URLSearchParams): PeopleSearch {
  return PeopleSearchSchema.parse(Object.fromEntries(params));
}

export function toSearchParams(search: PeopleSearch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) if (value !== undefined) out[key] = String(value);
  return out;
}

/** The years a list can be filtered by: this year and the nine before it (a certification span is five). */
export function recentYears(now = dayjs()): number[] {
  return Array.from({ length: 10 }, (_, i) => now.year() - i);
}

import type { Organisation } from '../../../../shared/organisation.js';
import { api, type PeopleQuery, type PersonListItem } from '../../api/endpoints.js';

/** One unit's year: who meets 90 hours, who falls short, and who has no record at all that year. */
export interface UnitCompliance {
  unit: Organisation;
  compliant: number;
  short: PersonListItem[];
  /** People of the unit with no registration book for the year: short too, and easy to overlook. */
  noRecord: PersonListItem[];
}

const PAGE = 200;

async function all(query: PeopleQuery): Promise<PersonListItem[]> {
  const items: PersonListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.people({ ...query, cursor, limit: PAGE });
    items.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return items;
}

/**
 * Counts from the people list itself (`compliance=compliant|short` for the year, and the unit's whole
 * list for those with no book), so the dashboard shows what the list shows. Each unit costs a few
 * paged requests; a unit of thousands wants a summary endpoint instead (see the report).
 */
export async function loadUnitCompliance(unit: Organisation, year: number): Promise<UnitCompliance> {
  const [compliant, short, everyone] = await Promise.all([
    all({ unitId: unit.id, year, compliance: 'compliant' }),
    all({ unitId: unit.id, year, compliance: 'short' }),
    all({ unitId: unit.id }),
  ]);
  const withBook = new Set([...compliant, ...short].map((p) => p.id));
  return { unit, compliant: compliant.length, short, noRecord: everyone.filter((p) => !withBook.has(p.id)) };
}

/** Runs `task` over `items` with at most `limit` at a time, keeping the order of `items`. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

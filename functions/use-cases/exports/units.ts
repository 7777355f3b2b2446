import type { Organisation } from '../../../shared/organisation.js';
import type { OrganisationRepository } from '../../ports/organisations.js';
import { unitsWithin } from '../list-organisations.js';

/** Units handed to the run per step: it reports progress per unit and never holds more than a page of people. */
const UNIT_PAGE = 100;
const byName = new Intl.Collator('zh-CN');

/**
 * The export's organisation and the units under it, in pinyin order of their names. The units are
 * collected a page of the subtree at a time (a city's tens of thousands of organisations are a few
 * hundred KB of ids and names, which the job may hold; a request never does this). Runs in the
 * export job only, never on a request path.
 */
export async function unitsUnder(
  deps: { organisations: OrganisationRepository },
  orgId: string,
): Promise<{ org: Organisation; total: number; pages: () => AsyncGenerator<Organisation[]> } | undefined> {
  const org = await deps.organisations.get(orgId);
  if (!org) return undefined;
  const units = await unitsWithin(deps.organisations, org);
  units.sort((a, b) => byName.compare(a.name, b.name));
  return {
    org,
    total: units.length,
    pages: async function* () {
      for (let i = 0; i < units.length; i += UNIT_PAGE) yield units.slice(i, i + UNIT_PAGE);
    },
  };
}

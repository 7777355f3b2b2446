import { isWithin, type Organisation } from '../../../shared/organisation.js';
import type { OrganisationRepository } from '../../ports/organisations.js';

/** Units handed to the run per step: it reports progress per unit and never holds more than a page of people. */
const UNIT_PAGE = 100;
const byName = new Intl.Collator('zh-CN');

/**
 * The export's organisation and the units under it, in pinyin order of their names, a page at a
 * time. The organisation repository offers the tenant's tree as one read today (it is one partition);
 * this is the one place an export asks for units, so a paged lookup of an organisation's descendants
 * replaces that read here alone. Runs in the export job only, never on a request path.
 */
export async function unitsUnder(
  deps: { organisations: OrganisationRepository },
  orgId: string,
): Promise<{ org: Organisation; total: number; pages: () => AsyncGenerator<Organisation[]> } | undefined> {
  const all = await deps.organisations.listAll();
  const org = all.find((o) => o.id === orgId);
  if (!org) return undefined;
  const units = all.filter((o) => o.kind === 'unit' && isWithin(org, o)).sort((a, b) => byName.compare(a.name, b.name));
  return {
    org,
    total: units.length,
    pages: async function* () {
      for (let i = 0; i < units.length; i += UNIT_PAGE) yield units.slice(i, i + UNIT_PAGE);
    },
  };
}

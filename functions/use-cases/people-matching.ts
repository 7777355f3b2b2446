import type { Principal } from '../auth/principal.js';
import { ForbiddenError } from '../../shared/errors.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import { matchUnmatchedRecords, type MatchingDeps } from './base-records.js';
import { loadPersonInScope } from './scope.js';

/**
 * Runs the registration matching again for one person: after a failed attempt, or once the unit has
 * corrected a name that did not match the base's. Safe to repeat: only unmatched postings change.
 */
export async function rematchPerson(
  deps: MatchingDeps & { organisations: OrganisationRepository },
  principal: Principal,
  personId: string,
): Promise<number> {
  if (principal.role !== 'unit_clerk') throw new ForbiddenError('role_not_allowed', '只有单位经办人可以匹配记录');
  const { person } = await loadPersonInScope(deps, principal, personId);
  return matchUnmatchedRecords(deps, person);
}

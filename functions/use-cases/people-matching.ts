import type { Posting } from '../../shared/bases.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import type { Principal } from '../auth/principal.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { PeopleRepository } from '../ports/records.js';
import { auditBy } from './audit-event.js';
import { creditBaseRecord, matchUnmatchedRecords, type MatchingDeps } from './base-records.js';
import { recomputeBooks } from './recompute-books.js';
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

/**
 * The hr office resolves an unmatched record from its queue (rules §7): having checked with the base and
 * the unit that the record is this registered person's despite the name (a typo, a former name), it
 * credits it to the person registered under the record's resident ID, with a reason in the audit trail.
 */
export async function resolveUnmatchedRecord(
  deps: MatchingDeps & { people: PeopleRepository },
  principal: Principal,
  baseId: string,
  input: { externalId: string; reason: string },
): Promise<Posting> {
  if (principal.role !== 'hr_officer') throw new ForbiddenError('role_not_allowed', '只有人社部门可以处理待匹配记录');
  const posting = await deps.postings.get(baseId, input.externalId);
  if (!posting) throw new NotFoundError('record_not_found', '记录不存在');
  if (posting.status !== 'unmatched') throw new RuleViolationError('not_unmatched', '该记录已匹配');
  const personId = await deps.people.findIdByIdNumber(posting.record.idNumber);
  const person = personId ? await deps.people.get(personId) : undefined;
  if (!person) throw new RuleViolationError('person_not_registered', '该身份证号码尚无登记人员；人员登记后记录自动匹配');
  const year = Number(posting.record.endDate.slice(0, 4));
  const statuses = await deps.books.statuses([{ personId: person.id, year }]);
  const bookStatus = statuses.get(`${person.id}#${year}`);
  const { outcome, posting: stored } = await creditBaseRecord(deps, {
    posting,
    person,
    locked: bookStatus !== undefined && bookStatus !== 'open',
    mode: 'match',
    audit: (activity) =>
      auditBy(deps, principal, {
        entity: 'activity',
        entityId: activity.id,
        action: 'create',
        to: activity.status,
        reason: input.reason,
        after: activity,
      }),
  });
  if (outcome !== 'saved') throw new ConflictError('record_changed', '该记录已被他人处理，请刷新后重试');
  await recomputeBooks(deps, person.id);
  return stored;
}

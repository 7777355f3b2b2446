import { baseMayCredit, completionActivity, nameMismatch, outsideBaseUnits, sameName, type Posting } from '../../shared/bases.js';
import { attributedYears, type ActivityRecord, type AuditEvent } from '../../shared/records.js';
import type { Logger } from '../log.js';
import type { KnownPerson, PostingRepository } from '../ports/bases.js';
import type { RegistrationPublisher } from '../ports/province.js';
import { auditEvent, type AuditActor } from './audit-event.js';
import { recomputeBooks, type RecomputeDeps } from './recompute-books.js';

const MATCHING_ACTOR: AuditActor = { actor: 'system:matching', actorName: '系统（登记人员后自动匹配施教机构记录）', role: 'system' };

export interface BaseRecordDeps {
  postings: PostingRepository;
  clock: () => Date;
  newId: () => string;
}

/** The activity a credited posting becomes: same id as the posting, source `base_record`. */
function creditedActivity(posting: Posting, person: KnownPerson, status: 'active' | 'pending', actor: string, at: string): ActivityRecord {
  const activity = completionActivity(posting.record, posting.baseName);
  return {
    id: posting.id,
    personId: person.id,
    unitId: person.unitId,
    activity,
    source: 'base_record',
    status,
    years: attributedYears(activity),
    version: 1,
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    updatedBy: actor,
    baseId: posting.baseId,
    externalId: posting.externalId,
  };
}

/**
 * Credits a passed base record to a known person (rules §5 W4): the posting and the activity (source
 * `base_record`) are written in one transaction with the same items and conditions as any activity
 * (ActivityRepository.save's). In a confirmed year it lands as `pending`; a year confirmed between the
 * caller's read and this write makes the write fail, and it is written again as pending. The caller
 * recomputes the person's books afterwards (once per person, not once per record).
 *
 * `mode: 'new'` stores a new posting (conditional on the externalId being free: `exists` otherwise);
 * `mode: 'match'` turns an unmatched posting into a credited one (`changed` if it is no longer unmatched).
 */
export async function creditBaseRecord(
  deps: BaseRecordDeps,
  input: {
    posting: Posting;
    person: KnownPerson;
    /** The year's book is confirmed (read in bulk by the caller). */
    locked: boolean;
    mode: 'new' | 'match';
    audit: (activity: ActivityRecord) => AuditEvent;
  },
): Promise<{ outcome: 'saved' | 'exists' | 'changed'; posting: Posting }> {
  const at = deps.clock().toISOString();
  let locked = input.locked;
  for (;;) {
    const status = locked ? 'pending' : 'active';
    const actor = input.mode === 'new' ? `base:${input.posting.baseId}` : 'system:matching';
    const activity = creditedActivity(input.posting, input.person, status, actor, at);
    const posting: Posting = {
      ...input.posting,
      status: 'recorded',
      credited: true,
      personId: input.person.id,
      activityStatus: status,
      ...(input.mode === 'match' ? { matchedAt: at } : {}),
    };
    delete posting.matchError;
    const write = { posting, activity, audit: input.audit(activity), openYears: status === 'active' ? activity.years : [] };
    const outcome = input.mode === 'new' ? await deps.postings.save(write) : await deps.postings.match(write);
    if (outcome === 'year_locked' && !locked) {
      locked = true;
      continue;
    }
    if (outcome === 'year_locked') throw new Error('unreachable: a pending write checks no year');
    return { outcome, posting };
  }
}

export interface MatchingDeps extends BaseRecordDeps, RecomputeDeps {
  log?: Logger;
  /** Tells the province's routing directory that this tenant now holds the person (issue 17); absent when no province stack is wired. */
  registrations?: RegistrationPublisher;
}

/**
 * Base records that waited as `unmatched` for this resident ID are credited once the person is
 * registered (rules §5 W4). A posting whose name differs from the registered one stays unmatched,
 * flagged `name_mismatch` (shown to the hr office, never to the base), for the hr office to resolve.
 * Returns how many were credited.
 */
export async function matchUnmatchedRecords(
  deps: MatchingDeps,
  person: { id: string; idNumber: string; name: string; unitId: string },
): Promise<number> {
  const waiting = await deps.postings.listUnmatched(person.idNumber);
  if (!waiting.length) return 0;
  const statuses = await deps.books.statuses(waiting.map((p) => ({ personId: person.id, year: Number(p.record.endDate.slice(0, 4)) })));
  let credited = 0;
  // One at a time: every credit bumps the same person's revision.
  for (const posting of waiting) {
    const matchError = !sameName(posting.record.name, person.name)
      ? nameMismatch(posting.record.name)
      : !baseMayCredit(posting.baseUnitIds, person.unitId)
        ? outsideBaseUnits()
        : undefined;
    if (matchError) {
      await deps.postings.flagMatchError({ ...posting, matchError });
      continue;
    }
    const year = Number(posting.record.endDate.slice(0, 4));
    const bookStatus = statuses.get(`${person.id}#${year}`);
    const { outcome } = await creditBaseRecord(deps, {
      posting,
      person,
      locked: bookStatus !== undefined && bookStatus !== 'open',
      mode: 'match',
      audit: (activity) =>
        auditEvent(
          deps,
          MATCHING_ACTOR,
          {
            entity: 'activity',
            entityId: activity.id,
            action: 'create',
            to: activity.status,
            reason: `施教机构记录 ${posting.externalId} 在人员登记后自动匹配`,
            after: activity,
          },
          activity.createdAt,
        ),
    });
    if (outcome === 'saved') credited++;
  }
  if (credited) await recomputeBooks(deps, person.id);
  return credited;
}

/**
 * The registration hook: matching never fails the registration that triggered it. A failure is
 * logged; the records stay unmatched and `POST /v1/people/{id}/base-records/match` runs it again.
 */
export async function matchAfterRegistration(
  deps: MatchingDeps,
  person: { id: string; idNumber: string; name: string; unitId: string },
): Promise<void> {
  try {
    await matchUnmatchedRecords(deps, person);
  } catch (err) {
    deps.log?.warn('matching unmatched base records failed; they stay unmatched', { personId: person.id, err });
  }
  if (deps.registrations) {
    // Never fails the registration either: the province's backfill (docs/deploy.md) republishes a tenant's people.
    await deps.registrations.registered(person, deps.clock().toISOString()).catch((err: unknown) => {
      deps.log?.warn('publishing the registration to the province directory failed', { personId: person.id, err });
    });
  }
}

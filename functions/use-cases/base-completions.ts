import {
  countResults,
  baseMayCredit,
  nameMismatch,
  outsideBaseUnits,
  sameName,
  type CompletionRecord,
  type CompletionResult,
  type Posting,
  type PostingListItem,
  type RecordError,
  type Submission,
} from '../../shared/bases.js';
import { chinaDateOf } from '../../shared/calendar.js';
import { NotFoundError } from '../../shared/errors.js';
import { maskResidentId } from '../../shared/mask.js';
import type { Logger } from '../log.js';
import type { BaseRepository, IdempotencyStore, KnownPerson, StoredResponse } from '../ports/bases.js';
import type { Page } from '../ports/records.js';
import { creditBaseRecord, type BaseRecordDeps } from './base-records.js';
import { auditByBase, type BaseCaller } from './bases.js';
import {
  batchRecords,
  checkRecords,
  isOwnEarlierAttempt,
  requireIdempotencyKey,
  runConcurrently,
  runIdempotent,
} from './completion-intake.js';
import { findKnownPeople } from './known-people.js';
import { recomputeBooks, type RecomputeDeps } from './recompute-books.js';

export interface CompletionDeps extends BaseRecordDeps, RecomputeDeps {
  idempotency: IdempotencyStore;
  log?: Logger;
}

/** Transactions in flight at once for one batch: enough to hide latency, few enough not to hog the table. */
const WRITE_CONCURRENCY = 16;

/**
 * `POST /v1/base/completions` (rules §7), with the Idempotency-Key protocol of the powertools
 * idempotency utility: an in-progress marker (60 s) while the batch runs, then the stored answer
 * (24 h), keyed by base and key and bound to the SHA-256 of the body's canonical JSON.
 *
 * The body is checked as a whole first (an array of at most 500), before any record is looked at;
 * then each record on its own. A failure part-way releases the marker and answers 5xx: every record
 * written so far stays written exactly once, and the retry (same key, same body) answers as the
 * first attempt would have, because each posting remembers the request and position that wrote it.
 */
export async function postCompletions(
  deps: CompletionDeps,
  caller: BaseCaller,
  input: { idempotencyKey: string | undefined; body: unknown },
): Promise<StoredResponse & { replayed: boolean }> {
  const key = requireIdempotencyKey(input.idempotencyKey);
  const records = batchRecords(input.body);
  return runIdempotent(deps, { scope: caller.baseId, key, body: input.body }, async (token) => {
    const results = await ingestRecords(deps, caller, records, key);
    const response: StoredResponse = { status: 200, body: JSON.stringify({ results }) };
    const submission: Submission = {
      id: token,
      baseId: caller.baseId,
      at: deps.clock().toISOString(),
      keyPrefix: caller.keyPrefix,
      idempotencyKey: key,
      counts: countResults(results),
      results,
    };
    await deps.postings.putSubmission(submission);
    return response;
  });
}

type Planned =
  | { kind: 'write'; index: number; record: CompletionRecord; person?: KnownPerson; matchError?: RecordError }
  | { kind: 'same_as'; index: number; record: CompletionRecord; first: number };

/**
 * Each record on its own: invalid ones are rejected with their reasons, the rest land. Reads are
 * batched (postings already taken, people by ID number, the books of the years concerned); writes run
 * a few at a time, one person's records in order (each bumps that person's revision).
 */
export async function ingestRecords(
  deps: CompletionDeps,
  caller: BaseCaller,
  raw: unknown[],
  idempotencyKey: string,
): Promise<CompletionResult[]> {
  const now = deps.clock();
  const today = chinaDateOf(now);
  const results: CompletionResult[] = new Array(raw.length);
  const valid: { index: number; record: CompletionRecord }[] = [];
  for (const checked of checkRecords(raw, today)) {
    if (checked.ok) valid.push({ index: checked.index, record: checked.record });
    else results[checked.index] = { externalId: checked.externalId, status: 'rejected', error: checked.error };
  }

  const [existing, people] = await Promise.all([
    deps.postings.getMany(caller.baseId, [...new Set(valid.map((v) => v.record.externalId))]),
    findKnownPeople(deps.people, [...new Set(valid.map((v) => v.record.idNumber))]),
  ]);

  const credited = new Set<string>();
  const plan: Planned[] = [];
  const firstWrite = new Map<string, number>();
  for (const { index, record } of valid) {
    const taken = existing.get(record.externalId);
    if (taken) {
      results[index] = answerForTaken(taken, record.externalId, idempotencyKey, index, now);
      if (results[index].status !== 'duplicate' && taken.credited && taken.personId) credited.add(taken.personId);
      continue;
    }
    // rules §7 (December 2026): a known ID under another name is answered exactly like an unknown ID, so
    // a base's answers never say whether an ID is registered. It waits unmatched, flagged for the hr
    // office (never shown to the base), which resolves it.
    // A unit-level base's record for a person of another unit waits the same way (issue 12).
    const found = people.get(record.idNumber);
    const matchError = !found
      ? undefined
      : !sameName(found.name, record.name)
        ? nameMismatch(record.name)
        : !baseMayCredit(caller.unitIds, found.unitId)
          ? outsideBaseUnits()
          : undefined;
    const person = found && !matchError ? found : undefined;
    const first = firstWrite.get(record.externalId);
    if (first !== undefined) {
      plan.push({ kind: 'same_as', index, record, first });
      continue;
    }
    firstWrite.set(record.externalId, index);
    plan.push({ kind: 'write', index, record, ...(person ? { person } : {}), ...(matchError ? { matchError } : {}) });
  }

  const writes = plan.filter((p): p is Extract<Planned, { kind: 'write' }> => p.kind === 'write');
  const bookStatuses = await deps.books.statuses(
    writes
      .filter((w) => w.person && w.record.assessment === 'passed')
      .map((w) => ({ personId: w.person!.id, year: Number(w.record.endDate.slice(0, 4)) })),
  );

  // One lane per person (or per record when nobody is known), lanes run WRITE_CONCURRENCY at a time.
  const lanes = new Map<string, typeof writes>();
  for (const w of writes) {
    const lane = w.person ? `p:${w.person.id}` : `x:${w.index}`;
    lanes.set(lane, [...(lanes.get(lane) ?? []), w]);
  }
  await runConcurrently([...lanes.values()], WRITE_CONCURRENCY, async (lane) => {
    for (const w of lane) {
      results[w.index] = await writeRecord(deps, caller, w, idempotencyKey, bookStatuses, credited, now.toISOString());
    }
  });

  for (const p of plan) {
    if (p.kind !== 'same_as') continue;
    const first = results[p.first]!;
    results[p.index] = { externalId: p.record.externalId, status: 'duplicate', ...(first.recordId ? { recordId: first.recordId } : {}) };
  }

  await runConcurrently([...credited], WRITE_CONCURRENCY, (personId) => recomputeBooks(deps, personId));
  return results;
}

/**
 * A posting that exists already: this request's own earlier attempt (resumed: same Idempotency-Key,
 * same position, within the key's 24 hours — the key then guarantees the same body), or a repost.
 */
function answerForTaken(taken: Posting, externalId: string, idempotencyKey: string, index: number, now: Date): CompletionResult {
  if (isOwnEarlierAttempt(taken, idempotencyKey, index, now)) {
    return { externalId, status: taken.status, recordId: taken.id };
  }
  return { externalId, status: 'duplicate', recordId: taken.id };
}

async function writeRecord(
  deps: CompletionDeps,
  caller: BaseCaller,
  w: Extract<Planned, { kind: 'write' }>,
  idempotencyKey: string,
  bookStatuses: Map<string, string>,
  credited: Set<string>,
  postedAt: string,
): Promise<CompletionResult> {
  const { record, person, index } = w;
  const passed = record.assessment === 'passed';
  const posting: Posting = {
    id: deps.newId(),
    baseId: caller.baseId,
    baseName: caller.baseName,
    ...(caller.unitIds ? { baseUnitIds: caller.unitIds } : {}),
    externalId: record.externalId,
    // A failed assessment is recorded whoever it belongs to; only a passed one waits for its person.
    status: passed && !person ? 'unmatched' : 'recorded',
    credited: false,
    record,
    ...(person ? { personId: person.id } : {}),
    ...(passed && w.matchError ? { matchError: w.matchError } : {}),
    postedAt,
    keyPrefix: caller.keyPrefix,
    idempotencyKey,
    batchIndex: index,
  };

  let outcome: 'saved' | 'exists' | 'changed';
  let stored = posting;
  if (passed && person) {
    const year = Number(record.endDate.slice(0, 4));
    const status = bookStatuses.get(`${person.id}#${year}`);
    ({ outcome, posting: stored } = await creditBaseRecord(deps, {
      posting,
      person,
      locked: status !== undefined && status !== 'open',
      mode: 'new',
      audit: (activity) =>
        auditByBase(
          deps,
          caller,
          { entity: 'activity', entityId: activity.id, action: 'create', to: activity.status, after: activity },
          postedAt,
        ),
    }));
  } else {
    const audit = auditByBase(
      deps,
      caller,
      {
        entity: 'base_posting',
        entityId: posting.id,
        action: 'post',
        to: posting.status,
        after: {
          baseId: posting.baseId,
          externalId: posting.externalId,
          status: posting.status,
          credited: false,
          assessment: record.assessment,
        },
      },
      postedAt,
    );
    const saved = await deps.postings.save({ posting, audit, openYears: [] });
    if (saved === 'year_locked') throw new Error('unreachable: an uncredited posting checks no year');
    outcome = saved;
  }

  if (outcome === 'saved') {
    if (stored.credited && stored.personId) credited.add(stored.personId);
    return { externalId: record.externalId, status: stored.status, recordId: stored.id };
  }
  // Taken between our read and our write: by a concurrent request, or by this request's earlier attempt.
  const taken = await deps.postings.get(caller.baseId, record.externalId);
  if (!taken) throw new Error(`posting ${record.externalId} reported taken but not found`);
  const answer = answerForTaken(taken, record.externalId, idempotencyKey, index, new Date(postedAt));
  if (answer.status !== 'duplicate' && taken.credited && taken.personId) credited.add(taken.personId);
  return answer;
}

/**
 * A posting as listed: the ID number masked (rules §6). The base's own view leaves out `matchError`,
 * which would tell it that the ID is registered under another name (rules §7); the hr office sees it.
 */
export function toPostingListItem(p: Posting, view: 'base' | 'hr' = 'base'): PostingListItem {
  const { idNumber, ...record } = p.record;
  return {
    recordId: p.id,
    ...record,
    idNumberMasked: maskResidentId(idNumber),
    status: p.status,
    credited: p.credited,
    ...(p.activityStatus ? { activityStatus: p.activityStatus } : {}),
    postedAt: p.postedAt,
    ...(p.matchedAt ? { matchedAt: p.matchedAt } : {}),
    ...(p.matchError && view === 'hr' ? { matchError: p.matchError } : {}),
  };
}

/** `GET /v1/base/completions`: one base's postings, newest first; or the one posting of an externalId. */
export async function listPostings(
  deps: { postings: CompletionDeps['postings'] },
  baseId: string,
  query: { cursor?: string; limit: number; status?: Posting['status']; externalId?: string },
  view: 'base' | 'hr' = 'base',
): Promise<Page<PostingListItem>> {
  if (query.externalId !== undefined) {
    const one = await deps.postings.get(baseId, query.externalId);
    return { items: one && (!query.status || one.status === query.status) ? [toPostingListItem(one, view)] : [], cursor: null };
  }
  const page = await deps.postings.listByBase(baseId, query);
  return { items: page.items.map((p) => toPostingListItem(p, view)), cursor: page.cursor };
}

export async function listSubmissions(
  deps: { postings: CompletionDeps['postings'] },
  baseId: string,
  query: { cursor?: string; limit: number },
): Promise<Page<Submission>> {
  return deps.postings.listSubmissions(baseId, query);
}

/** The hr office's view of one base's postings (the base must exist). */
export async function listBasePostings(
  deps: { postings: CompletionDeps['postings']; bases: BaseRepository },
  baseId: string,
  query: { cursor?: string; limit: number; status?: Posting['status']; externalId?: string },
): Promise<Page<PostingListItem>> {
  if (!(await deps.bases.get(baseId))) throw new NotFoundError('base_not_found', '施教机构不存在');
  return listPostings(deps, baseId, query, 'hr');
}

export async function listBaseSubmissions(
  deps: { postings: CompletionDeps['postings']; bases: BaseRepository },
  baseId: string,
  query: { cursor?: string; limit: number },
): Promise<Page<Submission>> {
  if (!(await deps.bases.get(baseId))) throw new NotFoundError('base_not_found', '施教机构不存在');
  return listSubmissions(deps, baseId, query);
}

import type { Person } from '../../shared/person.js';
import type { ActivityRecord, AuditEvent, RegistrationBook } from '../../shared/records.js';
import type { PersonHistory } from './history.js';

/** A person as stored: the domain fields plus optimistic-locking and recompute bookkeeping. */
export interface StoredPerson extends Person {
  version: number;
  /** Bumped with every activity change, so book recomputes can tell stale from fresh. */
  activityRevision: number;
  createdAt: string;
  updatedAt: string;
}

export interface UnitMembership {
  unitId: string;
  from: string;
  by: string;
  reason?: string;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface PeopleRepository {
  get(id: string): Promise<StoredPerson | undefined>;
  findIdByIdNumber(idNumber: string): Promise<string | undefined>;
  /** ID number → person id for those of `idNumbers` that are registered (imports check a whole file at once). */
  findIdsByIdNumbers(idNumbers: string[]): Promise<Map<string, string>>;
  /** Fails with 409 `id_number_exists` when the resident ID is registered already. */
  create(person: StoredPerson, audit: AuditEvent): Promise<void>;
  /** Conditional on `expectedVersion`; a changed unit also records the move in the unit history. */
  update(person: StoredPerson, expectedVersion: number, audit: AuditEvent, move?: UnitMembership): Promise<void>;
  listByUnit(unitId: string, options: { limit: number; cursor?: string; nameContains?: string }): Promise<Page<StoredPerson>>;
  /** The people of several units (全部单位), unit after unit, each in name order; a page costs a bounded number of queries. */
  listByUnits(unitIds: readonly string[], options: { limit: number; cursor?: string; nameContains?: string }): Promise<Page<StoredPerson>>;
  getMany(ids: string[]): Promise<StoredPerson[]>;
  /**
   * Everything a book recompute reads of one person — activities, books, certificates and paper-era
   * years — in one query of the person's partition (rather than one per item type). Read the person
   * (its revision) first: the revision guards the books written from this.
   */
  records(personId: string): Promise<PersonRecords>;
  unitHistory(id: string): Promise<UnitMembership[]>;
}

export interface ActivityRepository {
  listForPerson(personId: string): Promise<ActivityRecord[]>;
  get(personId: string, activityId: string): Promise<ActivityRecord | undefined>;
  /** A unit's own entries (source `person_entry`) still pending, oldest first (rules §6). */
  listPendingOwnEntries(unitId: string, options: { limit: number; cursor?: string }): Promise<Page<ActivityRecord>>;
  /**
   * Writes the record, bumps the person's activity revision and appends the audit event in one
   * transaction. `openYears` are book years that must still be open (not confirmed) at write time:
   * an active item may only land in an open year.
   */
  save(record: ActivityRecord, options: { expectedVersion?: number; audit: AuditEvent; openYears: number[] }): Promise<void>;
}

export interface BookResult {
  year: number;
  result: RegistrationBook['result'];
  rejected: RegistrationBook['rejected'];
  pendingCount: number;
  /** The year policy `result` was computed with, recorded on the book. */
  policy: NonNullable<RegistrationBook['policy']>;
}

export interface PersonRecords {
  activities: ActivityRecord[];
  books: RegistrationBook[];
  history: PersonHistory;
}

export interface BookRepository {
  /** `${personId}#${year}` → book status, for those of these books that exist (one batched read). */
  statuses(pairs: { personId: string; year: number }[]): Promise<Map<string, string>>;
  listForPerson(personId: string): Promise<RegistrationBook[]>;
  get(personId: string, year: number): Promise<RegistrationBook | undefined>;
  /** The year's books of these people (those that have one), by key: an export's page of people at a time. */
  getYearForPeople(personIds: string[], year: number): Promise<RegistrationBook[]>;
  /** Stores recomputed results; a write computed from an older activity revision is skipped. */
  saveResults(personId: string, unitId: string, revision: number, results: BookResult[]): Promise<void>;
  /** Reconciliation: makes the book count as what it holds now; true when its counted contribution had drifted. */
  recount(personId: string, year: number): Promise<boolean>;
  /** A sign-off state change, conditional on status and version, with its audit event. */
  transition(
    book: RegistrationBook,
    next: Pick<RegistrationBook, 'status'> & Partial<RegistrationBook>,
    audit: AuditEvent,
  ): Promise<RegistrationBook>;
  listByUnitYear(
    unitId: string,
    year: number,
    options: { compliant?: boolean; limit: number; cursor?: string },
  ): Promise<Page<RegistrationBook>>;
}

export interface AuditRepository {
  listFor(entity: string, entityId: string): Promise<AuditEvent[]>;
  /** Appends one event that goes with no other write (a failed lookup). */
  append(event: AuditEvent): Promise<void>;
}

import type { StoredLegacyYear, StoredPriorCertificate } from '../../shared/history.js';
import type { ImportState, ImportStatus } from '../../shared/imports.js';
import type { AuditEvent } from '../../shared/records.js';
import type { Page, StoredPerson } from './records.js';

/** The status record as stored: the public status plus the claim of the run working on it. */
export interface ImportRecord extends ImportStatus {
  /** Set by each commit, resume or rollback run; only that run may advance or fail the import. */
  runId?: string;
}

/** A validated people row, with the person id it will get (fixed at validation, so re-runs write the same keys). */
export interface PeopleImportRow {
  sheet: string;
  row: number;
  person: Omit<StoredPerson, 'version' | 'activityRevision' | 'createdAt' | 'updatedAt'>;
}

/** A validated history group: everything one file says about one person, kept in one chunk. */
export interface HistoryImportGroup {
  personId: string;
  rows: { sheet: string; row: number }[];
  legacyYears: Omit<StoredLegacyYear, 'personId' | 'importId' | 'createdAt' | 'createdBy' | 'source'>[];
  certificates: Pick<StoredPriorCertificate, 'number' | 'years'>[];
}

/** The validated file, cut into chunks that each fit one DynamoDB transaction. */
export type ImportChunk =
  | { index: number; type: 'people'; rows: PeopleImportRow[]; committedAt?: string }
  | { index: number; type: 'history'; groups: HistoryImportGroup[]; committedAt?: string };

export interface ImportRepository {
  /** Creates the status record (state `validating`) with its audit event. */
  create(record: ImportRecord, audit: AuditEvent): Promise<void>;
  get(id: string): Promise<ImportRecord | undefined>;
  /** Imports started by an organisation's users, newest first. */
  listByOrg(orgId: string, options: { limit: number; cursor?: string }): Promise<Page<ImportRecord>>;
  saveChunks(importId: string, chunks: ImportChunk[]): Promise<void>;
  getChunk(importId: string, index: number): Promise<ImportChunk | undefined>;
  /**
   * Changes the status record if it is still as the caller saw it (`expect`): a claim by a new run
   * (with an audit event), the end of a run, or its failure. Returns false when it was not.
   */
  update(
    id: string,
    changes: Partial<ImportRecord>,
    expect: { version: number } | { runId: string; status: ImportState },
    audit?: AuditEvent,
  ): Promise<boolean>;
}

export interface ChunkRun {
  importId: string;
  runId: string;
  at: string;
}

/** What a chunk's transaction writes or removes; audit events are built by the use-case. */
export type ChunkPlan =
  | { type: 'people'; chunk: ImportChunk & { type: 'people' }; people: { person: StoredPerson; audit: AuditEvent }[] }
  | {
      type: 'history';
      chunk: ImportChunk & { type: 'history' };
      groups: {
        personId: string;
        legacyYears: StoredLegacyYear[];
        certificates: StoredPriorCertificate[];
        /** Book years that must still be open (not confirmed) when the chunk lands or leaves. */
        years: number[];
        audit: AuditEvent;
      }[];
    };

/**
 * A chunk is one DynamoDB transaction (at most 100 items), two of which are the status cursor and the
 * chunk's own mark. The rest is the chunk's cost: a people row costs 4 items (person, ID-number guard,
 * unit history, audit); a history group costs 2 (revision bump, audit) + 1 per year it touches + 1 per
 * paper year + 2 per certificate (certificate and its number guard).
 */
export const CHUNK_ITEM_BUDGET = 98;
export const PEOPLE_ROW_COST = 4;
/** A people chunk also updates the people counts of its unit's path (hr office → department → unit, room for one more level). */
export const PEOPLE_CHUNK_AGGREGATE_ITEMS = 4;
export function historyGroupCost(g: { legacyYears: unknown[]; certificates: unknown[] }, years: number): number {
  return 2 + years + g.legacyYears.length + 2 * g.certificates.length;
}

/**
 * Writes (or removes) one chunk in a single transaction together with the status record's cursor:
 * commit moves `chunksCommitted` from `chunk.index` to `chunk.index + 1`, rollback the other way, both
 * only for the run holding the claim. A chunk is therefore all-or-nothing and can never land twice.
 * Injectable (deps.importWriter) so tests can fail a chunk part-way.
 */
export interface ImportChunkWriter {
  commit(run: ChunkRun, plan: ChunkPlan): Promise<void>;
  rollback(run: ChunkRun, plan: ChunkPlan): Promise<void>;
}

/** The status record moved on under this run (another run claimed the import): stop quietly. */
export class ImportClaimLostError extends Error {
  constructor() {
    super('import claim lost');
    this.name = 'ImportClaimLostError';
  }
}

export type ChunkRejection =
  | 'id_number_exists' // people: the resident ID was registered after validation
  | 'person_changed' // people rollback: the person was edited or has records since the import
  | 'person_missing' // history: the person is gone
  | 'legacy_year_exists' // history: that paper year was stored meanwhile
  | 'certificate_exists' // history: that certificate number was stored meanwhile
  | 'year_locked' // history: a year it touches was confirmed meanwhile
  | 'not_written_by_import'; // history rollback: the item is no longer the one this import wrote

/** The chunk's conditions refused some of its entries (index into `plan.people` or `plan.groups`). */
export class ImportChunkRejectedError extends Error {
  constructor(readonly failures: { entry: number; code: ChunkRejection }[]) {
    super(`chunk rejected: ${failures.map((f) => f.code).join(', ')}`);
    this.name = 'ImportChunkRejectedError';
  }
}

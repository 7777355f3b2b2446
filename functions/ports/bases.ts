import type { ApiKeySummary, Posting, Submission, TrainingBase } from '../../shared/bases.js';
import type { ActivityRecord, AuditEvent, RegistrationBook } from '../../shared/records.js';
import type { PersonHistory } from './history.js';
import type { Page } from './records.js';

/** A key as stored: its summary and the SHA-256 of the whole key (hex); the key itself is never kept. */
export interface StoredApiKey extends ApiKeySummary {
  hash: string;
}

export interface BaseRepository {
  /** Fails with 409 `base_exists` when a base with this credit code is registered already. */
  create(base: TrainingBase, audit: AuditEvent): Promise<void>;
  get(id: string): Promise<TrainingBase | undefined>;
  /** Every base of the tenant, by name (a tenant registers tens, at most a few hundred). */
  list(): Promise<TrainingBase[]>;
  /** False when the prefix is taken (the caller draws another). */
  putKey(key: StoredApiKey, audit: AuditEvent): Promise<boolean>;
  /** Strongly consistent, so a revocation holds from the next request on. */
  getKey(prefix: string): Promise<StoredApiKey | undefined>;
  listKeys(baseId: string): Promise<StoredApiKey[]>;
  /** Conditional on the key being active; 409 otherwise. */
  revokeKey(key: StoredApiKey, at: string, by: string, audit: AuditEvent): Promise<StoredApiKey>;
  /** Sets lastUsedAt unless it is newer than `unlessAfter` (at most one write a minute per key). */
  touchKey(prefix: string, at: string, unlessAfter: string): Promise<void>;
}

/** A person as the ingest needs them: found by resident ID, with the name to check. */
export interface KnownPerson {
  id: string;
  name: string;
  unitId: string;
}

export type CreditOutcome = 'saved' | 'exists' | 'year_locked';

export interface CreditWrite {
  /** The posting item, put only if (base, externalId) is new. */
  posting: Posting;
  /** The activity credited with it; absent for a failed assessment or an unmatched record. */
  activity?: ActivityRecord;
  audit: AuditEvent;
  /** Book years that must still be open (an active activity may only land in an open year). */
  openYears: number[];
}

export interface PostingRepository {
  /** Existing postings of this base for these externalIds. */
  getMany(baseId: string, externalIds: string[]): Promise<Map<string, Posting>>;
  get(baseId: string, externalId: string): Promise<Posting | undefined>;
  /** Posting, activity, revision bump, open-year checks and audit in one transaction. */
  save(write: CreditWrite): Promise<CreditOutcome>;
  /** An unmatched posting becomes recorded and credited, conditional on it still being unmatched. */
  match(write: CreditWrite & { posting: Posting }): Promise<CreditOutcome | 'changed'>;
  /** Notes on an unmatched posting why it could not be matched (it stays unmatched). */
  flagMatchError(posting: Posting): Promise<void>;
  /** Unmatched postings of every base for this resident ID. */
  listUnmatched(idNumber: string): Promise<Posting[]>;
  /** A base's postings, newest first. */
  listByBase(baseId: string, options: { limit: number; cursor?: string; status?: Posting['status'] }): Promise<Page<Posting>>;
  putSubmission(submission: Submission): Promise<void>;
  listSubmissions(baseId: string, options: { limit: number; cursor?: string }): Promise<Page<Submission>>;
}

/** The first answer to a request, replayed byte for byte. */
export interface StoredResponse {
  status: number;
  body: string;
}

export type IdempotencyBegin =
  | { outcome: 'started' }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'in_progress'; retryAfterSeconds: number }
  | { outcome: 'mismatch' };

/** rules §7 idempotency, after the powertools idempotency utility: in-progress marker, then the stored answer. */
export interface IdempotencyStore {
  begin(input: {
    scope: string;
    key: string;
    requestHash: string;
    token: string;
    now: Date;
    ttlSeconds: number;
    inFlightSeconds: number;
  }): Promise<IdempotencyBegin>;
  /** Stores the answer; a no-op when another attempt has taken the marker over meanwhile. */
  complete(input: { scope: string; key: string; token: string; response: StoredResponse }): Promise<void>;
  /** Removes our in-progress marker after a failure, so a retry need not wait for it to expire. */
  release(input: { scope: string; key: string; token: string }): Promise<void>;
}

export interface RateLimitStore {
  /** Counts `by` (default one) requests in the window and returns the count so far. */
  hit(bucket: string, windowStart: number, expiresAt: number, by?: number): Promise<number>;
  /** The window's count so far, without counting (0 for a window nobody has used). */
  count(bucket: string, windowStart: number): Promise<number>;
}

import type { Filing, FilingStatus } from '../../shared/filings.js';
import type { AuditEvent } from '../../shared/records.js';
import type { CreditOutcome } from './bases.js';
import type { ActivityRecord } from '../../shared/records.js';
import type { Page } from './records.js';

export interface FilingRepository {
  create(filing: Filing, audit: AuditEvent): Promise<void>;
  get(id: string): Promise<Filing | undefined>;
  /** A state change, conditional on the status and version the caller saw, with its audit event. */
  transition(filing: Filing, next: Partial<Filing> & { status: FilingStatus }, audit: AuditEvent): Promise<Filing>;
  /** Counts people credited by an attendance upload (not a state change: no version bump). */
  addAttendance(filingId: string, count: number): Promise<void>;
  listByUnit(unitId: string, options: { limit: number; cursor?: string; status?: FilingStatus }): Promise<Page<Filing>>;
  /** The inbox of a department or hr office, optionally only one status. */
  listByRecipient(orgId: string, options: { limit: number; cursor?: string; status?: FilingStatus }): Promise<Page<Filing>>;
  /**
   * Credits one attendee: the (filing, person) item, put only if new, with the activity, revision
   * bump, open-year checks and audit, in one transaction. A re-upload of the same person is `exists`.
   */
  creditAttendee(write: { filingId: string; activity: ActivityRecord; audit: AuditEvent; openYears: number[] }): Promise<CreditOutcome>;
}

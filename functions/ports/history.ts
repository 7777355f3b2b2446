import type { StoredLegacyYear, StoredPriorCertificate } from '../../shared/history.js';
import type { AuditEvent } from '../../shared/records.js';

export interface PersonHistory {
  certificates: StoredPriorCertificate[];
  legacyYears: StoredLegacyYear[];
}

/** Prior 学时认定单 and paper-era years, kept in the person's partition beside their activities. */
export interface HistoryRepository {
  listForPerson(personId: string): Promise<PersonHistory>;
  /**
   * Adds a certificate in one transaction with its number guard (a number belongs to one person), the
   * person's activity-revision bump, a check that none of its years is confirmed, and the audit event.
   * Fails with 409 `certificate_exists` when the number is taken.
   */
  addCertificate(certificate: StoredPriorCertificate, audit: AuditEvent): Promise<void>;
  /** Which person holds each of these certificate numbers (absent: none). */
  certificateHolders(numbers: string[]): Promise<Map<string, string>>;
  /** Those of these person-years whose book is confirmed (locked): history may not change them. */
  confirmedYears(keys: { personId: string; year: number }[]): Promise<{ personId: string; year: number }[]>;
  /** The paper years already stored for these person-years. */
  findLegacyYears(keys: { personId: string; year: number }[]): Promise<StoredLegacyYear[]>;
}

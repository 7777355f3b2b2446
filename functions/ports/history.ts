import type { PriorCertificateVerification, StoredLegacyYear, StoredPriorCertificate } from '../../shared/history.js';
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
   * Fails with 409 `certificate_exists` when the number is taken. With `matchedIssued`, the issued
   * certificate of that number must still be valid and the person's, checked in the same transaction.
   */
  addCertificate(certificate: StoredPriorCertificate, audit: AuditEvent, options?: { matchedIssued?: boolean }): Promise<void>;
  /**
   * Records a certificate's verification, conditioned on it not being verified already, with the
   * person's revision bump, the open-year checks of its years and the audit event; `years` replaces
   * them (a number of this system, read from the issued certificate). 409 `already_verified` otherwise.
   */
  verifyCertificate(
    certificate: StoredPriorCertificate,
    verification: PriorCertificateVerification,
    audit: AuditEvent,
    years?: StoredPriorCertificate['years'],
  ): Promise<StoredPriorCertificate>;
  /** Which person holds each of these certificate numbers (absent: none). */
  certificateHolders(numbers: string[]): Promise<Map<string, string>>;
  /** Those of these person-years whose book is confirmed (locked): history may not change them. */
  confirmedYears(keys: { personId: string; year: number }[]): Promise<{ personId: string; year: number }[]>;
  /** The paper years already stored for these person-years. */
  findLegacyYears(keys: { personId: string; year: number }[]): Promise<StoredLegacyYear[]>;
}

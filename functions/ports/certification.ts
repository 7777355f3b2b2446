import type { Application, Batch, Certificate, Notice, NoticeEntry, Objection } from '../../shared/applications.js';
import type { StoredPriorCertificate } from '../../shared/history.js';
import type { AuditEvent } from '../../shared/records.js';
import type { CertificateKind } from '../../shared/workflow.js';
import type { Page } from './records.js';

/**
 * A submitted batch rewritten (an application left it, or the department cancelled it), conditioned on
 * the status and version read; `released` are the applications whose batch guards go with it.
 */
export interface BatchChange {
  previous: Batch;
  next: Batch;
  released: string[];
  audit: AuditEvent;
}

/** An application state change: the new fields, checked against the state and version read. */
export interface ApplicationChange {
  app: Application;
  next: Partial<Application> & Pick<Application, 'state'>;
  audit: AuditEvent;
}

export interface CertificationRepository {
  getApplication(id: string): Promise<Application | undefined>;
  /** Fails with 409 `application_exists` when the person already has a live application that year. */
  createApplication(app: Application, audit: AuditEvent): Promise<void>;
  /**
   * One TransactWriteItems: the change, conditioned on state and version, plus its audit event; with
   * `batch`, the application's batch is rewritten without it in the same transaction (a withdrawal).
   */
  transition(change: ApplicationChange, options?: { batch?: BatchChange }): Promise<Application>;
  listByUnit(unitId: string, options: { limit: number; cursor?: string }): Promise<Page<Application>>;
  /** The tenant's applications in one state, or with `unitId` only that unit's. */
  listByState(state: Application['state'], options: { limit: number; cursor?: string; unitId?: string }): Promise<Page<Application>>;
  /** The applications a department re-reviews (their route's department), in one state, a page at a time. */
  listByDepartmentState(
    departmentId: string,
    state: Application['state'],
    options: { limit: number; cursor?: string },
  ): Promise<Page<Application>>;
  listAudit(applicationId: string): Promise<AuditEvent[]>;

  getNotice(id: string): Promise<Notice | undefined>;
  /**
   * The notice, its frozen entries (one per application), every application's move into it and the
   * unit's notice counter moved from `previousBatchNo` (undefined: no counter yet) to the notice's
   * `batchNo`, in one transaction: 409 when the counter moved meanwhile or an application changed.
   */
  publishNotice(
    notice: Notice,
    entries: NoticeEntry[],
    changes: ApplicationChange[],
    audit: AuditEvent,
    previousBatchNo: number | undefined,
  ): Promise<void>;
  /** The last 第N批 the unit numbered in the year, or undefined when it has numbered none. */
  currentNoticeNumber(unitId: string, year: number): Promise<number | undefined>;
  /** A notice's entries as published; empty for a notice published before entries were kept. */
  listNoticeEntries(noticeId: string): Promise<NoticeEntry[]>;
  /** Every notice still marked open (grows with the tenant): for scripts and tests, never a request or job. */
  listOpenNotices(): Promise<Notice[]>;
  /** The open notices whose end date is before `today` (China date): what the closing job closes now. */
  listDueNotices(today: string): Promise<Notice[]>;
  /** A page of the open notices ending on or after `today` (China date), ending soonest first. */
  listRunningNotices(today: string, options: { limit: number; cursor?: string }): Promise<Page<Notice>>;
  listUnitNotices(unitId: string): Promise<Notice[]>;
  /**
   * Closes the notice; the applications without an open objection pass, in one transaction. Each
   * application's write is conditioned on this notice still being its current one, so an application
   * that left it (and was published again) fails the whole close with 409 instead of passing early.
   */
  closeNotice(notice: Notice, changes: ApplicationChange[], audit: AuditEvent): Promise<void>;

  /** Stores the objection; `change` moves the application to `objection` when it is not there yet. */
  lodgeObjection(objection: Objection, change: ApplicationChange | undefined): Promise<void>;
  listObjections(noticeId: string): Promise<Objection[]>;
  resolveObjections(objections: Objection[], change: ApplicationChange): Promise<void>;

  getBatch(id: string): Promise<Batch | undefined>;
  submitBatch(batch: Batch, audit: AuditEvent): Promise<void>;
  acceptBatch(batch: Batch, changes: ApplicationChange[], audit: AuditEvent): Promise<void>;
  /** The batch a guard holds this application in, if any (submitted or accepted). */
  batchOf(applicationId: string): Promise<string | undefined>;
  /** The department cancels a submitted batch: status and version checked, every guard released, audited. */
  changeBatch(change: BatchChange): Promise<Batch>;
  listBatches(status: Batch['status']): Promise<Batch[]>;
  listDepartmentBatches(departmentId: string): Promise<Batch[]>;

  /**
   * The last certificate serial of a year and kind (each kind has its own gapless counter): the
   * counter is advanced in the same transaction as the issue.
   */
  currentSerial(year: number, kind: CertificateKind): Promise<number>;
  /**
   * Fails with 409 when the counter of the certificate's kind moved (a concurrent issue): the caller
   * reads it again and retries.
   */
  issueCertificate(certificate: Certificate, serial: number, year: number, change: ApplicationChange): Promise<void>;
  getCertificate(number: string): Promise<Certificate | undefined>;
  listPersonCertificates(personId: string): Promise<Certificate[]>;
  /**
   * Revokes, and in the same transaction marks the holder's prior-certificate entry of that number
   * `revoked` (`reference`, as read), or checks there is still none: a revoked certificate covers nothing.
   */
  revokeCertificate(
    certificate: Certificate,
    reason: string,
    audit: AuditEvent,
    at: string,
    reference?: StoredPriorCertificate,
  ): Promise<Certificate>;

  /** An exception the hr office opened to accept filings outside the window, until a date. */
  getFilingException(): Promise<FilingException | undefined>;
  putFilingException(exception: FilingException, audit: AuditEvent): Promise<void>;
}

export interface FilingException {
  /** China date, inclusive. */
  until: string;
  reason: string;
  by: string;
  at: string;
}

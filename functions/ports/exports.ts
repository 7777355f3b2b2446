import type { ExportJob } from '../../shared/exports.js';
import type { AuditEvent } from '../../shared/records.js';
import type { Page } from './records.js';

/** A job as stored: the view plus the run that holds it and when that run last reported. */
export interface StoredExportJob extends ExportJob {
  version: number;
  /** The run writing the file now; a later run (a retry) takes the job over and the earlier one stops. */
  runId?: string;
  heartbeatAt?: string;
}

export interface ExportJobRepository {
  /** A new queued job and its audit event (who exported what), in one transaction. */
  create(job: StoredExportJob, audit: AuditEvent): Promise<void>;
  get(id: string): Promise<StoredExportJob | undefined>;
  /** An organisation's export jobs, newest first. */
  listByOwnerOrg(orgId: string, options: { limit: number; cursor?: string }): Promise<Page<StoredExportJob>>;
  /**
   * Changes the job if it is still as expected: at `version` (a run claiming it) or held by `runId`
   * (that run's progress and outcome). False when the condition failed: another run holds it now.
   */
  update(id: string, changes: Partial<StoredExportJob>, expect: { version: number } | { runId: string }): Promise<boolean>;
}

/** One object being written in parts: nothing is visible under the key until `complete`. */
export interface ExportUpload {
  write(chunk: Uint8Array): Promise<void>;
  complete(): Promise<void>;
  /** Drops the parts written so far; the object under the key (a previous run's) is left as it was. */
  abort(): Promise<void>;
}

/** Where export files are kept (the private evidence bucket's `exports/` prefix). */
export interface ExportFileStore {
  /** Starts a multipart upload to `key`; a re-run of the same job replaces the object as a whole. */
  upload(key: string, contentType: string): Promise<ExportUpload>;
  /** A presigned GET that downloads the object as `fileName`. */
  presignDownload(input: { key: string; fileName: string; contentType: string; expiresInSeconds: number }): Promise<string>;
}

/** Starts a job's run away from the request: an asynchronous Lambda invocation in AWS, in-process locally. */
export interface ExportLauncher {
  start(jobId: string): Promise<void>;
}

/** The spreadsheet a run writes, row by row, without holding the rows (functions/jobs/xlsx-stream.ts). */
export interface SheetSink {
  addRow(cells: (string | number)[]): Promise<void>;
  /** Finishes the workbook and makes the file visible. */
  finish(): Promise<void>;
  abort(): Promise<void>;
}

export interface SheetColumn {
  header: string;
  width?: number;
  /** Text-formatted (ID numbers). */
  text?: boolean;
}

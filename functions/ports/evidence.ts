import type { EvidenceFile } from '../../shared/evidence-files.js';
import type { EvidenceContentType } from '../../shared/file-type.js';
import type { AuditEvent } from '../../shared/records.js';

export interface EvidenceFileRepository {
  /** All of a person's files, every status. */
  listForPerson(personId: string): Promise<EvidenceFile[]>;
  get(personId: string, fileId: string): Promise<EvidenceFile | undefined>;
  /** A new pending file and its audit event, in one transaction. */
  create(file: EvidenceFile, audit: AuditEvent): Promise<void>;
  /**
   * Writes the verdict on a pending file (accepted or rejected) and its audit event in one
   * transaction. Fails with 409 unless the file is still pending at `expectedVersion`: of two
   * checks racing (the confirm call and the S3 event), exactly one records its verdict.
   * `expectedStatus: 'accepted'` takes back an accepted file whose object was written over.
   */
  settle(file: EvidenceFile, expectedVersion: number, audit: AuditEvent, expectedStatus?: 'pending' | 'accepted'): Promise<void>;
}

/** A stored object as HEAD sees it. */
export interface StoredObject {
  size: number;
  /** Present where the bucket is versioned (AWS); reads and downloads pin it. */
  versionId?: string;
}

export interface PresignedUpload {
  /** Where the browser POSTs a multipart form: every field below, then the file as `file`. */
  url: string;
  fields: Record<string, string>;
}

/**
 * The private evidence bucket. Storage that cannot be reached surfaces as 503
 * `storage_unavailable` from every method, never as a 500.
 */
export interface EvidenceStore {
  /**
   * A presigned POST whose policy pins the key and the exact Content-Type and bounds the size to
   * 1…maxBytes, valid for `expiresInSeconds`.
   */
  presignUpload(input: {
    key: string;
    contentType: EvidenceContentType;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<PresignedUpload>;
  /** The object's size (and version), or undefined when nothing is stored under the key. */
  head(key: string): Promise<StoredObject | undefined>;
  /** The object's bytes as a stream, or undefined when it has gone. Breaking off the loop aborts the read. */
  read(key: string, object: StoredObject): Promise<AsyncIterable<Uint8Array> | undefined>;
  /**
   * Removes a rejected object; removing a missing one is not an error. In the versioned bucket the
   * version is first tagged `evidence-status=rejected`, so the lifecycle rule deletes it within a day
   * instead of keeping it with the year-long safety net of replaced versions.
   */
  remove(key: string): Promise<void>;
  /** Deletes one version for good: a later version written over an accepted file by a replayed form. */
  removeVersion(key: string, versionId: string): Promise<void>;
  /** A presigned GET with the given response headers. */
  presignDownload(input: {
    key: string;
    versionId?: string;
    contentType: EvidenceContentType;
    contentDisposition: string;
    expiresInSeconds: number;
  }): Promise<string>;
}

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportFileStore, ExportUpload } from '../../ports/exports.js';
import { translateS3Error } from './errors.js';

/** S3's smallest part but the last: a run holds at most this much of the file at a time. */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * Export files in the evidence bucket, written as multipart uploads: the run sends a part each time
 * 5 MB of the workbook has come out of the zip stream, so a tenant-wide file never sits whole in
 * memory, and nothing appears under the key until the upload completes (a failed run leaves the
 * previous object, or none). Incomplete uploads a crashed run leaves are aborted by the bucket's
 * lifecycle rule (infra/constructs/evidence.ts).
 */
export function createExportFileStore(s3: S3Client, bucket: string): ExportFileStore {
  return {
    async upload(key, contentType): Promise<ExportUpload> {
      let uploadId: string;
      try {
        const res = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }));
        uploadId = res.UploadId!;
      } catch (err) {
        translateS3Error(err);
      }
      const parts: { ETag: string; PartNumber: number }[] = [];
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      const sendPart = async () => {
        const body = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        const PartNumber = parts.length + 1;
        try {
          const res = await s3.send(
            new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber, Body: body, ContentLength: body.byteLength }),
          );
          parts.push({ ETag: res.ETag!, PartNumber });
        } catch (err) {
          translateS3Error(err);
        }
      };
      return {
        async write(chunk) {
          pending.push(chunk);
          pendingBytes += chunk.byteLength;
          if (pendingBytes >= PART_BYTES) await sendPart();
        },
        async complete() {
          // The last part may be smaller than 5 MB (and is the only part of a small file).
          if (pendingBytes > 0 || parts.length === 0) await sendPart();
          try {
            await s3.send(
              new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
            );
          } catch (err) {
            translateS3Error(err);
          }
        },
        async abort() {
          pending = [];
          try {
            await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
          } catch {
            // Best effort: the lifecycle rule removes what an abort could not.
          }
        },
      };
    },

    async presignDownload({ key, fileName, contentType, expiresInSeconds }) {
      try {
        return await getSignedUrl(
          s3,
          new GetObjectCommand({
            Bucket: bucket,
            Key: key,
            ResponseContentType: contentType,
            ResponseContentDisposition: `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
          }),
          { expiresIn: expiresInSeconds },
        );
      } catch (err) {
        translateS3Error(err);
      }
    },
  };
}

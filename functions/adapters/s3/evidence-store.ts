import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import { EVIDENCE_REJECTED_TAG } from '../../../shared/contract.js';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { EvidenceStore } from '../../ports/evidence.js';
import { isHiddenMissingObject, isMissingObject, translateS3Error } from './errors.js';

const REJECTED_TAG = { Key: EVIDENCE_REJECTED_TAG.key, Value: EVIDENCE_REJECTED_TAG.value };

/** The evidence bucket behind the EvidenceStore port. */
export function createEvidenceStore(s3: S3Client, bucket: string): EvidenceStore {
  return {
    async presignUpload({ key, contentType, maxBytes, expiresInSeconds }) {
      try {
        const { url, fields } = await createPresignedPost(s3, {
          Bucket: bucket,
          Key: key,
          // Every field becomes an exact-match condition, so the policy also pins Content-Type.
          Fields: { 'Content-Type': contentType },
          Conditions: [['content-length-range', 1, maxBytes]],
          Expires: expiresInSeconds,
        });
        return { url, fields };
      } catch (err) {
        translateS3Error(err);
      }
    },

    async head(key) {
      try {
        const res = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: res.ContentLength ?? 0, ...(res.VersionId ? { versionId: res.VersionId } : {}) };
      } catch (err) {
        // 404, or the 403 an S3 gives a reader that may not list the bucket: not uploaded (yet).
        if (isMissingObject(err) || isHiddenMissingObject(err)) return undefined;
        translateS3Error(err);
      }
    },

    async read(key, object) {
      let body: AsyncIterable<Uint8Array>;
      try {
        const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: object.versionId }));
        // In Node the body is an IncomingMessage: an async iterable of Buffers.
        body = (res.Body as AsyncIterable<Uint8Array> | undefined) ?? (async function* () {})();
      } catch (err) {
        if (isMissingObject(err) || isHiddenMissingObject(err)) return undefined;
        translateS3Error(err);
      }
      return (async function* () {
        try {
          // A consumer that stops early returns this generator, which returns (destroys) the body.
          for await (const chunk of body) yield chunk;
        } catch (err) {
          translateS3Error(err);
        }
      })();
    },

    async remove(key) {
      try {
        // The tag marks the version for the one-day lifecycle rule (infra/constructs/evidence.ts); the
        // delete then adds a delete marker in the versioned AWS bucket, leaving the tagged version
        // noncurrent, and the rule removes it the next day.
        await s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: [REJECTED_TAG] } }));
      } catch (err) {
        if (isMissingObject(err)) return;
        translateS3Error(err);
      }
      try {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (err) {
        if (isMissingObject(err)) return;
        translateS3Error(err);
      }
    },

    async removeVersion(key, versionId) {
      try {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
      } catch (err) {
        if (isMissingObject(err)) return;
        translateS3Error(err);
      }
    },

    async presignDownload({ key, versionId, contentType, contentDisposition, expiresInSeconds }) {
      try {
        return await getSignedUrl(
          s3,
          new GetObjectCommand({
            Bucket: bucket,
            Key: key,
            VersionId: versionId,
            ResponseContentType: contentType,
            ResponseContentDisposition: contentDisposition,
          }),
          { expiresIn: expiresInSeconds },
        );
      } catch (err) {
        translateS3Error(err);
      }
    },
  };
}

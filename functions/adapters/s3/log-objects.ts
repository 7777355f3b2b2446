import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { LogObjectStore } from '../../ports/log-objects.js';
import { isMissingObject, translateS3Error } from './errors.js';

/** The access-log bucket behind the CloudFront log scrubber. */
export function createLogObjectStore(s3: S3Client, bucket: string): LogObjectStore {
  return {
    async get(key) {
      try {
        const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
      } catch (err) {
        if (isMissingObject(err)) return undefined;
        translateS3Error(err);
      }
    },
    async put(key, body, contentType) {
      try {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
      } catch (err) {
        translateS3Error(err);
      }
    },
    async remove(key) {
      try {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (err) {
        if (isMissingObject(err)) return;
        translateS3Error(err);
      }
    },
  };
}

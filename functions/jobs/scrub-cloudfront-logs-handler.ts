import { gunzipSync, gzipSync } from 'node:zlib';
import type { Logger } from '../log.js';
import type { LogObjectStore } from '../ports/log-objects.js';
import { scrubCloudFrontLog, scrubbedLogKey } from './cloudfront-logs.js';
import { S3EventSchema } from './evidence-check-handler.js';

/**
 * CloudFront delivers each standard log file gzipped under the raw prefix; the handler writes the
 * scrubbed copy under the kept prefix first and only then deletes the raw file, so a failure in
 * between leaves a raw file (expired by the bucket's lifecycle rule within days) but never loses a
 * log. A retry is harmless: the copy is rewritten from the same bytes, or the raw file is gone.
 */
export function createScrubCloudFrontLogsHandler(deps: { logs: LogObjectStore; log: Logger }, bucket: string) {
  return async (event: unknown): Promise<void> => {
    const { Records } = S3EventSchema.parse(event);
    const failures: unknown[] = [];
    for (const record of Records) {
      if (!record.eventName.startsWith('ObjectCreated:') || record.s3.bucket.name !== bucket) continue;
      // Keys arrive URL-encoded, with '+' for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      const target = scrubbedLogKey(key);
      if (!target) continue;
      try {
        const raw = await deps.logs.get(key);
        if (!raw) continue;
        const text = gunzipSync(raw).toString('utf8');
        await deps.logs.put(target, gzipSync(Buffer.from(scrubCloudFrontLog(text), 'utf8')), 'application/gzip');
        await deps.logs.remove(key);
        deps.log.info('cloudfront log scrubbed', { key: target });
      } catch (err) {
        deps.log.error('cloudfront log scrub failed', { key, err });
        failures.push(err);
      }
    }
    if (failures.length) throw new AggregateError(failures, `${failures.length} CloudFront log file(s) could not be scrubbed`);
  };
}

import * as z from 'zod';
import type { Logger } from '../log.js';
import { checkCreatedEvidenceObject, type VerifyEvidenceDeps } from '../use-cases/verify-evidence.js';

/** The part of an S3 event notification this job reads. */
export const S3EventSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string(), versionId: z.string().optional() }) }),
    }),
  ),
});

/**
 * The S3 ObjectCreated handler, built from its deps (no environment, so tests call it directly).
 * Each record is checked on its own; if any failed (storage or database unavailable), the handler
 * throws after the rest are done so Lambda retries the event, and a retry is harmless: a settled
 * file keeps its verdict.
 */
export function createEvidenceCheckHandler(deps: VerifyEvidenceDeps & { log: Logger }, bucket: string) {
  return async (event: unknown): Promise<void> => {
    const { Records } = S3EventSchema.parse(event);
    const failures: unknown[] = [];
    for (const record of Records) {
      if (!record.eventName.startsWith('ObjectCreated:') || record.s3.bucket.name !== bucket) continue;
      // Keys arrive URL-encoded, with '+' for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      try {
        // The version written: a replay of an accepted file's form is that version, removed alone.
        const outcome = await checkCreatedEvidenceObject(deps, key, record.s3.object.versionId);
        deps.log.info('evidence object checked', { key, outcome });
      } catch (err) {
        deps.log.error('evidence object check failed', { key, err });
        failures.push(err);
      }
    }
    if (failures.length) throw new AggregateError(failures, `${failures.length} evidence object(s) could not be checked`);
  };
}

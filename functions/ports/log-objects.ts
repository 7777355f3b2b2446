/** The access-log bucket as the CloudFront log scrubber uses it (functions/adapters/s3/log-objects.ts). */
export interface LogObjectStore {
  /** The object's bytes; undefined when it is gone (a retried event whose work was done). */
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
}

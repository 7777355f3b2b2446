import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  type IBucket,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EVIDENCE_REJECTED_TAG, EXPORT_KEY_PREFIX, EXPORT_RETENTION_DAYS } from '../../shared/contract.js';

export interface EvidenceProps {
  /** The site's origin (`https://host`): the only origin whose browser uploads and downloads S3 allows. */
  readonly siteOrigin: string;
  /** Where S3 server access logs go. */
  readonly accessLogs: IBucket;
  /**
   * Object Lock default retention: uploaded evidence cannot be overwritten or deleted for `days`.
   * GOVERNANCE lets a specially authorised operator lift it; COMPLIANCE lets nobody.
   * @default no Object Lock
   */
  readonly objectLock?: { mode: 'GOVERNANCE' | 'COMPLIANCE'; days: number };
  /**
   * Days a replaced or deleted version stays recoverable.
   * @default 365
   */
  readonly noncurrentVersionDays?: number;
}

/**
 * The private evidence bucket (rules §4: files stored privately, served only to roles that may see
 * the person). Browsers upload and download with presigned URLs the API hands out, hence CORS for
 * the site's origin and nothing else.
 */
export class Evidence extends Construct {
  readonly bucket: IBucket;

  constructor(scope: Construct, id: string, props: EvidenceProps) {
    super(scope, id);
    const lock = props.objectLock;
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      ...(lock
        ? {
            objectLockEnabled: true,
            objectLockDefaultRetention:
              lock.mode === 'COMPLIANCE'
                ? ObjectLockRetention.compliance(Duration.days(lock.days))
                : ObjectLockRetention.governance(Duration.days(lock.days)),
          }
        : {}),
      lifecycleRules: [
        {
          id: 'expire-old-versions',
          // Nothing is deleted by the workflow (rules §5); a replaced file's old version is only a
          // safety net against mistakes, kept for a year.
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 365),
          expiredObjectDeleteMarker: true,
        },
        {
          id: 'expire-rejected-uploads',
          // A rejected upload (wrong type, too large, or written over an accepted file) is tagged before
          // it is deleted: it is not evidence and must not be kept for the year the rule above keeps
          // replaced versions. Expiration covers a tagged version that is still current, the noncurrent
          // rule the one left behind the delete marker.
          tagFilters: { [EVIDENCE_REJECTED_TAG.key]: EVIDENCE_REJECTED_TAG.value },
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        {
          id: 'expire-exports',
          // Export files are copies of people's data made for one download, not evidence: gone after a
          // week, and the version a re-run replaced the next day.
          prefix: EXPORT_KEY_PREFIX,
          expiration: Duration.days(EXPORT_RETENTION_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      cors: [
        {
          allowedOrigins: [props.siteOrigin],
          // PUT for presigned uploads, POST for presigned form uploads, GET/HEAD for downloads.
          allowedMethods: [HttpMethods.GET, HttpMethods.HEAD, HttpMethods.PUT, HttpMethods.POST],
          allowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

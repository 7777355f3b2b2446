import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { CLOUDFRONT_LOG_PREFIXES, ENV } from '../../shared/contract.js';
import { acknowledge, nagRef } from '../nag.js';
import { AppFunction } from './app-function.js';

export interface AccessLogsProps {
  /** Tenant code, in the scrubber's description. */
  readonly tenant: string;
  /**
   * Days logs are kept. China's Cybersecurity Law (网络安全法 art. 21) asks for at least six months.
   * @default 365
   */
  readonly retentionDays?: number;
  /**
   * Days a CloudFront log file may wait under the raw prefix, query strings and all, if the scrubber
   * cannot process it (normally it is gone within a minute of delivery).
   * @default 3
   */
  readonly rawRetentionDays?: number;
  /** Retention of the scrubber's own log group. */
  readonly logRetention: RetentionDays;
  /** @default 'info' */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * The sink for S3 server access logs and CloudFront standard logs of one stack. CloudFront writes its
 * logs under `cloudfront-raw/`, with every request's query string and referrer (verification codes,
 * name searches, cursors; no setting of the legacy logs leaves them out); the scrubber function
 * rewrites each file on arrival without them under `cloudfront/` and deletes the raw one.
 */
export class AccessLogs extends Construct {
  readonly bucket: IBucket;
  /** Rewrites CloudFront log files without query strings (functions/jobs/scrub-cloudfront-logs.ts). */
  readonly scrubber: IFunction;

  constructor(scope: Construct, id: string, props: AccessLogsProps) {
    super(scope, id);
    const rawDays = props.rawRetentionDays ?? 3;
    const bucket = new Bucket(this, 'Bucket', {
      // CloudFront standard logging writes with ACLs and cannot use SSE-KMS, hence S3-managed keys
      // and BucketOwnerPreferred (objects written with the bucket-owner-full-control ACL).
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-logs',
          expiration: Duration.days(props.retentionDays ?? 365),
          noncurrentVersionExpiration: Duration.days(7),
        },
        {
          // A backstop: the scrubber deletes each raw file at once; one it could not process (an
          // alarm fires) goes after a few days, and so does the version a deletion leaves behind.
          id: 'expire-unscrubbed-cloudfront-logs',
          prefix: CLOUDFRONT_LOG_PREFIXES.raw,
          expiration: Duration.days(rawDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(bucket, {
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop, and logging it elsewhere only moves the question.',
    });
    this.bucket = bucket;

    const scrubber = new AppFunction(this, 'Scrubber', {
      lambda: 'scrub-cloudfront-logs',
      description: `xueshi ${props.tenant}: remove query strings from CloudFront logs`,
      memorySize: 512,
      timeout: Duration.minutes(1),
      logRetention: props.logRetention,
      environment: {
        [ENV.ACCESS_LOG_BUCKET]: bucket.bucketName,
        [ENV.LOG_LEVEL]: props.logLevel ?? 'info',
      },
    });
    // Read and delete the raw file, write the scrubbed one: nothing else in the bucket.
    const raw = bucket.arnForObjects(`${CLOUDFRONT_LOG_PREFIXES.raw}*`);
    const kept = bucket.arnForObjects(`${CLOUDFRONT_LOG_PREFIXES.scrubbed}*`);
    scrubber.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject'], resources: [raw] }));
    scrubber.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [kept] }));
    const ref = nagRef(this, bucket.bucketArn);
    acknowledge(
      scrubber.role,
      {
        id: `AwsSolutions-IAM5[Resource::${ref}/${CLOUDFRONT_LOG_PREFIXES.raw}*]`,
        reason:
          'CloudFront names its log files at delivery; the grant covers the raw CloudFront prefix only, with GetObject and DeleteObject named.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${ref}/${CLOUDFRONT_LOG_PREFIXES.scrubbed}*]`,
        reason: 'The scrubbed copy keeps the name CloudFront gave; the grant covers the kept CloudFront prefix only, with PutObject named.',
      },
    );
    bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(scrubber.fn), {
      prefix: CLOUDFRONT_LOG_PREFIXES.raw,
    });
    this.scrubber = scrubber.fn;
  }
}

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { acknowledge } from '../nag.js';
import { Construct } from 'constructs';

export interface AccessLogsProps {
  /**
   * Days logs are kept. China's Cybersecurity Law (网络安全法 art. 21) asks for at least six months.
   * @default 365
   */
  readonly retentionDays?: number;
}

/** The sink for S3 server access logs and CloudFront standard logs of one stack. */
export class AccessLogs extends Construct {
  readonly bucket: IBucket;

  constructor(scope: Construct, id: string, props: AccessLogsProps = {}) {
    super(scope, id);
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
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(bucket, {
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop, and logging it elsewhere only moves the question.',
    });
    this.bucket = bucket;
  }
}

import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** Created once per container or process and passed in. */
export function createS3Client(options: { endpoint?: string; region?: string } = {}): S3Client {
  return new S3Client({
    region: options.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          // s3rver serves buckets by path, not by virtual host.
          forcePathStyle: true,
          // s3rver's fixed local credentials (it does not verify signatures, only the key id).
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          // SDK v3 defaults to streaming CRC checksums that s3rver stores inline, corrupting objects.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {}),
  });
}

/** Local stack and tests only: in AWS the bucket belongs to the CDK stack. */
export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

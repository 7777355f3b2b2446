import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';

/** Created once per container or process and passed in. */
export function createS3Client(options: { endpoint?: string; region?: string } = {}): S3Client {
  return new S3Client({
    region: options.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    // Fail fast when storage cannot be reached (the caller answers 503 and the client retries)
    // instead of hanging until the API Gateway timeout. requestTimeout is per idle socket, not per body.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 },
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

/**
 * Local stack and tests only (in AWS the Evidence construct sets the same rule): browsers on the
 * site's origins may POST presigned uploads and GET presigned downloads.
 */
export async function configureEvidenceCors(s3: S3Client, bucket: string, origins: string[]): Promise<void> {
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: origins,
            AllowedMethods: ['GET', 'HEAD', 'PUT', 'POST'],
            AllowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
}

import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createS3Client, ensureBucket } from '../../functions/adapters/s3/client.js';
import { createLogObjectStore } from '../../functions/adapters/s3/log-objects.js';
import { scrubCloudFrontLog, scrubbedLogKey, withoutQuery } from '../../functions/jobs/cloudfront-logs.js';
import { createScrubCloudFrontLogsHandler } from '../../functions/jobs/scrub-cloudfront-logs-handler.js';
import { createLogger } from '../../functions/log.js';
import { CLOUDFRONT_LOG_PREFIXES } from '../../shared/contract.js';

/**
 * Issue 20, item 5: CloudFront standard logs keep no query string (verification codes, name
 * searches, cursors) and no referrer query once the scrubber has seen them.
 */
const FIELDS =
  '#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end';
const CURSOR = Buffer.from(JSON.stringify({ GSI1PK: 'UNITPEOPLE#u1', GSI1SK: 'PERSON#张伟#p1' })).toString('base64url');

const line = (stem: string, query: string, referer: string) =>
  [
    '2026-12-06',
    '05:00:01',
    'PEK50-C1',
    '2130',
    '203.0.113.9',
    'GET',
    'd111.cloudfront.net',
    stem,
    '200',
    referer,
    'Mozilla/5.0%20(X11)',
    query,
    'session=abc',
    'Miss',
    'reqid==',
    'xueshi-430100.hrss.hunan.gov.cn',
    'https',
    '412',
    '0.021',
    '-',
    'TLSv1.3',
    'TLS_AES_128_GCM_SHA256',
    'Miss',
    'HTTP/2.0',
    '-',
    '-',
    '51234',
    '0.020',
    'Miss',
    'application/json',
    '2130',
    '-',
    '-',
  ].join('\t');

const SAMPLE = [
  '#Version: 1.0',
  FIELDS,
  line(
    '/v1/public/certificates/HN-430100-2026-000001',
    'code=FD639B5E44C8',
    'https://xueshi-430100.hrss.hunan.gov.cn/verify/HN-430100-2026-000001?code=FD639B5E44C8',
  ),
  line('/v1/people', `unitId=u1&q=%E5%BC%A0%E4%BC%9F&cursor=${CURSOR}`, 'https://xueshi-430100.hrss.hunan.gov.cn/people%3Fq=%E5%BC%A0'),
  line('/assets/index-abc.js', '-', 'https://xueshi-430100.hrss.hunan.gov.cn/verify/HN-1#code=FD639B5E44C8'),
  line('/', '-', '-'),
  '',
].join('\n');

const SECRETS = ['FD639B5E44C8', '%E5%BC%A0%E4%BC%9F', CURSOR, 'q=', 'session=abc'];

describe('scrubCloudFrontLog', () => {
  const scrubbed = scrubCloudFrontLog(SAMPLE);
  const rows = scrubbed
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const column = (name: string) => FIELDS.slice('#Fields: '.length).split(' ').indexOf(name);

  it('leaves no verification code, name search, cursor or cookie anywhere in the file', () => {
    for (const secret of SECRETS) expect(scrubbed, secret).not.toContain(secret);
  });

  it('empties cs-uri-query and cs(Cookie), and cuts the referrer to its path', () => {
    expect(rows.map((r) => r[column('cs-uri-query')])).toEqual(['-', '-', '-', '-']);
    expect(rows.map((r) => r[column('cs(Cookie)')])).toEqual(['-', '-', '-', '-']);
    expect(rows.map((r) => r[column('cs(Referer)')])).toEqual([
      'https://xueshi-430100.hrss.hunan.gov.cn/verify/HN-430100-2026-000001',
      'https://xueshi-430100.hrss.hunan.gov.cn/people',
      'https://xueshi-430100.hrss.hunan.gov.cn/verify/HN-1',
      '-',
    ]);
  });

  it('keeps everything else: headers, paths, statuses, client addresses, timings', () => {
    expect(scrubbed.split('\n').slice(0, 2)).toEqual(['#Version: 1.0', FIELDS]);
    const original = SAMPLE.split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    const changed = new Set(['cs-uri-query', 'cs(Cookie)', 'cs(Referer)'].map(column));
    rows.forEach((row, r) => {
      expect(row).toHaveLength(original[r]!.length);
      row.forEach((value, i) => {
        if (!changed.has(i)) expect(value).toBe(original[r]![i]);
      });
    });
    expect(rows[0]![column('cs-uri-stem')]).toBe('/v1/public/certificates/HN-430100-2026-000001');
  });

  it('follows the #Fields line when the columns are in another order', () => {
    const text = ['#Fields: date cs-uri-query cs-uri-stem', '2026-12-06\tcode=SECRET\t/v1/x', ''].join('\n');
    expect(scrubCloudFrontLog(text)).toBe(['#Fields: date cs-uri-query cs-uri-stem', '2026-12-06\t-\t/v1/x', ''].join('\n'));
  });

  it.each([
    ['https://h/p?x=1', 'https://h/p'],
    ['https://h/p%3Fx=1', 'https://h/p'],
    ['https://h/p%3fx=1', 'https://h/p'],
    ['https://h/p#code=1', 'https://h/p'],
    ['https://h/p%23code=1', 'https://h/p'],
    ['https://h/p', 'https://h/p'],
    ['-', '-'],
  ])('withoutQuery(%s) = %s', (url, expected) => {
    expect(withoutQuery(url)).toBe(expected);
  });

  it('maps raw keys to kept keys, and nothing else', () => {
    expect(scrubbedLogKey(`${CLOUDFRONT_LOG_PREFIXES.raw}E2ABC.2026-12-06-05.1a2b3c.gz`)).toBe(
      `${CLOUDFRONT_LOG_PREFIXES.scrubbed}E2ABC.2026-12-06-05.1a2b3c.gz`,
    );
    expect(scrubbedLogKey(`${CLOUDFRONT_LOG_PREFIXES.scrubbed}E2ABC.gz`)).toBeUndefined();
    expect(scrubbedLogKey('evidence/2026-12-06-05-00-00-ABC')).toBeUndefined();
    expect(scrubbedLogKey(CLOUDFRONT_LOG_PREFIXES.raw)).toBeUndefined();
  });
});

describe('the scrubber Lambda handler, against the S3 server', () => {
  const s3 = createS3Client({ endpoint: inject('s3Endpoint'), region: 'us-east-1' });
  const bucket = `test-logs-${randomUUID().slice(0, 8)}`;
  const logLines: string[] = [];
  const handler = createScrubCloudFrontLogsHandler(
    { logs: createLogObjectStore(s3, bucket), log: createLogger('info', (line) => logLines.push(line)) },
    bucket,
  );
  const event = (key: string, bucketName = bucket) => ({
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: bucketName }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } },
      },
    ],
  });
  const exists = (key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      () => false,
    );
  beforeAll(() => ensureBucket(s3, bucket));

  it('writes the scrubbed copy under the kept prefix, gzipped, and deletes the raw file', async () => {
    const raw = `${CLOUDFRONT_LOG_PREFIXES.raw}E2ABC.2026-12-06-05.1a2b3c.gz`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: raw, Body: gzipSync(Buffer.from(SAMPLE)) }));
    await handler(event(raw));
    const kept = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: scrubbedLogKey(raw)! }));
    const text = gunzipSync(await kept.Body!.transformToByteArray()).toString('utf8');
    expect(text).toBe(scrubCloudFrontLog(SAMPLE));
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(await exists(raw)).toBe(false);
    // A retried event finds the raw file gone and changes nothing.
    await handler(event(raw));
    expect(await exists(scrubbedLogKey(raw)!)).toBe(true);
  });

  it('ignores other prefixes and other buckets', async () => {
    const other = 'site/2026-12-06-05-00-00-ABCDEF';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: other, Body: 'an S3 server access log line' }));
    await handler(event(other));
    expect(await exists(other)).toBe(true);
    const raw = `${CLOUDFRONT_LOG_PREFIXES.raw}E2ABC.2026-12-06-06.ffff.gz`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: raw, Body: gzipSync(Buffer.from(SAMPLE)) }));
    await handler(event(raw, 'someone-elses-bucket'));
    expect(await exists(raw)).toBe(true);
  });

  it('fails (so Lambda retries) on a file it cannot read, and keeps it', async () => {
    const raw = `${CLOUDFRONT_LOG_PREFIXES.raw}E2ABC.2026-12-06-07.0000.gz`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: raw, Body: 'not gzip' }));
    await expect(handler(event(raw))).rejects.toThrow(/could not be scrubbed/);
    expect(logLines.some((l) => l.includes('cloudfront log scrub failed') && l.includes(raw))).toBe(true);
    expect(await exists(raw)).toBe(true);
    expect(await exists(scrubbedLogKey(raw)!)).toBe(false);
  });
});

import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createApp } from '../../functions/http/app.js';
import { ErrorBodySchema } from '../../functions/http/errors.js';
import { createLogger, redact } from '../../functions/log.js';
import { createTestApp, type TestApp } from '../support/services.js';

/**
 * The logger (issue 16 item 5) as an operator meets it: every line a request writes names the
 * request (the id the API returned, and the Lambda invocation's), the tenant and the route, and no
 * line holds a resident ID number, even one a handler logged on purpose. Lines are read from the
 * process's own stdout/stderr, where Powertools writes them in Lambda.
 */
const ID = '43010219900101123X';
const PHONE = '13812345678';

const LineSchema = z.looseObject({
  level: z.string(),
  message: z.string(),
  timestamp: z.string(),
  service: z.string(),
  requestId: z.string().optional(),
  awsRequestId: z.string().optional(),
  tenant: z.string().optional(),
  route: z.string().optional(),
});
type Line = z.infer<typeof LineSchema>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

/** Collects what is written to stdout and stderr until `restore`; vitest's own output passes through. */
function captureOutput() {
  const lines: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const tap = (original: typeof process.stdout.write) =>
    function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (text.startsWith('{')) lines.push(...text.split('\n').filter(Boolean));
      else return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      return true;
    } as typeof process.stdout.write;
  process.stdout.write = tap(originals.out);
  process.stderr.write = tap(originals.err);
  return {
    parsed: (): Line[] => lines.map((l) => LineSchema.parse(JSON.parse(l))),
    raw: () => lines.join('\n'),
    restore() {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

let output: ReturnType<typeof captureOutput> | undefined;
afterEach(() => output?.restore());

/** The real app on stdout, with two probe routes that log and throw what a careless handler might. */
function appOnStdout() {
  return createApp(
    { ...t.deps, log: createLogger('info') },
    {
      extend: (app) => {
        app.get('/probe/logs/:n', (c) => {
          c.get('log').info('probe logged', { idNumber: ID, note: `证件 ${ID} 电话 ${PHONE}`, nested: { list: [ID] } });
          return c.json({ n: c.req.param('n') });
        });
        app.get('/probe/throws', () => {
          throw new Error(`lookup failed for ${ID}`, { cause: new Error(`IDNUMBER#${ID} missing`) });
        });
      },
    },
  );
}

describe('a request’s log lines', () => {
  it('carry requestId, tenant and route, and never the ID number a handler logged', async () => {
    output = captureOutput();
    const res = await appOnStdout().request('/probe/logs/7');
    output.restore();
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const line = output.parsed().find((l) => l.message === 'probe logged');
    expect(line).toMatchObject({ level: 'INFO', service: 'xueshi', requestId, tenant: t.deps.config.tenant, route: 'GET /probe/logs/:n' });
    expect(line?.idNumber).toBe('4301**********123*');
    expect(output.raw()).not.toContain(ID);
    expect(output.raw()).not.toContain(PHONE);
    expect(output.raw()).toContain('138****5678');
  });

  it('take no request id from the client: a chosen X-Request-Id is neither answered nor logged', async () => {
    output = captureOutput();
    const res = await appOnStdout().request('/probe/logs/8', { headers: { 'x-request-id': 'chosen-by-client' } });
    output.restore();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.raw()).not.toContain('chosen-by-client');
  });

  it('log an unhandled error with the id its 500 answer quotes, its cause redacted too', async () => {
    output = captureOutput();
    const res = await appOnStdout().request('/probe/throws');
    output.restore();
    expect(res.status).toBe(500);
    const body = ErrorBodySchema.parse(await res.json());
    expect(JSON.stringify(body)).not.toContain(ID);

    const line = output.parsed().find((l) => l.message === 'unhandled error');
    expect(line).toMatchObject({ level: 'ERROR', requestId: body.error.requestId, route: 'GET /probe/throws' });
    expect(JSON.stringify(line)).toContain('4301**********123*');
    expect(JSON.stringify(line)).toContain('missing');
    expect(output.raw()).not.toContain(ID);
  });

  it('keep concurrent requests apart: each line names its own request', async () => {
    output = captureOutput();
    const app = appOnStdout();
    const responses = await Promise.all(Array.from({ length: 8 }, (_, n) => app.request(`/probe/logs/${n}`)));
    output.restore();
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(8);
    const lines = output.parsed().filter((l) => l.message === 'probe logged');
    expect(lines.map((l) => l.requestId).sort()).toEqual([...ids].sort());
  });

  it('in Lambda, carry API Gateway’s request id (the one the API returns) and the invocation’s awsRequestId', async () => {
    output = captureOutput();
    const handler = handle(appOnStdout());
    const result = await handler(apiGatewayEvent('/probe/throws', 'apigw-Zx1cVhz5oAMEbGw='), lambdaContext('0b6c1a8e-lambda'));
    output.restore();
    expect(result.statusCode).toBe(500);
    expect(result.headers?.['x-request-id']).toBe('apigw-Zx1cVhz5oAMEbGw=');
    expect(ErrorBodySchema.parse(JSON.parse(result.body)).error.requestId).toBe('apigw-Zx1cVhz5oAMEbGw=');
    const line = output.parsed().find((l) => l.message === 'unhandled error');
    expect(line).toMatchObject({ requestId: 'apigw-Zx1cVhz5oAMEbGw=', awsRequestId: '0b6c1a8e-lambda', route: 'GET /probe/throws' });
  });

  it('leave out what the level filters, and write outside a request without request fields', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (line) => lines.push(line));
    log.info('not written');
    log.warn('job note', { key: `cloudfront/${ID}.gz` });
    expect(lines).toHaveLength(1);
    const line = LineSchema.parse(JSON.parse(lines[0]!));
    expect(line).toMatchObject({ level: 'WARN', message: 'job note', key: 'cloudfront/4301**********123*.gz' });
    expect(line.requestId).toBeUndefined();
  });
});

describe('redact', () => {
  it.each([
    [`证件 ${ID}，`, '证件 4301**********123*，'],
    ['id=430102199001011234&x', 'id=4301**********123*&x'],
    // Inside a longer run of digits or letters it is not an ID number (a timestamp, a hash).
    ['17335000000000000001234', '17335000000000000001234'],
    ['a43010219900101123Xb', 'a43010219900101123Xb'],
    [`tel ${PHONE}`, 'tel 138****5678'],
    ['1733500000000', '1733500000000'],
  ])('%s → %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});

function apiGatewayEvent(path: string, requestId: string): LambdaEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    body: null,
    headers: { host: 'api.example.test' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      authentication: null,
      authorizer: {},
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: '06/Dec/2026:15:00:00 +0000',
      timeEpoch: 1796569200000,
    },
  };
}

function lambdaContext(awsRequestId: string): LambdaContext {
  return {
    awsRequestId,
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:cn-north-1:123456789012:function:api',
    memoryLimitInMB: '512',
    logGroupName: '/aws/lambda/api',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30_000,
  };
}

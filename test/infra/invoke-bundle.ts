/**
 * Cold-starts a built Lambda bundle in this (fresh) process and sends it API Gateway (HTTP API,
 * payload 2.0) events, as Lambda would: `node --import tsx invoke-bundle.ts <bundle.mjs> <requests>`.
 * A JWKS endpoint on loopback stands in for the OIDC issuer, so requests can carry a signed token.
 * Prints one JSON line: the responses, bodies base64 when binary. Run by bundle.test.ts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ENV, ORIGIN_SECRET_HEADER } from '../../shared/contract.js';

const BUNDLE_ORIGIN_SECRET = 'bundle-test-origin-secret-0123456789abcdef';

export interface BundleRequest {
  method: string;
  path: string;
  query?: string;
  /** Sign a token with these claims (the identity: sub, name) and send it as the bearer. */
  claims?: Record<string, unknown>;
  /** Leave out CloudFront's origin secret: a request straight to the execute-api endpoint. */
  direct?: boolean;
}

export interface BundleResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

const [bundle, requestsJson] = process.argv.slice(2);
if (!bundle || !requestsJson) throw new Error('usage: invoke-bundle.ts <bundle.mjs> <requests JSON>');
const requests = JSON.parse(requestsJson) as BundleRequest[];

const { publicKey, privateKey } = await generateKeyPair('RS256');
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'test', alg: 'RS256', use: 'sig' }] };
const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const audience = 'xueshi-test';

// This child process is the Lambda container: its environment is the function's.
Object.assign(process.env, {
  [ENV.TENANT]: '430100',
  [ENV.TABLE_NAME]: process.env.BUNDLE_TEST_TABLE ?? 'bundle-test',
  [ENV.EVIDENCE_BUCKET]: 'bundle-test',
  [ENV.OIDC_ISSUER]: issuer,
  [ENV.OIDC_AUDIENCE]: audience,
  [ENV.LOG_LEVEL]: 'error',
  [ENV.CURSOR_SECRET]: 'bundle-test-cursor-secret-0123456789abcdef',
  [ENV.ORIGIN_SECRET]: BUNDLE_ORIGIN_SECRET,
  [ENV.RELEASE_VERSION]: '9.9.9',
  [ENV.RELEASE_COMMIT]: 'abcdef1',
  AWS_REGION: 'cn-north-1',
});
const { handler } = (await import(pathToFileURL(bundle).href)) as {
  handler: (event: unknown, context: unknown) => Promise<BundleResponse>;
};

const responses: BundleResponse[] = [];
for (const r of requests) {
  const headers: Record<string, string> = {
    host: 'api.example',
    accept: '*/*',
    // What CloudFront adds; a request without it is someone calling the API directly.
    ...(r.direct ? {} : { [ORIGIN_SECRET_HEADER]: BUNDLE_ORIGIN_SECRET }),
  };
  if (r.claims) {
    const token = await new SignJWT(r.claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(String(r.claims.sub ?? 'bundle-test'))
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    headers.authorization = `Bearer ${token}`;
  }
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: r.path,
    rawQueryString: r.query ?? '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method: r.method, path: r.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bundle-test' },
      requestId: `req-${responses.length}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
  responses.push(await handler(event, {}));
}
server.close();
console.log(JSON.stringify(responses));

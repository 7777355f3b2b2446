import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { LEGACY_API_HEADERS, SPA_REWRITE_CODE } from '../../infra/constructs/site.js';
import { ENV } from '../../shared/contract.js';
import { CHINA_CONTEXT, onlyResource, resourcesOf, synth } from './fixture.js';

/**
 * The AWS China partition (cn-north-1, cn-northwest-1): no Cognito user pools, and CloudFront
 * without origin access control, CloudFront Functions or cache/origin-request policies, serving
 * only an ICP-registered alias with an IAM server certificate.
 */
const { template, stack } = synth(CHINA_CONTEXT);
const distribution = () => onlyResource(template, 'AWS::CloudFront::Distribution').DistributionConfig;

describe('China partition stack', () => {
  it('lives in the China region with the same per-tenant name', () => {
    expect(stack.stackName).toBe('Xueshi-430100');
    expect(stack.region).toBe('cn-northwest-1');
  });

  it('uses the external OpenID Connect provider: no Cognito resources, issuer and audience in the API environment', () => {
    for (const type of ['AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolClient', 'AWS::Cognito::UserPoolDomain', 'AWS::Cognito::UserPoolGroup']) {
      template.resourceCountIs(type, 0);
    }
    const fn = resourcesOf(template, 'AWS::Lambda::Function').find(([id]) => /^ApiFunction[0-9A-F]{8}$/.test(id))![1];
    expect(fn.Environment.Variables).toMatchObject({
      [ENV.OIDC_ISSUER]: CHINA_CONTEXT.oidcIssuer,
      [ENV.OIDC_AUDIENCE]: CHINA_CONTEXT.oidcAudience,
      [ENV.SITE_ORIGIN]: 'https://xueshi-430100.hrss.hunan.gov.cn',
    });
    expect(fn.Environment.Variables).not.toHaveProperty(ENV.USER_POOL_ID);
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
  });

  it('serves the ICP-registered alias with the IAM server certificate over TLS 1.2, without IPv6', () => {
    expect(distribution().Aliases).toEqual(['xueshi-430100.hrss.hunan.gov.cn']);
    expect(distribution().ViewerCertificate).toEqual({
      IamCertificateId: CHINA_CONTEXT.siteCertificateId,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    expect(distribution()).toMatchObject({ IPV6Enabled: false, HttpVersion: 'http2' });
    expect(distribution().PriceClass).toBeUndefined();
  });

  it('reaches the bucket through an origin access identity instead of OAC', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
    const oai = Object.keys(template.findResources('AWS::CloudFront::CloudFrontOriginAccessIdentity'));
    expect(oai).toHaveLength(1);
    const s3 = distribution().Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3.S3OriginConfig.OriginAccessIdentity).toEqual({ 'Fn::Join': ['', ['origin-access-identity/cloudfront/', { Ref: oai[0] }]] });
    expect(s3.OriginAccessControlId).toBeUndefined();
  });

  it('uses legacy cache settings: no policy IDs, no CloudFront Function, no response headers policy', () => {
    template.resourceCountIs('AWS::CloudFront::Function', 0);
    template.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 0);
    const json = JSON.stringify(distribution());
    for (const key of ['CachePolicyId', 'OriginRequestPolicyId', 'ResponseHeadersPolicyId', 'FunctionAssociations', 'OriginAccessControlId']) {
      expect(json).not.toContain(key);
    }
    expect(distribution().DefaultCacheBehavior).toMatchObject({
      ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } },
      MinTTL: 0,
      DefaultTTL: 86400,
    });
  });

  it('still routes /v1/* to the API on the same origin, uncached, forwarding auth headers and query strings but not Host', () => {
    const [api] = distribution().CacheBehaviors;
    expect(api).toMatchObject({
      PathPattern: '/v1/*',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      ForwardedValues: { QueryString: true, Headers: LEGACY_API_HEADERS, Cookies: { Forward: 'none' } },
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 0,
    });
    expect(LEGACY_API_HEADERS).toContain('Authorization');
    expect(LEGACY_API_HEADERS).toContain('Idempotency-Key');
    expect(LEGACY_API_HEADERS.map((h) => h.toLowerCase())).not.toContain('host');
    const origin = distribution().Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    // AWS::URLSuffix resolves to amazonaws.com.cn in China.
    expect(JSON.stringify(origin.DomainName)).toContain('AWS::URLSuffix');
  });

  it('falls back to the app shell on S3 403s and keeps the status, so an API 403 stays a 403', () => {
    expect(distribution().CustomErrorResponses).toEqual([{ ErrorCode: 403, ResponseCode: 403, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 }]);
  });

  it('writes ARNs with the partition pseudo parameter, never a hard-coded aws partition', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/"arn:aws:/);
    expect(json).toContain('"Ref":"AWS::Partition"');
  });

  it('allows evidence CORS for the alias only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://xueshi-430100.hrss.hunan.gov.cn'] })] },
    });
  });
});

describe('SPA rewrite (global partition CloudFront Function)', () => {
  // The function body runs in CloudFront's JavaScript runtime; it is plain ES5 and runs here too.
  const handler = new Function(`${SPA_REWRITE_CODE}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
  it.each([
    ['/', '/index.html'],
    ['/records/2023', '/index.html'],
    ['/certificates/HN-430100-2023-000001', '/index.html'],
    ['/assets/index-BKcZMKKA.js', '/assets/index-BKcZMKKA.js'],
    ['/vendor/swagger-ui/swagger-ui.css', '/vendor/swagger-ui/swagger-ui.css'],
    ['/config.json', '/config.json'],
    ['/favicon.ico', '/favicon.ico'],
  ])('%s → %s', (uri, expected) => {
    expect(handler({ request: { uri } }).uri).toBe(expected);
  });
});

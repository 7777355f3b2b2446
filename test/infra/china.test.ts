import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { LEGACY_API_HEADERS, SPA_REWRITE_CODE } from '../../infra/constructs/site.js';
import { ENV, ORIGIN_SECRET_HEADER } from '../../shared/contract.js';
import { CHINA_CONTEXT, onlyResource, resourcesOf, synth } from './fixture.js';

/**
 * The AWS China partition (cn-north-1, cn-northwest-1): no Cognito user pools, and CloudFront
 * without origin access control, CloudFront Functions or cache/origin-request policies, serving
 * only an ICP-registered alias with an IAM server certificate — but with response headers policies,
 * which both China regions' CloudFormation schemas list (docs/deploy.md).
 */
const { template, stack } = synth(CHINA_CONTEXT);
const distribution = () => onlyResource(template, 'AWS::CloudFront::Distribution').DistributionConfig;
const global = synth();

/** A policy's config by its logical-id prefix (SiteSecurityHeaders…, SiteApiSecurityHeaders…). */
function headersPolicy(t: typeof template, prefix: string): Record<string, any> {
  const found = resourcesOf(t, 'AWS::CloudFront::ResponseHeadersPolicy').filter(
    ([id]) => id.startsWith(prefix) && /^[A-Za-z]+[0-9A-F]{8}$/.test(id),
  );
  if (found.length !== 1) throw new Error(`expected one ${prefix} policy, found ${found.length}`);
  return found[0]![1].ResponseHeadersPolicyConfig;
}

/** A CSP value (a string, or an Fn::Join with the region and URL suffix) → directive name → sources. */
function cspDirectives(value: unknown): Map<string, string> {
  const flat = (v: unknown): string => {
    if (typeof v === 'string') return v;
    const o = v as Record<string, unknown>;
    if (o['Fn::Join']) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map(flat).join(sep);
    }
    if (o.Ref) return `{${String(o.Ref)}}`;
    throw new Error(`unexpected CSP token ${JSON.stringify(v)}`);
  };
  return new Map(
    flat(value)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources.join(' ')]),
  );
}

describe('China partition stack', () => {
  it('lives in the China region with the same per-tenant name', () => {
    expect(stack.stackName).toBe('Xueshi-430100');
    expect(stack.region).toBe('cn-northwest-1');
  });

  it('uses the external OpenID Connect provider: no Cognito resources, issuer and audience in the API environment', () => {
    for (const type of [
      'AWS::Cognito::UserPool',
      'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolDomain',
      'AWS::Cognito::UserPoolGroup',
    ]) {
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

  it('uses legacy cache settings: no cache or origin-request policy IDs, no CloudFront Function', () => {
    template.resourceCountIs('AWS::CloudFront::Function', 0);
    template.resourceCountIs('AWS::CloudFront::CachePolicy', 0);
    template.resourceCountIs('AWS::CloudFront::OriginRequestPolicy', 0);
    const json = JSON.stringify(distribution());
    for (const key of ['CachePolicyId', 'OriginRequestPolicyId', 'FunctionAssociations', 'OriginAccessControlId']) {
      expect(json).not.toContain(key);
    }
    expect(distribution().DefaultCacheBehavior).toMatchObject({
      ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } },
      MinTTL: 0,
      DefaultTTL: 86400,
    });
  });

  it('sends the site the same security headers as the global site, through a response headers policy', () => {
    const china = headersPolicy(template, 'SiteSecurityHeaders');
    const world = headersPolicy(global.template, 'SiteSecurityHeaders');
    expect(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: expect.stringMatching(/^SiteSecurityHeaders[0-9A-F]{8}$/),
    });
    // HSTS, framing, sniffing, referrer and Permissions-Policy: identical.
    const { ContentSecurityPolicy: chinaCsp, ...chinaRest } = china.SecurityHeadersConfig;
    const { ContentSecurityPolicy: worldCsp, ...worldRest } = world.SecurityHeadersConfig;
    expect(chinaRest).toEqual(worldRest);
    expect(china.CustomHeadersConfig).toEqual(world.CustomHeadersConfig);
    expect(chinaRest).toEqual({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
    // The CSP: the same directives; only connect-src names each partition's login provider.
    expect(chinaCsp.Override).toBe(true);
    const chinaDirectives = cspDirectives(chinaCsp.ContentSecurityPolicy);
    const worldDirectives = cspDirectives(worldCsp.ContentSecurityPolicy);
    expect([...chinaDirectives.keys()]).toEqual([...worldDirectives.keys()]);
    for (const [name, sources] of worldDirectives) {
      if (name !== 'connect-src') expect(chinaDirectives.get(name), name).toBe(sources);
    }
    expect(chinaDirectives.get('script-src')).toBe("'self'");
    expect(chinaDirectives.get('frame-ancestors')).toBe("'none'");
    expect(chinaDirectives.get('object-src')).toBe("'none'");
    expect(chinaDirectives.get('default-src')).toBe("'self'");
    expect(chinaDirectives.get('connect-src')).toContain('https://id.hrss.hunan.gov.cn');
    expect(chinaDirectives.get('connect-src')).not.toContain('amazoncognito');
  });

  it('sends the API answers the managed SecurityHeadersPolicy values, as the global API behavior does', () => {
    const [api] = distribution().CacheBehaviors;
    expect(api.ResponseHeadersPolicyId).toEqual({ Ref: expect.stringMatching(/^SiteApiSecurityHeaders[0-9A-F]{8}$/) });
    expect(headersPolicy(template, 'SiteApiSecurityHeaders').SecurityHeadersConfig).toEqual({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, Override: false },
      ContentTypeOptions: { Override: false },
      FrameOptions: { FrameOption: 'SAMEORIGIN', Override: false },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: false },
      XSSProtection: { Protection: true, ModeBlock: true, Override: false },
    });
    template.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 2);
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

  it("answers deep links (S3's 403 for a missing key) with the app shell and 200, never cached", () => {
    // WeChat and proxies show a 403 as an error page: the verification page a QR code opens must be a 200.
    expect(distribution().CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
    ]);
  });

  it("forwards CloudFront's viewer-address header to the API, and sends the origin secret", () => {
    const api = distribution().CacheBehaviors[0];
    expect(api.ForwardedValues.Headers).toContain('CloudFront-Viewer-Address');
    const origin = distribution().Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(origin.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_SECRET_HEADER, HeaderValue: expect.anything() }]);
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

import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  CfnDistribution,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  GeoRestriction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  type IDistribution,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { acknowledge, acknowledgeGeneratedWildcards } from '../nag.js';
import { PYTHON_RUNTIME } from '../runtimes.js';
import { Construct } from 'constructs';
import { CLOUDFRONT_LOG_PREFIXES, ORIGIN_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/contract.js';
import type { SiteCertificate } from '../config.js';

export interface SiteProps {
  /** Directory of the built site (web/dist): index.html, hashed files under assets/, vendor/. */
  readonly assetPath: string;
  /** Routed at `/v1/*`, so the site, the API and its `/v1/docs` page share one origin. */
  readonly api: IHttpApi;
  /** Host name of the API origin: its own domain, or its execute-api endpoint. @default the execute-api endpoint */
  readonly apiOriginDomain?: string;
  /** Sent to the API in ORIGIN_SECRET_HEADER on every request (a deploy-time reference). */
  readonly originSecret: string;
  readonly accessLogs: IBucket;
  /**
   * CloudFront standard logs into the access-log bucket. CloudFront cannot deliver them to a bucket
   * in an opt-in region (ap-east-1 and the like): the distribution would fail to create there.
   * @default true
   */
  readonly standardLogs?: boolean;
  /**
   * The AWS China partition: CloudFront there has no origin access control, no CloudFront
   * Functions and no cache/origin-request policies, so the site falls back to the legacy features.
   * Response headers policies do exist there (AWS::CloudFront::ResponseHeadersPolicy is in the
   * CloudFormation resource schemas of cn-north-1 and cn-northwest-1), so the security headers are
   * the same in both partitions (docs/deploy.md §11).
   * @default false
   */
  readonly china?: boolean;
  /** Own host name; required in China (ICP-registered), optional elsewhere. */
  readonly domain?: string;
  readonly certificate?: SiteCertificate;
  /** Origins the site's scripts call besides its own (OIDC discovery, token endpoint): CSP connect-src. */
  readonly identityOrigins: string[];
  /**
   * Country codes CloudFront serves; empty serves everyone.
   * @default ['CN']
   */
  readonly geoAllow?: string[];
  /** A WAF web ACL (CLOUDFRONT scope) to attach. @default none */
  readonly webAclArn?: string;
  /**
   * Written to `/config.json` at deploy time (tenant, OIDC issuer and client): the one site build
   * serves every tenant and learns its settings there. Deploy-time tokens are allowed.
   * @default none
   */
  readonly runtimeConfig?: Record<string, unknown>;
}

/**
 * Client-side routes (BrowserRouter) get the app shell; anything whose last segment has a dot is a
 * file and passes through. Only the site's default behavior runs it, so `/v1/*` keeps the API's
 * own answers, JSON 404s included.
 */
export const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/**
 * Headers forwarded to the API under the legacy cache settings (China). `Host` must not be among
 * them: API Gateway answers only to its own host name.
 */
export const LEGACY_API_HEADERS = [
  'Authorization',
  'Accept',
  'Accept-Language',
  'Content-Type',
  'Idempotency-Key',
  'Origin',
  // CloudFront's own header with the viewer's address (the public limits key on it).
  'CloudFront-Viewer-Address',
];

/**
 * Days the previous builds' hashed files stay in the site bucket after a deploy (docs/deploy.md §4c):
 * a page loaded before a deploy keeps finding the chunks it asks for next.
 */
export const SITE_ASSET_GRACE_DAYS = 14;

/**
 * The site's Content-Security-Policy. antd injects its CSS at run time ('unsafe-inline' styles);
 * evidence is uploaded to and previewed from presigned S3 URLs in the stack's region (a wildcard,
 * because naming the bucket here would make the bucket's CORS rule and this policy depend on each
 * other).
 */
export function contentSecurityPolicy(opts: { identityOrigins: string[]; s3Origin: string }): string {
  const connect = ["'self'", ...opts.identityOrigins, opts.s3Origin].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${opts.s3Origin}`,
    "font-src 'self' data:",
    `connect-src ${connect}`,
    `frame-src 'self' blob: ${opts.s3Origin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** The static site on private S3 behind CloudFront, with the API routed at `/v1/*`. */
export class Site extends Construct {
  readonly bucket: IBucket;
  readonly distribution: IDistribution;
  /** `https://host` the site (and, through `/v1/*`, the API) is served from. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const china = props.china ?? false;
    const stack = Stack.of(this);

    const bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ id: 'expire-old-builds', noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = bucket;
    const siteOrigin = china ? S3BucketOrigin.withOriginAccessIdentity(bucket) : S3BucketOrigin.withOriginAccessControl(bucket);

    const certificate =
      props.certificate?.kind === 'acm' ? Certificate.fromCertificateArn(this, 'Certificate', props.certificate.arn) : undefined;
    const geoAllow = props.geoAllow ?? ['CN'];
    const s3Origin = `https://*.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;

    // The same policies in both partitions: CSP (no inline script, no framing), HSTS, nosniff, referrer policy.
    const siteHeaders = this.securityHeaders(contentSecurityPolicy({ identityOrigins: props.identityOrigins, s3Origin }));
    const apiHeaders = china ? this.apiSecurityHeaders() : ResponseHeadersPolicy.SECURITY_HEADERS;

    const distribution = new Distribution(this, 'Distribution', {
      comment: `xueshi site and API ${stack.stackName}`,
      defaultRootObject: 'index.html',
      // HTTP/3 is not confirmed for CloudFront in China; HTTP/2 is.
      httpVersion: china ? HttpVersion.HTTP2 : HttpVersion.HTTP2_AND_3,
      enableIpv6: !china,
      ...(china ? {} : { priceClass: PriceClass.PRICE_CLASS_200 }),
      ...(certificate && props.domain
        ? {
            certificate,
            domainNames: [props.domain],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
      ...(geoAllow.length > 0 ? { geoRestriction: GeoRestriction.allowlist(...geoAllow) } : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      // Standard logs record every query string and referrer; they land under the raw prefix, where
      // the AccessLogs scrubber rewrites each file without them (docs/decisions.md, issue 20).
      // None in an opt-in region, where CloudFront cannot deliver them (docs/decisions.md, issue 15).
      ...((props.standardLogs ?? true)
        ? { enableLogging: true, logBucket: props.accessLogs, logFilePrefix: CLOUDFRONT_LOG_PREFIXES.raw }
        : { enableLogging: false }),
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        responseHeadersPolicy: siteHeaders,
        ...(china
          ? {}
          : {
              cachePolicy: CachePolicy.CACHING_OPTIMIZED,
              functionAssociations: [
                {
                  eventType: FunctionEventType.VIEWER_REQUEST,
                  function: new CloudFrontFunction(this, 'SpaRewrite', {
                    code: FunctionCode.fromInline(SPA_REWRITE_CODE),
                    runtime: FunctionRuntime.JS_2_0,
                    comment: 'Serve index.html for client-side routes',
                  }),
                },
              ],
            }),
      },
      ...(china
        ? {
            // No edge functions in China: a missing object is S3's 403 (no ListBucket for the
            // OAI) and becomes the app shell with 200, so that deep links and the verification page
            // WeChat opens are ordinary pages. The rule is distribution-wide: an API 403 arrives as
            // this 200 page too, which the API client recognises (an HTML answer under /v1) —
            // docs/deploy.md §11, docs/decisions.md (issue 15).
            errorResponses: [{ httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) }],
          }
        : {}),
    });

    distribution.addBehavior(
      '/v1/*',
      new HttpOrigin(props.apiOriginDomain ?? `${props.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        readTimeout: Duration.seconds(30),
        // The API refuses requests without it (functions/http/origin.ts); CloudFront overwrites a
        // viewer's header of the same name.
        customHeaders: { [ORIGIN_SECRET_HEADER]: props.originSecret },
      }),
      {
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // API clients must not be redirected: a redirected POST loses its body.
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        compress: true,
        responseHeadersPolicy: apiHeaders,
        ...(china
          ? {}
          : {
              // With caching disabled, the AllViewerExceptHostHeader policy may forward
              // Authorization; Host must stay API Gateway's own. The policy also adds CloudFront's
              // viewer headers, CloudFront-Viewer-Address among them (the public limits' key).
              cachePolicy: CachePolicy.CACHING_DISABLED,
              originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            }),
      },
    );

    const cfn = distribution.node.defaultChild as CfnDistribution;
    if (china) useChinaFeatures(cfn, props);
    this.distribution = distribution;
    this.origin = `https://${props.domain ?? distribution.distributionDomainName}`;

    this.deployContent(props, bucket, distribution);
    this.suppressNagFindings(distribution, props, china);
  }

  private securityHeaders(csp: string): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'xueshi site: CSP, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true }],
      },
    });
  }

  /**
   * The API's headers in China, where AWS's managed policy IDs are not confirmed to exist: the values of the
   * managed SecurityHeadersPolicy the global API behavior uses, none overriding what the API itself
   * sends (functions/http/app.ts sets its own secure headers on every /v1 answer).
   */
  private apiSecurityHeaders(): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, 'ApiSecurityHeaders', {
      comment: 'xueshi API (China): the managed SecurityHeadersPolicy values',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), override: false },
        contentTypeOptions: { override: false },
        frameOptions: { frameOption: HeadersFrameOption.SAMEORIGIN, override: false },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: false },
        xssProtection: { protection: true, modeBlock: true, override: false },
      },
    });
  }

  /**
   * Hashed files under assets/ never change, so browsers keep them a year; everything else
   * (index.html, vendor/, config.json) is revalidated on each load. Assets go first, so a new
   * index.html never points at files that are not there yet, and they are never pruned by a deploy:
   * a page loaded before the deploy still finds the previous build's chunks. Old builds' files are
   * removed once the current build has been live SITE_ASSET_GRACE_DAYS (docs/deploy.md §4c).
   */
  private deployContent(props: SiteProps, bucket: IBucket, distribution: IDistribution) {
    const assets = new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(props.assetPath)],
      destinationBucket: bucket,
      exclude: ['*'],
      include: ['assets/*'],
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
      memoryLimit: 512,
    });
    const shell = new BucketDeployment(this, 'DeployShell', {
      sources: [Source.asset(props.assetPath), ...(props.runtimeConfig ? [Source.jsonData('config.json', props.runtimeConfig)] : [])],
      destinationBucket: bucket,
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
      prune: true,
      memoryLimit: 512,
      distribution,
      distributionPaths: ['/*'],
    });
    shell.node.addDependency(assets);
    for (const deployment of [assets, shell]) {
      acknowledge(deployment.handlerRole, {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'CDK BucketDeployment custom resource: CDK gives its handler role AWSLambdaBasicExecutionRole (logs:CreateLogGroup, CreateLogStream, PutLogEvents); it runs only at deployment.',
      });
      const policy = deployment.handlerRole.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
      if (policy instanceof CfnPolicy) {
        acknowledgeGeneratedWildcards(
          policy,
          'CDK BucketDeployment custom resource (runs only at deployment): CDK generates these grants to copy the site from the CDK asset bucket into the site bucket and to invalidate this distribution.',
        );
      }
    }
    const stack = Stack.of(this);
    for (const child of stack.node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        acknowledge(child, {
          id: 'AwsSolutions-L1',
          reason: `CDK BucketDeployment handler (Python, runs only at deployment), pinned by infra/runtimes.ts to ${PYTHON_RUNTIME.name} rather than CDK's latest, so that the same runtime is offered in the China regions; moving on is a tested change.`,
        });
      }
    }
  }

  private suppressNagFindings(distribution: Distribution, props: SiteProps, china: boolean) {
    const findings: { id: string; reason: string }[] = [];
    if (!props.domain) {
      findings.push({
        id: 'AwsSolutions-CFR4',
        reason:
          'No site domain configured: the default *.cloudfront.net certificate fixes the viewer security policy. With -c siteDomain and a certificate the distribution requires TLSv1.2_2021.',
      });
    }
    if ((props.geoAllow ?? ['CN']).length === 0) {
      findings.push({ id: 'AwsSolutions-CFR1', reason: 'The operator lifted the geographic restriction explicitly (-c geoAllow=any).' });
    }
    if (!props.webAclArn) {
      findings.push({
        id: 'AwsSolutions-CFR2',
        reason: china
          ? "AWS WAF in the China regions is regional only and cannot be attached to CloudFront; there the geo restriction, the per-route stage throttles and the application's per-address limits stand in (docs/deploy.md §11)."
          : 'The fleet web ACL (stack Xueshi-Waf, us-east-1) is attached by ARN once deployed (webAclArn in infra/fleet.json; the rollout script passes it); this synth has none, or the operator switched the WAF off (-c waf=off).',
      });
    }
    if (props.standardLogs === false) {
      findings.push({
        id: 'AwsSolutions-CFR3',
        reason:
          "An opt-in region: CloudFront cannot deliver standard logs to a bucket here (the distribution would fail to create). Every /v1 request is still in the API stage access log, and every site file CloudFront fetches in the site bucket's S3 server access log; only cache hits go unlogged.",
      });
    }
    if (china) {
      findings.push({
        id: 'AwsSolutions-CFR7',
        reason:
          'Origin access control is not available for CloudFront in the China partition; the bucket is reached through an origin access identity instead.',
      });
    }
    acknowledge(distribution, ...findings);
  }
}

/**
 * CloudFront in China accepts only the legacy settings: ForwardedValues and TTLs instead of
 * cache/origin-request policy IDs, an IAM server certificate instead of ACM, and no default
 * *.cloudfront.cn host (an ICP-registered alias is mandatory). Response headers policy IDs stay:
 * they work beside the legacy cache settings.
 */
function useChinaFeatures(cfn: CfnDistribution, props: SiteProps) {
  cfn.addPropertyDeletionOverride('DistributionConfig.DefaultCacheBehavior.CachePolicyId');
  cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ForwardedValues', {
    QueryString: false,
    Cookies: { Forward: 'none' },
  });
  cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.MinTTL', 0);
  cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.DefaultTTL', 86400);
  cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.MaxTTL', 31536000);
  // Behavior 0 is /v1/*: nothing cached, the API's headers and query strings forwarded.
  cfn.addPropertyDeletionOverride('DistributionConfig.CacheBehaviors.0.CachePolicyId');
  cfn.addPropertyDeletionOverride('DistributionConfig.CacheBehaviors.0.OriginRequestPolicyId');
  cfn.addPropertyOverride('DistributionConfig.CacheBehaviors.0.ForwardedValues', {
    QueryString: true,
    Headers: LEGACY_API_HEADERS,
    Cookies: { Forward: 'none' },
  });
  cfn.addPropertyOverride('DistributionConfig.CacheBehaviors.0.MinTTL', 0);
  cfn.addPropertyOverride('DistributionConfig.CacheBehaviors.0.DefaultTTL', 0);
  cfn.addPropertyOverride('DistributionConfig.CacheBehaviors.0.MaxTTL', 0);
  if (props.domain && props.certificate?.kind === 'iam') {
    // Set on the L1 rather than as an override, so cdk-nag (CFR4) sees the TLS policy.
    cfn.distributionConfig = {
      ...(cfn.distributionConfig as CfnDistribution.DistributionConfigProperty),
      aliases: [props.domain],
      viewerCertificate: {
        iamCertificateId: props.certificate.id,
        sslSupportMethod: 'sni-only',
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      },
    };
  }
}

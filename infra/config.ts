import { TENANT_CODES, TENANTS, type TenantCode, isTenantCode } from '../shared/contract.js';

/**
 * Turns `cdk -c key=value` context into one validated configuration per tenant stack. Pure: no
 * CDK, no process.env (the caller passes the two CDK_DEFAULT_* values in), so every rule here is
 * tested without synthesising anything. Errors name the context key and what would be valid.
 *
 * Context keys (all strings, as the CDK CLI passes them):
 *   tenant              required: a tenant code (rules §2) or `all`
 *   account, region     default CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION
 *   oidcIssuer, oidcAudience, oidcJwksUrl, oidcClientId, oidcScopes, oidcRequiredAcr, oidcRequiredAmr (comma lists)
 *                       an external OpenID Connect provider instead of Cognito (required in China)
 *   siteDomain          the site's own host name; `{tenant}` is replaced by the tenant code
 *   siteCertificateArn  ACM certificate in us-east-1 for siteDomain (global partition)
 *   siteCertificateId   IAM server certificate ID for siteDomain (China partition: no ACM for CloudFront)
 *   authDomainPrefix    Cognito hosted login prefix; `{tenant}` replaced (default xueshi-{tenant}-<account>)
 *   evidenceObjectLockDays, evidenceObjectLockMode (GOVERNANCE|COMPLIANCE)
 *   cognitoEmailFrom    a verified SES address Cognito sends invitations from (Cognito's own
 *                       sender is limited to 50 e-mails a day); cognitoEmailRegion its SES region
 *   alarmEmail          subscribed to the alarm topic
 *   apiRateLimit, apiBurstLimit   stage throttling (requests per second / burst), default 100 / 200
 *   publicRateLimit, publicBurstLimit
 *                       throttling of the anonymous routes (/v1/public/*, the preview), default 20 / 40
 *   logRetentionDays    CloudWatch Logs retention (default 180)
 *   logLevel            XUESHI_LOG_LEVEL for the API (default info)
 *   geoAllow            comma-separated ISO country codes CloudFront serves (default CN), or `any`
 *   webAclArn           a WAF web ACL (CLOUDFRONT scope, us-east-1) to attach; global partition only
 *   siteAssetPath       the built site (default web/dist)
 *   apiDomain, apiCertificateArn
 *                       a regional custom domain for the HTTP API (and an ACM certificate in the stack's
 *                       region): CloudFront reaches the API there and the default execute-api endpoint
 *                       is disabled
 *   waf                 on|off: the fleet's AWS WAF web ACL (stack Xueshi-Waf, us-east-1); global only
 *   provinceDirectoryKeyArn
 *                       the province stack's directory key secret (its full ARN, output DirectoryKeyArn):
 *                       set, the tenant gets its end of the province intake (issue 17: forward queue,
 *                       consumer, grants on the province's inbox and key in the ARN's account and region)
 *   releaseVersion, releaseCommit
 *                       what GET /v1/health reports (default: package.json version, `git rev-parse HEAD`)
 *
 * infra/fleet.ts supplies these per tenant from infra/fleet.json; context given on the command
 * line wins over the fleet file.
 */

export const CHINA_REGIONS = ['cn-north-1', 'cn-northwest-1'] as const;

/**
 * Regions an account must opt in to. CloudFront cannot deliver standard logs to a bucket in any of
 * them (the distribution fails to create), so stacks there have no CloudFront standard logging.
 */
export const OPT_IN_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
] as const;

export type ObjectLockMode = 'GOVERNANCE' | 'COMPLIANCE';

export type IdentityConfig =
  | { kind: 'cognito'; domainPrefix: string; emailFrom?: string; emailRegion?: string }
  | {
      kind: 'oidc';
      issuer: string;
      audience: string;
      jwksUrl?: string;
      /** The site's client id at the provider. @default the audience (the ID token's `aud` is the client id) */
      clientId?: string;
      /** Scopes the site asks for. @default 'openid profile' */
      scopes?: string;
      /** `acr` values / `amr` methods that count as a second factor for privileged roles (issue 13). */
      requiredAcr?: string[];
      requiredAmr?: string[];
    };

export type SiteCertificate = { kind: 'acm'; arn: string } | { kind: 'iam'; id: string };

export interface TenantStackConfig {
  tenant: TenantCode;
  tenantName: string;
  stackName: string;
  env: { account?: string; region?: string };
  /** AWS China partition (cn-north-1, cn-northwest-1): no Cognito, no OAC, no CloudFront Functions. */
  china: boolean;
  identity: IdentityConfig;
  /** An opt-in region: no CloudFront standard logs can be delivered to a bucket here. */
  optInRegion: boolean;
  site: { domain?: string; certificate?: SiteCertificate; assetPath?: string; geoAllow: string[]; webAclArn?: string };
  /** The API's own regional domain; with it the default execute-api endpoint is disabled. */
  apiDomain?: { name: string; certificateArn: string };
  /** The fleet's WAF web ACL (global partition only; the ARN attaches it once Xueshi-Waf is deployed). */
  waf: boolean;
  /** The tenant's link to the province stack (issue 17), parsed from the directory key's ARN. */
  province?: { directoryKeyArn: string; account: string; region: string; partition: string };
  release: { version: string; commit: string };
  evidenceObjectLock?: { mode: ObjectLockMode; days: number };
  alarmEmail?: string;
  /**
   * Stage throttling: `rateLimit`/`burstLimit` for every route, `publicRateLimit`/`publicBurstLimit`
   * for the anonymous routes (`/v1/public/*`, the hours preview), well below the staff routes.
   */
  api: {
    rateLimit: number;
    burstLimit: number;
    publicRateLimit: number;
    publicBurstLimit: number;
    logLevel: 'debug' | 'info' | 'warn' | 'error';
  };
  logRetentionDays: number;
}

export interface AppConfig {
  stacks: TenantStackConfig[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Context = Record<string, unknown>;

/** CloudWatch Logs only accepts these retention periods. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function resolveAppConfig(
  context: Context,
  defaults: { account?: string; region?: string; release?: { version: string; commit: string } } = {},
): AppConfig {
  const tenants = resolveTenants(str(context, 'tenant'));
  const account = str(context, 'account') ?? defaults.account;
  const region = str(context, 'region') ?? defaults.region;
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    throw new ConfigError(`account must be a 12-digit AWS account ID, got "${account}"`);
  }
  const china = region !== undefined && (CHINA_REGIONS as readonly string[]).includes(region);

  const issuer = str(context, 'oidcIssuer');
  const audience = str(context, 'oidcAudience');
  const jwksUrl = str(context, 'oidcJwksUrl');
  const oidcClientId = str(context, 'oidcClientId');
  const oidcScopes = str(context, 'oidcScopes');
  const requiredAcr = list(str(context, 'oidcRequiredAcr'));
  const requiredAmr = list(str(context, 'oidcRequiredAmr'));
  if (issuer === undefined && (oidcClientId ?? oidcScopes ?? requiredAcr ?? requiredAmr) !== undefined) {
    throw new ConfigError(
      'oidcClientId, oidcScopes, oidcRequiredAcr and oidcRequiredAmr configure an external OpenID Connect provider: pass oidcIssuer and oidcAudience too',
    );
  }
  if (oidcScopes !== undefined && !oidcScopes.split(/\s+/).includes('openid')) throw new ConfigError('oidcScopes must include openid');
  if ((issuer === undefined) !== (audience === undefined)) {
    throw new ConfigError('oidcIssuer and oidcAudience go together: pass both to use an external OpenID Connect provider');
  }
  if (issuer !== undefined) requireHttpsUrl('oidcIssuer', issuer);
  if (jwksUrl !== undefined) {
    if (issuer === undefined) throw new ConfigError('oidcJwksUrl needs oidcIssuer and oidcAudience');
    requireHttpsUrl('oidcJwksUrl', jwksUrl);
  }
  if (china && issuer === undefined) {
    throw new ConfigError(
      `Cognito user pools are not offered in the AWS China regions (${region}). ` +
        'Pass an external OpenID Connect provider: -c oidcIssuer=https://… -c oidcAudience=…',
    );
  }

  const siteDomainPattern = str(context, 'siteDomain');
  const certificateArn = str(context, 'siteCertificateArn');
  const certificateId = str(context, 'siteCertificateId');
  if (siteDomainPattern !== undefined && tenants.length > 1 && !siteDomainPattern.includes('{tenant}')) {
    throw new ConfigError('siteDomain must contain {tenant} when several tenants are synthesised (one host name per stack)');
  }
  if (china) {
    // CloudFront in China cannot serve *.cloudfront.cn and does not take ACM certificates (ICP rules).
    if (siteDomainPattern === undefined || certificateId === undefined) {
      throw new ConfigError(
        'The China partition needs an ICP-registered site domain and an IAM server certificate: ' +
          '-c siteDomain=xueshi-{tenant}.example.gov.cn -c siteCertificateId=<IAM server certificate ID>',
      );
    }
    if (certificateArn !== undefined)
      throw new ConfigError('siteCertificateArn (ACM) cannot be used by CloudFront in China; use siteCertificateId');
  } else {
    if (certificateId !== undefined)
      throw new ConfigError('siteCertificateId (IAM) is for the China partition; use siteCertificateArn (ACM, us-east-1)');
    if ((siteDomainPattern === undefined) !== (certificateArn === undefined)) {
      throw new ConfigError('siteDomain and siteCertificateArn go together (an ACM certificate in us-east-1 covering the domain)');
    }
  }
  const webAclArn = str(context, 'webAclArn');
  if (webAclArn !== undefined && china) throw new ConfigError('webAclArn: AWS WAF attaches to CloudFront only outside China');
  const wafSwitch = str(context, 'waf') ?? (china ? 'off' : 'on');
  if (wafSwitch !== 'on' && wafSwitch !== 'off') throw new ConfigError(`waf must be on or off, got "${wafSwitch}"`);
  if (wafSwitch === 'on' && china) {
    throw new ConfigError(
      'waf=on: AWS WAF in the China regions is regional only and cannot protect CloudFront; pass -c waf=off (docs/deploy.md §11)',
    );
  }
  const province = provinceLink(str(context, 'provinceDirectoryKeyArn'));
  const apiDomainPattern = str(context, 'apiDomain');
  const apiCertificateArn = str(context, 'apiCertificateArn');
  if ((apiDomainPattern === undefined) !== (apiCertificateArn === undefined)) {
    throw new ConfigError("apiDomain and apiCertificateArn go together (an ACM certificate in the stack's region covering the API domain)");
  }
  if (apiDomainPattern !== undefined && tenants.length > 1 && !apiDomainPattern.includes('{tenant}')) {
    throw new ConfigError('apiDomain must contain {tenant} when several tenants are synthesised');
  }
  const release = {
    version: str(context, 'releaseVersion') ?? defaults.release?.version ?? '0.0.0',
    commit: str(context, 'releaseCommit') ?? defaults.release?.commit ?? 'unknown',
  };
  if (!/^[0-9A-Za-z.+-]{1,64}$/.test(release.version)) throw new ConfigError(`releaseVersion is not a version: "${release.version}"`);
  if (!/^([0-9a-f]{7,40}|unknown)$/.test(release.commit))
    throw new ConfigError(`releaseCommit must be a git commit hash, got "${release.commit}"`);

  const objectLockDays = int(context, 'evidenceObjectLockDays', { min: 1, max: 36500 });
  const objectLockMode = str(context, 'evidenceObjectLockMode') ?? 'GOVERNANCE';
  if (objectLockMode !== 'GOVERNANCE' && objectLockMode !== 'COMPLIANCE') {
    throw new ConfigError(`evidenceObjectLockMode must be GOVERNANCE or COMPLIANCE, got "${objectLockMode}"`);
  }
  if (str(context, 'evidenceObjectLockMode') !== undefined && objectLockDays === undefined) {
    throw new ConfigError('evidenceObjectLockMode needs evidenceObjectLockDays (the default retention)');
  }

  const alarmEmail = str(context, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new ConfigError(`alarmEmail is not an e-mail address: "${alarmEmail}"`);
  }
  const rateLimit = int(context, 'apiRateLimit', { min: 1, max: 10000 }) ?? 100;
  const burstLimit = int(context, 'apiBurstLimit', { min: 1, max: 5000 }) ?? 200;
  const publicRateLimit = int(context, 'publicRateLimit', { min: 1, max: 10000 }) ?? 20;
  const publicBurstLimit = int(context, 'publicBurstLimit', { min: 1, max: 5000 }) ?? 40;
  if (publicRateLimit > rateLimit || publicBurstLimit > burstLimit) {
    throw new ConfigError(
      `publicRateLimit/publicBurstLimit (${publicRateLimit}/${publicBurstLimit}) must not exceed apiRateLimit/apiBurstLimit (${rateLimit}/${burstLimit}): the anonymous routes stay below the staff routes`,
    );
  }
  const logRetentionDays = int(context, 'logRetentionDays', { min: 1, max: 3653 }) ?? 180;
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    throw new ConfigError(`logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  const logLevel = str(context, 'logLevel') ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError(`logLevel must be debug, info, warn or error, got "${logLevel}"`);
  }
  const geoAllow = resolveGeoAllow(str(context, 'geoAllow'));
  const emailFrom = str(context, 'cognitoEmailFrom');
  const emailRegion = str(context, 'cognitoEmailRegion');
  if (emailFrom !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(emailFrom)) {
    throw new ConfigError(`cognitoEmailFrom is not an e-mail address: "${emailFrom}"`);
  }
  if (emailRegion !== undefined && emailFrom === undefined) throw new ConfigError('cognitoEmailRegion needs cognitoEmailFrom');
  if (emailFrom !== undefined && issuer !== undefined) {
    throw new ConfigError('cognitoEmailFrom configures Cognito, which an external OIDC provider replaces');
  }
  const authPrefixPattern = str(context, 'authDomainPrefix');
  if (authPrefixPattern !== undefined && tenants.length > 1 && !authPrefixPattern.includes('{tenant}')) {
    throw new ConfigError('authDomainPrefix must contain {tenant} when several tenants are synthesised');
  }

  return {
    stacks: tenants.map((tenant) => {
      const identity: IdentityConfig =
        issuer !== undefined && audience !== undefined
          ? {
              kind: 'oidc',
              issuer,
              audience,
              ...(jwksUrl ? { jwksUrl } : {}),
              ...(oidcClientId ? { clientId: oidcClientId } : {}),
              ...(oidcScopes ? { scopes: oidcScopes } : {}),
              ...(requiredAcr ? { requiredAcr } : {}),
              ...(requiredAmr ? { requiredAmr } : {}),
            }
          : {
              kind: 'cognito',
              domainPrefix: cognitoPrefix(authPrefixPattern, tenant, account),
              ...(emailFrom ? { emailFrom } : {}),
              ...(emailRegion ? { emailRegion } : {}),
            };
      const domain = siteDomainPattern?.replaceAll('{tenant}', tenant);
      if (domain !== undefined && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(domain)) {
        throw new ConfigError(`siteDomain is not a host name: "${domain}"`);
      }
      const apiDomain = apiDomainPattern?.replaceAll('{tenant}', tenant);
      if (apiDomain !== undefined && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(apiDomain)) {
        throw new ConfigError(`apiDomain is not a host name: "${apiDomain}"`);
      }
      const certificate: SiteCertificate | undefined =
        certificateArn !== undefined
          ? { kind: 'acm', arn: certificateArn }
          : certificateId !== undefined
            ? { kind: 'iam', id: certificateId }
            : undefined;
      return {
        tenant,
        tenantName: TENANTS[tenant],
        stackName: `Xueshi-${tenant}`,
        env: { ...(account ? { account } : {}), ...(region ? { region } : {}) },
        china,
        optInRegion: region !== undefined && (OPT_IN_REGIONS as readonly string[]).includes(region),
        identity,
        site: {
          ...(domain ? { domain } : {}),
          ...(certificate ? { certificate } : {}),
          ...(str(context, 'siteAssetPath') ? { assetPath: str(context, 'siteAssetPath') } : {}),
          geoAllow,
          ...(webAclArn ? { webAclArn } : {}),
        },
        ...(apiDomain && apiCertificateArn ? { apiDomain: { name: apiDomain, certificateArn: apiCertificateArn } } : {}),
        waf: wafSwitch === 'on',
        ...(province ? { province } : {}),
        release,
        ...(objectLockDays !== undefined ? { evidenceObjectLock: { mode: objectLockMode, days: objectLockDays } } : {}),
        ...(alarmEmail ? { alarmEmail } : {}),
        api: { rateLimit, burstLimit, publicRateLimit, publicBurstLimit, logLevel: logLevel as TenantStackConfig['api']['logLevel'] },
        logRetentionDays,
      };
    }),
  };
}

export function resolveTenants(value: string | undefined): TenantCode[] {
  const valid = `valid: all, ${TENANT_CODES.map((c) => `${c} (${TENANTS[c]})`).join(', ')}`;
  if (value === undefined) throw new ConfigError(`Pass -c tenant=<code> or -c tenant=all; ${valid}`);
  if (value === 'all') return [...TENANT_CODES];
  if (!isTenantCode(value)) throw new ConfigError(`Unknown tenant "${value}"; ${valid}`);
  return [value];
}

/**
 * Hosted login prefixes are global per region, so the default carries the account ID. Cognito
 * rejects prefixes containing "aws", "amazon" or "cognito".
 */
function cognitoPrefix(pattern: string | undefined, tenant: TenantCode, account: string | undefined): string {
  const prefix = (pattern ?? `xueshi-{tenant}${account ? `-${account}` : ''}`).replaceAll('{tenant}', tenant);
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix)) {
    throw new ConfigError(
      `authDomainPrefix "${prefix}" is not a valid Cognito prefix (lower-case letters, digits, hyphens; no aws/amazon/cognito)`,
    );
  }
  return prefix;
}

function resolveGeoAllow(value: string | undefined): string[] {
  if (value === 'any') return [];
  const codes = (value ?? 'CN')
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  for (const code of codes) {
    if (!/^[A-Z]{2}$/.test(code)) throw new ConfigError(`geoAllow: "${code}" is not an ISO 3166-1 alpha-2 country code`);
  }
  return codes;
}

export function str(context: Context, key: string): string | undefined {
  const value = context[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new ConfigError(`${key} must be a string`);
  return String(value).trim();
}

function int(context: Context, key: string, range: { min: number; max: number }): number | undefined {
  const raw = str(context, key);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${key} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < range.min || n > range.max) throw new ConfigError(`${key} must be between ${range.min} and ${range.max}, got ${n}`);
  return n;
}

function requireHttpsUrl(key: string, value: string) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${key} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:') throw new ConfigError(`${key} must use https: "${value}"`);
}

/** A comma-separated context value as a list; undefined when absent or empty. */
function list(value: string | undefined): string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** `arn:{partition}:secretsmanager:{region}:{account}:secret:{name}`: where the province stack runs. */
function provinceLink(arn: string | undefined): TenantStackConfig['province'] {
  if (arn === undefined) return undefined;
  const m = /^arn:(aws|aws-cn):secretsmanager:([a-z0-9-]+):(\d{12}):secret:[A-Za-z0-9/_+=.@-]+$/.exec(arn);
  if (!m) throw new ConfigError(`provinceDirectoryKeyArn must be the full ARN of the province's directory key secret, got "${arn}"`);
  return { directoryKeyArn: arn, partition: m[1]!, region: m[2]!, account: m[3]! };
}

import { describe, expect, it } from 'vitest';
import { ConfigError, resolveAppConfig } from '../../infra/config.js';
import { TENANT_CODES } from '../../shared/contract.js';
import { CHINA_CONTEXT } from './fixture.js';

describe('resolveAppConfig', () => {
  it('gives one stack named Xueshi-<code> for a tenant', () => {
    const { stacks } = resolveAppConfig({ tenant: '430100' }, { account: '123456789012', region: 'ap-southeast-1' });
    expect(stacks.map((s) => s.stackName)).toEqual(['Xueshi-430100']);
    expect(stacks[0]).toMatchObject({
      tenant: '430100',
      tenantName: '长沙市',
      env: { account: '123456789012', region: 'ap-southeast-1' },
      china: false,
      identity: { kind: 'cognito', domainPrefix: 'xueshi-430100-123456789012' },
    });
  });

  it('gives all fifteen tenants, each with its own stack name, for tenant=all', () => {
    const { stacks } = resolveAppConfig({ tenant: 'all' });
    expect(stacks.map((s) => s.tenant)).toEqual(TENANT_CODES);
    expect(new Set(stacks.map((s) => s.stackName)).size).toBe(15);
    expect(stacks.map((s) => s.stackName)).toContain('Xueshi-433100');
  });

  it('prefers context over the CDK_DEFAULT_* environment for account and region', () => {
    const { stacks } = resolveAppConfig(
      { tenant: '430000', account: '210987654321', region: 'ap-east-1' },
      { account: '123456789012', region: 'us-east-1' },
    );
    expect(stacks[0]!.env).toEqual({ account: '210987654321', region: 'ap-east-1' });
  });

  it.each([
    [{}, /Pass -c tenant=<code> or -c tenant=all; valid: all, 430000 \(省直\), 430100 \(长沙市\)/],
    [{ tenant: '430199' }, /Unknown tenant "430199"; valid: all, 430000 \(省直\).*433100 \(湘西土家族苗族自治州\)/],
    [{ tenant: 'changsha' }, /Unknown tenant "changsha"/],
    [{ tenant: '430100', account: '1234' }, /account must be a 12-digit AWS account ID/],
    [{ tenant: '430100', oidcIssuer: 'https://id.example.cn' }, /oidcIssuer and oidcAudience go together/],
    [{ tenant: '430100', oidcIssuer: 'http://id.example.cn', oidcAudience: 'x' }, /oidcIssuer must use https/],
    [{ tenant: '430100', oidcJwksUrl: 'https://id.example.cn/jwks' }, /oidcJwksUrl needs oidcIssuer/],
    [{ tenant: '430100', siteDomain: 'xueshi.example.cn' }, /siteDomain and siteCertificateArn go together/],
    [
      { tenant: 'all', siteDomain: 'xueshi.example.cn', siteCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' },
      /must contain \{tenant\}/,
    ],
    [{ tenant: '430100', siteCertificateId: 'ASCA' }, /siteCertificateId \(IAM\) is for the China partition/],
    [{ tenant: '430100', evidenceObjectLockMode: 'COMPLIANCE' }, /needs evidenceObjectLockDays/],
    [{ tenant: '430100', evidenceObjectLockDays: '30', evidenceObjectLockMode: 'STRICT' }, /GOVERNANCE or COMPLIANCE/],
    [{ tenant: '430100', logRetentionDays: '100' }, /logRetentionDays must be one of/],
    [{ tenant: '430100', apiRateLimit: 'fast' }, /apiRateLimit must be a whole number/],
    [{ tenant: '430100', geoAllow: 'China' }, /geoAllow: "CHINA" is not an ISO 3166-1/],
    [{ tenant: '430100', alarmEmail: 'ops' }, /alarmEmail is not an e-mail address/],
    [{ tenant: '430100', apiDomain: 'api.xueshi.example.cn' }, /apiDomain and apiCertificateArn go together/],
    [
      { tenant: 'all', apiDomain: 'api.xueshi.example.cn', apiCertificateArn: 'arn:aws:acm:ap-southeast-1:1:certificate/x' },
      /apiDomain must contain \{tenant\}/,
    ],
    [{ tenant: '430100', waf: 'maybe' }, /waf must be on or off/],
    [{ tenant: '430100', releaseCommit: 'HEAD' }, /releaseCommit must be a git commit hash/],
    [{ tenant: '430100', publicBurstLimit: '500' }, /must not exceed apiRateLimit\/apiBurstLimit/],
    [{ tenant: '430100', authDomainPrefix: 'aws-xueshi' }, /not a valid Cognito prefix/],
    [{ tenant: '430100', cognitoEmailRegion: 'ap-southeast-1' }, /cognitoEmailRegion needs cognitoEmailFrom/],
    [
      { tenant: '430100', oidcIssuer: 'https://id.example.cn', oidcAudience: 'x', cognitoEmailFrom: 'a@b.cn' },
      /external OIDC provider replaces/,
    ],
  ])('rejects %j with a clear error', (context, message) => {
    expect(() => resolveAppConfig(context)).toThrow(ConfigError);
    expect(() => resolveAppConfig(context)).toThrow(message);
  });

  describe('the China partition', () => {
    it.each(['cn-north-1', 'cn-northwest-1'])('in %s requires an external OIDC provider (no Cognito user pools there)', (region) => {
      expect(() => resolveAppConfig({ tenant: '430100', region })).toThrow(
        /Cognito user pools are not offered in the AWS China regions \(cn-(north|northwest)-1\)\. Pass an external OpenID Connect provider: -c oidcIssuer=/,
      );
    });

    it('requires an ICP-registered domain and an IAM server certificate', () => {
      const { siteDomain: _d, siteCertificateId: _c, ...rest } = CHINA_CONTEXT;
      expect(() => resolveAppConfig({ tenant: '430100', ...rest })).toThrow(/ICP-registered site domain and an IAM server certificate/);
    });

    it('refuses an ACM certificate and a WAF web ACL for CloudFront', () => {
      expect(() => resolveAppConfig({ tenant: '430100', ...CHINA_CONTEXT, siteCertificateArn: 'arn:aws-cn:acm:x' })).toThrow(
        /siteCertificateArn \(ACM\) cannot be used by CloudFront in China/,
      );
      expect(() => resolveAppConfig({ tenant: '430100', ...CHINA_CONTEXT, webAclArn: 'arn:aws-cn:wafv2:x' })).toThrow(/outside China/);
    });

    it('resolves per-tenant domains and the external provider', () => {
      const { stacks } = resolveAppConfig({ tenant: 'all', ...CHINA_CONTEXT, oidcJwksUrl: 'https://id.hrss.hunan.gov.cn/oidc/keys' });
      expect(stacks).toHaveLength(15);
      expect(stacks[1]).toMatchObject({
        china: true,
        identity: {
          kind: 'oidc',
          issuer: CHINA_CONTEXT.oidcIssuer,
          audience: 'xueshi-portal',
          jwksUrl: 'https://id.hrss.hunan.gov.cn/oidc/keys',
        },
        site: { domain: 'xueshi-430100.hrss.hunan.gov.cn', certificate: { kind: 'iam', id: 'ASCAEXAMPLECERTID0001' } },
      });
    });
  });

  it('defaults: CN-only CloudFront, 180-day logs, 100 rps / 200 burst, no Object Lock', () => {
    const [config] = resolveAppConfig({ tenant: '430100' }).stacks;
    expect(config).toMatchObject({
      site: { geoAllow: ['CN'] },
      logRetentionDays: 180,
      api: { rateLimit: 100, burstLimit: 200, logLevel: 'info' },
    });
    expect(config!.evidenceObjectLock).toBeUndefined();
  });

  it('reads the optional settings', () => {
    const [config] = resolveAppConfig({
      tenant: '430100',
      geoAllow: 'cn, hk',
      evidenceObjectLockDays: '3650',
      evidenceObjectLockMode: 'COMPLIANCE',
      alarmEmail: 'ops@hrss.example.cn',
      apiRateLimit: '20',
      apiBurstLimit: '40',
      logRetentionDays: '365',
      siteDomain: 'xueshi-{tenant}.example.cn',
      siteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    }).stacks;
    expect(config).toMatchObject({
      site: { geoAllow: ['CN', 'HK'], domain: 'xueshi-430100.example.cn', certificate: { kind: 'acm' } },
      evidenceObjectLock: { mode: 'COMPLIANCE', days: 3650 },
      alarmEmail: 'ops@hrss.example.cn',
      api: { rateLimit: 20, burstLimit: 40 },
      logRetentionDays: 365,
    });
    expect(resolveAppConfig({ tenant: '430100', geoAllow: 'any' }).stacks[0]!.site.geoAllow).toEqual([]);
  });
});

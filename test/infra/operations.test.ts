import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/bundle.js';
import { ConfigError } from '../../infra/config.js';
import { BACKUP_RETENTION } from '../../infra/constructs/backup.js';
import { PUBLIC_ROUTES } from '../../infra/constructs/api.js';
import { EMPTY_FLEET, loadFleet, parseFleet, resolveFleetConfig, rolloutOrder, tenantContext } from '../../infra/fleet.js';
import { NODE_RUNTIME, PYTHON_RUNTIME } from '../../infra/runtimes.js';
import { WAF_MANAGED_RULE_GROUPS, WAF_RATE_PUBLIC, WafStack } from '../../infra/waf-stack.js';
import { TENANT_CODES } from '../../shared/contract.js';
import { CHINA_CONTEXT, onlyResource, resourcesOf, synth } from './fixture.js';

/** Issue 15: what only shows once deployed, checked on the synthesized templates. */

const distributionConfig = (t: Template) => onlyResource(t, 'AWS::CloudFront::Distribution').DistributionConfig;
const { template } = synth();

describe('opt-in regions', () => {
  it('creates no CloudFront log delivery in ap-east-1 (CloudFront cannot deliver there), and keeps it elsewhere', () => {
    const hongKong = synth({ region: 'ap-east-1' });
    expect(distributionConfig(hongKong.template).Logging).toBeUndefined();
    // The scrubber and its bucket stay (S3 server access logs still go there).
    expect(distributionConfig(template).Logging).toMatchObject({ Prefix: 'cloudfront-raw/' });
  });
});

describe('the API reached only through CloudFront', () => {
  it('throttles the anonymous routes per route, well below the staff routes of the stage', () => {
    const stage = onlyResource(template, 'AWS::ApiGatewayV2::Stage');
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    const keys = PUBLIC_ROUTES.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
    expect(Object.keys(stage.RouteSettings).sort()).toEqual(keys.sort());
    expect(keys).toEqual(expect.arrayContaining(['GET /v1/public/{proxy+}', 'POST /v1/public/{proxy+}', 'POST /v1/hours/preview']));
    for (const key of keys) expect(stage.RouteSettings[key]).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    // The routes the settings name exist before the stage is updated.
    const stageId = resourcesOf(template, 'AWS::ApiGatewayV2::Stage')[0]![0];
    const routeIds = resourcesOf(template, 'AWS::ApiGatewayV2::Route')
      .filter(([, r]) => keys.includes(r.RouteKey))
      .map(([id]) => id);
    expect(template.toJSON().Resources[stageId].DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('takes the public limits from context and refuses public limits above the staff ones', () => {
    const { template: t } = synth({ publicRateLimit: '5', publicBurstLimit: '10' });
    expect(onlyResource(t, 'AWS::ApiGatewayV2::Stage').RouteSettings['POST /v1/hours/preview']).toEqual({
      ThrottlingRateLimit: 5,
      ThrottlingBurstLimit: 10,
    });
    expect(() => synth({ publicRateLimit: '500' })).toThrow(/must not exceed apiRateLimit/);
  });

  it('disables the default execute-api endpoint with an own API domain, which CloudFront then uses', () => {
    const { template: t } = synth({
      apiDomain: 'api-{tenant}.xueshi.example.gov.cn',
      apiCertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/api',
    });
    expect(onlyResource(t, 'AWS::ApiGatewayV2::Api').DisableExecuteApiEndpoint).toBe(true);
    expect(onlyResource(t, 'AWS::ApiGatewayV2::DomainName')).toMatchObject({
      DomainName: 'api-430100.xueshi.example.gov.cn',
      DomainNameConfigurations: [
        expect.objectContaining({ CertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/api', EndpointType: 'REGIONAL' }),
      ],
    });
    expect(onlyResource(t, 'AWS::ApiGatewayV2::ApiMapping').Stage).toBeDefined();
    const config = distributionConfig(t);
    const api = config.Origins.find((o: { Id: string }) => o.Id === config.CacheBehaviors[0].TargetOriginId);
    expect(api.DomainName).toBe('api-430100.xueshi.example.gov.cn');
    expect(t.toJSON().Outputs).toHaveProperty('ApiDomainTarget');
    // Without an own domain the endpoint stays (CloudFront needs it); the origin secret guards it.
    expect(onlyResource(template, 'AWS::ApiGatewayV2::Api').DisableExecuteApiEndpoint).toBe(false);
  });
});

describe('custom-resource runtimes', () => {
  it.each([
    ['global', {}],
    ['China', CHINA_CONTEXT],
  ])("pins every Lambda of the %s stack, CDK's handlers included", (_name, context) => {
    const { template: t } = synth(context as Record<string, string>);
    const runtimes = resourcesOf(t, 'AWS::Lambda::Function').map(([id, fn]) => [id.replace(/[0-9A-F]{8,}.*$/, ''), fn.Runtime] as const);
    expect(runtimes.length).toBeGreaterThanOrEqual(8);
    for (const [id, runtime] of runtimes) expect([NODE_RUNTIME.name, PYTHON_RUNTIME.name], id).toContain(runtime);
    // CDK's Python handlers (site upload, S3 notifications) really are on the pinned Python.
    expect(runtimes.filter(([id]) => /BucketDeployment|BucketNotificationsHandler/.test(id)).map(([, r]) => r)).toEqual([
      PYTHON_RUNTIME.name,
      PYTHON_RUNTIME.name,
    ]);
    expect(NODE_RUNTIME.name).toBe('nodejs22.x');
    expect(PYTHON_RUNTIME.name).toBe('python3.12');
  });
});

describe('AWS Backup', () => {
  it('backs up the table and the evidence bucket monthly (kept a year) and yearly (kept ten years) into a retained vault', () => {
    const plan = onlyResource(template, 'AWS::Backup::BackupPlan').BackupPlan;
    const rules = Object.fromEntries(plan.BackupPlanRule.map((r: any) => [r.RuleName, r]));
    expect(Object.keys(rules).sort()).toEqual(['monthly', 'yearly']);
    expect(rules.monthly.Lifecycle).toEqual({ DeleteAfterDays: 365 });
    expect(rules.yearly.Lifecycle).toEqual({ DeleteAfterDays: 3653 });
    expect(BACKUP_RETENTION).toEqual({ monthlyDays: 365, yearlyDays: 3653 });
    expect(rules.monthly.ScheduleExpression).toBe('cron(0 19 1 * ? *)');
    expect(rules.yearly.ScheduleExpression).toBe('cron(0 20 1 1 ? *)');
    const selection = onlyResource(template, 'AWS::Backup::BackupSelection').BackupSelection;
    expect(selection.Resources).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'Arn'] },
      { 'Fn::GetAtt': [expect.stringMatching(/^EvidenceBucket/), 'Arn'] },
    ]);
    const vault = Object.values(template.findResources('AWS::Backup::BackupVault'))[0] as {
      DeletionPolicy: string;
      Properties: { BackupVaultName: string };
    };
    expect(vault.DeletionPolicy).toBe('Retain');
    expect(vault.Properties.BackupVaultName).toBe('xueshi-430100');
  });

  it('restores with a role only AWS Backup can assume, holding the S3 backup and restore policies', () => {
    const role = resourcesOf(template, 'AWS::IAM::Role').find(([id]) => id.startsWith('BackupRole'))![1];
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({ Principal: { Service: 'backup.amazonaws.com' } })]);
    const policies = JSON.stringify(role.ManagedPolicyArns);
    for (const name of [
      'AWSBackupServiceRolePolicyForBackup',
      'AWSBackupServiceRolePolicyForRestores',
      'AWSBackupServiceRolePolicyForS3Backup',
      'AWSBackupServiceRolePolicyForS3Restore',
    ]) {
      expect(policies).toContain(name);
    }
  });
});

describe('release visible per stack', () => {
  it('outputs and tags the version and commit, which the functions report on GET /v1/health', () => {
    expect(template.toJSON().Outputs.Release.Value).toBe('1.2.3 0123456789abcdef0123456789abcdef01234567');
    expect(JSON.stringify(onlyResource(template, 'AWS::DynamoDB::GlobalTable').Replicas[0].Tags)).toContain('1.2.3+0123456789ab');
  });
});

describe('the fleet web ACL', () => {
  const waf = Template.fromStack(new WafStack(new App(), 'Xueshi-Waf', { env: { account: '123456789012', region: 'us-east-1' } }));

  it('is a CLOUDFRONT web ACL with AWS managed rules and per-address rate rules, public routes limited harder', () => {
    const acl = onlyResource(waf, 'AWS::WAFv2::WebACL');
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    const names = acl.Rules.map((r: any) => r.Name);
    expect(names).toEqual([...WAF_MANAGED_RULE_GROUPS, 'rate-public', 'rate-all']);
    const common = acl.Rules.find((r: any) => r.Name === 'AWSManagedRulesCommonRuleSet');
    // The API's own body limits apply; the rule set's 8 KB body rule only counts.
    expect(common.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
    const ratePublic = acl.Rules.find((r: any) => r.Name === 'rate-public');
    expect(ratePublic.Statement.RateBasedStatement).toMatchObject({ Limit: WAF_RATE_PUBLIC, AggregateKeyType: 'IP' });
    expect(JSON.stringify(ratePublic.Statement.RateBasedStatement.ScopeDownStatement)).toContain('/v1/public/');
  });

  it('is attached to a tenant distribution by ARN, and is refused in China', () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/xueshi-fleet/abc';
    expect(distributionConfig(synth({ webAclArn: arn }).template).WebACLId).toBe(arn);
    expect(() => synth({ ...CHINA_CONTEXT, waf: 'on' })).toThrow(/waf=on: AWS WAF in the China regions is regional only/);
    expect(resolveFleetConfig({ tenant: '430100', ...CHINA_CONTEXT }, EMPTY_FLEET).stacks[0]!.waf).toBe(false);
    expect(resolveFleetConfig({ tenant: '430100', region: 'ap-southeast-1' }, EMPTY_FLEET).stacks[0]!.waf).toBe(true);
    expect(resolveFleetConfig({ tenant: '430100', region: 'ap-southeast-1', waf: 'off' }, EMPTY_FLEET).stacks[0]!.waf).toBe(false);
  });
});

describe('the fleet file', () => {
  const valid = {
    canary: '430100',
    defaults: {
      region: 'ap-southeast-1',
      waf: 'on',
      siteDomain: 'xueshi-{tenant}.example.gov.cn',
      siteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/site',
    },
    tenants: {
      ...Object.fromEntries(TENANT_CODES.map((t) => [t, {}])),
      '430100': { alarmEmail: 'ops-cs@example.gov.cn', evidenceObjectLockDays: 3650 },
    },
  };

  it("checks the repository's infra/fleet.json, which puts every tenant in a non-opt-in region", () => {
    const fleet = loadFleet(join(REPO_ROOT, 'infra', 'fleet.json'));
    expect(Object.keys(fleet.tenants).sort()).toEqual([...TENANT_CODES].sort());
    const { stacks } = resolveFleetConfig({ tenant: 'all' }, fleet);
    expect(stacks).toHaveLength(15);
    for (const s of stacks) expect(s.optInRegion, s.tenant).toBe(false);
  });

  it('gives each tenant the defaults and its own settings, the command line winning over both', () => {
    const fleet = parseFleet(valid);
    expect(tenantContext(fleet, '430100')).toMatchObject({
      region: 'ap-southeast-1',
      alarmEmail: 'ops-cs@example.gov.cn',
      evidenceObjectLockDays: '3650',
    });
    const { stacks } = resolveFleetConfig({ tenant: 'all', region: 'ap-northeast-1' }, fleet);
    const changsha = stacks.find((s) => s.tenant === '430100')!;
    expect(changsha).toMatchObject({
      alarmEmail: 'ops-cs@example.gov.cn',
      evidenceObjectLock: { days: 3650 },
      env: { region: 'ap-northeast-1' },
    });
    expect(changsha.site.domain).toBe('xueshi-430100.example.gov.cn');
    expect(stacks.find((s) => s.tenant === '433100')!.site.domain).toBe('xueshi-433100.example.gov.cn');
    expect(stacks.find((s) => s.tenant === '433100')!.alarmEmail).toBeUndefined();
  });

  it('rolls out the canary first, then every other tenant', () => {
    const order = rolloutOrder(parseFleet({ ...valid, canary: '430900' }));
    expect(order[0]).toBe('430900');
    expect([...order].sort()).toEqual([...TENANT_CODES].sort());
  });

  it.each([
    [{ ...valid, tenants: { '430100': {} } }, /tenants/],
    [{ ...valid, canary: '430199' }, /canary/],
    [{ ...valid, defaults: { regoin: 'ap-southeast-1' } }, /defaults: Unrecognized key.*regoin/],
    [{ ...valid, tenants: { ...valid.tenants, '430200': { alarmEmail: 'ops' } } }, /tenants\.430200\.alarmEmail/],
    [{ ...valid, tenants: { ...valid.tenants, '430200': { waf: 'yes' } } }, /tenants\.430200\.waf/],
    [{ ...valid, defaults: { oidcIssuer: 'http://id.example.gov.cn' } }, /defaults\.oidcIssuer: an https URL/],
  ])('refuses an invalid file with the place of each problem (%#)', (json, message) => {
    expect(() => parseFleet(json, 'fleet.json')).toThrow(ConfigError);
    expect(() => parseFleet(json, 'fleet.json')).toThrow(message);
  });

  it('refuses one host name for two tenants', () => {
    const fleet = parseFleet({ ...valid, tenants: { ...valid.tenants, '430200': { siteDomain: 'xueshi-430100.example.gov.cn' } } });
    expect(() => resolveFleetConfig({ tenant: 'all' }, fleet)).toThrow(
      /siteDomain "xueshi-430100.example.gov.cn" is given to more than one tenant/,
    );
  });
});

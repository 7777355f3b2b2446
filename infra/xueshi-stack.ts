import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, Lazy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { REPO_ROOT } from './bundle.js';
import type { TenantStackConfig } from './config.js';
import { AccessLogs } from './constructs/access-logs.js';
import { Alarms } from './constructs/alarms.js';
import { Api } from './constructs/api.js';
import { Backup } from './constructs/backup.js';
import { CognitoAuth, externalOidc, type IdentityProvider } from './constructs/auth.js';
import { ProvinceConsumer } from './constructs/province-consumer.js';
import { Data } from './constructs/data.js';
import { Evidence } from './constructs/evidence.js';
import { Exports } from './constructs/exports.js';
import { Jobs } from './constructs/jobs.js';
import { Site } from './constructs/site.js';
import { TenantRoot } from './constructs/tenant-root.js';
import { pinRuntimes } from './runtimes.js';

export const DEFAULT_SITE_ASSETS = join(REPO_ROOT, 'web', 'dist');

export interface XueshiStackProps extends StackProps {
  readonly config: TenantStackConfig;
}

/** One tenant (a city, or the province-direct units): table and its root organisation, evidence, identity, API, jobs, site, alarms. */
export class XueshiStack extends Stack {
  constructor(scope: Construct, id: string, props: XueshiStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      stackName: config.stackName,
      env: config.env,
      description: `学时通 ${config.tenant} ${config.tenantName}`,
      terminationProtection: true,
    });
    Tags.of(this).add('project', 'xueshi');
    Tags.of(this).add('xueshi:tenant', config.tenant);
    Tags.of(this).add('xueshi:release', `${config.release.version}+${config.release.commit.slice(0, 12)}`);

    const assetPath = config.site.assetPath ?? DEFAULT_SITE_ASSETS;
    if (!existsSync(join(assetPath, 'index.html'))) {
      throw new Error(
        `No built site at ${assetPath} (index.html missing): run \`npm run build:web\` first, or pass -c siteAssetPath=<dir>`,
      );
    }
    const logRetention = config.logRetentionDays as RetentionDays;

    // The site's origin is known only once its distribution exists, but the bucket CORS rule, the
    // Cognito callback and the API's environment need it first; with an own domain it is literal.
    let site: Site | undefined;
    const siteOrigin = config.site.domain ? `https://${config.site.domain}` : Lazy.string({ produce: () => site?.origin ?? failUnbuilt() });

    const accessLogs = new AccessLogs(this, 'AccessLogs', { tenant: config.tenant, logRetention, logLevel: config.api.logLevel });
    const data = new Data(this, 'Data');
    // The hr office the first hr_officer belongs to (docs/deploy.md §5), put only if absent.
    new TenantRoot(this, 'TenantRoot', { tenant: config.tenant, table: data.table, logRetention });
    const evidence = new Evidence(this, 'Evidence', {
      siteOrigin,
      accessLogs: accessLogs.bucket,
      ...(config.evidenceObjectLock ? { objectLock: config.evidenceObjectLock } : {}),
    });
    const identity: IdentityProvider =
      config.identity.kind === 'oidc'
        ? externalOidc(config.identity)
        : new CognitoAuth(this, 'Auth', {
            tenant: config.tenant,
            siteOrigin,
            domainPrefix: config.identity.domainPrefix,
            ...(config.identity.emailFrom
              ? {
                  email: {
                    from: config.identity.emailFrom,
                    ...(config.identity.emailRegion ? { sesRegion: config.identity.emailRegion } : {}),
                  },
                }
              : {}),
          });
    const exports = new Exports(this, 'Exports', {
      tenant: config.tenant,
      table: data.table,
      evidence: evidence.bucket,
      logRetention,
      logLevel: config.api.logLevel,
    });
    const api = new Api(this, 'Api', {
      tenant: config.tenant,
      exportFunction: exports.fn,
      table: data.table,
      evidence: evidence.bucket,
      identity,
      siteOrigin,
      // Through CloudFront the site calls /v1/* on its own origin: no CORS needed, none granted.
      throttle: config.api,
      ...(config.apiDomain ? { domain: config.apiDomain } : {}),
      release: config.release,
      logRetention,
      logLevel: config.api.logLevel,
    });
    // The long-term copy of the records (table and evidence), beside PITR and object versions.
    const backup = new Backup(this, 'Backup', { tenant: config.tenant, table: data.table, evidence: evidence.bucket });
    const jobs = new Jobs(this, 'Jobs', {
      tenant: config.tenant,
      table: data.table,
      evidence: evidence.bucket,
      logRetention,
      logLevel: config.api.logLevel,
    });
    // The tenant's end of the province intake (issue 17), only once the province stack is deployed.
    const provinceConsumer = config.province
      ? new ProvinceConsumer(this, 'Province', {
          tenant: config.tenant,
          table: data.table,
          logRetention,
          logLevel: config.api.logLevel,
          province: config.province,
        })
      : undefined;
    site = new Site(this, 'Site', {
      assetPath,
      api: api.httpApi,
      apiOriginDomain: api.originDomain,
      originSecret: api.originSecret,
      accessLogs: accessLogs.bucket,
      standardLogs: !config.optInRegion,
      china: config.china,
      ...(config.site.domain ? { domain: config.site.domain } : {}),
      ...(config.site.certificate ? { certificate: config.site.certificate } : {}),
      identityOrigins: identity.browserOrigins,
      geoAllow: config.site.geoAllow,
      ...(config.site.webAclArn ? { webAclArn: config.site.webAclArn } : {}),
      runtimeConfig: {
        tenant: config.tenant,
        tenantName: config.tenantName,
        identityProvider: identity.kind,
        oidc: identity.siteOidc,
      },
    });
    const alarms = new Alarms(this, 'Alarms', {
      apiFunctions: {
        Api: { fn: api.fn },
        // An import of 10,000 rows legitimately takes many seconds: slow means close to the 28 s timeout.
        Excel: { fn: api.excelFn, p99Threshold: Duration.seconds(25) },
      },
      jobFunctions: {
        CloseNotices: jobs.closeNotices,
        EvidenceCheck: jobs.evidenceCheck,
        ScrubCloudFrontLogs: accessLogs.scrubber,
        ExportJob: exports.fn,
        ...(provinceConsumer ? { ProvinceForwarded: provinceConsumer.fn.fn } : {}),
      },
      httpApi: api.httpApi,
      table: data.table,
      ...(config.alarmEmail ? { email: config.alarmEmail } : {}),
    });

    new CfnOutput(this, 'SiteUrl', { value: `${site.origin}/`, description: 'Site, and the API under /v1/' });
    new CfnOutput(this, 'DistributionDomain', {
      value: site.distribution.distributionDomainName,
      description: 'CNAME target for the site domain',
    });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'EvidenceBucket', { value: evidence.bucket.bucketName });
    new CfnOutput(this, 'AlarmTopic', { value: alarms.topic.topicArn });
    new CfnOutput(this, 'OidcIssuer', { value: identity.issuer });
    new CfnOutput(this, 'OidcAudience', { value: identity.audience });
    if (identity instanceof CognitoAuth) {
      new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    }
    new CfnOutput(this, 'Release', {
      value: `${config.release.version} ${config.release.commit}`,
      description: 'Version and commit deployed (GET /v1/health says the same)',
    });
    new CfnOutput(this, 'BackupVault', { value: backup.vault.backupVaultName });
    if (api.domainTarget) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: api.domainTarget,
        description: `CNAME target for ${config.apiDomain?.name ?? 'the API domain'}`,
      });
    }
    // Last: every Lambda, CDK's custom-resource handlers included, on a runtime offered in China too.
    pinRuntimes(this);
  }
}

function failUnbuilt(): never {
  throw new Error('site origin read before the Site construct was created');
}

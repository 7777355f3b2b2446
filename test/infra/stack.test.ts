import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EXCEL_ROUTES, PUBLIC_ROUTES } from '../../infra/constructs/api.js';
import { ACCOUNT_ADMIN_ACTIONS } from '../../infra/constructs/auth.js';
import {
  CLOUDFRONT_LOG_PREFIXES,
  ENV,
  EVIDENCE_KEY_PREFIX,
  EVIDENCE_REJECTED_TAG,
  EXPORT_KEY_PREFIX,
  EXPORT_RETENTION_DAYS,
  ORIGIN_SECRET_HEADER,
  ROLES,
  TABLE,
} from '../../shared/contract.js';
import { CHINA_CONTEXT, onlyResource, resourcesOf, synth } from './fixture.js';

const { template, stack } = synth();

/** CloudFront's managed policy IDs (the same in every account). */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const SECURITY_HEADERS = '67f7725c-6f97-4210-82d7-5512b31e9d03';

const logicalId = (type: string) => {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};
/** The one resource of a type whose logical ID starts with `prefix`, as [logicalId, properties]. */
const named = (type: string, prefix: string, t: Template = template) => {
  const found = resourcesOf(t, type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}*`).toHaveLength(1);
  return found[0]!;
};
const tableArn = () => ({ 'Fn::GetAtt': [logicalId('AWS::DynamoDB::GlobalTable'), 'Arn'] });
const distributionDomain = () => ({ 'Fn::GetAtt': [logicalId('AWS::CloudFront::Distribution'), 'DomainName'] });
const siteOrigin = () => ({ 'Fn::Join': ['', ['https://', distributionDomain()]] });

describe('per-tenant naming', () => {
  it('names the stack Xueshi-<tenant>, pins account and region, protects it from deletion and tags it', () => {
    expect(stack.stackName).toBe('Xueshi-430100');
    expect(stack.account).toBe('123456789012');
    expect(stack.region).toBe('ap-southeast-1');
    expect(stack.terminationProtection).toBe(true);
    expect(stack.templateOptions.description).toBe('学时通 430100 长沙市');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ Tags: Match.arrayWith([{ Key: 'xueshi:tenant', Value: '430100' }]) })],
    });
  });

  it('gives every tenant its own stack, API name, login domain and tenant variable', { timeout: 120_000 }, () => {
    const { stacks } = synth({ tenant: 'all' });
    expect(stacks.map((s) => s.stackName)).toEqual([
      'Xueshi-430000',
      'Xueshi-430100',
      'Xueshi-430200',
      'Xueshi-430300',
      'Xueshi-430400',
      'Xueshi-430500',
      'Xueshi-430600',
      'Xueshi-430700',
      'Xueshi-430800',
      'Xueshi-430900',
      'Xueshi-431000',
      'Xueshi-431100',
      'Xueshi-431200',
      'Xueshi-431300',
      'Xueshi-433100',
    ]);
    const yiyang = stacks.find((s) => s.stackName === 'Xueshi-430900')!;
    const t = Template.fromStack(yiyang);
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'xueshi-430900' });
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'xueshi-430900-123456789012' });
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ [ENV.TENANT]: '430900' }) } });
  });
});

describe('Data', () => {
  it('creates the single table from the shared TABLE definition: keys, GSIs and TTL', () => {
    const table = onlyResource(template, 'AWS::DynamoDB::GlobalTable');
    expect(table.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.GlobalSecondaryIndexes).toEqual(
      TABLE.globalIndexes.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: TABLE.ttlAttribute, Enabled: true });
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('is encrypted with KMS, has PITR (35 days) and deletion protection, and is retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            Region: 'ap-southeast-1',
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
          }),
        ],
      }),
    });
  });
});

describe('Evidence', () => {
  const evidenceId = () => {
    const found = resourcesOf(template, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('Evidence'));
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('is private, versioned, encrypted and logged', () => {
    const [, bucket] = evidenceId();
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    expect(bucket.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(bucket.LoggingConfiguration.LogFilePrefix).toBe('evidence/');
    expect(bucket.ObjectLockEnabled).toBeUndefined();
  });

  it('expires old versions and abandoned uploads', () => {
    const [, bucket] = evidenceId();
    expect(bucket.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 365 }, Status: 'Enabled' }),
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
      ]),
    );
  });

  it('deletes rejected uploads within a day instead of keeping them a year', () => {
    const [, bucket] = evidenceId();
    const rule = bucket.LifecycleConfiguration.Rules.find((r: { Id?: string }) => r.Id === 'expire-rejected-uploads');
    expect(rule).toEqual({
      Id: 'expire-rejected-uploads',
      Status: 'Enabled',
      TagFilters: [{ Key: EVIDENCE_REJECTED_TAG.key, Value: EVIDENCE_REJECTED_TAG.value }],
      ExpirationInDays: 1,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
    });
  });

  it('allows CORS from the site origin only', () => {
    const [, bucket] = evidenceId();
    expect(bucket.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedOrigins: [siteOrigin()], AllowedMethods: ['GET', 'HEAD', 'PUT', 'POST'] }),
    ]);
  });

  it('has Object Lock when chosen by context', () => {
    const locked = synth({ evidenceObjectLockDays: '3650', evidenceObjectLockMode: 'COMPLIANCE' }).template;
    locked.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } } },
    });
  });
});

describe('every bucket', () => {
  it('denies non-TLS and pre-TLS-1.2 requests in its policy', () => {
    const buckets = resourcesOf(template, 'AWS::S3::Bucket').map(([id]) => id);
    expect(buckets).toHaveLength(3);
    for (const id of buckets) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
          ]),
        },
      });
    }
  });

  it('blocks public access, encrypts at rest, keeps versions and is retained', () => {
    for (const [, bucket] of resourcesOf(template, 'AWS::S3::Bucket')) {
      expect(bucket.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
      expect(bucket.BucketEncryption).toBeDefined();
      expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    }
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('Api', () => {
  const fn = () => named('AWS::Lambda::Function', 'ApiFunction')[1];
  const excelFn = () => named('AWS::Lambda::Function', 'ApiExcelFunction')[1];

  it('runs Node.js 22 on arm64 with the esbuild ESM bundles: the core function and the Excel function', () => {
    expect(fn()).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 20,
      MemorySize: 1024,
    });
    expect(excelFn()).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 28,
      MemorySize: 2048,
    });
  });

  it('routes the Excel paths to the Excel function and everything else to the core function', () => {
    const integrationOf = (route: Record<string, any>) => {
      const id = (route.Target['Fn::Join'][1][1] as { Ref: string }).Ref;
      return template.toJSON().Resources[id].Properties.IntegrationUri;
    };
    const routes = Object.fromEntries(resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.RouteKey, r]));
    const expected = EXCEL_ROUTES.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
    const anonymous = PUBLIC_ROUTES.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
    expect(Object.keys(routes).sort()).toEqual(['$default', ...expected, ...anonymous].sort());
    // The anonymous routes exist only to be throttled apart: the same core function serves them.
    for (const key of anonymous) {
      expect(integrationOf(routes[key]), key).toEqual({ 'Fn::GetAtt': [named('AWS::Lambda::Function', 'ApiFunction')[0], 'Arn'] });
    }
    expect(expected).toEqual(
      expect.arrayContaining(['POST /v1/imports', 'GET /v1/imports/{proxy+}', 'GET /v1/units/{unitId}/summary.xlsx']),
    );
    expect(integrationOf(routes.$default)).toEqual({ 'Fn::GetAtt': [named('AWS::Lambda::Function', 'ApiFunction')[0], 'Arn'] });
    for (const key of expected) {
      expect(integrationOf(routes[key]), key).toEqual({ 'Fn::GetAtt': [named('AWS::Lambda::Function', 'ApiExcelFunction')[0], 'Arn'] });
    }
  });

  it('reads exactly the contract environment, never XUESHI_MODE', () => {
    const vars = fn().Environment.Variables;
    expect(Object.keys(vars).sort()).toEqual(
      [
        ENV.TENANT,
        ENV.TABLE_NAME,
        ENV.EVIDENCE_BUCKET,
        ENV.OIDC_ISSUER,
        ENV.OIDC_AUDIENCE,
        ENV.USER_POOL_ID,
        ENV.SITE_ORIGIN,
        ENV.LOG_LEVEL,
        ENV.CURSOR_SECRET,
        ENV.ORIGIN_SECRET,
        ENV.RELEASE_VERSION,
        ENV.RELEASE_COMMIT,
        ENV.EXPORT_FUNCTION,
      ].sort(),
    );
    expect(vars).not.toHaveProperty(ENV.MODE);
    expect(vars[ENV.TENANT]).toBe('430100');
    expect(vars[ENV.TABLE_NAME]).toEqual({ Ref: logicalId('AWS::DynamoDB::GlobalTable') });
    expect(vars[ENV.OIDC_ISSUER]).toEqual({ 'Fn::GetAtt': [logicalId('AWS::Cognito::UserPool'), 'ProviderURL'] });
    expect(vars[ENV.OIDC_AUDIENCE]).toEqual({ Ref: logicalId('AWS::Cognito::UserPoolClient') });
    expect(vars[ENV.USER_POOL_ID]).toEqual({ Ref: logicalId('AWS::Cognito::UserPool') });
    expect(vars[ENV.SITE_ORIGIN]).toEqual(siteOrigin());
    expect(vars[ENV.LOG_LEVEL]).toBe('info');
    // A dynamic reference to the generated secret: the template never holds the cursor key.
    expect(JSON.stringify(vars[ENV.CURSOR_SECRET])).toContain('resolve:secretsmanager:');
    expect(JSON.stringify(vars[ENV.ORIGIN_SECRET])).toContain('resolve:secretsmanager:');
    expect(vars[ENV.RELEASE_VERSION]).toBe('1.2.3');
    expect(vars[ENV.RELEASE_COMMIT]).toBe('0123456789abcdef0123456789abcdef01234567');
  });

  it('gives the Excel function the same environment without the user pool: it administers no accounts and starts no exports', () => {
    const { [ENV.USER_POOL_ID]: pool, [ENV.EXPORT_FUNCTION]: exportFunction, ...core } = fn().Environment.Variables;
    expect(pool).toBeDefined();
    expect(exportFunction).toBeDefined();
    expect(excelFn().Environment.Variables).toEqual(core);
  });

  it('gives every function its own log group, and every group (access log too) 180-day retention', () => {
    const groups = resourcesOf(template, 'AWS::Logs::LogGroup');
    expect(groups.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(
      [
        'AccessLogsScrubberLogs',
        'ApiAccessLogs',
        'ApiExcelFunctionLogs',
        'ApiFunctionLogs',
        'ExportsJobLogs',
        'JobsCloseNoticesLogs',
        'JobsEvidenceCheckLogs',
        'TenantRootLogs',
      ].sort(),
    );
    for (const [, group] of groups) expect(group.RetentionInDays).toBe(180);
    for (const [id, f] of resourcesOf(template, 'AWS::Lambda::Function')) {
      if (id.startsWith('CustomCDKBucketDeployment') || id.startsWith('BucketNotificationsHandler')) continue;
      if (id.startsWith('AWS679f53fac002430cb0da5b7982bd2287')) {
        // CDK's AwsCustomResource handler, which puts the tenant's root organisation.
        expect(f.LoggingConfig.LogGroup, id).toEqual({ Ref: expect.stringMatching(/^TenantRootLogs/) });
        continue;
      }
      expect(f.LoggingConfig.LogGroup, id).toEqual({
        Ref: expect.stringMatching(new RegExp(`^${id.replace(/Function[0-9A-F]{8}$/, '')}(Function)?Logs`)),
      });
    }
  });

  it('throttles the stage and writes JSON access logs without query strings', () => {
    const stage = onlyResource(template, 'AWS::ApiGatewayV2::Stage');
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
    expect(stage.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiAccessLogs/), 'Arn'] });
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', path: '$context.path' });
    expect(stage.AccessLogSettings.Format).not.toContain('querystring');
  });

  it('takes stage limits from context', () => {
    synth({ apiRateLimit: '20', apiBurstLimit: '40' }).template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
  });

  it('grants no CORS when the site reaches the API through its own origin', () => {
    expect(onlyResource(template, 'AWS::ApiGatewayV2::Api').CorsConfiguration).toBeUndefined();
  });
});

describe('least privilege', () => {
  const policies = () => resourcesOf(template, 'AWS::IAM::Policy');
  const statementsOf = (prefix: string) => named('AWS::IAM::Policy', `${prefix}RoleDefaultPolicy`)[1].PolicyDocument.Statement;
  const ownLogs = (prefix: string) => ({
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Effect: 'Allow',
    Resource: { 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${prefix}Logs`)), 'Arn'] },
  });
  const API_TABLE_ACTIONS = [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ];
  const indexQuery = () => ({
    Action: 'dynamodb:Query',
    Effect: 'Allow',
    Resource: TABLE.globalIndexes.map((g) => ({ 'Fn::Join': ['', [tableArn(), `/index/${g.indexName}`]] })),
  });

  it('gives each of our functions its own role, assumable by Lambda only, with nothing managed', () => {
    const roles = resourcesOf(template, 'AWS::Lambda::Function').map(([, f]) => JSON.stringify(f.Role));
    expect(new Set(roles).size).toBe(roles.length);
    for (const prefix of ['ApiFunction', 'ApiExcelFunction', 'JobsCloseNotices', 'JobsEvidenceCheck', 'ExportsJob', 'AccessLogsScrubber']) {
      const [, role] = named('AWS::IAM::Role', `${prefix}Role`);
      expect(role.ManagedPolicyArns, prefix).toBeUndefined();
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
    }
  });

  it('names every action of the API role: DynamoDB without Scan, named indexes, evidence/ objects, own log group, own user pool', () => {
    const table = tableArn();
    const statements = statementsOf('ApiFunction');
    expect(statements).toEqual([
      ownLogs('ApiFunction'),
      { Action: API_TABLE_ACTIONS, Effect: 'Allow', Resource: table },
      indexQuery(),
      {
        // evidence-store.ts: presigned POST (PutObject), HEAD + versioned read, pinned downloads, tag and delete marker.
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceBucket/), 'Arn'] }, `/${EVIDENCE_KEY_PREFIX}*`]] },
      },
      {
        // Only so that S3 answers 404, not 403, for a file that never arrived: evidence/ keys only.
        Action: 's3:ListBucket',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^EvidenceBucket/), 'Arn'] },
        Condition: { StringLike: { 's3:prefix': [`${EVIDENCE_KEY_PREFIX}*`] } },
      },
      { Action: ACCOUNT_ADMIN_ACTIONS, Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId('AWS::Cognito::UserPool'), 'Arn'] } },
      // Starting an export run: that one function, no alias or version.
      {
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ExportsJobFunction/), 'Arn'] },
      },
      // Presigning the download of a finished export: read-only, exports/ only.
      {
        Action: 's3:GetObject',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceBucket/), 'Arn'] }, `/${EXPORT_KEY_PREFIX}*`]] },
      },
    ]);
    expect(ACCOUNT_ADMIN_ACTIONS).toContain('cognito-idp:AdminCreateUser');
    expect(ACCOUNT_ADMIN_ACTIONS).not.toContain('cognito-idp:AdminDeleteUser');
    expect(JSON.stringify(statements)).not.toContain('dynamodb:Scan');
    // Rejected files leave a delete marker; versions are never destroyed by the API.
    expect(JSON.stringify(statements)).not.toContain('s3:DeleteObjectVersion');
  });

  it('gives the Excel role the table and nothing else: no evidence, no user pool', () => {
    expect(statementsOf('ApiExcelFunction')).toEqual([
      ownLogs('ApiExcelFunction'),
      { Action: API_TABLE_ACTIONS, Effect: 'Allow', Resource: tableArn() },
      indexQuery(),
    ]);
  });

  it('gives the notice job the reads and writes of closing a notice: GetItem and PutItem on the table, Query on GSI2', () => {
    expect(statementsOf('JobsCloseNotices')).toEqual([
      ownLogs('JobsCloseNotices'),
      { Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Effect: 'Allow', Resource: tableArn() },
      { Action: 'dynamodb:Query', Effect: 'Allow', Resource: { 'Fn::Join': ['', [tableArn(), '/index/GSI2']] } },
    ]);
  });

  it('gives the evidence check its file record and the evidence/ objects only, DeleteObjectVersion for replayed uploads', () => {
    expect(statementsOf('JobsEvidenceCheck')).toEqual([
      ownLogs('JobsEvidenceCheck'),
      { Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Effect: 'Allow', Resource: tableArn() },
      {
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObjectTagging', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceBucket/), 'Arn'] }, '/evidence/*']] },
      },
      {
        // Only so that S3 answers 404, not 403, for a file that never arrived: evidence/ keys only.
        Action: 's3:ListBucket',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^EvidenceBucket/), 'Arn'] },
        Condition: { StringLike: { 's3:prefix': [`${EVIDENCE_KEY_PREFIX}*`] } },
      },
    ]);
  });

  it('gives the export job the reads of an export, its own progress, and puts under exports/ only', () => {
    expect(statementsOf('ExportsJob')).toEqual([
      ownLogs('ExportsJob'),
      // The tree (Query), the job (GetItem, UpdateItem), books by key (BatchGetItem): no Put, no Delete, no Scan.
      {
        Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        Effect: 'Allow',
        Resource: tableArn(),
      },
      { Action: 'dynamodb:Query', Effect: 'Allow', Resource: { 'Fn::Join': ['', [tableArn(), '/index/GSI1']] } },
      {
        // A multipart upload and its abort; the file is written whole again by a retry, never read back.
        Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceBucket/), 'Arn'] }, `/${EXPORT_KEY_PREFIX}*`]] },
      },
    ]);
    const [, fn] = named('AWS::Lambda::Function', 'ExportsJobFunction');
    expect(fn).toMatchObject({ Timeout: 900, Architectures: ['arm64'] });
    // The API starts runs asynchronously: one retry of a run that crashed or timed out, then the job stays failed.
    const [, invokeConfig] = resourcesOf(template, 'AWS::Lambda::EventInvokeConfig').find(([id]) => id.startsWith('ExportsJob'))!;
    expect(invokeConfig).toMatchObject({ MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600 });
    // The API function is told which function that is.
    const [, api] = named('AWS::Lambda::Function', 'ApiFunction');
    expect(api.Environment.Variables[ENV.EXPORT_FUNCTION]).toEqual({ Ref: expect.stringMatching(/^ExportsJobFunction/) });
    // Export files are expired a week after they are written (copies of people's data made for one download).
    const [, bucket] = named('AWS::S3::Bucket', 'EvidenceBucket');
    expect(bucket.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        {
          Id: 'expire-exports',
          Prefix: EXPORT_KEY_PREFIX,
          ExpirationInDays: EXPORT_RETENTION_DAYS,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          Status: 'Enabled',
        },
      ]),
    );
  });

  it('lets our functions touch S3 objects under evidence/ only (exports/ for the export files): no s3:*, no bucket-wide object grant, listing of evidence/ only', () => {
    // Every policy but those of CDK's own deployment-time handlers (BucketDeployment, bucket notifications).
    const ours = policies().filter(([id]) => /^(Api|Jobs|Exports|TenantRoot|AccessLogsScrubber)/.test(id));
    expect(ours.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(
      [
        'AccessLogsScrubberRoleDefaultPolicy',
        'ApiExcelFunctionRoleDefaultPolicy',
        'ApiFunctionRoleDefaultPolicy',
        'ExportsJobRoleDefaultPolicy',
        'JobsCloseNoticesRoleDefaultPolicy',
        'JobsEvidenceCheckRoleDefaultPolicy',
        'TenantRootPutIfAbsentCustomResourcePolicy',
      ].sort(),
    );
    const s3Statements = ours
      .filter(([id]) => !id.startsWith('AccessLogsScrubber'))
      .flatMap(([id, policy]) =>
        (policy.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
          .filter((st) => [st.Action].flat().some((a) => a.startsWith('s3:')))
          .map((st) => ({ id, actions: [st.Action].flat(), resources: [st.Resource].flat() })),
      );
    // On the evidence bucket: the API and the evidence check, nobody else (the log scrubber is below).
    expect([...new Set(s3Statements.map((st) => st.id.replace(/[0-9A-F]{8}$/, '')))].sort()).toEqual([
      'ApiFunctionRoleDefaultPolicy',
      'ExportsJobRoleDefaultPolicy',
      'JobsEvidenceCheckRoleDefaultPolicy',
    ]);
    for (const st of s3Statements.filter((s) => s.actions.includes('s3:ListBucket'))) {
      // Listing: the action alone, on the bucket, and only with a prefix under evidence/ (no prefix: no match).
      expect(st.actions, st.id).toEqual(['s3:ListBucket']);
      expect(st.resources, st.id).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceBucket/), 'Arn'] }]);
    }
    for (const st of s3Statements.filter((s) => !s.actions.includes('s3:ListBucket'))) {
      expect(
        st.actions.filter((a) => a.includes('*')),
        st.id,
      ).toEqual([]);
      expect(
        st.actions.filter((a) => /^s3:(List|PutObjectAcl|PutBucket|GetBucket)/.test(a)),
        st.id,
      ).toEqual([]);
      // Removing a version is the evidence check's alone: a version a replayed upload form wrote over an
      // accepted file (verify-evidence.ts recheckAcceptedObject). The API only ever adds delete markers.
      if (st.id.startsWith('Api')) expect(st.actions, st.id).not.toContain('s3:DeleteObjectVersion');
      for (const resource of st.resources) {
        // Each resource is the evidence bucket's ARN joined with `/evidence/*` (or `/exports/*` for the
        // export files: the job puts them, the API reads them to presign): never `/*` or the bucket itself.
        const [, parts] = (resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
        const exportFiles = st.id.startsWith('Exports') || (st.id.startsWith('ApiFunction') && st.actions.join() === 's3:GetObject');
        expect(parts, st.id).toEqual([
          { 'Fn::GetAtt': [expect.stringMatching(/^EvidenceBucket/), 'Arn'] },
          `/${exportFiles ? EXPORT_KEY_PREFIX : EVIDENCE_KEY_PREFIX}*`,
        ]);
      }
    }
    // Only the API may put objects at all under evidence/, and only the export job under exports/.
    expect(
      s3Statements
        .filter((st) => st.actions.includes('s3:PutObject'))
        .map((st) => st.id)
        .sort(),
    ).toEqual([expect.stringMatching(/^ApiFunctionRoleDefaultPolicy/), expect.stringMatching(/^ExportsJobRoleDefaultPolicy/)]);
    expect(EVIDENCE_KEY_PREFIX).toBe('evidence/');
  });

  it('gives the CloudFront log scrubber the raw log files to read and delete, the kept prefix to write, nothing else', () => {
    const logs = (prefix: string) => ({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^AccessLogsBucket/), 'Arn'] }, `/${prefix}*`]],
    });
    expect(statementsOf('AccessLogsScrubber')).toEqual([
      ownLogs('AccessLogsScrubber'),
      { Action: ['s3:GetObject', 's3:DeleteObject'], Effect: 'Allow', Resource: logs(CLOUDFRONT_LOG_PREFIXES.raw) },
      { Action: 's3:PutObject', Effect: 'Allow', Resource: logs(CLOUDFRONT_LOG_PREFIXES.scrubbed) },
    ]);
  });

  it('has no wildcard action in any policy except the CDK-generated BucketDeployment handler', () => {
    for (const [id, policy] of policies()) {
      const actions = policy.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
      const wildcards = actions.filter((a: string) => a.includes('*'));
      if (id.startsWith('CustomCDKBucketDeployment')) continue;
      expect(wildcards, id).toEqual([]);
    }
    // And only that one CDK-generated policy is exempt.
    expect(policies().filter(([id]) => id.startsWith('CustomCDKBucketDeployment'))).toHaveLength(1);
  });
});

describe('Auth (Cognito)', () => {
  it('has a group per role', () => {
    const groups = resourcesOf(template, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('keeps the organisation and tenant as custom attributes, invited accounts only, strong passwords, TOTP', () => {
    const pool = onlyResource(template, 'AWS::Cognito::UserPool');
    expect(pool.Schema).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'org', AttributeDataType: 'String', Mutable: true }),
        expect.objectContaining({ Name: 'tenant', AttributeDataType: 'String', Mutable: false }),
      ]),
    );
    expect(pool.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage).toContain('{####}');
    expect(pool.Policies.PasswordPolicy).toMatchObject({ MinimumLength: 12, RequireSymbols: true, RequireNumbers: true });
    expect(pool).toMatchObject({ MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'], DeletionProtection: 'ACTIVE' });
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
  });

  it('has a hosted login domain and a public PKCE client whose callback is the site', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'xueshi-430100-123456789012' });
    const client = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(client.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', distributionDomain(), '/auth/callback']] }]);
    expect(client.LogoutURLs).toEqual([{ 'Fn::Join': ['', ['https://', distributionDomain(), '/signed-out']] }]);
    // Users cannot move themselves to another organisation or tenant.
    expect(client.WriteAttributes).toEqual(['email', 'name']);
  });

  it('sends invitations through SES when a sender is configured', () => {
    synth({ cognitoEmailFrom: 'noreply@xueshi.example.gov.cn' }).template.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        // The sender name 学时通, RFC 2047-encoded.
        From: `=?UTF-8?B?${Buffer.from('学时通').toString('base64')}?= <noreply@xueshi.example.gov.cn>`,
      }),
    });
  });
});

describe('Site', () => {
  const config = () => onlyResource(template, 'AWS::CloudFront::Distribution').DistributionConfig;

  it('reaches its private bucket through origin access control', () => {
    const oac = onlyResource(template, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origin = config().Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [logicalId('AWS::CloudFront::OriginAccessControl'), 'Id'] });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('serves the site with caching, security headers and the SPA rewrite on the default behavior', () => {
    const behavior = config().DefaultCacheBehavior;
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: CACHING_OPTIMIZED,
      Compress: true,
      ResponseHeadersPolicyId: { Ref: logicalId('AWS::CloudFront::ResponseHeadersPolicy') },
      FunctionAssociations: [
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalId('AWS::CloudFront::Function'), 'FunctionARN'] } },
      ],
    });
    expect(config().DefaultRootObject).toBe('index.html');
    // No custom error responses: they would turn the API's JSON 403/404s into the app shell.
    expect(config().CustomErrorResponses).toBeUndefined();
  });

  it('routes /v1/* to the HTTP API uncached, all methods, forwarding everything but Host', () => {
    expect(config().CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/v1/*',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        ResponseHeadersPolicyId: SECURITY_HEADERS,
        ViewerProtocolPolicy: 'https-only',
      }),
    ]);
    const apiOrigin = config().Origins.find((o: { CustomOriginConfig?: unknown }) => o.CustomOriginConfig);
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(apiOrigin.DomainName).toEqual({
      'Fn::Join': [
        '',
        [{ Ref: logicalId('AWS::ApiGatewayV2::Api') }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }],
      ],
    });
    expect(apiOrigin.Id).toBe(config().CacheBehaviors[0].TargetOriginId);
    // CloudFront proves itself to the API with the stack's origin secret (a dynamic reference, never the value).
    expect(apiOrigin.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_SECRET_HEADER, HeaderValue: expect.anything() }]);
    expect(JSON.stringify(apiOrigin.OriginCustomHeaders[0].HeaderValue)).toContain('resolve:secretsmanager:');
    const apiFn = named('AWS::Lambda::Function', 'ApiFunction')[1];
    expect(apiFn.Environment.Variables[ENV.ORIGIN_SECRET]).toEqual(apiOrigin.OriginCustomHeaders[0].HeaderValue);
  });

  it('sends security headers: a strict CSP allowing the login origins, HSTS, no framing, no sniffing', () => {
    const policy = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy').ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(policy).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
    const csp = JSON.stringify(stack.resolve(policy.ContentSecurityPolicy.ContentSecurityPolicy));
    for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toContain('https://xueshi-430100-123456789012.auth.ap-southeast-1.amazoncognito.com');
    expect(csp).toContain('https://cognito-idp.ap-southeast-1.');
  });

  it('logs to the access-log bucket, restricts to CN by default, prefers HTTP/2-3', () => {
    expect(config().Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^AccessLogsBucket/), 'RegionalDomainName'] },
      Prefix: CLOUDFRONT_LOG_PREFIXES.raw,
    });
    expect(config().Restrictions).toEqual({ GeoRestriction: { Locations: ['CN'], RestrictionType: 'whitelist' } });
    expect(config()).toMatchObject({ HttpVersion: 'http2and3', IPV6Enabled: true, PriceClass: 'PriceClass_200' });
  });

  it('uses an own domain with an ACM certificate and TLS 1.2 when configured, and then allows CORS for it', () => {
    const t = synth({
      siteDomain: 'xueshi-{tenant}.example.gov.cn',
      siteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    }).template;
    const c = onlyResource(t, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(c.Aliases).toEqual(['xueshi-430100.example.gov.cn']);
    expect(c.ViewerCertificate).toEqual({
      AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.SITE_ORIGIN]: 'https://xueshi-430100.example.gov.cn' }) },
    });
    t.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://xueshi-430100.example.gov.cn'] })] },
    });
  });

  it("deploys hashed assets with a year of caching before the shell, never pruning the previous build's, and writes /config.json", () => {
    const deployments = resourcesOf(template, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const assets = deployments.find(([id]) => id.includes('DeployAssets'))![1];
    const shell = deployments.find(([id]) => id.includes('DeployShell'))![1];
    // Prune false: a page loaded before the deploy still finds its chunks (docs/deploy.md §4c).
    expect(assets).toMatchObject({
      Include: ['assets/*'],
      Exclude: ['*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(shell).toMatchObject({
      Exclude: ['assets/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/*'],
    });
    expect(shell.SourceMarkers).toHaveLength(2);
    expect(JSON.stringify(shell.SourceMarkers)).toContain(logicalId('AWS::Cognito::UserPoolClient'));
    const shellId = deployments.find(([id]) => id.includes('DeployShell'))![0];
    expect(template.findResources('Custom::CDKBucketDeployment')[shellId]!.DependsOn).toEqual(
      expect.arrayContaining([expect.stringMatching(/DeployAssets/)]),
    );
  });
});

describe('Jobs', () => {
  it('runs the notice job every 5 minutes, with no Lambda retries that could overlap the next run', () => {
    const [id] = named('AWS::Lambda::Function', 'JobsCloseNoticesFunction');
    const [, rule] = named('AWS::Events::Rule', 'JobsCloseNoticesSchedule');
    expect(rule).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    expect(rule.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [id, 'Arn'] } })]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [named('AWS::Events::Rule', 'JobsCloseNoticesSchedule')[0], 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: id }, MaximumRetryAttempts: 0 });
  });

  it('checks evidence on every object created under evidence/, and only there', () => {
    const [id] = named('AWS::Lambda::Function', 'JobsEvidenceCheckFunction');
    const [, notifications] = named('Custom::S3BucketNotifications', 'EvidenceBucketNotifications');
    expect(notifications.BucketName).toEqual({ Ref: expect.stringMatching(/^EvidenceBucket/) });
    expect(notifications.NotificationConfiguration).toEqual({
      LambdaFunctionConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'evidence/' }] } },
          LambdaFunctionArn: { 'Fn::GetAtt': [id, 'Arn'] },
        },
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
      SourceAccount: '123456789012',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EvidenceBucket'), 'Arn'] },
    });
  });

  it('runs both on Node.js 22, arm64, with only the environment each entry parses', () => {
    const [, close] = named('AWS::Lambda::Function', 'JobsCloseNoticesFunction');
    const [, check] = named('AWS::Lambda::Function', 'JobsEvidenceCheckFunction');
    for (const f of [close, check]) expect(f).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(Object.keys(close.Environment.Variables).sort()).toEqual([ENV.TENANT, ENV.TABLE_NAME, ENV.LOG_LEVEL].sort());
    expect(close.Environment.Variables[ENV.TENANT]).toBe('430100');
    expect(Object.keys(check.Environment.Variables).sort()).toEqual([ENV.TABLE_NAME, ENV.EVIDENCE_BUCKET, ENV.LOG_LEVEL].sort());
    expect(check.Environment.Variables[ENV.EVIDENCE_BUCKET]).toEqual({ Ref: expect.stringMatching(/^EvidenceBucket/) });
  });
});

describe('Access logs without query strings (issue 20)', () => {
  const bucket = () => named('AWS::S3::Bucket', 'AccessLogsBucket')[1];

  it('logs the API by path and route, never the query string, for 180 days', () => {
    const stage = onlyResource(template, 'AWS::ApiGatewayV2::Stage');
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(format.path).toBe('$context.path');
    expect(format.routeKey).toBe('$context.routeKey');
    // No variable that carries the query string or request parameters.
    for (const value of Object.values(format))
      expect(value).not.toMatch(/querystring|requestOverride|\$input|\$request|\$method\.request/i);
    expect(named('AWS::Logs::LogGroup', 'ApiAccessLogs')[1].RetentionInDays).toBe(180);
  });

  it('has CloudFront write its logs under the raw prefix, where the scrubber picks up every new file', () => {
    expect(onlyResource(template, 'AWS::CloudFront::Distribution').DistributionConfig.Logging.Prefix).toBe(CLOUDFRONT_LOG_PREFIXES.raw);
    const [id, fn] = named('AWS::Lambda::Function', 'AccessLogsScrubberFunction');
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(fn.Environment.Variables).toEqual({
      [ENV.ACCESS_LOG_BUCKET]: { Ref: expect.stringMatching(/^AccessLogsBucket/) },
      [ENV.LOG_LEVEL]: 'info',
    });
    const [, notifications] = named('Custom::S3BucketNotifications', 'AccessLogsBucketNotifications');
    expect(notifications.BucketName).toEqual({ Ref: expect.stringMatching(/^AccessLogsBucket/) });
    expect(notifications.NotificationConfiguration).toEqual({
      LambdaFunctionConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: CLOUDFRONT_LOG_PREFIXES.raw }] } },
          LambdaFunctionArn: { 'Fn::GetAtt': [id, 'Arn'] },
        },
      ],
    });
  });

  it('keeps scrubbed logs a year, and a raw file (query strings and all) at most 3 days if the scrubber fails', () => {
    expect(bucket().LifecycleConfiguration.Rules).toEqual([
      { Id: 'expire-logs', ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 7 }, Status: 'Enabled' },
      {
        Id: 'expire-unscrubbed-cloudfront-logs',
        Prefix: CLOUDFRONT_LOG_PREFIXES.raw,
        ExpirationInDays: 3,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        Status: 'Enabled',
      },
    ]);
  });

  it('does the same in the China partition', () => {
    const china = synth(CHINA_CONTEXT).template;
    expect(onlyResource(china, 'AWS::CloudFront::Distribution').DistributionConfig.Logging.Prefix).toBe(CLOUDFRONT_LOG_PREFIXES.raw);
    named('Custom::S3BucketNotifications', 'AccessLogsBucketNotifications', china);
    named('AWS::Lambda::Function', 'AccessLogsScrubberFunction', china);
  });
});

describe('Alarms', () => {
  const topic = () => ({ Ref: logicalId('AWS::SNS::Topic') });

  it("sends API 5xx, each function's errors, the API functions' throttles and p99 duration, and DynamoDB throttles to the topic", () => {
    const alarms = Object.fromEntries(
      resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([id, a]) => [id.replace(/^Alarms|[0-9A-F]{8}$/g, ''), a]),
    );
    const alarm = (name: string): Record<string, any> => alarms[name] ?? expect.fail(`no alarm ${name}`);
    expect(Object.keys(alarms).sort()).toEqual(
      [
        'Api5xx',
        'DynamoDbThrottles',
        'ApiErrors',
        'ApiThrottles',
        'ApiP99Duration',
        'ExcelErrors',
        'ExcelThrottles',
        'ExcelP99Duration',
        'CloseNoticesErrors',
        'EvidenceCheckErrors',
        'ScrubCloudFrontLogsErrors',
        'ExportJobErrors',
      ].sort(),
    );
    const fnOf = (a: Record<string, any>) => a.Dimensions.find((d: { Name: string }) => d.Name === 'FunctionName').Value.Ref;
    expect(alarm('Api5xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Statistic: 'Sum', Threshold: 5 });
    for (const [name, prefix] of [
      ['Api', 'ApiFunction'],
      ['Excel', 'ApiExcelFunction'],
    ] as const) {
      const fnId = named('AWS::Lambda::Function', prefix)[0];
      expect(alarm(`${name}Errors`)).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 5 });
      expect(alarm(`${name}Throttles`)).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Threshold: 1 });
      expect(alarm(`${name}P99Duration`)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        ExtendedStatistic: 'p99',
        EvaluationPeriods: 3,
      });
      for (const kind of ['Errors', 'Throttles', 'P99Duration']) expect(fnOf(alarm(`${name}${kind}`)), `${name}${kind}`).toBe(fnId);
    }
    expect(alarm('ApiP99Duration').Threshold).toBe(5000);
    // Imports take seconds by design: the Excel function is slow only near its 28 s timeout.
    expect(alarm('ExcelP99Duration').Threshold).toBe(25000);
    for (const [name, prefix] of [
      ['CloseNotices', 'JobsCloseNoticesFunction'],
      ['EvidenceCheck', 'JobsEvidenceCheckFunction'],
      ['ScrubCloudFrontLogs', 'AccessLogsScrubberFunction'],
      ['ExportJob', 'ExportsJobFunction'],
    ] as const) {
      expect(alarm(`${name}Errors`)).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 1 });
      expect(fnOf(alarm(`${name}Errors`))).toBe(named('AWS::Lambda::Function', prefix)[0]);
    }
    const dynamo = alarm('DynamoDbThrottles');
    const names = dynamo.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).map(
      (m: { MetricStat: { Metric: { MetricName: string; Dimensions: { Name: string; Value: unknown }[] } } }) =>
        `${m.MetricStat.Metric.MetricName}:${m.MetricStat.Metric.Dimensions.find((d) => d.Name === 'GlobalSecondaryIndexName')?.Value ?? 'table'}`,
    );
    expect(names.sort()).toEqual(
      ['ReadThrottleEvents', 'WriteThrottleEvents']
        .flatMap((n) => [`${n}:table`, ...TABLE.globalIndexes.map((g) => `${n}:${g.indexName}`)])
        .sort(),
    );
    for (const a of Object.values(alarms)) {
      expect(a.AlarmActions).toEqual([topic()]);
      expect(a.OKActions).toEqual([topic()]);
      expect(a.TreatMissingData).toBe('notBreaching');
    }
  });

  it('encrypts the topic with a rotating key CloudWatch may use, and requires TLS to publish', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalId('AWS::KMS::Key'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('subscribes the alarm e-mail from context', () => {
    synth({ alarmEmail: 'ops@hrss.example.cn' }).template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@hrss.example.cn',
    });
  });
});

describe('external OpenID Connect provider (global partition)', () => {
  it('replaces Cognito and passes issuer, audience and JWKS URL to the API', () => {
    const t = synth({
      oidcIssuer: 'https://id.example.gov.cn/oidc',
      oidcAudience: 'xueshi',
      oidcJwksUrl: 'https://id.example.gov.cn/oidc/keys',
    }).template;
    t.resourceCountIs('AWS::Cognito::UserPool', 0);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          [ENV.OIDC_ISSUER]: 'https://id.example.gov.cn/oidc',
          [ENV.OIDC_AUDIENCE]: 'xueshi',
          [ENV.OIDC_JWKS_URL]: 'https://id.example.gov.cn/oidc/keys',
        }),
      },
    });
    const [, api] = named('AWS::IAM::Policy', 'ApiFunctionRoleDefaultPolicy', t);
    expect(JSON.stringify(api)).not.toContain('cognito-idp');
    const [, fn] = named('AWS::Lambda::Function', 'ApiFunction', t);
    expect(fn.Environment.Variables).not.toHaveProperty(ENV.USER_POOL_ID);
  });
});

import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { forwardQueueName, ProvinceLink, PROVINCE_ROUTER_ROLE_NAME } from '../../infra/constructs/province-link.js';
import { ProvinceStack, PROVINCE_STACK_NAME } from '../../infra/province-stack.js';
import { CHINA_CONTEXT, onlyResource, synth } from './fixture.js';

/** The province stack (issue 17) and a tenant's end of it, synthesised offline for both partitions. */
const TENANTS = [
  { tenant: '430100', account: '111111111111' },
  { tenant: '430200', account: '222222222222' },
];

function synthProvince(region: string) {
  // Bundling skipped as in test/infra/fixture.ts: test/infra/bundle.test.ts builds the province's functions.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new ProvinceStack(app, PROVINCE_STACK_NAME, { env: { account: '999999999999', region }, tenants: TENANTS });
  return { stack, template: Template.fromStack(stack) };
}

const flatten = (v: unknown): string => JSON.stringify(v);

describe.each([
  ['global', 'ap-southeast-1', 'arn:aws:'],
  ['China', 'cn-northwest-1', 'arn:aws-cn:'],
])('province stack (%s partition)', (_name, region, arnPrefix) => {
  const { stack, template } = synthProvince(region);

  it("runs its intake API, inbox consumer and sweeper as the router role, with the tenants' queue URLs", () => {
    const fns = template.findResources('AWS::Lambda::Function');
    const byHandler = Object.values(fns).map((f) => f.Properties as { Role: unknown; Environment: { Variables: Record<string, unknown> } });
    expect(byHandler).toHaveLength(3);
    const routerId = Object.keys(template.findResources('AWS::IAM::Role', { Properties: { RoleName: PROVINCE_ROUTER_ROLE_NAME } }))[0]!;
    for (const f of byHandler) {
      expect(f.Role).toEqual({ 'Fn::GetAtt': [routerId, 'Arn'] });
      const queues = flatten(f.Environment.Variables.XUESHI_PROVINCE_TENANT_QUEUES);
      expect(queues).toContain('111111111111/xueshi-430100-province-forward');
      expect(queues).toContain('222222222222/xueshi-430200-province-forward');
    }
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'] });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasOutput('DirectoryKeyArn', {});
  });

  it('keeps its records in one encrypted table with point-in-time recovery, retained', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: Match.objectLike({ PointInTimeRecoveryEnabled: true }) })],
    });
  });

  it('lets the router send only to the tenants’ forward queues, by name, account and region', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const statements = policies.flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const forward = statements.find((s: any) => s.Sid === 'ForwardToTenantQueues');
    expect(forward.Action).toEqual(['sqs:SendMessage', 'sqs:GetQueueAttributes']);
    const resources = flatten(forward.Resource);
    for (const t of TENANTS) expect(resources).toContain(`${t.account}:${forwardQueueName(t.tenant)}`);
    expect(resources).not.toContain('*');
    // No statement of the router's allows sqs:* or dynamodb:* on everything.
    for (const s of statements) {
      expect([s.Action].flat()).not.toContain('sqs:*');
      expect([s.Action].flat()).not.toContain('dynamodb:*');
    }
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: PROVINCE_ROUTER_ROLE_NAME });
    expect(stack.resolve(stack.partition)).toBeDefined();
  });

  it('lets each tenant stack’s roles, and no one else in its account, publish to the inbox and read the directory key', () => {
    const queuePolicy = Object.values(template.findResources('AWS::SQS::QueuePolicy')).find((p: any) =>
      flatten(p.Properties.PolicyDocument).includes('TenantPublishes'),
    ) as any;
    const statements = queuePolicy.Properties.PolicyDocument.Statement.filter((s: any) => String(s.Sid).startsWith('TenantPublishes'));
    expect(statements).toHaveLength(2);
    for (const [i, s] of statements.entries()) {
      expect(s.Action).toBe('sqs:SendMessage');
      expect(flatten(s.Principal)).toContain(TENANTS[i]!.account);
      expect(flatten(s.Condition.ArnLike['aws:PrincipalArn'])).toContain(`role/Xueshi-${TENANTS[i]!.tenant}-*`);
    }
    const secretPolicy = Object.values(template.findResources('AWS::SecretsManager::ResourcePolicy'))[0] as any;
    const reads = secretPolicy.Properties.ResourcePolicy.Statement.filter((s: any) => String(s.Sid).startsWith('TenantReadsKey'));
    expect(reads.map((s: any) => s.Action)).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:GetSecretValue']);
    // The key's decrypt for tenants only through Secrets Manager.
    const key = Object.values(template.findResources('AWS::KMS::Key'))[0] as any;
    const decrypt = key.Properties.KeyPolicy.Statement.filter((s: any) => String(s.Sid).startsWith('TenantDecryptsKey'));
    expect(decrypt).toHaveLength(2);
    for (const s of decrypt) expect(s.Condition.StringEquals['kms:ViaService']).toBeDefined();
  });

  it('encrypts its queues, refuses plain HTTP, and alarms on held records, failed forwards and dead letters', () => {
    for (const q of Object.values(template.findResources('AWS::SQS::Queue')) as any[]) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    const denies = Object.values(template.findResources('AWS::SQS::QueuePolicy')).flatMap((p: any) =>
      p.Properties.PolicyDocument.Statement.filter(
        (s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      ),
    );
    expect(denies.length).toBeGreaterThanOrEqual(2);
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));
    for (const name of ['HeldRecords', 'FailedForwards', 'InboxDeadLetters']) expect(alarms.some((a) => a.startsWith(name))).toBe(true);
    expect(flatten(template.toJSON())).not.toContain(arnPrefix === 'arn:aws-cn:' ? 'arn:aws:iam' : 'arn:aws-cn:');
  });
});

describe('a tenant’s province link', () => {
  it('trusts only the province router role by ARN, lets its consumer receive, and parks failures in an alarmed dead-letter queue', () => {
    const stack = new Stack(new App(), 'Xueshi-430200', { env: { account: '222222222222', region: 'cn-north-1' } });
    const consumerRole = new Role(stack, 'Consumer', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    new ProvinceLink(stack, 'Province', { tenant: '430200', provinceAccount: '999999999999', consumerRole });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: forwardQueueName('430200'),
      MessageRetentionPeriod: 1209600,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
    });
    const policy = Object.values(template.findResources('AWS::SQS::QueuePolicy')).find((p: any) =>
      flatten(p).includes('ProvinceRouterSends'),
    ) as any;
    const send = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'ProvinceRouterSends');
    expect(send.Action).toEqual(['sqs:SendMessage', 'sqs:GetQueueAttributes']);
    expect(flatten(send.Principal)).toContain(`999999999999:role/${PROVINCE_ROUTER_ROLE_NAME}`);
    const consumer = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(consumer.flatMap((s: any) => [s.Action].flat())).toContain('sqs:ReceiveMessage');
    expect(consumer.flatMap((s: any) => [s.Action].flat())).not.toContain('sqs:SendMessage');
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm')).some((a) => a.includes('FailedForwards'))).toBe(true);
  });
});

describe('province stack under cdk-nag AwsSolutions', () => {
  it.each([
    ['global', 'ap-southeast-1'],
    ['China', 'cn-north-1'],
  ])('has no unacknowledged finding (%s)', async (_n, region) => {
    const { AwsSolutionsChecks } = await import('../../infra/nag.js');
    const { stack } = synthProvince(region);
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe.each([
  ['global', {}, 'arn:aws:secretsmanager:ap-southeast-1:999999999999:secret:DirectoryKey-AbCdEf', 'amazonaws.com'],
  ['China', CHINA_CONTEXT, 'arn:aws-cn:secretsmanager:cn-northwest-1:999999999999:secret:DirectoryKey-AbCdEf', 'amazonaws.com.cn'],
])('a tenant stack with the province link (%s)', (_name, context, keyArn, suffix) => {
  const { template } = synth({ ...context, provinceDirectoryKeyArn: keyArn });
  const partition = keyArn.split(':')[1];

  it('consumes its forward queue with partial batch failures, under its own role', () => {
    const mapping = onlyResource(template, 'AWS::Lambda::EventSourceMapping');
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: forwardQueueName('430100'), SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          XUESHI_PROVINCE_INBOX_URL: `https://sqs.${keyArn.split(':')[3]}.${suffix}/999999999999/xueshi-province-inbox`,
          XUESHI_PROVINCE_DIRECTORY_KEY_SECRET: keyArn,
        }),
      },
    });
  });

  it('may send to the province inbox and read the directory key, each by its ARN in the province account, and nothing else there', () => {
    const policies = flatten(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain(`arn:${partition}:sqs:${keyArn.split(':')[3]}:999999999999:xueshi-province-inbox`);
    expect(policies).toContain(keyArn);
    expect(policies.match(/999999999999/g)!.length).toBe(3);
    // Only the province's router role may send to the forward queue.
    const queuePolicy = flatten(template.findResources('AWS::SQS::QueuePolicy'));
    expect(queuePolicy).toContain(`:iam::999999999999:role/${PROVINCE_ROUTER_ROLE_NAME}`);
  });

  it('alarms on forwards parked in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('430100: forwarded records') });
  });
});

describe('a tenant stack without the province link', () => {
  it('has no forward queue and no consumer', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
    expect(flatten(template.toJSON())).not.toContain('province-forward');
  });
  it('refuses a directory key that is not a full secret ARN', () => {
    expect(() => synth({ provinceDirectoryKeyArn: 'DirectoryKey' })).toThrow(/full ARN/);
  });
});

describe('a tenant stack with the province link under cdk-nag AwsSolutions', () => {
  it('has no unacknowledged finding', async () => {
    const { AwsSolutionsChecks } = await import('../../infra/nag.js');
    const { stack } = synth({ provinceDirectoryKeyArn: 'arn:aws:secretsmanager:ap-southeast-1:999999999999:secret:DirectoryKey-AbCdEf' });
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

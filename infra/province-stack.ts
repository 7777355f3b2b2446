import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { Architecture, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ENV, PROVINCE_ENV, PROVINCE_METRICS_NAMESPACE } from '../shared/contract.js';
import type { LambdaName } from './bundle.js';
import { lambdaCode } from './lambda-code.js';
import { NODE_RUNTIME } from './runtimes.js';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { AccountPrincipal, type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { Data } from './constructs/data.js';
import { acknowledge, nagRef } from './nag.js';
import { forwardQueueName, PROVINCE_INBOX_QUEUE_NAME, PROVINCE_ROUTER_ROLE_NAME } from './constructs/province-link.js';

export const PROVINCE_STACK_NAME = 'Xueshi-province';
/** The custom metrics the province's functions publish (embedded metric format in their logs). */
export { PROVINCE_METRICS_NAMESPACE };

export interface ProvinceTenant {
  readonly tenant: string;
  /** The tenant stack's account. @default the province's account */
  readonly account?: string;
  /** The tenant stack's region. @default the province's region */
  readonly region?: string;
}

export interface ProvinceStackProps extends StackProps {
  /** The tenant stacks the province routes to and hears from (15 in the fleet). */
  readonly tenants: readonly ProvinceTenant[];
  /**
   * Hours a record may stay held (no city knows its person) before the alarm.
   * @default 72: a base often posts before the unit has registered a newcomer
   */
  readonly heldAlarmHours?: number;
  /** The OIDC issuer and audience the provincial hr office signs in with (the province's portal). */
  readonly oidc?: { readonly issuer: string; readonly audience: string };
}

/**
 * The province stack (issue 17), deployed once beside the 15 tenant stacks: the register of national
 * and provincial bases with the intake's records (one table, PITR, encrypted), the routing
 * directory's HMAC key, the inbox queue the tenants answer on, and the router's role with exactly the
 * grants routing needs. Cross-account access is granted by resource policies on both ends: the
 * tenants' forward queues trust the router's role by ARN (constructs/province-link.ts), and the inbox
 * and the key trust each tenant stack's roles (by account and stack-name prefix).
 */
export class ProvinceStack extends Stack {
  readonly router: IRole;

  constructor(scope: Construct, id: string, props: ProvinceStackProps) {
    super(scope, id, props);
    const { table } = new Data(this, 'Data');
    const tenantRoles = props.tenants.map((t) => ({
      principal: new AccountPrincipal(t.account ?? Aws.ACCOUNT_ID),
      // Only the roles of that tenant's own stack (CDK names them after the stack), not the whole account.
      roleArn: `arn:${Aws.PARTITION}:iam::${t.account ?? Aws.ACCOUNT_ID}:role/Xueshi-${t.tenant}-*`,
    }));

    // A customer managed key: the AWS managed key of Secrets Manager cannot be shared across accounts.
    const key = new Key(this, 'DirectoryKeyKey', {
      description: 'xueshi province directory key',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const directoryKey = new Secret(this, 'DirectoryKey', {
      description: 'HMAC key of the province routing directory (resident ID → tenant); tenants hash with it before publishing',
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const inboxDeadLetters = new Queue(this, 'InboxDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const inbox = new Queue(this, 'Inbox', {
      queueName: PROVINCE_INBOX_QUEUE_NAME,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      visibilityTimeout: Duration.minutes(6),
      deadLetterQueue: { queue: inboxDeadLetters, maxReceiveCount: 5 },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const [i, t] of tenantRoles.entries()) {
      const condition = { ArnLike: { 'aws:PrincipalArn': t.roleArn } };
      inbox.addToResourcePolicy(
        new PolicyStatement({
          sid: `TenantPublishes${i}`,
          principals: [t.principal],
          actions: ['sqs:SendMessage'],
          resources: [inbox.queueArn],
          conditions: condition,
        }),
      );
      directoryKey.addToResourcePolicy(
        new PolicyStatement({
          sid: `TenantReadsKey${i}`,
          principals: [t.principal],
          actions: ['secretsmanager:GetSecretValue'],
          resources: ['*'],
          conditions: condition,
        }),
      );
      key.addToResourcePolicy(
        new PolicyStatement({
          sid: `TenantDecryptsKey${i}`,
          principals: [t.principal],
          actions: ['kms:Decrypt'],
          resources: ['*'],
          conditions: { ...condition, StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
        }),
      );
    }

    // The router: the intake API, the inbox consumer and the sweeper run as this role.
    const router = new Role(this, 'Router', {
      roleName: PROVINCE_ROUTER_ROLE_NAME,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'xueshi province: intake, routing to tenant queues, inbox',
    });
    table.grantReadWriteData(router);
    directoryKey.grantRead(router);
    inbox.grantConsumeMessages(router);
    router.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ForwardToTenantQueues',
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
        // Each tenant's forward queue by name, in that tenant's account and region: nothing else.
        resources: props.tenants.map(
          (t) => `arn:${Aws.PARTITION}:sqs:${t.region ?? Aws.REGION}:${t.account ?? Aws.ACCOUNT_ID}:${forwardQueueName(t.tenant)}`,
        ),
      }),
    );
    router.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'PublishMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': PROVINCE_METRICS_NAMESPACE } },
      }),
    );
    this.router = router;
    acknowledge(
      router,
      {
        id: `AwsSolutions-IAM5[Resource::${nagRef(this, table.tableArn)}/index/*]`,
        reason:
          "The intake reads its own table's two GSIs (a base's records, the held and sent work lists): the index ARNs of this one table.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: "cloudwatch:PutMetricData takes no resource; the statement is limited to the province's own metric namespace by condition.",
      },
    );
    acknowledge(directoryKey, {
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the directory key would orphan every hash in the directory; it is changed only by a planned re-keying (docs/deploy.md §12), never on a schedule.',
    });

    // The functions all run as the router: the tenant queues trust that one role by name.
    const tenantQueues = Object.fromEntries(
      props.tenants.map((t) => [
        t.tenant,
        `https://sqs.${t.region ?? Aws.REGION}.${Aws.URL_SUFFIX}/${t.account ?? Aws.ACCOUNT_ID}/${forwardQueueName(t.tenant)}`,
      ]),
    );
    const environment = {
      [ENV.TABLE_NAME]: table.tableName,
      [ENV.LOG_LEVEL]: 'info',
      [PROVINCE_ENV.DIRECTORY_KEY_SECRET]: directoryKey.secretArn,
      [PROVINCE_ENV.TENANT_QUEUES]: Stack.of(this).toJsonString(tenantQueues),
    };
    const fn = (id: string, lambda: LambdaName, description: string, timeout: Duration, extra: Record<string, string> = {}) => {
      const logGroup = new LogGroup(this, `${id}Logs`, { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
      logGroup.grantWrite(router);
      const f = new LambdaFunction(this, id, {
        code: lambdaCode(lambda),
        handler: 'index.handler',
        runtime: NODE_RUNTIME,
        architecture: Architecture.ARM_64,
        memorySize: 1024,
        timeout,
        description,
        role: router,
        logGroup,
        environment: { ...environment, ...extra },
      });
      acknowledge(f, { id: 'AwsSolutions-L1', reason: 'Issue 7 pins Node.js 22, the version the project builds and tests on.' });
      return f;
    };
    const oidc = props.oidc ?? { issuer: 'https://id.hrss.hunan.gov.cn/oidc', audience: 'xueshi-province' };
    const api = fn('IntakeFunction', 'province-api', 'xueshi province: intake API and register', Duration.seconds(28), {
      [ENV.OIDC_ISSUER]: oidc.issuer,
      [ENV.OIDC_AUDIENCE]: oidc.audience,
    });
    const httpApi = new HttpApi(this, 'IntakeApi', {
      description: 'xueshi province intake (POST/GET /v1/base/completions) and register',
      defaultIntegration: new HttpLambdaIntegration('Intake', api),
    });
    acknowledge(
      httpApi,
      { id: 'AwsSolutions-APIG1', reason: 'The province API logs each request in its function (request id, base, outcome).' },
      {
        id: 'AwsSolutions-APIG4',
        reason: 'Authorisation is in the function: API keys for bases, OIDC tokens for the hr office (both checked on every route).',
      },
    );
    const inboxConsumer = fn(
      'InboxFunction',
      'province-inbox',
      "xueshi province: tenants' directory events and receipts",
      Duration.minutes(1),
    );
    inboxConsumer.addEventSource(new SqsEventSource(inbox, { batchSize: 10, reportBatchItemFailures: true }));
    const sweeper = fn(
      'SweepFunction',
      'province-sweep',
      'xueshi province: resend overdue forwards, route the routable',
      Duration.minutes(5),
    );
    new Rule(this, 'SweepSchedule', { schedule: Schedule.rate(Duration.minutes(1)), targets: [new LambdaTarget(sweeper)] });
    new CfnOutput(this, 'IntakeUrl', {
      value: httpApi.apiEndpoint,
      description: 'The province intake: give it to national and provincial bases',
    });
    new CfnOutput(this, 'DirectoryKeyArn', {
      value: directoryKey.secretArn,
      description: 'Pass to each tenant stack as -c provinceDirectoryKeyArn',
    });

    const alarm = (id: string, description: string, metric: Metric, threshold: number, periods: number) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    const heldHours = props.heldAlarmHours ?? 72;
    alarm(
      'HeldRecordsAlarm',
      `Records held over ${heldHours} h: no tenant has registered their person (the provincial hr office checks with the base)`,
      new Metric({
        namespace: PROVINCE_METRICS_NAMESPACE,
        metricName: 'HeldRecordsOverdue',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      0,
      1,
    );
    alarm(
      'FailedForwardsAlarm',
      'Forwards a tenant queue did not take, or without a receipt after 5 minutes (the sweeper resends; sustained means a tenant is down)',
      new Metric({ namespace: PROVINCE_METRICS_NAMESPACE, metricName: 'ForwardFailed', statistic: 'Sum', period: Duration.minutes(15) }),
      0,
      2,
    );
    alarm(
      'InboxDeadLettersAlarm',
      'Tenant events or receipts the province could not apply five times',
      inboxDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      0,
      1,
    );
  }
}

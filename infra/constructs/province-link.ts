import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { ArnPrincipal, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The name of a tenant's forward queue: the province addresses each tenant's queue by it (issue 17). */
export const forwardQueueName = (tenant: string) => `xueshi-${tenant}-province-forward`;
/** The name of the province router's role, which tenant queues trust by ARN. */
export const PROVINCE_ROUTER_ROLE_NAME = 'xueshi-province-router';
/** The name of the province's inbox queue, which tenant consumers send to. */
export const PROVINCE_INBOX_QUEUE_NAME = 'xueshi-province-inbox';

export interface ProvinceLinkProps {
  readonly tenant: string;
  /** The province stack's account (the router's role lives there). @default this stack's account */
  readonly provinceAccount?: string;
  /** The tenant's consumer of forwarded records: it may receive from the queue, nothing more. */
  readonly consumerRole: IRole;
}

/**
 * A tenant's end of the province intake (issue 17): the queue the province forwards records to. Its
 * resource policy lets exactly one principal send — the province's router role, by ARN, in the
 * province's account (which may be another account) — over TLS only. Messages the consumer fails on
 * five times move to a dead-letter queue kept 14 days, and the alarm there is a failed forward.
 */
export class ProvinceLink extends Construct {
  readonly queue: IQueue;
  readonly deadLetters: IQueue;
  readonly failedForwards: Alarm;

  constructor(scope: Construct, id: string, props: ProvinceLinkProps) {
    super(scope, id);
    const deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const queue = new Queue(this, 'Queue', {
      queueName: forwardQueueName(props.tenant),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // A tenant down for days loses nothing: SQS keeps the forward for its longest retention.
      retentionPeriod: Duration.days(14),
      // Six times the consumer's timeout (SQS's guidance for Lambda event sources).
      visibilityTimeout: Duration.minutes(6),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const router = new ArnPrincipal(
      `arn:${Aws.PARTITION}:iam::${props.provinceAccount ?? Aws.ACCOUNT_ID}:role/${PROVINCE_ROUTER_ROLE_NAME}`,
    );
    queue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'ProvinceRouterSends',
        principals: [router],
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
        resources: [queue.queueArn],
      }),
    );
    queue.grantConsumeMessages(props.consumerRole);
    this.failedForwards = new Alarm(this, 'FailedForwards', {
      alarmDescription: `${props.tenant}: forwarded records the tenant could not take five times (dead-letter queue); redrive once the cause is fixed`,
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.queue = queue;
    this.deadLetters = deadLetters;
  }
}

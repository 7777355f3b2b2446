import { Aws, Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { TABLE, type TableDefinition } from '../../shared/contract.js';

export interface AlarmsProps {
  /**
   * Functions answering API requests, by a name used in alarm IDs: errors, throttles and p99
   * duration each, the p99 threshold per function (@default p99Threshold).
   */
  readonly apiFunctions: Readonly<Record<string, { readonly fn: IFunction; readonly p99Threshold?: Duration }>>;
  /**
   * Functions run by schedules and events, by name: errors each. Throttling of these delays work
   * (the schedule and S3 retry) rather than failing a user's request.
   * @default none
   */
  readonly jobFunctions?: Readonly<Record<string, IFunction>>;
  readonly httpApi: IHttpApi;
  readonly table: ITableV2;
  /** @default TABLE from shared/contract.ts (its indexes are watched for throttling too) */
  readonly tableDefinition?: TableDefinition;
  /** Subscribed to the topic; more subscribers can be added in the console. @default none */
  readonly email?: string;
  /**
   * p99 duration of an API function that counts as slow, sustained for 15 minutes.
   * @default 5 seconds
   */
  readonly p99Threshold?: Duration;
}

const FIVE_MINUTES = Duration.minutes(5);

/** The stack's alarms, all sent to one encrypted SNS topic. */
export class Alarms extends Construct {
  readonly topic: ITopic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'xueshi alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch publishes to an encrypted topic only if the key lets it; only this account's alarms may.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );
    const topic = new Topic(this, 'Topic', { masterKey: key, enforceSSL: true, displayName: '学时通 alarms' });
    if (props.email) topic.addSubscription(new EmailSubscription(props.email));
    this.topic = topic;

    const def = props.tableDefinition ?? TABLE;
    this.add('Api5xx', {
      metric: props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 5,
      description: 'API answered 5 or more 5xx in 5 minutes',
    });
    for (const [name, { fn, p99Threshold }] of Object.entries(props.apiFunctions)) {
      const p99 = p99Threshold ?? props.p99Threshold ?? Duration.seconds(5);
      this.add(`${name}Errors`, {
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 5,
        description: `${name} function failed 5 or more invocations in 5 minutes`,
      });
      this.add(`${name}Throttles`, {
        metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        description: `${name} function was throttled (account or reserved concurrency exhausted)`,
      });
      this.add(`${name}P99Duration`, {
        metric: fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
        threshold: p99.toMilliseconds(),
        evaluationPeriods: 3,
        description: `p99 ${name} function duration at or above ${p99.toMilliseconds()} ms for 15 minutes`,
      });
    }
    for (const [name, fn] of Object.entries(props.jobFunctions ?? {})) {
      // Any failure: a job's errors are never a user's mistake, and nobody is watching the response.
      this.add(`${name}Errors`, {
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        description: `${name} job failed in the last 5 minutes`,
      });
    }
    this.add('DynamoDbThrottles', {
      metric: this.dynamoThrottles(props.table, def),
      threshold: 1,
      description: 'DynamoDB throttled reads or writes on the table or an index',
    });
  }

  /** Read and write throttle events of the table and of every GSI, summed. */
  private dynamoThrottles(table: ITableV2, def: TableDefinition): IMetric {
    const usingMetrics: Record<string, IMetric> = {};
    const kinds = ['ReadThrottleEvents', 'WriteThrottleEvents'];
    kinds.forEach((name, i) => {
      usingMetrics[`t${i}`] = table.metric(name, { period: FIVE_MINUTES, statistic: 'Sum' });
      def.globalIndexes.forEach((gsi, j) => {
        usingMetrics[`g${j}${i}`] = new Metric({
          namespace: 'AWS/DynamoDB',
          metricName: name,
          dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: gsi.indexName },
          period: FIVE_MINUTES,
          statistic: 'Sum',
        });
      });
    });
    return new MathExpression({
      expression: Object.keys(usingMetrics)
        .map((k) => `FILL(${k}, 0)`)
        .join(' + '),
      usingMetrics,
      period: FIVE_MINUTES,
      label: 'DynamoDB throttle events',
    });
  }

  private add(id: string, opts: { metric: IMetric; threshold: number; description: string; evaluationPeriods?: number }) {
    const alarm = new Alarm(this, id, {
      metric: opts.metric,
      threshold: opts.threshold,
      evaluationPeriods: opts.evaluationPeriods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: opts.description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

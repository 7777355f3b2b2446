import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV, PROVINCE_ENV } from '../../shared/contract.js';
import { acknowledge, nagRef } from '../nag.js';
import { AppFunction } from './app-function.js';
import { PROVINCE_INBOX_QUEUE_NAME, ProvinceLink } from './province-link.js';

export interface ProvinceConsumerProps {
  readonly tenant: string;
  readonly table: ITableV2;
  readonly logRetention: RetentionDays;
  readonly logLevel: string;
  /** Where the province stack runs, from its directory key's ARN (infra/config.ts). */
  readonly province: { directoryKeyArn: string; account: string; region: string; partition: string };
}

/**
 * A tenant stack's end of the province intake (issue 17), switched on by `-c provinceDirectoryKeyArn`:
 * the forward queue the province's router may send to (ProvinceLink), the consumer that ingests what
 * arrives (functions/province/forwarded.ts) and the grants it needs across to the province's account —
 * send to the inbox queue, read the directory key — each on that one resource.
 */
export class ProvinceConsumer extends Construct {
  readonly link: ProvinceLink;
  readonly fn: AppFunction;

  constructor(scope: Construct, id: string, props: ProvinceConsumerProps) {
    super(scope, id);
    const { province } = props;
    const suffix = province.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    const inboxArn = `arn:${province.partition}:sqs:${province.region}:${province.account}:${PROVINCE_INBOX_QUEUE_NAME}`;
    const fn = new AppFunction(this, 'Forwarded', {
      lambda: 'province-forwarded',
      description: `xueshi ${props.tenant}: records forwarded by the province intake`,
      environment: {
        [ENV.TENANT]: props.tenant,
        [ENV.TABLE_NAME]: props.table.tableName,
        [ENV.LOG_LEVEL]: props.logLevel,
        [PROVINCE_ENV.INBOX_URL]: `https://sqs.${province.region}.${suffix}/${province.account}/${PROVINCE_INBOX_QUEUE_NAME}`,
        [PROVINCE_ENV.DIRECTORY_KEY_SECRET]: province.directoryKeyArn,
      },
      logRetention: props.logRetention,
      // A message is at most 50 records; the queue's visibility timeout is six times this.
      timeout: Duration.minutes(1),
    });
    props.table.grantReadWriteData(fn.role);
    fn.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'ProvinceInbox', actions: ['sqs:SendMessage'], resources: [inboxArn] }));
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'DirectoryKey', actions: ['secretsmanager:GetSecretValue'], resources: [province.directoryKeyArn] }),
    );
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DirectoryKeyDecrypt',
        actions: ['kms:Decrypt'],
        // The province's key, in its account; only through Secrets Manager there (the key's own policy names this stack's roles).
        resources: [`arn:${province.partition}:kms:${province.region}:${province.account}:key/*`],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${province.region}.${suffix}` } },
      }),
    );
    this.link = new ProvinceLink(this, 'Link', { tenant: props.tenant, provinceAccount: province.account, consumerRole: fn.role });
    fn.fn.addEventSource(new SqsEventSource(this.link.queue, { batchSize: 10, reportBatchItemFailures: true }));
    acknowledge(
      fn.role,
      {
        id: `AwsSolutions-IAM5[Resource::arn:${province.partition}:kms:${province.region}:${province.account}:key/*]`,
        reason:
          "The province's directory key is encrypted with a key of the province's account whose id this stack does not know; limited to decryption through Secrets Manager.",
      },
      {
        id: `AwsSolutions-IAM5[Resource::${nagRef(this, props.table.tableArn)}/index/*]`,
        reason: "The consumer ingests records like the base API: it reads the table's indexes.",
      },
    );
    this.fn = fn;
  }
}

import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { ENV, EVIDENCE_KEY_PREFIX, TABLE, type TableDefinition } from '../../shared/contract.js';
import { acknowledge, nagRef } from '../nag.js';
import { evidenceListing } from './api.js';
import { AppFunction } from './app-function.js';

export interface JobsProps {
  /** Tenant code (XUESHI_TENANT). */
  readonly tenant: string;
  readonly table: ITableV2;
  /** @default TABLE from shared/contract.ts */
  readonly tableDefinition?: TableDefinition;
  readonly evidence: IBucket;
  readonly logRetention: RetentionDays;
  /** @default 'info' */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /**
   * How often the notice-closing job runs.
   * @default 5 minutes
   */
  readonly closeNoticesEvery?: Duration;
}

/**
 * The work no request triggers: closing notices whose end has passed, and checking evidence files
 * S3 reports created. Each function has its own role with only the actions its code performs.
 */
export class Jobs extends Construct {
  readonly closeNotices: IFunction;
  readonly evidenceCheck: IFunction;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    const def = props.tableDefinition ?? TABLE;
    const gsi = (name: string) => {
      const index = def.globalIndexes.find((g) => g.indexName === name);
      if (!index) throw new Error(`table definition has no index ${name}`);
      return `${props.table.tableArn}/index/${index.indexName}`;
    };

    // A notice ending on day D closes at 00:00 Asia/Shanghai on D+1, which is 16:00 UTC on D (China
    // has no daylight saving). Running every 5 minutes closes it within 5 minutes of that instant
    // whatever the schedule's time zone; a run finding nothing due costs one Query.
    const closeNotices = new AppFunction(this, 'CloseNotices', {
      lambda: 'close-notices',
      description: `xueshi ${props.tenant}: close notices whose end has passed`,
      memorySize: 512,
      timeout: Duration.minutes(2),
      logRetention: props.logRetention,
      environment: {
        [ENV.TENANT]: props.tenant,
        [ENV.TABLE_NAME]: props.table.tableName,
        [ENV.LOG_LEVEL]: props.logLevel ?? 'info',
      },
    });
    // listOpenNotices (Query on GSI2), getApplication (GetItem), closeNotice (one transaction of
    // conditional Puts: notice, applications, audit).
    closeNotices.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [props.table.tableArn] }),
    );
    closeNotices.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [gsi('GSI2')] }));
    // The next run retries: no async retries that could overlap it.
    closeNotices.fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(4) });
    new Rule(this, 'CloseNoticesSchedule', {
      description: `xueshi ${props.tenant}: close notices (00:00 Asia/Shanghai = 16:00 UTC)`,
      schedule: Schedule.rate(props.closeNoticesEvery ?? Duration.minutes(5)),
      targets: [new LambdaFunction(closeNotices.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(4) })],
    });
    this.closeNotices = closeNotices.fn;

    const evidenceCheck = new AppFunction(this, 'EvidenceCheck', {
      lambda: 'evidence-check',
      description: `xueshi ${props.tenant}: check evidence files on upload`,
      // Reads one file (at most the evidence size limit) to hash and sniff it.
      memorySize: 1024,
      timeout: Duration.minutes(1),
      logRetention: props.logRetention,
      environment: {
        [ENV.TABLE_NAME]: props.table.tableName,
        [ENV.EVIDENCE_BUCKET]: props.evidence.bucketName,
        [ENV.LOG_LEVEL]: props.logLevel ?? 'info',
      },
    });
    // evidenceFiles.get (GetItem) and settle (a transaction of two conditional Puts: file, audit).
    evidenceCheck.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [props.table.tableArn] }),
    );
    // HEAD and read of the checked version; removal of rejected and orphaned files (tagged, then a
    // delete marker, as for the API: the bytes go with the one-day rule); and DeleteObjectVersion for
    // one thing only: a version written over an accepted file by a replayed upload form, removed so
    // that the accepted version is current again (verify-evidence.ts recheckAcceptedObject).
    const objects = props.evidence.arnForObjects(`${EVIDENCE_KEY_PREFIX}*`);
    evidenceCheck.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObjectTagging', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [objects],
      }),
    );
    // ListBucket under evidence/ only: a missing key is a 404, not a 403 (infra/constructs/api.ts).
    evidenceCheck.role.addToPrincipalPolicy(evidenceListing(props.evidence));
    acknowledge(evidenceCheck.role, {
      id: `AwsSolutions-IAM5[Resource::${nagRef(this, props.evidence.bucketArn)}/${EVIDENCE_KEY_PREFIX}*]`,
      reason:
        'Evidence object keys are created per person and item at run time, so the grant covers the evidence/ prefix of the evidence bucket; the actions are named (GetObject, GetObjectVersion, PutObjectTagging, DeleteObject, DeleteObjectVersion).',
    });
    props.evidence.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(evidenceCheck.fn), {
      prefix: EVIDENCE_KEY_PREFIX,
    });
    this.evidenceCheck = evidenceCheck.fn;
    this.acknowledgeNotificationsHandler();
  }

  /**
   * S3 event notifications are configured by a CDK custom resource, one per stack, whose handler
   * CDK generates; it runs only when the stack is deployed. (Its s3:PutBucketNotification grant
   * names the evidence bucket, so only the managed policy needs a word.)
   */
  private acknowledgeNotificationsHandler() {
    const handler = Stack.of(this).node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    const role = handler?.node.tryFindChild('Role');
    if (!role) throw new Error('expected the CDK BucketNotificationsHandler and its role in the stack');
    acknowledge(role, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'CDK BucketNotificationsHandler custom resource: CDK gives its handler role AWSLambdaBasicExecutionRole (logs:CreateLogGroup, CreateLogStream, PutLogEvents); it runs only at deployment.',
    });
  }
}

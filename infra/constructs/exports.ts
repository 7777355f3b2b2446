import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ENV, EXPORT_KEY_PREFIX, TABLE, type TableDefinition } from '../../shared/contract.js';
import { acknowledge, nagRef } from '../nag.js';
import { AppFunction } from './app-function.js';

export interface ExportsProps {
  /** Tenant code, for descriptions. */
  readonly tenant: string;
  readonly table: ITableV2;
  /** @default TABLE from shared/contract.ts */
  readonly tableDefinition?: TableDefinition;
  /** The evidence bucket: export files go under its `exports/` prefix. */
  readonly evidence: IBucket;
  readonly logRetention: RetentionDays;
  /** @default 'info' */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** @default 1024: exceljs's streaming writer holds a page of rows and one 5 MB part */
  readonly memorySize?: number;
}

/**
 * The export job (functions/jobs/export-job.ts): writes a multi-unit .xlsx to `exports/{jobId}.xlsx`,
 * started by the API with an asynchronous invocation. Its role reads the organisation tree, people by
 * unit and books by key, writes the job's own progress, and puts the file; nothing else.
 */
export class Exports extends Construct {
  readonly fn: IFunction;

  constructor(scope: Construct, id: string, props: ExportsProps) {
    super(scope, id);
    const def = props.tableDefinition ?? TABLE;
    const gsi1 = def.globalIndexes.find((g) => g.indexName === 'GSI1');
    if (!gsi1) throw new Error('table definition has no index GSI1');

    const job = new AppFunction(this, 'Job', {
      lambda: 'export',
      description: `xueshi ${props.tenant}: write multi-unit Excel exports`,
      memorySize: props.memorySize ?? 1024,
      // Lambda's longest; a run that does not finish is retried once from the first row (the same object).
      timeout: Duration.minutes(15),
      logRetention: props.logRetention,
      environment: {
        [ENV.TABLE_NAME]: props.table.tableName,
        [ENV.EVIDENCE_BUCKET]: props.evidence.bucketName,
        [ENV.LOG_LEVEL]: props.logLevel ?? 'info',
      },
    });
    // The organisation tree (Query on the table), people of a unit (Query on GSI1), the job (GetItem,
    // UpdateItem) and books by key (BatchGetItem).
    job.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        resources: [props.table.tableArn],
      }),
    );
    job.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${props.table.tableArn}/index/${gsi1.indexName}`] }),
    );
    // A multipart upload is s3:PutObject (create, parts, complete) and AbortMultipartUpload, under exports/ only.
    job.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [props.evidence.arnForObjects(`${EXPORT_KEY_PREFIX}*`)],
      }),
    );
    acknowledge(job.role, {
      id: `AwsSolutions-IAM5[Resource::${nagRef(this, props.evidence.bucketArn)}/${EXPORT_KEY_PREFIX}*]`,
      reason:
        'Export files are named by job id at run time, so the grant covers the exports/ prefix of the evidence bucket; the actions are named (PutObject, AbortMultipartUpload).',
    });
    // One retry: a run killed by the timeout or a crash runs again from the first row; a second
    // failure leaves the job failed (its reason recorded, or shown as interrupted once it goes quiet).
    job.fn.configureAsyncInvoke({ retryAttempts: 1, maxEventAge: Duration.hours(1) });
    this.fn = job.fn;
  }
}

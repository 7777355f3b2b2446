import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, type ITableV2, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE, type TableDefinition } from '../../shared/contract.js';

export interface DataProps {
  /**
   * Key schema, GSIs and TTL attribute. The local start-up builds its table from the same
   * definition, so the deployed and the local table cannot drift apart.
   * @default TABLE from shared/contract.ts
   */
  readonly definition?: TableDefinition;
  /**
   * Days of point-in-time recovery (1–35).
   * @default 35, the maximum: restores reach back five weeks
   */
  readonly recoveryPeriodInDays?: number;
}

/** The single DynamoDB table (rules §8): on demand, PITR, deletion protection, TTL, encrypted. */
export class Data extends Construct {
  readonly table: ITableV2;

  constructor(scope: Construct, id: string, props: DataProps = {}) {
    super(scope, id);
    const def = props.definition ?? TABLE;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: def.partitionKey, type: AttributeType.STRING },
      sortKey: { name: def.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: def.globalIndexes.map((gsi) => ({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
      })),
      // Traffic is bursty (filing windows, notice deadlines) and small on average: on demand.
      billing: Billing.onDemand(),
      timeToLiveAttribute: def.ttlAttribute,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: props.recoveryPeriodInDays ?? 35,
      },
      deletionProtection: true,
      // The AWS managed key (aws/dynamodb) puts encryption in CloudTrail's view at no key cost and
      // needs no grants: DynamoDB uses it on the caller's behalf.
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

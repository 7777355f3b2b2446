import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, type AwsSdkCall, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { type TenantCode, tenantRootOrganisation } from '../../shared/contract.js';
import { acknowledge } from '../nag.js';
import { NODE_RUNTIME } from '../runtimes.js';

/**
 * The handler of every AwsCustomResource in a stack is one CDK-generated singleton Lambda whose
 * construct ID derives from this fixed UUID (aws-cdk-lib custom-resources, `AwsCustomResource`).
 */
const AWS_CUSTOM_RESOURCE_SINGLETON = 'AWS679f53fac002430cb0da5b7982bd2287';

/**
 * The one Node.js runtime every Lambda of the stack uses (infra/runtimes.ts), and the one
 * docs/deploy.md §11 has operators confirm in the China region. CDK would pick its "latest Node.js"
 * for the handler (nodejs24.x in aws-cdk-lib 2.276).
 */
export const CUSTOM_RESOURCE_RUNTIME = NODE_RUNTIME;

/** The error a failed `ConditionExpression` raises; the item exists already, which is success here. */
export const ITEM_EXISTS_ERROR = '^ConditionalCheckFailedException$';

export interface TenantRootProps {
  readonly tenant: TenantCode;
  readonly table: ITableV2;
  readonly logRetention: RetentionDays;
}

/**
 * Puts the tenant's root organisation, its hr office (`hr-{tenant}`, shared/contract.ts), into the
 * table when the stack is deployed, only if it is absent: a conditional PutItem whose failed
 * condition counts as success, so a name the hr office has changed since is never overwritten.
 * Without it the first hr_officer's `custom:org` would name an organisation that does not exist
 * (every scoped route: 403 `organisation_unknown`).
 *
 * The call runs when the resource is created (a new stack, or the first deployment of a stack
 * that predates it) and whenever its parameters change; nothing runs on deletion (the table and
 * its data are retained).
 */
export class TenantRoot extends Construct {
  /** The organisation item's attributes other than its keys. */
  readonly organisation: ReturnType<typeof tenantRootOrganisation>;
  readonly resource: AwsCustomResource;

  constructor(scope: Construct, id: string, props: TenantRootProps) {
    super(scope, id);
    const org = tenantRootOrganisation(props.tenant);
    this.organisation = org;

    const putIfAbsent: AwsSdkCall = {
      service: 'DynamoDB',
      action: 'putItem',
      parameters: {
        TableName: props.table.tableName,
        // The organisation item of functions/adapters/dynamo/keys.ts (`keys.organisation`) with
        // the fields of shared/organisation.ts; test/infra checks both against the runtime.
        Item: {
          PK: { S: 'ORG' },
          SK: { S: `ORG#${org.id}` },
          id: { S: org.id },
          kind: { S: org.kind },
          name: { S: org.name },
          path: { L: org.path.map((p) => ({ S: p })) },
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
      physicalResourceId: PhysicalResourceId.of(`${org.id}-root-organisation`),
      ignoreErrorCodesMatching: ITEM_EXISTS_ERROR,
    };

    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.resource = new AwsCustomResource(this, 'PutIfAbsent', {
      resourceType: 'Custom::TenantRootOrganisation',
      onCreate: putIfAbsent,
      onUpdate: putIfAbsent,
      // The SDK v3 in the Lambda runtime has PutItem; downloading the latest from npm at deploy
      // time would be slow or fail from the China regions.
      installLatestAwsSdk: false,
      logGroup,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['dynamodb:PutItem'],
          resources: [props.table.tableArn],
          // Only items of the organisation partition.
          conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['ORG'] } },
        }),
      ]),
    });

    this.pinHandler();
  }

  /** The CDK singleton handler: our runtime, and its two CDK-made findings acknowledged. */
  private pinHandler() {
    const handler = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_SINGLETON);
    if (!(handler instanceof LambdaFunction)) {
      throw new Error(`expected the AwsCustomResource singleton handler ${AWS_CUSTOM_RESOURCE_SINGLETON} in the stack`);
    }
    (handler.node.defaultChild as CfnFunction).runtime = CUSTOM_RESOURCE_RUNTIME.name;
    acknowledge(handler, {
      id: 'AwsSolutions-L1',
      reason:
        "CDK AwsCustomResource handler pinned to Node.js 22, the runtime of every function in the stack, rather than CDK's latest; operators confirm it is offered in the China region before deploying there (docs/deploy.md §11); it runs only at deployment.",
    });
    if (handler.role) {
      acknowledge(handler.role, {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'CDK AwsCustomResource handler: CDK gives its role AWSLambdaBasicExecutionRole; it runs only at deployment, and its one other grant is dynamodb:PutItem on the table, organisation partition only.',
      });
    }
  }
}

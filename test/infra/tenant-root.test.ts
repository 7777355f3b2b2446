import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Validations } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamo/client.js';
import { keys } from '../../functions/adapters/dynamo/keys.js';
import { createOrganisationRepository } from '../../functions/adapters/dynamo/organisations.js';
import { ensureTable } from '../../functions/adapters/dynamo/provision.js';
import { CUSTOM_RESOURCE_RUNTIME } from '../../infra/constructs/tenant-root.js';
import { OrganisationSchema } from '../../shared/organisation.js';
import { TENANT_CODES, TENANTS, tenantRootOrganisation } from '../../shared/contract.js';
import { CHINA_CONTEXT, onlyResource, resourcesOf, synth } from './fixture.js';

const { template, stack } = synth();
const TYPE = 'Custom::TenantRootOrganisation';
const tableId = () => Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'))[0]!;

/**
 * An AwsCustomResource call is a JSON string with the table name spliced in (`Fn::Join`); this
 * puts `tableName` where the template refers to the table and parses the call.
 */
function callOf(property: unknown, tableName: string): Record<string, any> {
  const join = (property as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  expect(join[0]).toBe('');
  const text = join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      expect(part).toEqual({ Ref: tableId() });
      return tableName;
    })
    .join('');
  return JSON.parse(text) as Record<string, any>;
}

const TABLE_NAME = '<table>';
const resource = () => onlyResource(template, TYPE);
const singletonId = () => {
  const ids = resourcesOf(template, 'AWS::Lambda::Function')
    .map(([id]) => id)
    .filter((id) => id.startsWith('AWS679f53fac002430cb0da5b7982bd2287'));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

describe('tenant root organisation (the hr office) in the stack', () => {
  it("is a custom resource served by the AwsCustomResource handler, using the runtime's SDK", () => {
    expect(resource().ServiceToken).toEqual({ 'Fn::GetAtt': [singletonId(), 'Arn'] });
    expect(resource().InstallLatestAwsSdk).toBe(false);
  });

  it('puts exactly the hr-office item, only if absent, treating a failed condition as success, on create and update', () => {
    const call = callOf(resource().Create, TABLE_NAME);
    expect(call).toEqual({
      service: 'DynamoDB',
      action: 'putItem',
      parameters: {
        TableName: TABLE_NAME,
        Item: {
          PK: { S: 'ORG' },
          SK: { S: 'ORG#hr-430100' },
          id: { S: 'hr-430100' },
          kind: { S: 'hr_office' },
          name: { S: '长沙市人力资源和社会保障局' },
          path: { L: [{ S: 'hr-430100' }] },
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
      physicalResourceId: { id: 'hr-430100-root-organisation' },
      ignoreErrorCodesMatching: '^ConditionalCheckFailedException$',
    });
    expect(callOf(resource().Update, TABLE_NAME)).toEqual(call);
    // Nothing on deletion: the table and its organisations outlive the stack.
    expect(resource().Delete).toBeUndefined();
  });

  it('writes the item the runtime reads: its organisation key, and a valid organisation', () => {
    const { Item } = callOf(resource().Create, TABLE_NAME).parameters;
    const item = unmarshall(Item);
    expect({ PK: item.PK, SK: item.SK }).toEqual(keys.organisation('hr-430100'));
    expect(item.PK).toBe(keys.organisationsPartition());
    const { PK: _pk, SK: _sk, ...org } = item;
    expect(OrganisationSchema.parse(org)).toEqual(org);
    expect(org).toEqual({ id: 'hr-430100', kind: 'hr_office', name: '长沙市人力资源和社会保障局', path: ['hr-430100'] });
  });

  it('lets the handler put items of the organisation partition of this table and nothing else', () => {
    const [roleId, role] = resourcesOf(template, 'AWS::IAM::Role').find(([id]) => id.startsWith('AWS679f53fac002430cb0da5b7982bd2287'))!;
    const policies = resourcesOf(template, 'AWS::IAM::Policy').filter(([, p]) =>
      (p.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
    );
    expect(policies).toHaveLength(1);
    expect(policies[0]![1].PolicyDocument.Statement).toEqual([
      {
        Action: 'dynamodb:PutItem',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [tableId(), 'Arn'] },
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['ORG'] } },
      },
    ]);
    // The policy exists before the call runs.
    const [logicalId] = Object.keys(template.findResources(TYPE));
    expect(template.toJSON().Resources[logicalId!].DependsOn).toEqual([policies[0]![0]]);
    // CDK's basic execution role for logs, with the partition pseudo parameter.
    expect(role.ManagedPolicyArns).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] },
    ]);
  });

  it('runs the handler on Node.js 22 with a log group kept for the configured retention', () => {
    const fn = template.toJSON().Resources[singletonId()].Properties;
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(CUSTOM_RESOURCE_RUNTIME.name).toBe('nodejs22.x');
    const logGroup = fn.LoggingConfig.LogGroup.Ref as string;
    expect(logGroup).toMatch(/^TenantRootLogs/);
    expect(template.toJSON().Resources[logGroup]).toMatchObject({
      Properties: { RetentionInDays: 180 },
      DeletionPolicy: 'Retain',
    });
  });

  it("acknowledges only the two findings of CDK's handler (managed logging policy, pinned runtime), never a wildcard", () => {
    const acks = stack.node
      .findAll()
      .filter((c) => c.node.path.includes('/AWS679f53fac002430cb0da5b7982bd2287') || c.node.path.includes('/TenantRoot'))
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((m) => Object.keys(m.data as Record<string, unknown>)),
      )
      .map((id) => id.replace(/^Annotation::/, ''))
      .sort();
    expect(acks).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions-L1',
    ]);
  });

  it("is the same in the China partition: Node.js 22, the runtime's SDK, no hard-coded partition", () => {
    const china = synth(CHINA_CONTEXT).template;
    const [[, fn]] = resourcesOf(china, 'AWS::Lambda::Function').filter(([id]) => id.startsWith('AWS679f53fac002430cb0da5b7982bd2287')) as [
      [string, Record<string, any>],
    ];
    expect(fn.Runtime).toBe('nodejs22.x');
    const cr = onlyResource(china, TYPE);
    expect(cr.InstallLatestAwsSdk).toBe(false);
    expect(JSON.stringify(china.toJSON())).not.toMatch(/"arn:aws[:-]/);
  });

  it("names the province's root the 厅 and every city's its 局", () => {
    const province = synth({ tenant: '430000' }).template;
    const call = callOf(onlyResource(province, TYPE).Create, TABLE_NAME);
    expect(call.parameters.Item).toMatchObject({
      SK: { S: 'ORG#hr-430000' },
      id: { S: 'hr-430000' },
      name: { S: '湖南省人力资源和社会保障厅' },
      path: { L: [{ S: 'hr-430000' }] },
    });
    expect(tenantRootOrganisation('433100').name).toBe('湘西土家族苗族自治州人力资源和社会保障局');
    for (const tenant of TENANT_CODES) {
      const org = tenantRootOrganisation(tenant);
      expect(org).toEqual({
        id: `hr-${tenant}`,
        kind: 'hr_office',
        name: tenant === '430000' ? '湖南省人力资源和社会保障厅' : `${TENANTS[tenant]}人力资源和社会保障局`,
        path: [`hr-${tenant}`],
      });
      expect(OrganisationSchema.parse(org)).toEqual(org);
    }
  });
});

/**
 * The deployed behaviour, offline: CDK's own AwsCustomResource handler (the code the singleton
 * Lambda runs) against DynamoDB Local, with CloudFormation's response captured instead of sent.
 */
describe('tenant root organisation: the CDK handler against DynamoDB Local', () => {
  const require = createRequire(import.meta.url);
  // The directory CDK zips as the singleton's code asset.
  const handlerPath = join(
    dirname(require.resolve('aws-cdk-lib/package.json')),
    'custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js',
  );
  const { handler } = require(handlerPath) as { handler: (event: Record<string, unknown>, context: unknown) => Promise<void> };
  const env = { ...process.env };
  let tableName: string;
  let db: ReturnType<typeof createDocumentClient>;
  let responses: Record<string, any>[];

  beforeAll(async () => {
    const endpoint = inject('dynamoDbEndpoint');
    db = createDocumentClient({ endpoint, region: 'local' });
    tableName = `test-${randomUUID()}`;
    await ensureTable(db, tableName);
    // The handler builds its client from the environment, as in Lambda.
    Object.assign(process.env, {
      AWS_REGION: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    delete process.env.AWS_PROFILE;
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // The handler answers CloudFormation with an HTTPS PUT to the presigned ResponseURL.
    vi.spyOn(https, 'request').mockImplementation(((_options: unknown, callback: (res: unknown) => void) => {
      let body = '';
      return {
        on: () => undefined,
        write: (chunk: string) => {
          body += chunk;
        },
        end: () => {
          responses.push(JSON.parse(body) as Record<string, any>);
          callback({});
        },
      };
    }) as unknown as typeof https.request);
  });

  afterAll(() => {
    vi.restoreAllMocks();
    process.env = env;
  });

  async function send(requestType: 'Create' | 'Update' | 'Delete', table = tableName) {
    responses = [];
    const resourceProperties = {
      ServiceToken: 'arn:aws-cn:lambda:cn-northwest-1:123456789012:function:handler',
      Create: JSON.stringify(callOf(resource().Create, table)),
      Update: JSON.stringify(callOf(resource().Update, table)),
      InstallLatestAwsSdk: 'false',
    };
    await handler(
      {
        RequestType: requestType,
        ResponseURL: 'https://cloudformation-custom-resource-response.example/response',
        StackId: 'stack',
        RequestId: randomUUID(),
        LogicalResourceId: 'TenantRootPutIfAbsent',
        ResourceType: TYPE,
        ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'hr-430100-root-organisation' }),
        ResourceProperties: resourceProperties,
        ...(requestType === 'Update' ? { OldResourceProperties: resourceProperties } : {}),
      },
      {},
    );
    expect(responses).toHaveLength(1);
    return responses[0]!;
  }

  // The tree holds nothing but the root here: its one item, by id (no request reads the tree whole).
  const organisations = async () => {
    const root = await createOrganisationRepository(db, tableName).get('hr-430100');
    return root ? [root] : [];
  };

  it("creates the hr office in an empty table; the runtime reads it as the tenant's root", async () => {
    const answer = await send('Create');
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'hr-430100-root-organisation' });
    expect(await organisations()).toEqual([tenantRootOrganisation('430100')]);
  });

  it('never overwrites it: after a rename, create and update both succeed and the new name stays', async () => {
    const renamed = { ...tenantRootOrganisation('430100'), name: '长沙市人社局' };
    await createOrganisationRepository(db, tableName).put(renamed);
    expect(await send('Update')).toMatchObject({ Status: 'SUCCESS' });
    expect(await send('Create')).toMatchObject({ Status: 'SUCCESS' });
    expect(await organisations()).toEqual([renamed]);
  });

  it('leaves the organisation in place when the resource is deleted', async () => {
    expect(await send('Delete')).toMatchObject({ Status: 'SUCCESS' });
    expect(await organisations()).toHaveLength(1);
  });

  it('still fails the deployment on any other error (a missing table)', async () => {
    const answer = await send('Create', `missing-${randomUUID()}`);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/ResourceNotFound|non-existent table/i);
  });
});

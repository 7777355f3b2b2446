import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpStage,
  type IHttpApi,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { acknowledge, nagRef } from '../nag.js';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { ENV, TABLE, type TableDefinition } from '../../shared/contract.js';
import { API_BUNDLING, API_ENTRY, REPO_ROOT } from '../bundle.js';
import type { IdentityProvider } from './auth.js';

export interface ApiProps {
  /** Tenant code (XUESHI_TENANT). */
  readonly tenant: string;
  readonly table: ITableV2;
  /**
   * The table's definition, to grant Query on each index by name rather than `index/*`.
   * @default TABLE from shared/contract.ts
   */
  readonly tableDefinition?: TableDefinition;
  readonly evidence: IBucket;
  readonly identity: IdentityProvider;
  /** The site's origin (XUESHI_SITE_ORIGIN: CORS checks and links printed on certificates). */
  readonly siteOrigin: string;
  /**
   * Origins API Gateway answers CORS preflights for. Leave empty when the site reaches the API
   * through the same CloudFront origin (`/v1/*`): same-origin calls need no CORS, and without a
   * CORS configuration API Gateway grants no other origin anything.
   * @default none
   */
  readonly corsOrigins?: string[];
  /** Stage throttling for all routes. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
  /** @default 'info' */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** @default functions/lambda.ts */
  readonly entry?: string;
  /** @default 1024: CPU scales with memory, which shortens cold starts more than it costs at this volume */
  readonly memorySize?: number;
}

/** The HTTP API and its Lambda (Node.js 22, arm64, esbuild from functions/), with its own least-privilege role. */
export class Api extends Construct {
  readonly fn: IFunction;
  readonly httpApi: IHttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const def = props.tableDefinition ?? TABLE;

    const logGroup = new LogGroup(this, 'FunctionLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role with nothing managed attached: logs to its own group, and the grants below.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `xueshi API ${props.tenant}`,
    });
    logGroup.grantWrite(role);

    const fn = new NodejsFunction(this, 'Function', {
      entry: props.entry ?? API_ENTRY,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      // Below CloudFront's 30 s origin timeout and API Gateway's 30 s integration limit.
      timeout: Duration.seconds(20),
      role,
      logGroup,
      bundling: API_BUNDLING,
      awsSdkConnectionReuse: false,
      environment: {
        [ENV.TENANT]: props.tenant,
        [ENV.TABLE_NAME]: props.table.tableName,
        [ENV.EVIDENCE_BUCKET]: props.evidence.bucketName,
        [ENV.OIDC_ISSUER]: props.identity.issuer,
        [ENV.OIDC_AUDIENCE]: props.identity.audience,
        ...(props.identity.jwksUrl ? { [ENV.OIDC_JWKS_URL]: props.identity.jwksUrl } : {}),
        ...(props.identity.userPoolId ? { [ENV.USER_POOL_ID]: props.identity.userPoolId } : {}),
        [ENV.SITE_ORIGIN]: props.siteOrigin,
        [ENV.LOG_LEVEL]: props.logLevel ?? 'info',
      },
    });
    this.fn = fn;

    // Every access pattern is a key lookup or a Query (no Scan on request paths); transactions
    // need no actions of their own beyond the item actions they contain.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
        ],
        resources: [props.table.tableArn],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: def.globalIndexes.map((gsi) => `${props.table.tableArn}/index/${gsi.indexName}`),
      }),
    );
    // Presigned uploads (POST), the content check (HEAD + one read), downloads pinned to the
    // checked version, and removal of rejected files (a delete marker: no DeleteObjectVersion, the
    // old bytes go with the lifecycle). Keys are data (evidence/{person}/{activity}/{file}).
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject'],
        resources: [props.evidence.arnForObjects('*')],
      }),
    );
    props.identity.grantAccountAdmin(role);
    acknowledge(role, {
      id: `AwsSolutions-IAM5[Resource::${nagRef(this, props.evidence.bucketArn)}/*]`,
      reason:
        'Evidence object keys are created per person and item at run time, so the grant covers the evidence bucket objects; the actions are named (GetObject, GetObjectVersion, PutObject, DeleteObject).',
    });
    acknowledge(fn, {
      id: 'AwsSolutions-L1',
      reason: 'Issue 7 pins Node.js 22, the version the project builds and tests on; moving to a newer runtime is a deliberate, tested change.',
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const corsOrigins = props.corsOrigins ?? [];
    const httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `xueshi-${props.tenant}`,
      description: `xueshi API ${props.tenant}`,
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Lambda', fn),
      ...(corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: corsOrigins,
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PUT,
                CorsHttpMethod.PATCH,
                CorsHttpMethod.DELETE,
              ],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    new HttpStage(this, 'Stage', {
      httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Path only, never the query string: verification codes and cursors travel there.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
    acknowledge(httpApi, {
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorization happens in the application: public routes (preview, notices, verification) sit beside OIDC-token routes and base API-key routes, which no single API Gateway authorizer expresses; Cognito authorizers are also unavailable in China.',
    });
    this.httpApi = httpApi;
  }
}

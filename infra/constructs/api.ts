import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  type CfnStage,
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  type IHttpApi,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV, EVIDENCE_KEY_PREFIX, EXPORT_KEY_PREFIX, TABLE, type TableDefinition } from '../../shared/contract.js';
import { acknowledge, nagRef } from '../nag.js';
import { AppFunction } from './app-function.js';
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
  /**
   * Stage throttling: `rateLimit`/`burstLimit` for every route, `publicRateLimit`/`publicBurstLimit`
   * for PUBLIC_ROUTES (anonymous callers), which must stay well below the staff routes.
   */
  readonly throttle: {
    readonly rateLimit: number;
    readonly burstLimit: number;
    readonly publicRateLimit: number;
    readonly publicBurstLimit: number;
  };
  /**
   * The API's own regional domain, and an ACM certificate in the stack's region covering it.
   * CloudFront then reaches the API there and the default `execute-api` endpoint is disabled, so
   * nothing reaches the API but through CloudFront. @default the execute-api endpoint (guarded by
   * the origin secret alone)
   */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
  /** What GET /v1/health reports. */
  readonly release: { readonly version: string; readonly commit: string };
  readonly logRetention: RetentionDays;
  /** @default 'info' */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Core function memory. @default 1024: CPU scales with memory, which shortens cold starts more than it costs at this volume */
  readonly memorySize?: number;
  /** Excel function memory. @default 2048 */
  readonly excelMemorySize?: number;
  /**
   * The export job's function (infra/constructs/exports.ts): the core function invokes it
   * asynchronously and presigns downloads of what it wrote. @default none (export routes answer 503)
   */
  readonly exportFunction?: IFunction;
}

/**
 * Paths of the Excel route group (functions/http/app.ts), served by the Excel function; every other
 * path reaches the core function through the `$default` route. test/infra/routing.test.ts checks
 * this list against the routes each function's app really serves.
 */
export const EXCEL_ROUTES: readonly { readonly path: string; readonly methods: readonly HttpMethod[] }[] = [
  { path: '/v1/imports', methods: [HttpMethod.GET, HttpMethod.POST] },
  { path: '/v1/imports/{proxy+}', methods: [HttpMethod.GET, HttpMethod.POST] },
  { path: '/v1/units/{unitId}/summary.xlsx', methods: [HttpMethod.GET] },
  { path: '/v1/batches/{id}/summary.xlsx', methods: [HttpMethod.GET] },
];

/**
 * The anonymous routes, given API Gateway routes of their own (to the core function, like `$default`)
 * so that the stage can throttle them apart from the staff routes: public notices, objections,
 * certificate verification, the notice-end calendar, and the hours preview.
 */
export const PUBLIC_ROUTES: readonly { readonly path: string; readonly methods: readonly HttpMethod[] }[] = [
  { path: '/v1/public/{proxy+}', methods: [HttpMethod.GET, HttpMethod.POST] },
  { path: '/v1/hours/preview', methods: [HttpMethod.POST] },
];

/**
 * The table actions of the API's use-cases. Every access pattern is a key lookup or a Query (no
 * Scan on request paths); transactions need no actions of their own beyond the item actions they
 * contain.
 */
const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * The HTTP API and its two Lambdas, each with its own least-privilege role: the core function
 * (every route but the Excel ones) and the Excel function (imports and .xlsx exports: exceljs is
 * large and slow to load, and an import needs more memory and time than any other request).
 */
export class Api extends Construct {
  /** The core function, the `$default` route. */
  readonly fn: IFunction;
  /** The Excel function, routed EXCEL_ROUTES. */
  readonly excelFn: IFunction;
  readonly httpApi: IHttpApi;
  /** Host name CloudFront reaches the API at: the API's own domain, or the execute-api endpoint. */
  readonly originDomain: string;
  /** The origin secret, as a deploy-time reference: CloudFront sends it, the functions require it. */
  readonly originSecret: string;
  /** The regional target the API domain's DNS record (CNAME) must point at; absent without a domain. */
  readonly domainTarget?: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const def = props.tableDefinition ?? TABLE;
    // The key sealing paging cursors (docs/decisions.md: opaque cursors). Generated once per stack
    // and kept; CloudFormation resolves it into the functions' environment at deploy (a dynamic
    // reference: the template never holds the value). Rotating it only ends the open paging sessions.
    const cursorSecret = new Secret(this, 'CursorSecret', {
      description: `xueshi ${props.tenant}: seals API paging cursors`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(cursorSecret, {
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret only seals paging cursors (a list position, valid for one paging session); rotating it would end the sessions open at that moment and protect nothing more, so it is not rotated automatically.',
    });
    // The secret CloudFront sends in a custom origin header and the functions require
    // (functions/http/origin.ts): requests that did not come through CloudFront are refused, and
    // CloudFront's viewer-address header can be trusted. Resolved at deploy like the cursor secret.
    const originSecret = new Secret(this, 'OriginSecret', {
      description: `xueshi ${props.tenant}: CloudFront's origin header for the API`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(originSecret, {
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront and the functions read this value at deployment (a dynamic reference), so an automatic rotation would split them until the next deployment; it is rotated by hand with a deployment (docs/deploy.md §9b).',
    });
    this.originSecret = originSecret.secretValue.unsafeUnwrap();
    const environment = {
      [ENV.TENANT]: props.tenant,
      [ENV.TABLE_NAME]: props.table.tableName,
      [ENV.EVIDENCE_BUCKET]: props.evidence.bucketName,
      [ENV.OIDC_ISSUER]: props.identity.issuer,
      [ENV.OIDC_AUDIENCE]: props.identity.audience,
      ...(props.identity.jwksUrl ? { [ENV.OIDC_JWKS_URL]: props.identity.jwksUrl } : {}),
      // What counts as the second factor of privileged roles (external provider; Cognito: TOTP, checked by the API).
      ...(props.identity.secondFactor?.acr.length ? { [ENV.OIDC_REQUIRED_ACR]: props.identity.secondFactor.acr.join(',') } : {}),
      ...(props.identity.secondFactor?.amr.length ? { [ENV.OIDC_REQUIRED_AMR]: props.identity.secondFactor.amr.join(',') } : {}),
      [ENV.SITE_ORIGIN]: props.siteOrigin,
      [ENV.LOG_LEVEL]: props.logLevel ?? 'info',
      [ENV.CURSOR_SECRET]: cursorSecret.secretValue.unsafeUnwrap(),
      [ENV.ORIGIN_SECRET]: this.originSecret,
      [ENV.RELEASE_VERSION]: props.release.version,
      [ENV.RELEASE_COMMIT]: props.release.commit,
    };

    const core = new AppFunction(this, 'Function', {
      lambda: 'api',
      description: `xueshi API ${props.tenant}`,
      memorySize: props.memorySize ?? 1024,
      // Below CloudFront's 30 s origin timeout and API Gateway's 30 s integration limit.
      timeout: Duration.seconds(20),
      logRetention: props.logRetention,
      environment: {
        ...environment,
        ...(props.identity.userPoolId ? { [ENV.USER_POOL_ID]: props.identity.userPoolId } : {}),
        ...(props.exportFunction ? { [ENV.EXPORT_FUNCTION]: props.exportFunction.functionName } : {}),
      },
    });
    this.fn = core.fn;
    grantTable(core.role, props.table, def);
    // What functions/adapters/s3/evidence-store.ts does, on the keys use-cases make
    // (evidence/{person}/{activity}/{file}) and nothing else in the bucket: presigned uploads
    // (a POST policy signed for s3:PutObject), the content check (HeadObject needs s3:GetObject,
    // the read of the version just checked s3:GetObjectVersion), downloads pinned to that version,
    // and removal of rejected or orphaned files (tagged for the one-day lifecycle rule, then a delete
    // marker: no DeleteObjectVersion, the old bytes go with the lifecycle). No List: every key is
    // known from its file record; ListBucket only so that S3 answers 404, not 403, for a file that
    // never arrived (without it S3 hides whether a key exists), and only under evidence/.
    core.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject'],
        resources: [props.evidence.arnForObjects(`${EVIDENCE_KEY_PREFIX}*`)],
      }),
    );
    core.role.addToPrincipalPolicy(evidenceListing(props.evidence));
    props.identity.grantAccountAdmin(core.role);
    if (props.exportFunction) {
      // Starting an export run (an asynchronous invoke of that one function, no alias or version), and
      // presigning the download of the file it wrote: a presigned GET carries the signer's permission.
      core.role.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.exportFunction.functionArn] }),
      );
      core.role.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['s3:GetObject'], resources: [props.evidence.arnForObjects(`${EXPORT_KEY_PREFIX}*`)] }),
      );
      acknowledge(core.role, {
        id: `AwsSolutions-IAM5[Resource::${nagRef(this, props.evidence.bucketArn)}/${EXPORT_KEY_PREFIX}*]`,
        reason:
          'Export files are named by job id at run time, so the download grant covers the exports/ prefix of the evidence bucket, with GetObject only.',
      });
    }
    acknowledge(core.role, {
      id: `AwsSolutions-IAM5[Resource::${nagRef(this, props.evidence.bucketArn)}/${EVIDENCE_KEY_PREFIX}*]`,
      reason:
        'Evidence object keys are created per person and item at run time, so the grant covers the evidence/ prefix of the evidence bucket only; the actions are named (GetObject, GetObjectVersion, PutObject, PutObjectTagging, DeleteObject).',
    });

    // The Excel routes touch the table only: no evidence, no accounts (the environment still names
    // the bucket because the shared configuration requires it; the role cannot reach it).
    const excel = new AppFunction(this, 'ExcelFunction', {
      lambda: 'excel',
      description: `xueshi API ${props.tenant}: Excel imports and exports`,
      // exceljs holds the whole workbook in memory; a 10,000-row import is the largest request.
      memorySize: props.excelMemorySize ?? 2048,
      // Just below CloudFront's and API Gateway's 30 s; an import cut short is resumed (POST …/resume).
      timeout: Duration.seconds(28),
      logRetention: props.logRetention,
      environment,
    });
    this.excelFn = excel.fn;
    grantTable(excel.role, props.table, def);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const corsOrigins = props.corsOrigins ?? [];
    const httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `xueshi-${props.tenant}`,
      description: `xueshi API ${props.tenant}`,
      createDefaultStage: false,
      // With an own domain nothing needs the default endpoint: CloudFront uses the domain.
      disableExecuteApiEndpoint: props.domain !== undefined,
      defaultIntegration: new HttpLambdaIntegration('Lambda', core.fn),
      ...(corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: corsOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const stage = new HttpStage(this, 'Stage', {
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
            routeKey: '$context.routeKey',
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
    const excelIntegration = new HttpLambdaIntegration('Excel', excel.fn);
    for (const route of EXCEL_ROUTES) {
      httpApi.addRoutes({ path: route.path, methods: [...route.methods], integration: excelIntegration });
    }
    // The anonymous routes: the same core function, throttled on their own, well below the rest.
    const publicIntegration = new HttpLambdaIntegration('Public', core.fn);
    // CfnStage.routeSettings is plain JSON to CDK (not renamed): CloudFormation's own property names.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of PUBLIC_ROUTES) {
      for (const created of httpApi.addRoutes({ path: route.path, methods: [...route.methods], integration: publicIntegration })) {
        // Route settings name routes that must exist first.
        stage.node.addDependency(created);
      }
      for (const method of route.methods) {
        routeSettings[`${method} ${route.path}`] = {
          ThrottlingRateLimit: props.throttle.publicRateLimit,
          ThrottlingBurstLimit: props.throttle.publicBurstLimit,
        };
      }
    }
    (stage.node.defaultChild as CfnStage).routeSettings = routeSettings;

    if (props.domain) {
      const domain = new DomainName(this, 'Domain', {
        domainName: props.domain.name,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      });
      new ApiMapping(this, 'Mapping', { api: httpApi, domainName: domain, stage });
      this.originDomain = props.domain.name;
      this.domainTarget = domain.regionalDomainName;
    } else {
      this.originDomain = `${httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    }
    this.httpApi = httpApi;
  }
}

/**
 * s3:ListBucket on the evidence bucket for keys under evidence/ only. With it S3 answers a HEAD or
 * GET of a missing key with 404 instead of 403; the s3:prefix condition keeps listings out of every
 * other prefix (a request without a prefix is not matched, so the whole bucket cannot be listed).
 */
export function evidenceListing(bucket: IBucket): PolicyStatement {
  return new PolicyStatement({
    actions: ['s3:ListBucket'],
    resources: [bucket.bucketArn],
    conditions: { StringLike: { 's3:prefix': [`${EVIDENCE_KEY_PREFIX}*`] } },
  });
}

/** The API's table actions on the table, and Query on each index by name rather than `index/*`. */
function grantTable(role: IRole, table: ITableV2, def: TableDefinition) {
  role.addToPrincipalPolicy(new PolicyStatement({ actions: TABLE_ACTIONS, resources: [table.tableArn] }));
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: def.globalIndexes.map((gsi) => `${table.tableArn}/index/${gsi.indexName}`),
    }),
  );
}

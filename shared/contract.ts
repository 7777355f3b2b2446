/**
 * The small contract shared by the runtime (functions/), local start-up and the CDK app (infra/):
 * environment variable names and the shape of the one DynamoDB table. infra/ may import this file
 * and nothing else from the runtime, so the deployed table and the local table cannot drift apart.
 */

/** Environment variables read by functions/config.ts (parsed once with zod there). */
export const ENV = {
  TENANT: 'XUESHI_TENANT',
  TABLE_NAME: 'XUESHI_TABLE_NAME',
  EVIDENCE_BUCKET: 'XUESHI_EVIDENCE_BUCKET',
  /** `local` enables the built-in token issuer and the /v1/dev routes; never set in Lambda. */
  MODE: 'XUESHI_MODE',
  /** OIDC issuer URL (Cognito user pool or an external provider). */
  OIDC_ISSUER: 'XUESHI_OIDC_ISSUER',
  /** Expected `aud` (or Cognito `client_id`) of access tokens. */
  OIDC_AUDIENCE: 'XUESHI_OIDC_AUDIENCE',
  /** Optional explicit JWKS URL; default `${issuer}/.well-known/jwks.json`. */
  OIDC_JWKS_URL: 'XUESHI_OIDC_JWKS_URL',
  /** Cognito user pool id, for account administration; absent with an external OIDC provider. */
  USER_POOL_ID: 'XUESHI_USER_POOL_ID',
  /** External provider: `acr` values that count as a second factor for privileged roles (comma-separated). */
  OIDC_REQUIRED_ACR: 'XUESHI_OIDC_REQUIRED_ACR',
  /** External provider: `amr` methods that count as a second factor for privileged roles (comma-separated). */
  OIDC_REQUIRED_AMR: 'XUESHI_OIDC_REQUIRED_AMR',
  /** Origin of the site, for CORS and links printed on certificates. */
  SITE_ORIGIN: 'XUESHI_SITE_ORIGIN',
  DYNAMODB_ENDPOINT: 'XUESHI_DYNAMODB_ENDPOINT',
  S3_ENDPOINT: 'XUESHI_S3_ENDPOINT',
  LOG_LEVEL: 'XUESHI_LOG_LEVEL',
  /** The access-log bucket, for the function that strips query strings from CloudFront logs. */
  ACCESS_LOG_BUCKET: 'XUESHI_ACCESS_LOG_BUCKET',
  /** The export job's function, which the API invokes asynchronously to write a multi-unit .xlsx (aws mode). */
  EXPORT_FUNCTION: 'XUESHI_EXPORT_FUNCTION',
  /**
   * Secret (at least 32 characters) from which the key sealing paging cursors is derived; in AWS a
   * Secrets Manager value resolved into the function's environment at deploy. Required in aws mode;
   * locally a key kept in .data (docs/decisions.md: opaque cursors).
   */
  CURSOR_SECRET: 'XUESHI_CURSOR_SECRET',
  /**
   * The value CloudFront sends in ORIGIN_SECRET_HEADER on every request it forwards to the API (a
   * Secrets Manager value, resolved at deploy into both the distribution and the functions). When
   * set, the API answers only requests carrying it, and trusts CloudFront's viewer-address header
   * for the public limits. Absent locally: no check, the socket's own address counts.
   */
  ORIGIN_SECRET: 'XUESHI_ORIGIN_SECRET',
  /** The deployed release, reported by GET /v1/health: package version and git commit. */
  RELEASE_VERSION: 'XUESHI_RELEASE_VERSION',
  RELEASE_COMMIT: 'XUESHI_RELEASE_COMMIT',
} as const;

/** The header carrying ENV.ORIGIN_SECRET from CloudFront to the API (a custom origin header; CloudFront overwrites any viewer value). */
export const ORIGIN_SECRET_HEADER = 'x-xueshi-origin-verify';

/**
 * CloudFront's own header with the viewer's address and source port (`198.51.100.7:46532`,
 * `2001:db8::7:46532`), added by CloudFront to origin requests when the behavior's policy asks for it.
 */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

/**
 * Where evidence objects live in the evidence bucket: `evidence/{personId}/{activityId}/{fileId}`,
 * keys the server alone makes. The API and the evidence check may touch objects under this prefix
 * only (infra grants nothing else), and the S3 event that starts the check fires for it alone.
 */
export const EVIDENCE_KEY_PREFIX = 'evidence/';

/**
 * Where export files live in the evidence bucket: `exports/{jobId}.xlsx`, written by the export job,
 * downloaded through presigned links, expired by the bucket's lifecycle a week after they are written.
 */
export const EXPORT_KEY_PREFIX = 'exports/';
/** Days an export file is kept: long enough to download it, short enough that copies of people's data do not pile up. */
export const EXPORT_RETENTION_DAYS = 7;

/**
 * Where CloudFront writes its standard logs in the access-log bucket (`raw`), and where they are kept
 * once their query strings and referrer queries are gone (`scrubbed`): verification codes, name
 * searches and paging cursors travel in query strings, and CloudFront's standard logs record them.
 */
export const CLOUDFRONT_LOG_PREFIXES = { raw: 'cloudfront-raw/', scrubbed: 'cloudfront/' } as const;

/**
 * Single-table design. Key attributes are generic (PK/SK, GSIn) because one table serves every
 * entity; the meaning of each key lives in functions/adapters/dynamo/keys.ts.
 */
export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB's TTL removes expired idempotency records and rate-limit windows. */
  ttlAttribute: 'expiresAt',
  globalIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    // Sparse: only applications a department re-reviews carry it (a department's inbox, issue 19).
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  ],
} as const;

export type TableDefinition = typeof TABLE;

/**
 * The tag the API puts on an evidence object it rejects before deleting it; the bucket's lifecycle
 * rule (infra/constructs/evidence.ts) deletes tagged versions within a day instead of keeping them a year.
 */
export const EVIDENCE_REJECTED_TAG = { key: 'evidence-status', value: 'rejected' } as const;

/** The 15 tenants (rules §2): one deployed stack each. */
export const TENANTS = {
  '430000': '省直',
  '430100': '长沙市',
  '430200': '株洲市',
  '430300': '湘潭市',
  '430400': '衡阳市',
  '430500': '邵阳市',
  '430600': '岳阳市',
  '430700': '常德市',
  '430800': '张家界市',
  '430900': '益阳市',
  '431000': '郴州市',
  '431100': '永州市',
  '431200': '怀化市',
  '431300': '娄底市',
  '433100': '湘西土家族苗族自治州',
} as const;

export type TenantCode = keyof typeof TENANTS;
export const TENANT_CODES = Object.keys(TENANTS) as TenantCode[];

export function isTenantCode(value: string): value is TenantCode {
  return Object.prototype.hasOwnProperty.call(TENANTS, value);
}

/**
 * The root of a tenant's organisation tree: its hr office, `hr-{tenant}`, the `custom:org` of the
 * first hr_officer (docs/deploy.md §5). Each stack puts it into its table if absent. The province
 * (430000, the province-direct units) is run by the 厅, a city or prefecture by its 局.
 */
export function tenantRootOrganisation(tenant: TenantCode) {
  const id = `hr-${tenant}`;
  const name = tenant === '430000' ? '湖南省人力资源和社会保障厅' : `${TENANTS[tenant]}人力资源和社会保障局`;
  return { id, kind: 'hr_office' as const, name, path: [id] };
}

/** Portal roles (rules §6); `training_base` authenticates by API key, not by token. */
export const ROLES = ['person', 'unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

// ── Deployment contract of the province intake, issue 17 (read by functions/province/ and infra/) ─────────────────────────────

/** Environment names the province stack sets on its functions and a tenant stack on its consumer. */
export const PROVINCE_ENV = {
  /** The Secrets Manager secret (ARN or name) holding the routing directory's HMAC key. */
  DIRECTORY_KEY_SECRET: 'XUESHI_PROVINCE_DIRECTORY_KEY_SECRET',
  /** JSON object tenant code → URL of that tenant's forward queue (the province's side). */
  TENANT_QUEUES: 'XUESHI_PROVINCE_TENANT_QUEUES',
  /** URL of the province's inbox queue (a tenant's side: directory events and receipts). */
  INBOX_URL: 'XUESHI_PROVINCE_INBOX_URL',
} as const;

/** The province's custom metrics namespace: the sweeper publishes to it, the stack's alarms watch it. */
export const PROVINCE_METRICS_NAMESPACE = 'Xueshi/Province';

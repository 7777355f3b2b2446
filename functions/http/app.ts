import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { DomainError } from '../../shared/errors.js';
import type { AppDeps } from '../deps.js';
import { authenticate } from './auth.js';
import { isBaseApiPath } from './base-auth.js';
import { bodyLimitFor, DEFAULT_BODY_LIMIT, UPLOAD_BODY_LIMIT, type BodyLimit } from './body-limits.js';
import type { AppEnv } from './env.js';
import { requestContext } from './request-context.js';
import { errorBody, handleError, validationHook } from './errors.js';
import { completeDocument } from './openapi.js';
import { requireCloudFront } from './origin.js';
import { registerBaseApiRoutes } from './routes/base-api.js';
import { registerBaseRoutes } from './routes/bases.js';
import { registerCalendarRoutes } from './routes/calendar.js';
import { registerDocsRoutes } from './routes/docs.js';
import { registerEvidenceRoutes } from './routes/evidence.js';
import { registerFilingRoutes } from './routes/filings.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerHistoryRoutes } from './routes/history.js';
import { registerHoursRoutes } from './routes/hours.js';
import { registerImportRoutes } from './routes/imports.js';
import { registerAdministrationRoutes } from './routes/administration.js';
import { registerApplicationRoutes } from './routes/applications.js';
import { registerAccountRoutes } from './routes/me.js';
import { registerNoticeRoutes } from './routes/notices.js';
import { registerPeopleRoutes } from './routes/people.js';
import { registerRecordRoutes } from './routes/records.js';
import { registerRuleRoutes } from './routes/rules.js';
import { registerStatisticsRoutes } from './routes/statistics.js';
import { registerTransferRoutes } from './routes/transfers.js';
import { registerUnitSummaryRoutes } from './routes/unit-summary.js';
import { registerBatchSummaryXlsxRoutes } from './routes/batch-summary-xlsx.js';
import { registerExportRoutes } from './routes/exports.js';

/** The limit of most bodies; the preview, the base API's batches and Excel uploads have their own (body-limits.ts). */
export const MAX_BODY_BYTES = DEFAULT_BODY_LIMIT.bytes;
export const MAX_UPLOAD_BYTES = UPLOAD_BODY_LIMIT.bytes;

/**
 * Route groups. In AWS each group runs in its own Lambda (infra/constructs/api.ts routes the Excel
 * paths to theirs): `excel` holds the .xlsx routes, whose exceljs would triple the core bundle.
 */
export const ROUTE_GROUPS = ['core', 'excel'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

export interface CreateAppOptions {
  /**
   * The groups whose handlers run in this app. The others are documented only, so every app's
   * /v1/openapi.json lists every route. @default every group (the local server, tests)
   */
  groups?: readonly RouteGroup[];
  /** Extra routes mounted by an entry point (the local server's dev routes); never used by Lambda. */
  extend?: (app: OpenAPIHono<AppEnv>) => void;
}

export function createApp(deps: AppDeps, options: CreateAppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestContext({ tenant: deps.config.tenant, log: deps.log }));
  // In AWS, nothing but CloudFront (functions/http/origin.ts); before any other work.
  app.use('*', requireCloudFront(deps.config.originSecret));
  app.use('/v1/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  const limiters = new Map<BodyLimit, ReturnType<typeof bodyLimit>>();
  app.use('/v1/*', (c, next) => {
    const limit = bodyLimitFor(c.req.method, c.req.path);
    let limiter = limiters.get(limit);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize: limit.bytes,
        onError: () => {
          throw new DomainError('payload_too_large', 'payload_too_large', `请求体过大（上限 ${limit.label}）`);
        },
      });
      limiters.set(limit, limiter);
    }
    return limiter(c, next);
  });
  const portalAuth = authenticate(deps);
  // Training bases use API keys, their own scheme (base-auth.ts): the portal's token check leaves /v1/base/* alone.
  app.use('/v1/*', (c, next) => (isBaseApiPath(c.req.path) ? next() : portalAuth(c, next)));

  const serves = (group: RouteGroup) => (options.groups ?? ROUTE_GROUPS).includes(group);
  const core = serves('core') ? app : documentOnly(app);
  const excel = serves('excel') ? app : documentOnly(app);
  registerHealthRoutes(core, deps);
  registerAccountRoutes(core, deps);
  registerHoursRoutes(core, deps);
  registerCalendarRoutes(core, deps);
  registerRuleRoutes(core, deps);
  registerPeopleRoutes(core, deps);
  registerTransferRoutes(core, deps);
  registerAdministrationRoutes(core, deps);
  registerRecordRoutes(core, deps);
  registerHistoryRoutes(core, deps);
  registerImportRoutes(excel, deps);
  registerUnitSummaryRoutes(excel, deps);
  registerBatchSummaryXlsxRoutes(excel, deps);
  // Multi-unit exports: the route only records and starts the job; the .xlsx is written by the export job.
  registerExportRoutes(core, deps);
  registerEvidenceRoutes(core, deps);
  registerBaseRoutes(core, deps);
  registerBaseApiRoutes(core, deps);
  registerFilingRoutes(core, deps);
  registerApplicationRoutes(core, deps);
  registerNoticeRoutes(core, deps);
  registerStatisticsRoutes(core, deps);
  registerDocsRoutes(core);
  options.extend?.(app);
  // operationIds, `security: []` on public operations, Retry-After and the 5xx, for every route at once.
  completeDocument(app.openAPIRegistry.definitions);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'OpenID Connect ID token (Cognito, an external provider, or the local issuer)',
  });
  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '学时通 API',
      version: '1.0.0',
      description: '湖南省专业技术人员继续教育学时登记与核认。错误统一为 {"error": {"code", "message", "details"}}。',
    },
    servers: [{ url: '/' }],
  });

  app.notFound((c) => c.json(errorBody('not_found', '接口不存在', undefined, c.get('requestId')), 404));
  app.onError(handleError);
  return app;
}

/**
 * An app nothing routes to, sharing `app`'s OpenAPI registry: routes registered on it appear in
 * `app`'s document, and their handlers never run in this app.
 */
function documentOnly(app: OpenAPIHono<AppEnv>): OpenAPIHono<AppEnv> {
  const elsewhere = new OpenAPIHono<AppEnv>();
  elsewhere.openAPIRegistry = app.openAPIRegistry;
  return elsewhere;
}

import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import type { RouteGroup } from './http/app.js';
import { loadOnce } from './load-once.js';

type Handler = ReturnType<(typeof import('./lambda-app.js'))['createLambdaApp']>;

/**
 * An API function's handler whose app (routes, zod schemas, the DynamoDB client) is imported on the
 * first request, not when the module loads: the bundle is split (infra/bundle.ts), so this entry
 * chunk holds only this file. The work moves to the first request rather than vanishing; the bench
 * (bench/bundle.ts) reports cold import and first request together for that reason. Only types
 * and the few lines of load-once.ts are imported here, so nothing else is in the entry chunk.
 */
export function lazyLambdaHandler(groups: readonly RouteGroup[]) {
  // A failed load (a broken deploy, a throttled disk) is tried again by the next request.
  const app = loadOnce<Handler>(() => import('./lambda-app.js').then((m) => m.createLambdaApp(groups)));
  return async (event: LambdaEvent, context: LambdaContext) => (await app())(event, context);
}

// First: @hono/zod-openapi extends zod when it loads, and only schemas built afterwards get the
// `.openapi()` its registry calls, so it must load before any module that builds a schema.
import '@hono/zod-openapi';
import { handle } from 'hono/aws-lambda';
import { createApp, type RouteGroup } from './http/app.js';
import { createLambdaDeps } from './lambda-deps.js';

/** The app of one API function with its dependencies, as a Lambda handler (loaded by functions/lambda-handler.ts). */
export function createLambdaApp(groups: readonly RouteGroup[]) {
  return handle(createApp(createLambdaDeps(process.env), { groups }));
}

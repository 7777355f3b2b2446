// First: @hono/zod-openapi extends zod when it loads, and only schemas built afterwards get the
// `.openapi()` its registry calls, so it must load before any module that builds a schema.
import '@hono/zod-openapi';
import { handle } from 'hono/aws-lambda';
import { createApp } from './http/app.js';
import { createLambdaDeps } from './lambda-deps.js';

/** The API Lambda: every route but the Excel group, which runs in functions/lambda-excel.ts. */
export const handler = handle(createApp(createLambdaDeps(process.env), { groups: ['core'] }));

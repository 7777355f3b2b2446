import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';

/**
 * Browsable API docs. swagger-ui's assets come from our own origin (/vendor/swagger-ui/, copied into
 * the site build), never a CDN: many users sit on closed government networks. In AWS, CloudFront
 * serves the site and routes /v1/* to the API, so both share one origin there too.
 */
const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>学时通 API 文档</title>
<link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/v1/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

export function registerDocsRoutes(app: OpenAPIHono<AppEnv>) {
  app.get('/v1/docs', (c) => c.html(PAGE));
  app.get('/v1/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { TransferDecisionSchema, TransferRequestListItemSchema, TransferRequestSchema } from '../../../shared/transfers.js';
import type { AppDeps } from '../../deps.js';
import { listTransferRequests, resolveTransferRequest } from '../../use-cases/transfers.js';
import { allow, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

/**
 * Transfer requests (issue 12): registrations of people of other units, resolved by the hr office or
 * the person's current unit. The requesting clerk was answered `referred_to_hr_office` and sees none.
 */
const RESOLVERS = ['unit_clerk', 'unit_reviewer', 'hr_officer'] as const;
const READERS = [...RESOLVERS, 'auditor'] as const;

const list = createRoute({
  method: 'get',
  path: '/v1/transfer-requests',
  tags: ['people'],
  summary: '待处理的调入申请（人社部门：全部；单位：本单位人员被其他单位登记的）',
  security: [{ bearerAuth: [] }],
  ...allow(...READERS),
  responses: {
    200: json(z.object({ items: z.array(TransferRequestListItemSchema) }), 'Open requests, oldest first.'),
    ...errorResponses(401, 403),
  },
});

const resolve = createRoute({
  method: 'post',
  path: '/v1/transfer-requests/{id}/resolve',
  tags: ['people'],
  summary: '处理调入申请：同意（人员调入申请单位，保留单位变动历史）或拒绝，须填写理由',
  security: [{ bearerAuth: [] }],
  ...allow(...RESOLVERS),
  request: { params: z.object({ id: z.string().min(1).max(100) }), ...body(TransferDecisionSchema) },
  responses: { 200: json(TransferRequestSchema, 'The resolved request.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

export function registerTransferRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(list, async (c) => c.json({ items: await listTransferRequests(deps, requirePrincipal(c.get('principal'))) }, 200));
  app.openapi(resolve, async (c) =>
    c.json(await resolveTransferRequest(deps, requirePrincipal(c.get('principal')), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}

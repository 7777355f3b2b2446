import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ROLES } from '../../../shared/contract.js';
import { OrganisationSchema } from '../../../shared/organisation.js';
import type { AppDeps } from '../../deps.js';
import {
  NewAccountSchema,
  NewOrganisationSchema,
  createAccount,
  createOrganisation,
  listAccounts,
} from '../../use-cases/administration.js';
import { allowRoles, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

const ADMINS = ['hr_officer', 'dept_reviewer', 'unit_reviewer'] as const;

const AccountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    orgId: z.string(),
    status: z.enum(['creating', 'active']),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Account' });

const createOrgRoute = createRoute({
  method: 'post',
  path: '/v1/organisations',
  tags: ['organisations'],
  summary: '新增主管部门或用人单位（人社部门）',
  security: [{ bearerAuth: [] }],
  'x-roles': ['hr_officer'],
  middleware: [allowRoles('hr_officer')] as const,
  request: body(NewOrganisationSchema),
  responses: { 201: json(OrganisationSchema, 'The new organisation.'), ...errorResponses(400, 401, 403, 422) },
});

const createAccountRoute = createRoute({
  method: 'post',
  path: '/v1/accounts',
  tags: ['accounts'],
  summary: '分级创建账号（人社部门→部门、单位管理员；部门→所属单位；单位→经办人、审核人、专技人员）',
  security: [{ bearerAuth: [] }],
  'x-roles': [...ADMINS],
  middleware: [allowRoles(...ADMINS)] as const,
  request: body(NewAccountSchema),
  responses: { 201: json(AccountSchema, 'The account.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

const listAccountsRoute = createRoute({
  method: 'get',
  path: '/v1/accounts',
  tags: ['accounts'],
  summary: '某组织的账号',
  security: [{ bearerAuth: [] }],
  'x-roles': [...ADMINS, 'auditor'],
  middleware: [allowRoles(...ADMINS, 'auditor')] as const,
  request: { query: z.object({ orgId: z.string().min(1).max(100) }) },
  responses: { 200: json(z.object({ items: z.array(AccountSchema) }), 'Accounts.'), ...errorResponses(400, 401, 403, 404) },
});

export function registerAdministrationRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(createOrgRoute, async (c) =>
    c.json(await createOrganisation(deps, requirePrincipal(c.get('principal')), c.req.valid('json')), 201),
  );
  app.openapi(createAccountRoute, async (c) => {
    const { managedExternally: _, ...account } = await createAccount(deps, requirePrincipal(c.get('principal')), c.req.valid('json'));
    return c.json(account, 201);
  });
  app.openapi(listAccountsRoute, async (c) =>
    c.json({ items: await listAccounts(deps, requirePrincipal(c.get('principal')), c.req.valid('query').orgId) }, 200),
  );
}

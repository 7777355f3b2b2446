import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { AccountSchema, InvitationSchema, PrincipalSchema } from '../../../shared/accounts.js';
import { OrganisationSchema } from '../../../shared/organisation.js';
import type { AppDeps } from '../../deps.js';
import type { AccountEntry } from '../../ports/accounts.js';
import {
  NewAccountSchema,
  NewOrganisationSchema,
  createAccount,
  createOrganisation,
  listAccounts,
} from '../../use-cases/administration.js';
import {
  AcceptInvitationSchema,
  acceptInvitation,
  reissueInvitation,
  revokeInvitation,
  setAccountStatus,
} from '../../use-cases/invitations.js';
import { allow, requireIdentity, requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { body, errorResponses, json } from '../openapi.js';

const ADMINS = ['hr_officer', 'dept_reviewer', 'unit_reviewer'] as const;

/** The directory's entry as the portal sees it: never the bound subject, the sign-in e-mail or the invitation's hash. */
function publicAccount(a: AccountEntry): z.infer<typeof AccountSchema> {
  const { id, name, role, orgId, status, personId, boundAt, invitationExpiresAt, createdAt, createdBy } = a;
  return { id, name, role, orgId, status, personId, boundAt, invitationExpiresAt, createdAt, createdBy };
}

const AccountIdParam = z.object({ accountId: z.string().min(1).max(100) });

const createOrgRoute = createRoute({
  method: 'post',
  path: '/v1/organisations',
  tags: ['organisations'],
  summary: '新增主管部门或用人单位（人社部门）',
  security: [{ bearerAuth: [] }],
  ...allow('hr_officer'),
  request: body(NewOrganisationSchema),
  responses: { 201: json(OrganisationSchema, 'The new organisation.'), ...errorResponses(400, 401, 403, 422) },
});

const createAccountRoute = createRoute({
  method: 'post',
  path: '/v1/accounts',
  tags: ['accounts'],
  summary: '分级创建账号并发放一次性邀请码（人社部门→本级、部门与单位审核人、经办人；部门→所属单位审核人、经办人；单位审核人→专技人员）',
  security: [{ bearerAuth: [] }],
  ...allow(...ADMINS),
  request: body(NewAccountSchema),
  responses: {
    201: json(
      AccountSchema.extend({ invitation: InvitationSchema }),
      'The account, waiting for its first sign-in, and its invitation (shown once).',
    ),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const reissueRoute = createRoute({
  method: 'post',
  path: '/v1/accounts/{accountId}/invitation',
  tags: ['accounts'],
  summary: '重新发放邀请码（原邀请码随即失效）',
  security: [{ bearerAuth: [] }],
  ...allow(...ADMINS),
  request: { params: AccountIdParam },
  responses: { 201: json(InvitationSchema, 'The new invitation (shown once).'), ...errorResponses(401, 403, 404, 409) },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/v1/accounts/{accountId}/invitation',
  tags: ['accounts'],
  summary: '撤销邀请码',
  security: [{ bearerAuth: [] }],
  ...allow(...ADMINS),
  request: { params: AccountIdParam },
  responses: { 204: { description: 'Revoked.' }, ...errorResponses(401, 403, 404, 409) },
});

const statusRoute = (action: 'disable' | 'enable') =>
  createRoute({
    method: 'post',
    path: `/v1/accounts/{accountId}/${action}`,
    tags: ['accounts'],
    summary: action === 'disable' ? '停用账号（下一次请求即被拒绝）' : '恢复已停用的账号',
    security: [{ bearerAuth: [] }],
    ...allow(...ADMINS),
    request: { params: AccountIdParam },
    responses: { 200: json(AccountSchema, 'The account.'), ...errorResponses(401, 403, 404, 409) },
  });
const disableRoute = statusRoute('disable');
const enableRoute = statusRoute('enable');

const acceptRoute = createRoute({
  method: 'post',
  path: '/v1/invitations/accept',
  tags: ['accounts'],
  summary: '首次登录：以邀请码绑定本人登录身份',
  description: 'Any signed-in identity without an account here; an identity that already has one gets 409 identity_has_account.',
  security: [{ bearerAuth: [] }],
  'x-roles': ['signed_in'],
  request: body(AcceptInvitationSchema),
  responses: { 200: json(PrincipalSchema, 'The account now bound to the signed-in identity.'), ...errorResponses(400, 401, 403, 409, 422) },
});

const listAccountsRoute = createRoute({
  method: 'get',
  path: '/v1/accounts',
  tags: ['accounts'],
  summary: '某组织的账号',
  security: [{ bearerAuth: [] }],
  ...allow(...ADMINS, 'auditor'),
  request: { query: z.object({ orgId: z.string().min(1).max(100) }) },
  responses: { 200: json(z.object({ items: z.array(AccountSchema) }), 'Accounts.'), ...errorResponses(400, 401, 403, 404) },
});

export function registerAdministrationRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(createOrgRoute, async (c) =>
    c.json(await createOrganisation(deps, requirePrincipal(c.get('principal')), c.req.valid('json')), 201),
  );
  app.openapi(createAccountRoute, async (c) => {
    const { account, invitation } = await createAccount(deps, requirePrincipal(c.get('principal')), c.req.valid('json'));
    return c.json({ ...publicAccount(account), invitation }, 201);
  });
  app.openapi(listAccountsRoute, async (c) => {
    const items = await listAccounts(deps, requirePrincipal(c.get('principal')), c.req.valid('query').orgId);
    return c.json({ items: items.map(publicAccount) }, 200);
  });
  app.openapi(reissueRoute, async (c) =>
    c.json(await reissueInvitation(deps, requirePrincipal(c.get('principal')), c.req.valid('param').accountId), 201),
  );
  app.openapi(revokeRoute, async (c) => {
    await revokeInvitation(deps, requirePrincipal(c.get('principal')), c.req.valid('param').accountId);
    return c.body(null, 204);
  });
  app.openapi(disableRoute, async (c) =>
    c.json(
      publicAccount(await setAccountStatus(deps, requirePrincipal(c.get('principal')), c.req.valid('param').accountId, 'disabled')),
      200,
    ),
  );
  app.openapi(enableRoute, async (c) =>
    c.json(
      publicAccount(await setAccountStatus(deps, requirePrincipal(c.get('principal')), c.req.valid('param').accountId, 'active')),
      200,
    ),
  );
  app.openapi(acceptRoute, async (c) => c.json(await acceptInvitation(deps, requireIdentity(c.get('identity')), c.req.valid('json')), 200));
}

/**
 * `npm run first-account -- --table <TableName> --tenant 430100 --id hr.huangjing --name 黄静`
 *
 * The very first hr_officer of a stack, which nobody in the portal can create (docs/deploy.md §5): an
 * entry in the stack's account directory and its one-time invitation, printed once. Every later
 * account is created in the portal, down the tree. Runs with the operator's AWS credentials.
 */
import { parseArgs } from 'node:util';
import { TENANT_CODES } from '../../shared/contract.js';
import { createAccountDirectory } from '../adapters/dynamo/accounts.js';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { createOrganisationRepository } from '../adapters/dynamo/organisations.js';
import { issueInvitation } from '../use-cases/invitations.js';
import type { Principal } from '../auth/principal.js';
import { randomUUID } from 'node:crypto';

async function main() {
  const { values } = parseArgs({
    options: {
      table: { type: 'string' },
      tenant: { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
    },
  });
  const { table, tenant, id, name } = values;
  if (
    !table ||
    !tenant ||
    !id ||
    !name ||
    !(TENANT_CODES as readonly string[]).includes(tenant) ||
    !/^[a-z0-9][a-z0-9._-]{2,63}$/.test(id)
  ) {
    console.error('用法：npm run first-account -- --table <TableName> --tenant <租户代码> --id <登录账号> --name <姓名> [--email <邮箱>]');
    process.exit(2);
  }
  const db = createDocumentClient();
  const orgId = `hr-${tenant}`;
  const deps = {
    accounts: createAccountDirectory(db, table),
    organisations: createOrganisationRepository(db, table),
    clock: () => new Date(),
    newId: () => randomUUID(),
  };
  const operator: Principal = { userId: 'ops', name: '运维（首个人社账号）', role: 'hr_officer', orgId, tenant };
  const entry = {
    id,
    name,
    role: 'hr_officer' as const,
    orgId,
    status: 'creating' as const,
    ...(values.email ? { email: values.email } : {}),
    createdAt: new Date().toISOString(),
    createdBy: 'ops',
  };
  await deps.accounts.begin(entry, {
    id: randomUUID(),
    actor: 'ops',
    actorName: operator.name,
    role: 'hr_officer',
    at: entry.createdAt,
    entity: 'account',
    entityId: id,
    action: 'create',
    after: { ...entry, email: undefined },
  });
  const invitation = await issueInvitation(deps, operator, entry);
  console.log(`账号 ${id}（${name}，人社部门 ${orgId}）已创建。`);
  console.log(`邀请码（只显示这一次）：${invitation.code}，有效期至 ${invitation.expiresAt}`);
  console.log('请交给本人：在门户以本人身份登录后输入邀请码完成绑定。');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

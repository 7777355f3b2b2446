import * as z from 'zod';
import { ACCOUNT_DENIAL_MESSAGES, mayCreateAccount } from '../../shared/accounts.js';
import { ROLES } from '../../shared/contract.js';
import { CreditCodeSchema } from '../../shared/credit-code.js';
import { ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../../shared/errors.js';
import { UnitTypeSchema, type Organisation } from '../../shared/organisation.js';
import type { Principal } from '../auth/principal.js';
import type { AccountDirectory, AccountEntry } from '../ports/accounts.js';
import type { IdentityAdmin } from '../ports/identity.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { PeopleRepository } from '../ports/records.js';
import { auditBy } from './audit-event.js';
import { issueInvitation, type IssuedInvitation } from './invitations.js';
import { loadScope, visibleOrganisation } from './scope.js';

export interface AdministrationDeps {
  organisations: OrganisationRepository;
  people: PeopleRepository;
  accounts: AccountDirectory;
  identity: IdentityAdmin;
  config: { tenant: string };
  clock: () => Date;
  newId: () => string;
}

export const NewOrganisationSchema = z
  .object({
    kind: z.enum(['department', 'unit']),
    name: z.string().trim().min(2, '名称至少2个字').max(100),
    // A DynamoDB key now (the parent is read by id): bounded like every id in a path.
    parentId: z.string().min(1).max(100),
    unitType: UnitTypeSchema.optional(),
    creditCode: CreditCodeSchema.optional(),
  })
  .refine((o) => o.kind === 'department' || o.unitType !== undefined, { message: '用人单位须选择单位性质', path: ['unitType'] })
  .meta({ id: 'NewOrganisation' });

/** The hr office keeps the tenant's tree: departments under itself, units under itself or a department. */
export async function createOrganisation(
  deps: AdministrationDeps,
  principal: Principal,
  input: z.infer<typeof NewOrganisationSchema>,
): Promise<Organisation> {
  if (principal.role !== 'hr_officer') throw new ForbiddenError('role_not_allowed', '只有人社部门可以维护组织');
  const scope = await loadScope(deps, principal);
  const parent = await visibleOrganisation(scope, input.parentId);
  if (!parent) throw new ValidationError('parent_not_found', '上级组织不存在', [{ path: 'parentId', message: '上级组织不存在' }]);
  if (parent.kind === 'unit' || (input.kind === 'department' && parent.kind !== 'hr_office')) {
    throw new RuleViolationError(
      'invalid_parent',
      input.kind === 'department' ? '主管部门须直属人社部门' : '用人单位只能设在人社部门或主管部门之下',
    );
  }
  // Names are unique in the tenant (the hr office sees it whole): the name index answers, not the tree.
  if ((await deps.organisations.findByName(input.name)).length > 0) throw new RuleViolationError('name_taken', '已有同名组织');
  const id = `${input.kind === 'department' ? 'dept' : 'unit'}-${deps.newId().slice(0, 8)}`;
  const org: Organisation = {
    id,
    kind: input.kind,
    name: input.name,
    parentId: parent.id,
    path: [...parent.path, id],
    ...(input.kind === 'unit' ? { unitType: input.unitType } : {}),
    ...(input.creditCode ? { creditCode: input.creditCode } : {}),
  };
  await deps.organisations.put(org);
  return org;
}

export const NewAccountSchema = z
  .object({
    role: z.enum(ROLES),
    orgId: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(50),
    /** Login name; for a `person` account it is the person's id, so the account sees that person's book. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '账号须为3–64位小写字母、数字或 . _ -')
      .optional(),
    // A DynamoDB key (at most 1,024 bytes): bounded like the ids in paths.
    personId: z.string().max(100).optional(),
    email: z.email('邮箱格式不正确').optional(),
  })
  .meta({ id: 'NewAccount' });

/**
 * Creates an account in the directory, with its one-time invitation (shown once, here). With Cognito
 * the user is created there too (its invitation e-mail); with an external provider nothing is created
 * there: whoever signs in with the invitation's code is bound to the account.
 */
export async function createAccount(
  deps: AdministrationDeps,
  principal: Principal,
  input: z.infer<typeof NewAccountSchema>,
): Promise<{ account: AccountEntry; invitation: IssuedInvitation }> {
  const scope = await loadScope(deps, principal);
  const org = await visibleOrganisation(scope, input.orgId);
  if (!org) throw new NotFoundError('organisation_not_found', '组织不存在或不在管辖范围内');
  const allowed = mayCreateAccount({ role: principal.role, org: scope.own }, { role: input.role, org });
  if (!allowed.ok) throw new ForbiddenError(allowed.reason, ACCOUNT_DENIAL_MESSAGES[allowed.reason]);

  let id = input.id;
  if (input.role === 'person') {
    const person = input.personId ? await deps.people.get(input.personId) : undefined;
    if (!person || person.unitId !== org.id) {
      throw new ValidationError('person_not_found', '须选择本单位已登记的人员', [{ path: 'personId', message: '人员不存在' }]);
    }
    id = person.id;
  }
  const personId = input.role === 'person' ? id : undefined;
  if (!id) throw new ValidationError('id_required', '请填写登录账号', [{ path: 'id', message: '请填写登录账号' }]);

  const entry: AccountEntry = {
    id,
    name: input.name,
    role: input.role,
    orgId: org.id,
    status: 'creating',
    ...(personId ? { personId } : {}),
    ...(input.email ? { email: input.email } : {}),
    createdAt: deps.clock().toISOString(),
    createdBy: principal.userId,
  };
  // Claim the id and the sign-in identity first, then create the account in the identity provider,
  // then mark it active: a failure in between leaves a `creating` entry that the same request,
  // repeated, completes.
  const claim = await deps.accounts.begin(
    entry,
    auditBy(deps, principal, { entity: 'account', entityId: id, action: 'create', after: { ...entry, email: undefined } }),
  );
  try {
    await deps.identity.createUser({
      id,
      name: input.name,
      role: input.role,
      orgId: org.id,
      email: input.email,
      tenant: deps.config.tenant,
    });
  } catch (err) {
    if (!(err instanceof Error && (err as { code?: string }).code === 'account_exists')) throw err;
    // Already in the identity provider. Ours only if this claim resumes an interrupted attempt; on a
    // new claim it is someone else's account (made outside the directory), never taken over.
    if (claim === 'new') {
      await deps.accounts.abandon(entry);
      throw err;
    }
  }
  const invitation = await issueInvitation(deps, principal, entry);
  return { account: { ...entry, status: 'invited', invitationExpiresAt: invitation.expiresAt }, invitation };
}

export async function listAccounts(deps: AdministrationDeps, principal: Principal, orgId: string): Promise<AccountEntry[]> {
  const scope = await loadScope(deps, principal);
  if (!(await visibleOrganisation(scope, orgId))) throw new NotFoundError('organisation_not_found', '组织不存在或不在管辖范围内');
  return deps.accounts.listForOrg(orgId);
}

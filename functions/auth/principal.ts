import * as z from 'zod';
import { ROLES, type Role } from '../../shared/contract.js';

/** Who is calling: taken only from a verified token's claims. */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  /** The organisation the user belongs to; everything they see is scoped under it. */
  orgId: string;
  tenant: string;
}

/**
 * Claims as our issuers put them. Cognito ID tokens carry `cognito:groups` and `custom:*`
 * attributes; an external OIDC provider (AWS China) or the local issuer use plain `role`/`org`/`tenant`.
 */
const ClaimsSchema = z.object({
  sub: z.string().min(1),
  /** Cognito's username: the account id we chose at AdminCreateUser (its `sub` is a random UUID). */
  'cognito:username': z.string().min(1).optional(),
  name: z.string().optional(),
  role: z.enum(ROLES).optional(),
  'cognito:groups': z.array(z.string()).optional(),
  org: z.string().min(1).optional(),
  'custom:org': z.string().min(1).optional(),
  tenant: z.string().min(1).optional(),
  'custom:tenant': z.string().min(1).optional(),
});

export function principalFromClaims(claims: unknown): Principal | undefined {
  const parsed = ClaimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const role = c.role ?? c['cognito:groups']?.find((g): g is Role => (ROLES as readonly string[]).includes(g));
  const orgId = c.org ?? c['custom:org'];
  const tenant = c.tenant ?? c['custom:tenant'];
  if (!role || !orgId || !tenant) return undefined;
  const userId = c['cognito:username'] ?? c.sub;
  return { userId, name: c.name ?? userId, role, orgId, tenant };
}

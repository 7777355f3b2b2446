import type { Role } from '../../shared/contract.js';

export interface NewAccount {
  /** Our id: the username in the identity provider; for a `person` account, the person id. */
  id: string;
  name: string;
  role: Role;
  orgId: string;
  email?: string;
}

/**
 * The identity provider's admin side, behind one interface: Cognito's AdminCreateUser and groups in
 * AWS global regions, the built-in issuer's user store locally. With an external OIDC provider (AWS
 * China) accounts live in that provider and this reports `managedExternally`.
 */
export interface IdentityAdmin {
  readonly managedExternally: boolean;
  createUser(account: NewAccount & { tenant: string }): Promise<{ temporaryPassword?: string }>;
}

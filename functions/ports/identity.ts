import type { Role } from '../../shared/contract.js';
import type { Identity } from '../auth/principal.js';

export interface NewAccount {
  /** Our id: the username in the identity provider where it has users (Cognito); for a `person` account, the person id. */
  id: string;
  name: string;
  role: Role;
  orgId: string;
  email?: string;
}

export type SecondFactorCheck = { ok: true } | { ok: false; message: string };

/**
 * The identity provider behind one interface: Cognito in AWS global regions, an external OIDC
 * provider (AWS China), or the local provider of `npm start`. It proves identities; the account
 * directory holds what they may do.
 */
export interface IdentityAdmin {
  /** `cognito`, `external` or `local`: said in the portal so administrators know what creating an account does. */
  readonly kind: 'cognito' | 'external' | 'local';
  /**
   * Creates the user where the provider keeps users we administer (Cognito: an invitation e-mail);
   * with an external or the local provider nothing is created: the invitation binds whoever signs in.
   */
  createUser(account: NewAccount & { tenant: string }): Promise<void>;
  /** Whether this sign-in used the second factor the stack requires of privileged roles. */
  secondFactor(identity: Identity): Promise<SecondFactorCheck>;
}

import type { Role } from '../../shared/contract.js';
import type { AuditEvent } from '../../shared/records.js';

export interface AccountEntry {
  id: string;
  name: string;
  role: Role;
  orgId: string;
  status: 'creating' | 'active';
  /** The sign-in identity (e-mail) the identity provider knows the account by, when it has one. */
  email?: string;
  createdAt: string;
  createdBy: string;
}

/**
 * Our own list of accounts: the identity provider cannot list by organisation. Ids and sign-in
 * identities are unique across the whole directory (SPEC §6): one human, one account per role chain.
 */
export interface AccountDirectory {
  /**
   * Claims the id and the sign-in identity: `new`, or `resumed` for a half-created entry of the same
   * org and role; 409 `account_exists` / `sign_in_identity_exists` when either is taken.
   */
  begin(entry: AccountEntry, audit: AuditEvent): Promise<'new' | 'resumed'>;
  /** Releases a claim made by `begin` that turned out to collide with the identity provider. */
  abandon(entry: AccountEntry): Promise<void>;
  activate(id: string): Promise<void>;
  listForOrg(orgId: string): Promise<AccountEntry[]>;
  put(entry: AccountEntry): Promise<void>;
}

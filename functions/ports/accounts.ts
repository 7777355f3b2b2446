import type { Role } from '../../shared/contract.js';
import type { AuditEvent } from '../../shared/records.js';

import { ACCOUNT_STATUSES } from '../../shared/accounts.js';

export { ACCOUNT_STATUSES };
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface AccountEntry {
  id: string;
  name: string;
  role: Role;
  orgId: string;
  status: AccountStatus;
  /** For a `person` account: the person it is. */
  personId?: string;
  /** The sign-in identity (e-mail) the identity provider knows the account by, when it has one. */
  email?: string;
  /** The identity bound at first sign-in: the provider's `sub` (and its issuer, for the record). */
  subject?: string;
  issuer?: string;
  boundAt?: string;
  /** When the current invitation ends; its code is kept only as a hash, beside it. */
  invitationExpiresAt?: string;
  createdAt: string;
  createdBy: string;
}

/** An invitation's code as stored: its SHA-256 only, with the account it opens and its end. */
export interface StoredInvitation {
  codeHash: string;
  accountId: string;
  expiresAt: string;
}

/**
 * The product's own account directory (rules §6, December 2026): role, organisation and person live
 * here, the identity provider only proves who signs in. Ids, sign-in e-mails and bound identities are
 * each unique across the directory: one identity, one account.
 */
export interface AccountDirectory {
  /**
   * Claims the id and the sign-in identity: `new`, or `resumed` for a half-created entry of the same
   * org and role; 409 `account_exists` / `sign_in_identity_exists` when either is taken.
   */
  begin(entry: AccountEntry, audit: AuditEvent): Promise<'new' | 'resumed'>;
  /** Releases a claim made by `begin` that turned out to collide with the identity provider. */
  abandon(entry: AccountEntry): Promise<void>;
  /** Ends creation: the entry waits for its first sign-in with this invitation (any earlier one is dropped). */
  invite(id: string, invitation: StoredInvitation, audit: AuditEvent): Promise<void>;
  /** Drops the current invitation, if any; the account stays `invited` until a new one is issued. */
  revokeInvitation(id: string, audit: AuditEvent): Promise<void>;
  /** The invitation a code opens, if it is still current. */
  findInvitation(codeHash: string): Promise<StoredInvitation | undefined>;
  /**
   * Binds an identity to the invited account, once: 409 `identity_has_account` when the identity
   * already has an account, `invitation_used` when the account was bound meanwhile.
   */
  bind(invitation: StoredInvitation, identity: { subject: string; issuer: string }, at: string, audit: AuditEvent): Promise<void>;
  /** `active` ↔ `disabled`, audited. */
  setStatus(id: string, status: 'active' | 'disabled', audit: AuditEvent): Promise<void>;
  get(id: string): Promise<AccountEntry | undefined>;
  /** The account bound to a provider subject: read on every request, so a disabled one is refused at once. */
  findBySubject(subject: string): Promise<AccountEntry | undefined>;
  listForOrg(orgId: string): Promise<AccountEntry[]>;
  /** Seeds an entry as is (the demo accounts, bound to their local identity). */
  put(entry: AccountEntry): Promise<void>;
}

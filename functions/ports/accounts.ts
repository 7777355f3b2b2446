import type { Role } from '../../shared/contract.js';
import type { AuditEvent } from '../../shared/records.js';

export interface AccountEntry {
  id: string;
  name: string;
  role: Role;
  orgId: string;
  status: 'creating' | 'active';
  createdAt: string;
  createdBy: string;
}

/** Our own list of the accounts we created: the identity provider cannot list by organisation. */
export interface AccountDirectory {
  begin(entry: AccountEntry, audit: AuditEvent): Promise<void>;
  activate(id: string): Promise<void>;
  listForOrg(orgId: string): Promise<AccountEntry[]>;
  put(entry: AccountEntry): Promise<void>;
}

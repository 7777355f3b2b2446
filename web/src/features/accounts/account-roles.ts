import { mayCreateAccount } from '../../../../shared/accounts.js';
import type { Role } from '../../../../shared/contract.js';
import type { Organisation } from '../../../../shared/organisation.js';

/** Administrators (and the auditor, read-only) may list an organisation's accounts (GET /v1/accounts). */
export const ACCOUNT_READERS: readonly Role[] = ['hr_officer', 'dept_reviewer', 'unit_reviewer', 'auditor'];

/** Administrators first, then staff, then professionals: the first offered is the usual choice. */
const OFFER_ORDER: readonly Role[] = ['dept_reviewer', 'unit_reviewer', 'unit_clerk', 'hr_officer', 'auditor', 'person'];

/**
 * The roles the signed-in user may create at `target`: decided by the API's own rule (rules §6,
 * administered down the tree), so the form never offers what the server would refuse.
 */
export function rolesCreatable(creator: { role: Role; org: Organisation } | undefined, target: Organisation | undefined): Role[] {
  if (!creator || !target) return [];
  return OFFER_ORDER.filter((role) => mayCreateAccount(creator, { role, org: target }).ok);
}

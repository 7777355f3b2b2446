import type { Role } from '../../../../shared/contract.js';
import type { ActivityRecord, RegistrationBook } from '../../../../shared/records.js';
import type { Principal } from '../../api/endpoints.js';

/**
 * What the signed-in role may do on a person's records (rules §6, the API's x-roles). The API decides;
 * these only keep the screens from offering what it would refuse.
 */
const EDITORS: readonly Role[] = ['unit_clerk', 'person'];

export function mayEditRecords(principal: Principal | undefined): boolean {
  return principal !== undefined && EDITORS.includes(principal.role);
}

/** A person changes only what they entered themself; a unit's clerk changes any unit entry. */
export function mayChangeActivity(principal: Principal | undefined, record: ActivityRecord): boolean {
  if (!mayEditRecords(principal) || record.status === 'withdrawn' || record.source === 'base_record') return false;
  return principal!.role === 'unit_clerk' || record.createdBy === principal!.userId;
}

export function mayAccept(principal: Principal | undefined): boolean {
  return principal?.role === 'unit_clerk' || principal?.role === 'unit_reviewer';
}

export function confirmStepOf(principal: Principal | undefined, book: RegistrationBook): 'unit' | 'dept' | undefined {
  if (principal?.role === 'unit_reviewer' && book.status === 'open') return 'unit';
  if (principal?.role === 'dept_reviewer' && book.status === 'unit_confirmed') return 'dept';
  return undefined;
}

export function mayReopen(principal: Principal | undefined, book: RegistrationBook): boolean {
  return principal?.role === 'unit_reviewer' && book.status !== 'open';
}

export function maySeeAudit(principal: Principal | undefined): boolean {
  return principal !== undefined && principal.role !== 'person';
}

/** Evidence goes with the entry: the clerk for any, a person for what they entered (base records included for the clerk). */
export function mayAttachEvidence(principal: Principal | undefined, record: ActivityRecord): boolean {
  if (!mayEditRecords(principal) || record.status === 'withdrawn') return false;
  return principal!.role === 'unit_clerk' || record.createdBy === principal!.userId;
}

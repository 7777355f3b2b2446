import type { ApiKeySummary, NewBase, TrainingBase } from '../../../shared/bases.js';
import { ForbiddenError, ValidationError } from '../../../shared/errors.js';
import { PROVINCE_BASE_LEVELS } from '../../../shared/province.js';
import type { Principal } from '../../auth/principal.js';
import { registerBaseWithKey, type BaseDeps } from '../bases.js';

/** The province stack is run by the provincial hr office (省人社厅专技处): its accounts sit in the 430000 tenant. */
export const PROVINCE_TENANT = '430000';

export function assertProvincialHrOffice(principal: Principal) {
  if (principal.role !== 'hr_officer' || principal.tenant !== PROVINCE_TENANT) {
    throw new ForbiddenError('role_not_allowed', '只有省人社厅可以管理省级统一报送');
  }
}

/**
 * Registers a national or provincial base in the province's register with its one API key (shown
 * once): the same registration, key hashing and constant-time check as a tenant's (use-cases/bases.ts).
 */
export async function registerProvinceBase(
  deps: BaseDeps,
  principal: Principal,
  input: NewBase,
): Promise<{ base: TrainingBase; apiKey: ApiKeySummary & { key: string } }> {
  assertProvincialHrOffice(principal);
  if (!(PROVINCE_BASE_LEVELS as readonly string[]).includes(input.level)) {
    throw new ValidationError('validation_failed', '请求参数有误', [{ path: 'level', message: '省级统一报送只登记国家级或省级基地' }]);
  }
  return registerBaseWithKey(deps, principal, input);
}

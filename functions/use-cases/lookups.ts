import { DomainError } from '../../shared/errors.js';
import { maskResidentId } from '../../shared/mask.js';
import type { Principal } from '../auth/principal.js';
import type { RateLimitStore } from '../ports/bases.js';
import type { AuditRepository } from '../ports/records.js';
import { auditBy } from './audit-event.js';

/**
 * No registration oracle (issue 12, rules §5/§6). A resident ID the caller cannot see — registered in
 * another unit, or nowhere — gets one answer, in the same words everywhere a clerk types an ID (people
 * search, attendance, history imports). Each such failed lookup is counted per account in a China-day
 * window, audited (masked IDs only), and once the day's budget is spent every request of that account
 * that looks up IDs is refused before any ID is looked at, so the refusal says nothing about an ID.
 */
export const FAILED_LOOKUPS_PER_DAY = 100;

/** The one answer for an ID outside the caller's scope, registered elsewhere or not at all. */
export const NOT_IN_SCOPE = {
  code: 'person_not_found',
  message: '本单位没有该身份证号码的人员；尚未登记的请先登记，在其他单位的由人社部门或其所在单位办理调入',
} as const;

/**
 * The answer to a registration that needs the hr office (an ID registered outside the caller's
 * scope): the same words for a single registration and an import row.
 */
export const REFERRED_TO_HR = {
  code: 'referred_to_hr_office',
  message: '该人员需由人社部门或其所在单位核实办理，已转人社部门处理；办理完成后将出现在本单位名单中',
} as const;

export interface LookupDeps {
  rateLimits: RateLimitStore;
  audit: AuditRepository;
  clock: () => Date;
  newId: () => string;
}

const DAY = 86_400;

function window(deps: LookupDeps, principal: Principal) {
  // China days (UTC+8): the window turns at 00:00 in Asia/Shanghai.
  const chinaSeconds = Math.floor(deps.clock().getTime() / 1000) + 8 * 3600;
  const start = chinaSeconds - (chinaSeconds % DAY) - 8 * 3600;
  return { bucket: `lookup#${principal.userId}`, start, expiresAt: start + 2 * DAY };
}

const limitReached = () =>
  new DomainError(
    'rate_limited',
    'lookup_limit_exceeded',
    `今日查询不到的身份证号码已达 ${FAILED_LOOKUPS_PER_DAY} 个，请明日再试或联系人社部门`,
    [],
    {
      retryAfterSeconds: 3600,
    },
  );

/** Before looking any ID up: refused once the account's budget for the day is spent. */
export async function assertLookupBudget(deps: LookupDeps, principal: Principal): Promise<void> {
  const w = window(deps, principal);
  if ((await deps.rateLimits.count(w.bucket, w.start)) >= FAILED_LOOKUPS_PER_DAY) throw limitReached();
}

/** Counts and audits the IDs a request could not find in the caller's scope. */
export async function recordFailedLookups(deps: LookupDeps, principal: Principal, where: string, idNumbers: string[]): Promise<void> {
  if (!idNumbers.length) return;
  const w = window(deps, principal);
  await deps.rateLimits.hit(w.bucket, w.start, w.expiresAt, idNumbers.length);
  await deps.audit.append(
    auditBy(deps, principal, {
      entity: 'account',
      entityId: principal.userId,
      action: 'failed_lookup',
      reason: `${where}：${idNumbers.length} 个身份证号码不在管辖范围内`,
      after: { idNumbersMasked: idNumbers.slice(0, 50).map(maskResidentId) },
    }),
  );
}

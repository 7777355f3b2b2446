import type * as z from 'zod';
import { chinaDateOf } from '../../shared/calendar.js';
import { ForbiddenError, RuleViolationError } from '../../shared/errors.js';
import type { NewPriorCertificateSchema, StoredPriorCertificate } from '../../shared/history.js';
import type { Principal } from '../auth/principal.js';
import type { HistoryRepository } from '../ports/history.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import { auditBy } from './audit-event.js';
import { recomputeBooks, type RecomputeDeps } from './recompute-books.js';
import { loadPersonInScope } from './scope.js';

export interface HistoryDeps extends RecomputeDeps {
  organisations: OrganisationRepository;
  history: HistoryRepository;
  clock: () => Date;
  newId: () => string;
}

/** A person's prior 学时认定单 and paper-era years (SPEC §3: covered years come from them). */
export async function listHistory(deps: HistoryDeps, principal: Principal, personId: string) {
  await loadPersonInScope(deps, principal, personId);
  return deps.history.listForPerson(personId);
}

/**
 * A clerk records a certificate the person already holds. Its years must still be open: a confirmed
 * year is reopened first (with a reason), as for any other change to a locked year.
 */
export async function addPriorCertificate(
  deps: HistoryDeps,
  principal: Principal,
  personId: string,
  input: z.infer<typeof NewPriorCertificateSchema>,
): Promise<StoredPriorCertificate> {
  if (principal.role !== 'unit_clerk') throw new ForbiddenError('role_not_allowed', '只有单位经办人可以登记学时认定单');
  await loadPersonInScope(deps, principal, personId);
  const thisYear = Number(chinaDateOf(deps.clock()).slice(0, 4));
  const future = input.years.find((y) => y.year > thisYear);
  if (future) throw new RuleViolationError('certificate_year_in_future', `认定单年度（${future.year}年）不能晚于今年`);
  const locked = await deps.history.confirmedYears(input.years.map((y) => ({ personId, year: y.year })));
  if (locked.length) {
    const years = locked.map((l) => `${l.year}年`).join('、');
    throw new RuleViolationError('year_locked', `${years}已确认（锁定），须先重新打开该年度再登记认定单`);
  }
  const certificate: StoredPriorCertificate = {
    number: input.number,
    years: [...input.years].sort((a, b) => a.year - b.year),
    personId,
    source: 'prior_certificate',
    createdAt: deps.clock().toISOString(),
    createdBy: principal.userId,
  };
  await deps.history.addCertificate(
    certificate,
    auditBy(deps, principal, { entity: 'person', entityId: personId, action: 'add_prior_certificate', after: certificate }),
  );
  await recomputeBooks(deps, personId);
  return certificate;
}

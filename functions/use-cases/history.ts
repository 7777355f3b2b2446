import type * as z from 'zod';
import { birthDateOf, yearIssues } from '../../shared/plausibility.js';
import { chinaDateOf } from '../../shared/calendar.js';
import { ForbiddenError, RuleViolationError, ValidationError } from '../../shared/errors.js';
import {
  isOwnSystemCertificateNumber,
  normaliseSystemCertificateNumber,
  type NewPriorCertificateSchema,
  type StoredPriorCertificate,
} from '../../shared/history.js';
import type { CertificationRepository } from '../ports/certification.js';
import type { Principal } from '../auth/principal.js';
import type { HistoryRepository } from '../ports/history.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import { auditBy } from './audit-event.js';
import { recomputeBooks, type RecomputeDeps } from './recompute-books.js';
import { loadPersonInScope } from './scope.js';

export interface HistoryDeps extends RecomputeDeps {
  organisations: OrganisationRepository;
  history: HistoryRepository;
  certification: Pick<CertificationRepository, 'listPersonCertificates'>;
  clock: () => Date;
  newId: () => string;
}

/** A person's prior 学时认定单 and paper-era years (rules §3: covered years come from them). */
export async function listHistory(deps: HistoryDeps, principal: Principal, personId: string) {
  await loadPersonInScope(deps, principal, personId);
  return deps.history.listForPerson(personId);
}

/**
 * The issued, unrevoked certificate of this stack with this number, held by this person; the same
 * answer whether the number is unknown, revoked or someone else's, so entering numbers reveals nothing.
 */
export async function matchIssuedCertificate(deps: Pick<HistoryDeps, 'certification'>, personId: string, number: string) {
  const wanted = normaliseSystemCertificateNumber(number);
  const issued = (await deps.certification.listPersonCertificates(personId)).find((c) => c.number === wanted && c.status === 'valid');
  if (!issued) {
    throw new RuleViolationError(
      'certificate_not_matched',
      `未找到该人员名下有效的学时认定单 ${wanted}：本系统编号（HN-）须与已为该人员出具、未撤销的认定单一致`,
      [{ path: 'number', message: '与该人员已出具的认定单不一致' }],
    );
  }
  return issued;
}

/**
 * A clerk records a certificate the person already holds (rules §3 revised). A number of this system
 * counts only as the person's own issued, unrevoked certificate, its years read from it; any other is
 * recorded `unverified` with the years typed, covers no year, and waits for its scan and a second
 * account's check (prior-certificates.ts). Its years must still be open: a confirmed year is reopened
 * first (with a reason), as for any other change to a locked year.
 */
export async function addPriorCertificate(
  deps: HistoryDeps,
  principal: Principal,
  personId: string,
  input: z.infer<typeof NewPriorCertificateSchema>,
): Promise<StoredPriorCertificate> {
  if (principal.role !== 'unit_clerk') throw new ForbiddenError('role_not_allowed', '只有单位经办人可以登记学时认定单');
  const { person } = await loadPersonInScope(deps, principal, personId);
  const system = isOwnSystemCertificateNumber(input.number, deps.config.tenant);
  if (system && input.years) {
    throw new ValidationError('years_not_allowed', '本系统出具的认定单只填编号，年度和学时取自该认定单', [
      { path: 'years', message: '不能填写' },
    ]);
  }
  if (!system && !input.years) {
    throw new ValidationError('years_required', '请填写认定单所列各年度的公需、专业学时', [{ path: 'years', message: '必填' }]);
  }
  const issued = system ? await matchIssuedCertificate(deps, personId, input.number) : undefined;
  const years = issued
    ? issued.years.map((y) => ({
        year: y.year,
        publicHours: y.publicHours,
        professionalHours: y.professionalHours,
        ...(y.deemedComplete ? { deemedComplete: true } : {}),
      }))
    : input.years!;
  const today = chinaDateOf(deps.clock());
  const thisYear = Number(today.slice(0, 4));
  const future = years.find((y) => y.year > thisYear);
  if (future) throw new RuleViolationError('certificate_year_in_future', `认定单年度（${future.year}年）不能晚于今年`);
  const early = years.flatMap((y, i) => yearIssues(y.year, { today, birthDate: birthDateOf(person.idNumber) }, `years.${i}.year`));
  if (early.length) throw new RuleViolationError('implausible_certificate', `认定单与常理不符：${early[0]!.message}`, early);
  const locked = await deps.history.confirmedYears(years.map((y) => ({ personId, year: y.year })));
  if (locked.length) {
    const list = locked.map((l) => `${l.year}年`).join('、');
    throw new RuleViolationError('year_locked', `${list}已确认（锁定），须先重新打开该年度再登记认定单`);
  }
  const at = deps.clock().toISOString();
  const certificate: StoredPriorCertificate = {
    number: issued ? issued.number : input.number,
    years: [...years].sort((a, b) => a.year - b.year),
    personId,
    source: 'prior_certificate',
    createdAt: at,
    createdBy: principal.userId,
    verification: issued ? { status: 'verified', method: 'system', by: 'system', at } : { status: 'unverified' },
  };
  await deps.history.addCertificate(
    certificate,
    auditBy(deps, principal, { entity: 'person', entityId: personId, action: 'add_prior_certificate', after: certificate }),
    { matchedIssued: Boolean(issued) },
  );
  await recomputeBooks(deps, personId);
  return certificate;
}

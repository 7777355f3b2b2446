import { birthDateOf, rangeIssues } from '../../shared/plausibility.js';
import { chinaDateOf } from '../../shared/calendar.js';
import { ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../../shared/errors.js';
import {
  attendanceUnits,
  filedTrainingActivity,
  filingRecipient,
  type AttendanceEntry,
  type AttendanceResult,
  type Filing,
  type FilingStatus,
  type NewFiling,
} from '../../shared/filings.js';
import { parseResidentId } from '../../shared/id-number.js';
import { maskResidentId } from '../../shared/mask.js';
import { assertLookupBudget, NOT_IN_SCOPE, recordFailedLookups, type LookupDeps } from './lookups.js';
import { attributedYears, type ActivityRecord } from '../../shared/records.js';
import type { Principal } from '../auth/principal.js';
import type { FilingRepository } from '../ports/filings.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { Page } from '../ports/records.js';
import { auditBy } from './audit-event.js';
import { findKnownPeople } from './known-people.js';
import { recomputeBooks, type RecomputeDeps } from './recompute-books.js';
import { canSeeUnit, loadScope, visibleOrganisations } from './scope.js';

export interface FilingDeps extends RecomputeDeps, LookupDeps {
  organisations: OrganisationRepository;
  filings: FilingRepository;
  clock: () => Date;
  newId: () => string;
}

/** A unit files its own offline training in advance (rules §5 W3); it goes to whoever keeps the record. */
export async function fileTraining(deps: FilingDeps, principal: Principal, input: NewFiling): Promise<Filing> {
  if (principal.role !== 'unit_clerk') throw new ForbiddenError('role_not_allowed', '只有单位经办人可以备案培训');
  const scope = await loadScope(deps, principal);
  if (scope.own.kind !== 'unit') throw new ForbiddenError('role_not_allowed', '只有用人单位可以备案培训');
  const today = chinaDateOf(deps.clock());
  // 备案 is in advance: a training that has already begun can no longer be filed.
  if (input.startDate < today) {
    throw new RuleViolationError('filing_too_late', `培训须在开始前备案（开始日期 ${input.startDate} 早于今天 ${today}）`);
  }
  // The unit's ancestors by their ids in its path (at most three), not the tree.
  const chain = [...(await scope.organisations(scope.own.path)).values()];
  const recipient = filingRecipient(scope.own, input.category, chain);
  const now = deps.clock().toISOString();
  const filing: Filing = {
    id: deps.newId(),
    unitId: scope.own.id,
    unitName: scope.own.name,
    ...input,
    recipientOrgId: recipient.orgId,
    recipientKind: recipient.kind,
    status: 'filed',
    version: 1,
    filedAt: now,
    filedBy: principal.userId,
    attendanceCount: 0,
  };
  await deps.filings.create(
    filing,
    auditBy(deps, principal, { entity: 'training_filing', entityId: filing.id, action: 'file', to: 'filed', after: filing }),
  );
  return filing;
}

/** A filing is visible to its unit's side of the tree and to the organisation it was filed with. */
async function loadFilingInScope(deps: FilingDeps, principal: Principal, filingId: string) {
  const scope = await loadScope(deps, principal);
  const filing = await deps.filings.get(filingId);
  const visible = filing && (await visibleOrganisations(scope, [filing.unitId, filing.recipientOrgId])).size > 0;
  if (!filing || !visible) throw new NotFoundError('filing_not_found', '备案不存在或不在管辖范围内');
  return { filing, scope };
}

export async function getFiling(deps: FilingDeps, principal: Principal, filingId: string): Promise<Filing> {
  return (await loadFilingInScope(deps, principal, filingId)).filing;
}

/**
 * Lists filings: a unit's own (unit roles; others name a unit in their scope), or the inbox of the
 * caller's department or hr office (`box: 'inbox'`, the default for dept_reviewer and hr_officer).
 */
export async function listFilings(
  deps: FilingDeps,
  principal: Principal,
  query: { box?: 'inbox' | 'unit'; unitId?: string; status?: FilingStatus; cursor?: string; limit: number },
): Promise<Page<Filing>> {
  const scope = await loadScope(deps, principal);
  const reviewer = principal.role === 'dept_reviewer' || principal.role === 'hr_officer';
  const box = query.box ?? (query.unitId || !reviewer ? 'unit' : 'inbox');
  if (box === 'inbox') {
    if (!reviewer) throw new ForbiddenError('role_not_allowed', '只有主管部门或人社部门有备案待办');
    return deps.filings.listByRecipient(scope.own.id, query);
  }
  const unitId = query.unitId ?? (scope.own.kind === 'unit' ? scope.own.id : undefined);
  if (!unitId) throw new ValidationError('unit_required', '请选择单位', [{ path: 'query.unitId', message: '请选择单位' }]);
  if (!(await canSeeUnit(scope, unitId))) {
    throw new NotFoundError('unit_not_found', '单位不存在或不在管辖范围内');
  }
  return deps.filings.listByUnit(unitId, query);
}

/** Only the organisation the filing went to decides it, by its reviewer role for that kind of office. */
async function loadForDecision(deps: FilingDeps, principal: Principal, filingId: string, version: number) {
  const { filing } = await loadFilingInScope(deps, principal, filingId);
  const role = filing.recipientKind === 'department' ? 'dept_reviewer' : 'hr_officer';
  if (principal.orgId !== filing.recipientOrgId || principal.role !== role) {
    throw new ForbiddenError('not_recipient', '该备案不由您所在的部门确认');
  }
  if (filing.status !== 'filed') throw new RuleViolationError('filing_not_open', '该备案已处理');
  if (filing.version !== version) throw new RuleViolationError('stale_version', '该备案已被修改，请刷新后重试');
  return filing;
}

export async function acknowledgeFiling(deps: FilingDeps, principal: Principal, filingId: string, input: { version: number }) {
  const filing = await loadForDecision(deps, principal, filingId, input.version);
  const at = deps.clock().toISOString();
  return deps.filings.transition(
    filing,
    { status: 'acknowledged', decidedAt: at, decidedBy: principal.userId },
    auditBy(deps, principal, { entity: 'training_filing', entityId: filing.id, action: 'acknowledge', from: 'filed', to: 'acknowledged' }),
  );
}

export async function returnFiling(deps: FilingDeps, principal: Principal, filingId: string, input: { version: number; reason: string }) {
  const filing = await loadForDecision(deps, principal, filingId, input.version);
  const at = deps.clock().toISOString();
  return deps.filings.transition(
    filing,
    { status: 'returned', decidedAt: at, decidedBy: principal.userId, returnReason: input.reason },
    auditBy(deps, principal, {
      entity: 'training_filing',
      entityId: filing.id,
      action: 'return',
      from: 'filed',
      to: 'returned',
      reason: input.reason,
    }),
  );
}

/**
 * Attendance of an acknowledged training that has been held: each known person of the unit is
 * credited (source `filed_training`; pending in a confirmed year), once per filing; unknown ID numbers
 * and people of other units are reported per entry. The upload itself is a state change (audited,
 * conditional on state and version) made before any credit, so two uploads cannot interleave.
 */
export async function uploadAttendance(
  deps: FilingDeps,
  principal: Principal,
  filingId: string,
  input: { version: number; entries: AttendanceEntry[] },
): Promise<{ filing: Filing; results: AttendanceResult[] }> {
  if (principal.role !== 'unit_clerk') throw new ForbiddenError('role_not_allowed', '只有单位经办人可以录入出勤');
  const { filing } = await loadFilingInScope(deps, principal, filingId);
  if (principal.orgId !== filing.unitId) throw new ForbiddenError('not_filing_unit', '只有备案单位可以录入出勤');
  if (filing.status !== 'acknowledged' && filing.status !== 'completed') {
    throw new RuleViolationError('filing_not_acknowledged', '备案尚未确认，不能录入出勤');
  }
  const today = chinaDateOf(deps.clock());
  if (filing.endDate > today) throw new RuleViolationError('training_not_finished', `培训尚未结束（结束日期 ${filing.endDate}）`);
  if (filing.version !== input.version) throw new RuleViolationError('stale_version', '该备案已被修改，请刷新后重试');
  // Before any ID is looked at, so a refusal says nothing about the IDs sent.
  await assertLookupBudget(deps, principal);

  const updated = await deps.filings.transition(
    filing,
    { status: 'completed' },
    auditBy(deps, principal, {
      entity: 'training_filing',
      entityId: filing.id,
      action: 'attendance',
      from: filing.status,
      to: 'completed',
      reason: `上传出勤 ${input.entries.length} 人`,
    }),
  );

  const results: AttendanceResult[] = new Array(input.entries.length);
  const parsed = input.entries.map((entry, index) => {
    const id = parseResidentId(entry.idNumber);
    if (!id.ok) {
      results[index] = {
        index,
        idNumberMasked: maskResidentId(entry.idNumber),
        status: 'rejected',
        error: { code: id.code, message: id.message },
      };
      return undefined;
    }
    return { index, idNumber: id.value.idNumber, entry };
  });
  const valid = parsed.filter((p): p is NonNullable<typeof p> => p !== undefined);
  const notFound: string[] = [];
  // The batched people and book reads of the base ingest, reused for attendance sheets.
  const people = await findKnownPeople(deps.people, [...new Set(valid.map((v) => v.idNumber))]);
  const year = Number(filing.endDate.slice(0, 4));
  const statuses = await deps.books.statuses([...people.values()].map((p) => ({ personId: p.id, year })));
  const at = deps.clock().toISOString();
  const credited = new Set<string>();

  for (const { index, idNumber, entry } of valid) {
    const idNumberMasked = maskResidentId(idNumber);
    const person = people.get(idNumber);
    // Not registered, or registered in another unit: one answer, counted (no registration oracle).
    if (!person || person.unitId !== filing.unitId) {
      results[index] = { index, idNumberMasked, status: 'rejected', error: { ...NOT_IN_SCOPE } };
      notFound.push(idNumber);
      continue;
    }
    const units = attendanceUnits(filing, entry);
    if ('error' in units) {
      results[index] = { index, idNumberMasked, status: 'rejected', error: { code: 'invalid_units', message: units.error } };
      continue;
    }
    const implausible = rangeIssues({ ...filing, ...units }, { today, birthDate: birthDateOf(idNumber) });
    if (implausible.length) {
      results[index] = {
        index,
        idNumberMasked,
        status: 'rejected',
        error: { code: 'implausible_record', message: implausible[0]!.message },
      };
      continue;
    }
    const bookStatus = statuses.get(`${person.id}#${year}`);
    let locked = bookStatus !== undefined && bookStatus !== 'open';
    for (;;) {
      const activity = filedTrainingActivity(filing, units);
      const record: ActivityRecord = {
        id: deps.newId(),
        personId: person.id,
        unitId: person.unitId,
        activity,
        source: 'filed_training',
        status: locked ? 'pending' : 'active',
        years: attributedYears(activity),
        version: 1,
        createdAt: at,
        createdBy: principal.userId,
        updatedAt: at,
        updatedBy: principal.userId,
      };
      const outcome = await deps.filings.creditAttendee({
        filingId: filing.id,
        activity: record,
        audit: auditBy(deps, principal, {
          entity: 'activity',
          entityId: record.id,
          action: 'create',
          to: record.status,
          reason: `备案培训「${filing.title}」出勤`,
          after: record,
        }),
        openYears: locked ? [] : record.years,
      });
      if (outcome === 'year_locked' && !locked) {
        locked = true;
        continue;
      }
      if (outcome === 'exists') {
        results[index] = {
          index,
          idNumberMasked,
          personId: person.id,
          status: 'duplicate',
          error: { code: 'already_credited', message: '该人员已按本备案计入学时' },
        };
      } else {
        credited.add(person.id);
        results[index] = { index, idNumberMasked, personId: person.id, status: locked ? 'pending' : 'credited', recordId: record.id };
      }
      break;
    }
  }

  for (const personId of credited) await recomputeBooks(deps, personId);
  await recordFailedLookups(deps, principal, `备案培训「${filing.title}」出勤`, notFound);
  const newly = results.filter((r) => r.status === 'credited' || r.status === 'pending').length;
  if (newly) await deps.filings.addAttendance(filing.id, newly);
  return { filing: { ...updated, attendanceCount: updated.attendanceCount + newly }, results };
}

import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { evidenceStatus } from '../../shared/evidence-files.js';
import { activityLabel, type BookStatus, type RegistrationBook } from '../../shared/records.js';
import type { Principal } from '../auth/principal.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { EvidenceFileRepository } from '../ports/evidence.js';
import type { ActivityRepository, BookRepository, PeopleRepository } from '../ports/records.js';
import { auditBy } from './audit-event.js';
import { loadPersonInScope } from './scope.js';

export interface BookDeps {
  organisations: OrganisationRepository;
  people: PeopleRepository;
  books: BookRepository;
  activities: ActivityRepository;
  evidenceFiles: EvidenceFileRepository;
  clock: () => Date;
  newId: () => string;
}

export async function listBooks(deps: BookDeps, principal: Principal, personId: string): Promise<RegistrationBook[]> {
  await loadPersonInScope(deps, principal, personId);
  return deps.books.listForPerson(personId);
}

async function loadBook(deps: BookDeps, principal: Principal, personId: string, year: number) {
  const { person, scope } = await loadPersonInScope(deps, principal, personId);
  const book = await deps.books.get(personId, year);
  if (!book) throw new NotFoundError('book_not_found', `${year}年度尚无学时记录`);
  return { person, scope, book };
}

/**
 * The registration book's yearly sign-off (rules §5 W1): the unit confirms the year, then the
 * department. A year whose professional share is short may be confirmed only with a written reason
 * (rules §3 R1: the 2/3 is "一般", a soft rule).
 */
export async function confirmYear(
  deps: BookDeps,
  principal: Principal,
  personId: string,
  year: number,
  input: { version: number; reason?: string },
): Promise<RegistrationBook> {
  const { book, scope } = await loadBook(deps, principal, personId, year);
  if (book.version !== input.version) throw new ConflictError('stale_version', '该年度已被他人处理，请刷新后重试');
  let to: BookStatus;
  if (principal.role === 'unit_reviewer') {
    if (book.status !== 'open') throw new RuleViolationError('invalid_transition', '该年度已由单位确认');
    to = 'unit_confirmed';
  } else if (principal.role === 'dept_reviewer') {
    if (book.status !== 'unit_confirmed') throw new RuleViolationError('invalid_transition', '须先由单位确认该年度');
    if (scope.own.kind !== 'department') throw new ForbiddenError('role_not_allowed', '只有主管部门可以复核确认');
    to = 'dept_confirmed';
  } else {
    throw new ForbiddenError('role_not_allowed', '只有单位审核人或主管部门审核人可以确认年度学时');
  }
  const shareWarning = book.result.warnings.find((w) => w.code === 'professional_share_short');
  const shareShort = shareWarning !== undefined;
  const missing = to === 'unit_confirmed' ? await itemsWithoutEvidence(deps, personId, year) : [];
  const reason = input.reason?.trim();
  if ((shareWarning || missing.length) && !reason && to === 'unit_confirmed') {
    // The engine's warning opens with the rule and the year's figure ("专业科目不足60学时").
    const why = [
      ...(shareWarning ? [`${shareWarning.message.split('：')[0]}（一般要求）`] : []),
      ...(missing.length
        ? [`${missing.length}项学时缺少完整的证明材料（${missing.slice(0, 3).join('、')}${missing.length > 3 ? '等' : ''}）`]
        : []),
    ];
    throw new RuleViolationError('reason_required', `${why.join('；')}，确认时须填写书面说明`, [
      { path: 'reason', message: '请填写认可理由' },
    ]);
  }
  const signOff = { by: principal.userId, name: principal.name, at: deps.clock().toISOString() };
  return deps.books.transition(
    book,
    {
      status: to,
      ...(to === 'unit_confirmed' ? { unitConfirmed: signOff } : { deptConfirmed: signOff }),
      ...(shareShort && reason && to === 'unit_confirmed' ? { acceptedShortShareReason: reason } : {}),
      ...(missing.length && reason && to === 'unit_confirmed' ? { acceptedMissingEvidence: { count: missing.length, reason } } : {}),
    },
    auditBy(deps, principal, { entity: 'book', entityId: `${personId}#${year}`, action: 'confirm', from: book.status, to, reason }),
  );
}

/**
 * The year's counted items whose evidence is not complete (rules §4), by name: confirming the year over
 * them needs a written reason (issue 14), so a year is never signed off as if its proof were there.
 */
async function itemsWithoutEvidence(deps: BookDeps, personId: string, year: number): Promise<string[]> {
  const [records, files] = await Promise.all([deps.activities.listForPerson(personId), deps.evidenceFiles.listForPerson(personId)]);
  return records
    .filter((r) => r.status === 'active' && r.years.includes(year))
    .filter(
      (r) =>
        !evidenceStatus(
          r,
          files.filter((f) => f.activityId === r.id),
        ).complete,
    )
    .map(activityLabel);
}

/** Reopening a confirmed year needs a reason and is audited; items then change and pending ones can be accepted. */
export async function reopenYear(
  deps: BookDeps,
  principal: Principal,
  personId: string,
  year: number,
  input: { version: number; reason: string },
): Promise<RegistrationBook> {
  if (principal.role !== 'unit_reviewer') throw new ForbiddenError('role_not_allowed', '只有单位审核人可以重新打开年度');
  const { book } = await loadBook(deps, principal, personId, year);
  if (book.version !== input.version) throw new ConflictError('stale_version', '该年度已被他人处理，请刷新后重试');
  if (book.status === 'open') throw new RuleViolationError('invalid_transition', '该年度尚未确认，无需重新打开');
  return deps.books.transition(
    book,
    { status: 'open' },
    auditBy(deps, principal, {
      entity: 'book',
      entityId: `${personId}#${year}`,
      action: 'reopen',
      from: book.status,
      to: 'open',
      reason: input.reason,
    }),
  );
}

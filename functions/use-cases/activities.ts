import { ForbiddenError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { evidenceStatus } from '../../shared/evidence-files.js';
import { chinaDateOf } from '../../shared/calendar.js';
import type { Activity } from '../../shared/hours/index.js';
import { activityIssues, birthDateOf } from '../../shared/plausibility.js';
import { attributedYears, type ActivityRecord, type ActivitySource } from '../../shared/records.js';
import type { Principal } from '../auth/principal.js';
import type { EvidenceFileRepository } from '../ports/evidence.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { ActivityRepository, BookRepository, PeopleRepository } from '../ports/records.js';
import { auditBy } from './audit-event.js';
import { recomputeBooks, type RecomputeDeps } from './recompute-books.js';
import { assertMayEditRecords, assertUnitInScope, loadPersonInScope, loadScope } from './scope.js';

export interface ActivityDeps extends RecomputeDeps {
  organisations: OrganisationRepository;
  people: PeopleRepository;
  activities: ActivityRepository;
  books: BookRepository;
  config: { tenant: string };
  clock: () => Date;
  newId: () => string;
}

/**
 * The shared plausibility rules (shared/plausibility.ts): an entry that could not have happened —
 * in the future, before the person was 16, more days than its dates hold — is refused, never stored.
 */
function assertPlausible(deps: ActivityDeps, person: { idNumber: string }, activity: Activity) {
  const issues = activityIssues(activity, { today: chinaDateOf(deps.clock()), birthDate: birthDateOf(person.idNumber) });
  if (issues.length) {
    throw new RuleViolationError(
      'implausible_activity',
      `记录与常理不符：${issues[0]!.message}`,
      issues.map((i) => ({ path: `activity.${i.path}`, message: i.message })),
    );
  }
}

/** Which of these years are locked (confirmed)? An active item may only land in open years. */
async function lockedYears(deps: ActivityDeps, personId: string, years: number[]): Promise<number[]> {
  const books = await Promise.all(years.map((y) => deps.books.get(personId, y)));
  return books.filter((b) => b && b.status !== 'open').map((b) => b!.year);
}

/** Each activity with its evidence status (rules §4): which set is complete, what is missing. */
export async function listActivities(
  deps: ActivityDeps & { evidenceFiles: EvidenceFileRepository },
  principal: Principal,
  personId: string,
) {
  await loadPersonInScope(deps, principal, personId);
  const [records, files] = await Promise.all([deps.activities.listForPerson(personId), deps.evidenceFiles.listForPerson(personId)]);
  return records
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .map((r) => ({
      ...r,
      evidence: evidenceStatus(
        r,
        files.filter((f) => f.activityId === r.id),
      ),
    }));
}

/**
 * Adds an activity. In a confirmed year it waits as `pending` and the unit sees the count on the
 * year (rules §5 W1); it counts once the unit reopens the year and accepts it. A person's own entry
 * is recorded as theirs (`person_entry`) and is always `pending`: it counts in no year until a unit
 * clerk or reviewer accepts it (rules §6) — a self-declaration never credits itself.
 */
export async function addActivity(
  deps: ActivityDeps,
  principal: Principal,
  personId: string,
  input: { activity: Activity; source?: ActivitySource },
): Promise<ActivityRecord> {
  assertMayEditRecords(principal);
  const { person } = await loadPersonInScope(deps, principal, personId);
  assertPlausible(deps, person, input.activity);
  const years = attributedYears(input.activity);
  const locked = await lockedYears(deps, personId, years);
  const now = deps.clock().toISOString();
  const own = principal.role === 'person';
  const record: ActivityRecord = {
    id: deps.newId(),
    personId,
    unitId: person.unitId,
    activity: { ...input.activity, id: undefined } as Activity,
    source: own ? 'person_entry' : (input.source ?? 'unit_entry'),
    status: own || locked.length ? 'pending' : 'active',
    years,
    version: 1,
    createdAt: now,
    createdBy: principal.userId,
    updatedAt: now,
    updatedBy: principal.userId,
  };
  delete (record.activity as { id?: string }).id;
  await deps.activities.save(record, {
    audit: auditBy(deps, principal, { entity: 'activity', entityId: record.id, action: 'create', to: record.status, after: record }),
    openYears: record.status === 'active' ? years : [],
  });
  await recomputeBooks(deps, personId);
  return record;
}

async function loadEditable(deps: ActivityDeps, principal: Principal, personId: string, activityId: string) {
  assertMayEditRecords(principal);
  const { person } = await loadPersonInScope(deps, principal, personId);
  const record = await deps.activities.get(personId, activityId);
  if (!record) throw new NotFoundError('activity_not_found', '活动记录不存在');
  if (record.status === 'withdrawn') throw new RuleViolationError('activity_withdrawn', '该活动已撤回，不能再修改');
  if (principal.role === 'person' && record.createdBy !== principal.userId) {
    throw new RuleViolationError('not_own_entry', '只能修改本人录入的活动');
  }
  return { record, person };
}

async function assertYearsOpen(deps: ActivityDeps, personId: string, years: number[]) {
  const locked = await lockedYears(deps, personId, years);
  if (locked.length) {
    throw new RuleViolationError('year_locked', `${locked.join('、')}年度已确认，需由单位审核人重新打开后才能修改`);
  }
}

export async function updateActivity(
  deps: ActivityDeps,
  principal: Principal,
  personId: string,
  activityId: string,
  input: { activity: Activity; version: number },
): Promise<ActivityRecord> {
  const { record, person } = await loadEditable(deps, principal, personId, activityId);
  if (record.source === 'base_record') throw new RuleViolationError('base_record_readonly', '施教机构报送的记录不能修改');
  assertPlausible(deps, person, input.activity);
  const years = attributedYears(input.activity);
  if (record.status === 'active') await assertYearsOpen(deps, personId, [...new Set([...record.years, ...years])]);
  const activity = { ...input.activity } as Activity & { id?: string };
  delete activity.id;
  // A person's change to their own entry waits for the unit again, even once it was accepted.
  const own = principal.role === 'person';
  const updated: ActivityRecord = {
    ...record,
    ...(own ? { source: 'person_entry' as const, status: 'pending' as const } : {}),
    activity,
    years,
    version: input.version + 1,
    updatedAt: deps.clock().toISOString(),
    updatedBy: principal.userId,
  };
  await deps.activities.save(updated, {
    expectedVersion: input.version,
    audit: auditBy(deps, principal, {
      entity: 'activity',
      entityId: record.id,
      action: 'update',
      ...(record.status !== updated.status ? { from: record.status, to: updated.status } : {}),
      before: record,
      after: updated,
    }),
    openYears: updated.status === 'active' ? years : [],
  });
  await recomputeBooks(deps, personId);
  return updated;
}

export async function withdrawActivity(
  deps: ActivityDeps,
  principal: Principal,
  personId: string,
  activityId: string,
  input: { version: number; reason: string },
): Promise<ActivityRecord> {
  const { record } = await loadEditable(deps, principal, personId, activityId);
  if (record.status === 'active') await assertYearsOpen(deps, personId, record.years);
  const updated: ActivityRecord = {
    ...record,
    status: 'withdrawn',
    version: input.version + 1,
    updatedAt: deps.clock().toISOString(),
    updatedBy: principal.userId,
  };
  await deps.activities.save(updated, {
    expectedVersion: input.version,
    audit: auditBy(deps, principal, {
      entity: 'activity',
      entityId: record.id,
      action: 'withdraw',
      from: record.status,
      to: 'withdrawn',
      reason: input.reason,
    }),
    openYears: [],
  });
  await recomputeBooks(deps, personId);
  return updated;
}

/**
 * A pending item counts once the unit accepts it: a late item after the unit has reopened its year
 * (rules §5 W1), a person's own entry once the unit has checked it (rules §6). Audited.
 */
export async function acceptPendingActivity(
  deps: ActivityDeps,
  principal: Principal,
  personId: string,
  activityId: string,
  input: { version: number },
): Promise<ActivityRecord> {
  if (principal.role !== 'unit_clerk' && principal.role !== 'unit_reviewer') {
    throw new ForbiddenError('role_not_allowed', '只有本单位经办人或审核人可以接收待处理记录');
  }
  const { person } = await loadPersonInScope(deps, principal, personId);
  const record = await deps.activities.get(personId, activityId);
  if (!record) throw new NotFoundError('activity_not_found', '活动记录不存在');
  if (record.status !== 'pending') throw new RuleViolationError('not_pending', '该记录不是待处理状态');
  // Accepting is crediting: the same rules as entering, in case the entry predates them.
  assertPlausible(deps, person, record.activity);
  await assertYearsOpen(deps, personId, record.years);
  const updated: ActivityRecord = {
    ...record,
    status: 'active',
    version: input.version + 1,
    updatedAt: deps.clock().toISOString(),
    updatedBy: principal.userId,
  };
  await deps.activities.save(updated, {
    expectedVersion: input.version,
    audit: auditBy(deps, principal, { entity: 'activity', entityId: record.id, action: 'accept', from: 'pending', to: 'active' }),
    openYears: record.years,
  });
  await recomputeBooks(deps, personId);
  return updated;
}

/**
 * The unit's work list "待单位确认的本人填报": people's own entries waiting for a clerk or reviewer
 * to accept them (rules §6), oldest first, each with the person's name. Staff of the unit and above
 * read it; only the unit's clerk or reviewer accepts (acceptPendingActivity).
 */
export async function listPendingOwnEntries(
  deps: ActivityDeps,
  principal: Principal,
  unitId: string,
  options: { limit: number; cursor?: string },
) {
  if (principal.role === 'person') throw new ForbiddenError('role_not_allowed', '当前角色无权查看单位待确认事项');
  await assertUnitInScope(await loadScope(deps, principal), unitId);
  const page = await deps.activities.listPendingOwnEntries(unitId, options);
  const people = await Promise.all([...new Set(page.items.map((r) => r.personId))].map((id) => deps.people.get(id)));
  const names = new Map(people.filter((p) => p).map((p) => [p!.id, p!.name]));
  return {
    items: page.items.map((r) => ({ ...r, personName: names.get(r.personId) ?? '' })),
    cursor: page.cursor,
  };
}

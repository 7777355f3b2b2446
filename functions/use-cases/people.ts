import * as z from 'zod';
import { ConflictError, ForbiddenError, RuleViolationError, ValidationError } from '../../shared/errors.js';
import { ResidentIdSchema, isValidResidentId } from '../../shared/id-number.js';
import { maskResidentId } from '../../shared/mask.js';
import { EducationSchema, TitleLevelSchema, type Person, type PersonListItem } from '../../shared/person.js';
import type { Organisation } from '../../shared/organisation.js';
import type { Principal } from '../auth/principal.js';
import type { AggregateRepository } from '../ports/aggregates.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { BookRepository, PeopleRepository, StoredPerson, UnitMembership } from '../ports/records.js';
import { auditBy } from './audit-event.js';
import { matchAfterRegistration, type MatchingDeps } from './base-records.js';
import { recomputeBooks, type RecomputeDeps } from './recompute-books.js';
import type { TransferRequestRepository } from '../ports/transfers.js';
import { assertLookupBudget, recordFailedLookups, REFERRED_TO_HR, type LookupDeps } from './lookups.js';
import { assertUnitInScope, canSeeUnit, loadPersonInScope, loadScope } from './scope.js';
import { referRegistration } from './transfers.js';

export interface PeopleDeps extends RecomputeDeps {
  organisations: OrganisationRepository;
  aggregates: AggregateRepository;
  people: PeopleRepository;
  books: BookRepository;
  clock: () => Date;
  newId: () => string;
}

/** 《登记手册》basic information a person keeps up to date themself (rules §6). */
export const PersonBasicsSchema = z.object({
  titleSeries: z.string().trim().min(1).max(50).optional(),
  titleLevel: TitleLevelSchema.optional(),
  education: EducationSchema.optional(),
  doctorateYear: z.int().min(1950).max(2100).optional(),
});

export const NewPersonSchema = PersonBasicsSchema.extend({
  idNumber: ResidentIdSchema,
  name: z.string().trim().min(1, '姓名不能为空').max(50),
  unitId: z.string().min(1).max(100),
}).meta({ id: 'NewPerson' });

/** A change of basic information: an omitted field stays as it is, `null` clears it. */
export const PersonChangeSchema = z
  .object({
    titleSeries: PersonBasicsSchema.shape.titleSeries.unwrap().nullable().optional(),
    titleLevel: PersonBasicsSchema.shape.titleLevel.unwrap().nullable().optional(),
    education: PersonBasicsSchema.shape.education.unwrap().nullable().optional(),
    doctorateYear: PersonBasicsSchema.shape.doctorateYear.unwrap().nullable().optional(),
    name: z.string().trim().min(1).max(50).optional(),
    version: z.int().min(1),
  })
  .meta({ id: 'PersonChange' });

function toListItem(p: StoredPerson): PersonListItem {
  return {
    id: p.id,
    name: p.name,
    idNumberMasked: maskResidentId(p.idNumber),
    unitId: p.unitId,
    ...(p.titleSeries ? { titleSeries: p.titleSeries } : {}),
    ...(p.titleLevel ? { titleLevel: p.titleLevel } : {}),
  };
}

function assertClerkOfUnit(principal: Principal) {
  if (principal.role !== 'unit_clerk') throw new ForbiddenError('role_not_allowed', '只有单位经办人可以登记或调整人员');
}

/** What a registration answers: the person, or the words of every registration that needs the hr office. */
export type Registration = { status: 'registered'; person: StoredPerson } | { status: typeof REFERRED_TO_HR.code; message: string };

/**
 * Registers a person in the clerk's unit. An ID already held by someone the clerk can see is a 409
 * (they can see it anyway). An ID held by someone outside the clerk's scope is never registered twice
 * nor revealed: it becomes a transfer request for the hr office or the person's current unit, and the
 * clerk is answered in the words of every registration that needs the hr office; the lookup is counted
 * against the account's daily budget and audited (issue 12).
 */
export async function createPerson(
  deps: PeopleDeps & MatchingDeps & LookupDeps & { transfers: TransferRequestRepository },
  principal: Principal,
  input: z.infer<typeof NewPersonSchema>,
): Promise<Registration> {
  assertClerkOfUnit(principal);
  const scope = await loadScope(deps, principal);
  await assertUnitInScope(scope, input.unitId);
  // Checked before the ID is looked at, so a refusal says nothing about it.
  await assertLookupBudget(deps, principal);
  for (let attempt = 0; ; attempt++) {
    const existingId = await deps.people.findIdByIdNumber(input.idNumber);
    const existing = existingId ? await deps.people.get(existingId) : undefined;
    if (existing && (await canSeeUnit(scope, existing.unitId))) throw new ConflictError('id_number_exists', '该身份证号码已登记');
    if (existing) {
      await referRegistration(deps, principal, {
        person: existing,
        requestedName: input.name,
        toUnitId: input.unitId,
        source: 'registration',
      });
      await recordFailedLookups(deps, principal, '登记人员', [input.idNumber]);
      return { status: REFERRED_TO_HR.code, message: REFERRED_TO_HR.message };
    }
    const now = deps.clock().toISOString();
    const person: StoredPerson = { ...input, id: deps.newId(), version: 1, activityRevision: 0, createdAt: now, updatedAt: now };
    try {
      await deps.people.create(
        person,
        auditBy(deps, principal, { entity: 'person', entityId: person.id, action: 'create', after: person }),
      );
    } catch (err) {
      // Registered by someone else between our lookup and our write: answer as if it had been there.
      if (attempt === 0 && err instanceof ConflictError && err.code === 'id_number_exists') continue;
      throw err;
    }
    // Base records that waited for this resident ID are credited now (rules §5 W4).
    await matchAfterRegistration(deps, person);
    return { status: 'registered', person };
  }
}

export async function getPerson(deps: PeopleDeps, principal: Principal, personId: string) {
  const { person, scope } = await loadPersonInScope(deps, principal, personId);
  const history = await deps.people.unitHistory(personId);
  // Named here because a person may not list organisations, yet should see their unit's name: the
  // units this person has belonged to, read by id (a handful), not the tree.
  const organisations = await scope.organisations([person.unitId, ...history.map((h) => h.unitId)]);
  const nameOf = (id: string) => organisations.get(id)?.name ?? '';
  // Each past unit by name too: a clerk sees where a person came from, never another unit's code.
  return { person, unitName: nameOf(person.unitId), unitHistory: history.map((h) => ({ ...h, unitName: nameOf(h.unitId) })) };
}

export async function updatePerson(deps: PeopleDeps, principal: Principal, personId: string, input: z.infer<typeof PersonChangeSchema>) {
  if (principal.role !== 'unit_clerk' && principal.role !== 'person') {
    throw new ForbiddenError('role_not_allowed', '当前角色无权修改人员信息');
  }
  const { person } = await loadPersonInScope(deps, principal, personId);
  if (principal.role === 'person' && input.name !== undefined && input.name !== person.name) {
    throw new RuleViolationError('name_change_by_unit', '姓名变更须由单位经办人办理');
  }
  const { version, ...changes } = input;
  const updated: StoredPerson = { ...person, version: version + 1, updatedAt: deps.clock().toISOString() };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete (updated as unknown as Record<string, unknown>)[field];
    else if (value !== undefined) (updated as unknown as Record<string, unknown>)[field] = value;
  }
  await deps.people.update(
    updated,
    version,
    auditBy(deps, principal, { entity: 'person', entityId: personId, action: 'update', before: person, after: updated }),
  );
  return updated;
}

/** A move between units keeps the history: the old membership stays, a new one starts now. */
export async function transferPerson(
  deps: PeopleDeps,
  principal: Principal,
  personId: string,
  input: { toUnitId: string; version: number; reason?: string },
) {
  assertClerkOfUnit(principal);
  const { person } = await loadPersonInScope(deps, principal, personId);
  // The sending unit's clerk moves the person; the receiving unit must exist in the tenant.
  const target = await deps.organisations.get(input.toUnitId);
  if (target?.kind !== 'unit') {
    throw new ValidationError('unit_not_found', '调入单位不存在', [{ path: 'toUnitId', message: '调入单位不存在' }]);
  }
  if (input.toUnitId === person.unitId) throw new RuleViolationError('same_unit', '调入单位与当前单位相同');
  const at = deps.clock().toISOString();
  const updated: StoredPerson = { ...person, unitId: input.toUnitId, version: input.version + 1, updatedAt: at };
  const move: UnitMembership = {
    unitId: input.toUnitId,
    from: at,
    by: principal.userId,
    ...(input.reason ? { reason: input.reason } : {}),
  };
  await deps.people.update(
    updated,
    input.version,
    auditBy(deps, principal, {
      entity: 'person',
      entityId: personId,
      action: 'transfer',
      from: person.unitId,
      to: input.toUnitId,
      reason: input.reason,
    }),
    move,
  );
  await recomputeBooks(deps, personId);
  return updated;
}

export interface ListPeopleQuery {
  unitId?: string;
  q?: string;
  year?: number;
  compliance?: 'compliant' | 'short';
  cursor?: string;
  limit: number;
}

/**
 * The people list: one unit, or every unit in scope (全部单位, the default above units), searched by
 * name or resident ID, with a year's hours and 达标, filtered by compliance, paged by cursor. Only a
 * compliance filter reads the unit-year index (people with a book that year); otherwise the people index
 * in pinyin order, so people without a record that year are listed as such. `total` is counted where
 * it costs one unit's index partition (a unit, no name or compliance filter), else null.
 */
export async function listPeople(deps: PeopleDeps & LookupDeps, principal: Principal, query: ListPeopleQuery) {
  if (principal.role === 'person') throw new ForbiddenError('role_not_allowed', '当前角色无权查看人员名单');
  const scope = await loadScope(deps, principal);
  const unitId = query.unitId ?? (scope.own.kind === 'unit' ? scope.own.id : undefined);
  const unit = unitId ? await assertUnitInScope(scope, unitId) : undefined;
  const q = query.q?.trim();

  if (q && isValidResidentId(q)) {
    // An ID number is an exact lookup, never a filter over the unit; a miss is counted (issue 12).
    await assertLookupBudget(deps, principal);
    const id = await deps.people.findIdByIdNumber(q.toUpperCase());
    const person = id ? await deps.people.get(id) : undefined;
    const items =
      person && (unitId ? person.unitId === unitId : true) && (await canSeeUnit(scope, person.unitId)) ? [toListItem(person)] : [];
    if (!items.length) await recordFailedLookups(deps, principal, '按身份证号码查询人员', [q.toUpperCase()]);
    return { items: await withYear(deps, items, query.year), cursor: null, total: items.length };
  }

  if (query.year !== undefined && query.compliance !== undefined) {
    // By compliance: the unit-year index, one unit at a time (a tenant-wide read has no index).
    if (!unitId)
      throw new ValidationError('unit_required', '按达标情况筛选时请选择单位', [{ path: 'query.unitId', message: '请选择单位' }]);
    const page = await deps.books.listByUnitYear(unitId, query.year, {
      compliant: query.compliance === 'compliant',
      limit: query.limit,
      cursor: query.cursor,
    });
    const people = new Map((await deps.people.getMany(page.items.map((b) => b.personId))).map((p) => [p.id, p]));
    const items = page.items
      .map((b): PersonListItem | undefined => {
        const p = people.get(b.personId);
        if (!p || p.unitId !== unitId || (q && !p.name.includes(q))) return undefined;
        return {
          ...toListItem(p),
          year: { year: b.year, totalHours: b.result.totalHours, compliant: b.result.compliant, status: b.status },
        };
      })
      .filter((x): x is PersonListItem => x !== undefined);
    return { items, cursor: page.cursor, total: null };
  }

  const options = { limit: query.limit, cursor: query.cursor, nameContains: q || undefined };
  // The total is the maintained people count of the unit or of the whole scope (one item, issue 19);
  // a name search has no count short of reading every match.
  const [page, total] = await Promise.all([
    unitId ? deps.people.listByUnit(unitId, options) : listAcrossUnits(deps, scope.own, options),
    q ? Promise.resolve(null) : deps.aggregates.forOrganisation(unit ?? scope.own).then((a) => a.people),
  ]);
  return { items: await withYear(deps, page.items.map(toListItem), query.year), cursor: page.cursor, total };
}

/** Units read per step of 全部单位, and steps per page: a page costs a bounded number of queries. */
const UNITS_PER_STEP = 20;
const MAX_STEPS = 5;

/**
 * 全部单位: the people of every unit below `root`, unit after unit in tree order, each unit in pinyin
 * order. The cursor pairs the subtree page of units being read with the people cursor inside it, so
 * no request reads more than MAX_STEPS pages of units however large the city (issue 19); a step that
 * runs out of its query budget ends the page early with a cursor.
 */
async function listAcrossUnits(
  deps: { organisations: OrganisationRepository; people: PeopleRepository },
  root: Organisation,
  options: { limit: number; cursor?: string; nameContains?: string },
): Promise<{ items: StoredPerson[]; cursor: string | null }> {
  const position = decodeAcrossCursor(options.cursor);
  let units = position.units;
  let people = position.people;
  const items: StoredPerson[] = [];
  for (let step = 0; step < MAX_STEPS && items.length < options.limit; step++) {
    const unitPage = await deps.organisations.listBelow(root.id, { limit: UNITS_PER_STEP, ...(units ? { cursor: units } : {}) });
    const unitIds = unitPage.items.filter((o) => o.kind === 'unit').map((o) => o.id);
    const page = unitIds.length
      ? await deps.people.listByUnits(unitIds, { limit: options.limit - items.length, cursor: people, nameContains: options.nameContains })
      : { items: [], cursor: null };
    items.push(...page.items);
    if (page.cursor) return { items, cursor: encodeAcrossCursor({ units, people: page.cursor }) };
    units = unitPage.cursor ?? undefined;
    people = undefined;
    if (!units) return { items, cursor: null };
  }
  return { items, cursor: encodeAcrossCursor({ units }) };
}

/** Both halves are opaque cursors checked by their own readers; this only pairs them. */
function encodeAcrossCursor(position: { units?: string; people?: string }): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

const AcrossCursorSchema = z.object({ units: z.string().optional(), people: z.string().optional() }).strict();

function decodeAcrossCursor(cursor: string | undefined): { units?: string; people?: string } {
  if (!cursor) return {};
  try {
    return AcrossCursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('invalid_cursor', '分页游标无效', [{ path: 'query.cursor', message: '分页游标无效，请从第一页重新查询' }]);
  }
}

async function withYear(deps: PeopleDeps, items: PersonListItem[], year?: number) {
  if (year === undefined) return items;
  return Promise.all(
    items.map(async (item) => {
      const b = await deps.books.get(item.id, year);
      return b ? { ...item, year: { year, totalHours: b.result.totalHours, compliant: b.result.compliant, status: b.status } } : item;
    }),
  );
}

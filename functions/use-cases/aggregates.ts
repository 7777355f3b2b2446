import { bookStanding, complianceYear, ZERO_COUNTERS, type OrganisationCompliance, type YearCounters } from '../../shared/aggregates.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import type { Organisation } from '../../shared/organisation.js';
import type { Principal } from '../auth/principal.js';
import type { AggregateRepository, StoredAggregates } from '../ports/aggregates.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { BookRepository, PeopleRepository } from '../ports/records.js';
import { recomputeBooks, type RecomputeDeps } from './recompute-books.js';
import { childrenOf } from './list-organisations.js';
import { everyItem } from './paging.js';
import { loadScope, visibleOrganisation } from './scope.js';

export interface AggregateDeps {
  organisations: OrganisationRepository;
  aggregates: AggregateRepository;
}

function toCompliance(org: Organisation, stored: StoredAggregates): OrganisationCompliance {
  const years = [...stored.years.keys()].sort((a, b) => a - b);
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    people: stored.people,
    years: years.map((y) => complianceYear(y, stored.people, stored.years.get(y) ?? ZERO_COUNTERS)),
  };
}

/**
 * The dashboard's figures (issue 14 item 5, issue 19 item 2): an organisation in scope and the
 * organisations directly under it, each with every year's maintained counts. One query per
 * organisation shown, whatever the number of people under it.
 */
export async function complianceOverview(
  deps: AggregateDeps,
  principal: Principal,
  input: { org?: string },
): Promise<{ organisation: OrganisationCompliance; children: OrganisationCompliance[] }> {
  if (principal.role === 'person') throw new ForbiddenError('role_not_allowed', '当前角色无权查看达标统计');
  const scope = await loadScope(deps, principal);
  const root = input.org === undefined ? scope.own : await visibleOrganisation(scope, input.org);
  if (!root) throw new NotFoundError('organisation_not_found', '组织不存在或不在管辖范围内');
  const children = await childrenOf(deps.organisations, root.id);
  const shown = [root, ...children];
  const stored = await Promise.all(shown.map((o) => deps.aggregates.forOrganisation(o)));
  const [organisation, ...rest] = shown.map((o, i) => toCompliance(o, stored[i]!));
  return { organisation: organisation!, children: rest };
}

export interface ReconcileDeps extends AggregateDeps, RecomputeDeps {
  people: PeopleRepository;
  books: BookRepository;
}

export interface YearDrift {
  year: number;
  stored: YearCounters;
  recounted: YearCounters;
}

export interface ReconcileReport {
  unitId: string;
  people: { stored: number; recounted: number };
  years: YearDrift[];
  /** Books whose counted contribution did not match what they hold (fixed when `fix`). */
  booksRecounted: number;
  /** People whose books were still counted under another unit (moved when `fix`). */
  booksMoved: number;
  /** Ancestors (department, hr office) whose counts were not the sum of those directly under them. */
  ancestorsDrifted: number;
  drift: boolean;
  fixed: boolean;
}

const PAGE = 500;

/**
 * Reconciliation (issue 19 item 2): recounts a unit from its people and their books and reports any
 * difference from the maintained counts. With `fix`, books counted as something else are re-counted
 * one by one (each its own conditional transaction, like any book write), books still counted under
 * a unit the person has left are recomputed, and what remains is added to the unit; then each ancestor
 * is compared with the sum of the organisations directly under it, bottom up, and corrected the same way.
 * Cost grows with the unit's people: a job, never a page load.
 */
export async function reconcileUnit(
  deps: ReconcileDeps,
  principal: Principal,
  unitId: string,
  input: { fix: boolean },
): Promise<ReconcileReport> {
  if (principal.role !== 'hr_officer') throw new ForbiddenError('role_not_allowed', '只有人社部门可以核对统计数据');
  const scope = await loadScope(deps, principal);
  const found = await visibleOrganisation(scope, unitId);
  const unit = found?.kind === 'unit' ? found : undefined;
  if (!unit) throw new NotFoundError('unit_not_found', '单位不存在或不在管辖范围内');

  const personIds = (await everyItem((page) => deps.people.listByUnit(unitId, { limit: PAGE, ...page }))).map((p) => p.id);

  let booksRecounted = 0;
  let booksMoved = 0;
  const recounted = new Map<number, YearCounters>();
  for (const personId of personIds) {
    let books = await deps.books.listForPerson(personId);
    if (input.fix && books.some((b) => b.unitId !== unitId)) {
      // The person moved but their books did not follow (a recompute that never ran): move them now.
      await recomputeBooks(deps, personId);
      booksMoved += books.filter((b) => b.unitId !== unitId).length;
      books = await deps.books.listForPerson(personId);
    }
    for (const b of books) {
      if (input.fix && (await deps.books.recount(personId, b.year))) booksRecounted++;
      if (b.unitId !== unitId) continue;
      const standing = bookStanding(b.result);
      const c = recounted.get(b.year) ?? { ...ZERO_COUNTERS };
      recounted.set(b.year, { ...c, [standing]: c[standing] + 1, pending: c.pending + (b.pendingCount > 0 ? 1 : 0) });
    }
  }

  const stored = await deps.aggregates.forOrganisation(unit);
  const years = [...new Set([...stored.years.keys(), ...recounted.keys()])].sort((a, b) => a - b);
  const drifts: YearDrift[] = years.map((year) => ({
    year,
    stored: stored.years.get(year) ?? { ...ZERO_COUNTERS },
    recounted: recounted.get(year) ?? { ...ZERO_COUNTERS },
  }));
  const differs = (d: YearDrift) => !isZero(minus(d.recounted, d.stored));
  const peopleDrift = personIds.length - stored.people;
  const drift = peopleDrift !== 0 || drifts.some(differs);

  if (input.fix && drift) {
    const yearDeltas = new Map<number, Map<string, YearCounters>>();
    for (const d of drifts.filter(differs)) yearDeltas.set(d.year, new Map([[unitId, minus(d.recounted, d.stored)]]));
    await deps.aggregates.adjust(new Map(peopleDrift !== 0 ? [[unitId, peopleDrift]] : []), yearDeltas);
  }
  // Each ancestor, bottom up, must hold the sum of the organisations directly under it.
  let ancestorsFixed = 0;
  for (let depth = unit.path.length - 1; depth >= 1; depth--) {
    const ancestor = { id: unit.path[depth - 1]!, path: unit.path.slice(0, depth) };
    const orgId = ancestor.id;
    const children = await childrenOf(deps.organisations, orgId);
    const [own, ...parts] = await Promise.all([ancestor, ...children].map((o) => deps.aggregates.forOrganisation(o)));
    const sum = { people: 0, years: new Map<number, YearCounters>() };
    for (const part of parts) {
      sum.people += part.people;
      for (const [year, c] of part.years) sum.years.set(year, plus(sum.years.get(year) ?? ZERO_COUNTERS, c));
    }
    const yearDeltas = new Map<number, Map<string, YearCounters>>();
    for (const year of new Set([...own!.years.keys(), ...sum.years.keys()])) {
      const delta = minus(sum.years.get(year) ?? ZERO_COUNTERS, own!.years.get(year) ?? ZERO_COUNTERS);
      if (!isZero(delta)) yearDeltas.set(year, new Map([[orgId, delta]]));
    }
    const people = sum.people - own!.people;
    if (yearDeltas.size === 0 && people === 0) continue;
    ancestorsFixed++;
    if (input.fix) await deps.aggregates.adjust(new Map(people !== 0 ? [[orgId, people]] : []), yearDeltas);
  }
  return {
    unitId,
    people: { stored: stored.people, recounted: personIds.length },
    years: drifts,
    booksRecounted,
    booksMoved,
    ancestorsDrifted: ancestorsFixed,
    drift: drift || ancestorsFixed > 0,
    fixed: input.fix && (drift || ancestorsFixed > 0),
  };
}

const FIELDS = ['compliant', 'short', 'empty', 'pending'] as const;
function plus(a: YearCounters, b: YearCounters): YearCounters {
  return { compliant: a.compliant + b.compliant, short: a.short + b.short, empty: a.empty + b.empty, pending: a.pending + b.pending };
}
function minus(a: YearCounters, b: YearCounters): YearCounters {
  return { compliant: a.compliant - b.compliant, short: a.short - b.short, empty: a.empty - b.empty, pending: a.pending - b.pending };
}
function isZero(c: YearCounters): boolean {
  return FIELDS.every((k) => c[k] === 0);
}

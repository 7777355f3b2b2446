import { complianceYear, ZERO_COUNTERS } from '../../shared/aggregates.js';
import { chinaDateOf } from '../../shared/calendar.js';
import { ForbiddenError } from '../../shared/errors.js';
import { addDays } from '../../shared/iso-date.js';
import type { ApplicationState } from '../../shared/workflow.js';
import { WORKBENCH_CARDS, type WorkbenchCard } from '../../shared/workbench.js';
import type { Principal } from '../auth/principal.js';
import type { AggregateRepository } from '../ports/aggregates.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { WorkbenchCounts } from '../ports/workbench.js';
import { unitsWithin } from './list-organisations.js';
import { loadScope } from './scope.js';

export interface WorkbenchDeps {
  organisations: OrganisationRepository;
  aggregates: AggregateRepository;
  workbench: WorkbenchCounts;
  clock: () => Date;
}

/** Which applications each role acts on (rules §5 W2): the states of its to-do cards. */
const APPLICATION_CARDS: Partial<Record<Principal['role'], ApplicationState[]>> = {
  unit_clerk: ['draft'],
  unit_reviewer: ['submitted', 'unit_approved', 'objection'],
  dept_reviewer: ['notice_passed', 'dept_approved'],
  hr_officer: ['filed'],
};

/** A notice ending within this many days is "ending soon": its unit watches for objections. */
export const ENDING_SOON_DAYS = 3;

/**
 * Each role's to-do counts (issue 14 item 2). Every figure is one bounded query of an index that holds
 * that work, or the maintained compliance counts (issue 19): the cost follows the work waiting and the
 * units in scope, never the number of people.
 */
export async function workbenchCounts(deps: WorkbenchDeps, principal: Principal) {
  if (principal.role === 'person') throw new ForbiddenError('role_not_allowed', '专技人员的工作台是本人的登记手册');
  const scope = await loadScope(deps, principal);
  const own = scope.own;
  // The whole tenant is the hr office's: one count per state instead of one per unit. A department's
  // units are read a subtree page at a time (its own size, never the city's).
  const inScope = own.kind === 'hr_office' ? undefined : (await unitsWithin(deps.organisations, own)).map((o) => o.id);
  const today = chinaDateOf(deps.clock());
  const year = Number(today.slice(0, 4));

  const counts: Partial<Record<WorkbenchCard, number>> = {};
  const tasks: Promise<void>[] = [];
  const put = (card: WorkbenchCard, value: Promise<number>) => tasks.push(value.then((n) => void (counts[card] = n)));

  for (const state of APPLICATION_CARDS[principal.role] ?? []) {
    put(`applications_${state}` as WorkbenchCard, deps.workbench.applicationsInState(state, inScope));
  }
  if (principal.role === 'unit_reviewer' || principal.role === 'unit_clerk') {
    put('own_entries', deps.workbench.pendingOwnEntries(own.id));
  }
  if (principal.role === 'unit_reviewer') {
    put('notices_ending', deps.workbench.openNoticesEndingBy(own.id, addDays(today, ENDING_SOON_DAYS)));
  }
  if (principal.role === 'hr_officer') put('batches_submitted', deps.workbench.submittedBatches());
  if (principal.role === 'unit_clerk' || principal.role === 'hr_officer') put('failed_imports', deps.workbench.failedImports(own.id));
  await Promise.all(tasks);

  // This year's figures from the maintained counts: who is short so far, and records waiting for a confirmed year.
  const stored = await deps.aggregates.forOrganisation(own);
  const figures = complianceYear(year, stored.people, stored.years.get(year) ?? ZERO_COUNTERS);
  counts.shortfall = figures.short + figures.noRecord;
  if (principal.role !== 'auditor') counts.pending_records = figures.pending;

  return {
    year,
    organisation: { id: own.id, name: own.name, kind: own.kind },
    compliance: figures,
    cards: WORKBENCH_CARDS.filter((c) => counts[c] !== undefined).map((card) => ({ card, count: counts[card]! })),
  };
}

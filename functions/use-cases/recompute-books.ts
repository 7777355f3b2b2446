import {
  countingCertificates,
  explainLegacyYears,
  historyForEngine,
  PRIOR_CERTIFICATE_STATUS_LABELS,
  priorCertificateStatus,
} from '../../shared/history.js';
import { computeHours } from '../../shared/hours/index.js';
import { resolveYearPolicy, withRecordedYears, yearPolicyOf, type YearPolicy } from '../../shared/policy.js';
import type { ActivityRecord } from '../../shared/records.js';
import type { BookRepository, BookResult, PeopleRepository } from '../ports/records.js';
import type { RulesRepository } from '../ports/rules.js';
import { loadHoursPolicy } from './rules.js';

export interface RecomputeDeps {
  people: PeopleRepository;
  books: BookRepository;
  rules: RulesRepository;
  config: { tenant: string };
}

/**
 * Recomputes a person's registration book from their active activities with the engine, and their
 * prior certificates and paper-era years, which cover their years (rules §3). Books are
 * derived data: the revision read first guards against a slower, older recompute overwriting a newer
 * one. Locked years do not change here: no active item of a locked year can change, and a locked year
 * is computed with the year policy recorded on its book, whatever the hr office has changed since.
 */
export async function recomputeBooks(deps: RecomputeDeps, personId: string): Promise<void> {
  const person = await deps.people.get(personId);
  if (!person) return;
  const revision = person.activityRevision;
  // Read after the person: a write that lands after this read bumps the revision past ours.
  const [{ activities: records, books, history }, current] = await Promise.all([deps.people.records(personId), loadHoursPolicy(deps)]);
  const recorded = new Map<number, YearPolicy>();
  for (const b of books) if (b.status !== 'open' && b.policy) recorded.set(b.year, b.policy);
  const policy = withRecordedYears(current, recorded);
  // Only verified certificates cover years (rules §3); the others are listed in their years' warnings.
  const certificates = historyForEngine(countingCertificates(history.certificates), history.legacyYears);
  const uncounted = history.certificates.filter((c) => priorCertificateStatus(c) !== 'verified');
  const active = inRecordingOrder(records.filter((r) => r.status === 'active'));
  const years = new Set<number>(books.map((b) => b.year));
  for (const r of records) if (r.status !== 'withdrawn') r.years.forEach((y) => years.add(y));
  for (const c of [...certificates, ...uncounted]) c.years.forEach((y) => years.add(y.year));
  if (years.size === 0) return;

  const span = { from: Math.min(...years), to: Math.max(...years) };
  const preview = explainLegacyYears(
    computeHours({
      activities: active.map((r) => ({ ...r.activity, id: r.id })),
      span,
      priorCertificates: certificates,
      policy,
    }),
    history.legacyYears,
  );
  const pendingByYear = countPending(records);
  const results: BookResult[] = preview.years
    .filter((y) => years.has(y.year))
    .map((y) => ({
      year: y.year,
      result: {
        ...y,
        warnings: [
          ...y.warnings,
          ...uncounted
            .filter((c) => c.years.some((cy) => cy.year === y.year))
            .map((c) => ({
              code: 'prior_certificate_unverified' as const,
              message: `学时认定单 ${c.number}（${PRIOR_CERTIFICATE_STATUS_LABELS[priorCertificateStatus(c)]}）：${priorCertificateStatus(c) === 'revoked' ? '对应的认定单已撤销' : '须由录入人以外的单位审核人对照扫描件核验'}，该年度暂不以其计入`,
            })),
        ],
      },
      rejected: preview.rejected.filter((rej) => active.find((a) => a.id === rej.activityId)?.years.includes(y.year)),
      pendingCount: pendingByYear.get(y.year) ?? 0,
      policy: yearPolicyOf(resolveYearPolicy(policy, y.year)),
    }));
  await deps.books.saveResults(personId, person.unitId, revision, results);
}

/**
 * The engine counts the first of two probable duplicates in input order (rules §3: "the
 * later-recorded one does not count"), so it gets the records earliest-recorded first — not in key
 * order, which follows random ids. Same instant: by id, so the answer is still deterministic.
 */
export function inRecordingOrder(records: readonly ActivityRecord[]): ActivityRecord[] {
  return [...records].sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

function countPending(records: ActivityRecord[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of records) if (r.status === 'pending') for (const y of r.years) counts.set(y, (counts.get(y) ?? 0) + 1);
  return counts;
}

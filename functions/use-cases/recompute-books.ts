import type { TenantCode } from '../../shared/contract.js';
import { countingCertificates, explainLegacyYears, historyForEngine, PRIOR_CERTIFICATE_STATUS_LABELS, priorCertificateStatus } from '../../shared/history.js';
import { computeHours } from '../../shared/hours/index.js';
import { defaultPolicyFor } from '../../shared/policy.js';
import type { ActivityRecord } from '../../shared/records.js';
import type { HistoryRepository } from '../ports/history.js';
import type { ActivityRepository, BookRepository, BookResult, PeopleRepository } from '../ports/records.js';

export interface RecomputeDeps {
  people: PeopleRepository;
  activities: ActivityRepository;
  books: BookRepository;
  history: Pick<HistoryRepository, 'listForPerson'>;
  config: { tenant: string };
}

/**
 * Recomputes a person's registration book from their active activities with the engine, and their
 * prior certificates and paper-era years, which cover their years (SPEC §3). Books are
 * derived data: the revision read first guards against a slower, older recompute overwriting a newer
 * one. Locked years do not change here, because no active item of a locked year can change.
 */
export async function recomputeBooks(deps: RecomputeDeps, personId: string): Promise<void> {
  const person = await deps.people.get(personId);
  if (!person) return;
  const revision = person.activityRevision;
  const [records, books, history] = await Promise.all([
    deps.activities.listForPerson(personId),
    deps.books.listForPerson(personId),
    deps.history.listForPerson(personId),
  ]);
  // Only verified certificates cover years (SPEC §3); the others are listed in their years' warnings.
  const certificates = historyForEngine(countingCertificates(history.certificates), history.legacyYears);
  const uncounted = history.certificates.filter((c) => priorCertificateStatus(c) !== 'verified');
  const active = records.filter((r) => r.status === 'active');
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
      policy: defaultPolicyFor(deps.config.tenant as TenantCode),
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
    }));
  await deps.books.saveResults(personId, person.unitId, revision, results);
}

function countPending(records: ActivityRecord[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of records) if (r.status === 'pending') for (const y of r.years) counts.set(y, (counts.get(y) ?? 0) + 1);
  return counts;
}

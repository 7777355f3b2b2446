import * as z from 'zod';
import { TitleLevelAppliedSchema, type Application, type ApplicationYear } from '../../../shared/applications.js';
import { yearShortfalls } from '../../../shared/certification-check.js';
import { evidenceStatus } from '../../../shared/evidence-files.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors.js';
import { KIND_LABELS, type HoursItem } from '../../../shared/hours/index.js';
import { resolveYearPolicy } from '../../../shared/policy.js';
import type { ActivityRecord } from '../../../shared/records.js';
import type { Person } from '../../../shared/person.js';
import { computeCertificationSpan, midLevelSpan, yearsOf } from '../../../shared/span.js';
import { countingCertificates, uncountedCertificatesOf } from '../../../shared/history.js';
import {
  CERTIFICATE_KIND_LABELS,
  kindOfCertificateNumber,
  kindOfTitleLevel,
  type ApplicationState,
  type CertificateKind,
} from '../../../shared/workflow.js';
import type { Principal } from '../../auth/principal.js';
import { auditBy } from '../audit-event.js';
import { loadHoursPolicy } from '../rules.js';
import { assertUnitInScope, loadPersonInScope, loadScope, visibleUnitIds } from '../scope.js';
import {
  applyTransition,
  assertVersion,
  loadApplicationInScope,
  midLevelPolicyOf,
  planTransition,
  routeFor,
  type CertificationDeps,
} from './context.js';

type TitleLevelApplied = z.infer<typeof TitleLevelAppliedSchema>;
import { leaveBatchPlan } from './filing.js';

export const NewApplicationSchema = z
  .object({
    // A DynamoDB key (at most 1,024 bytes): bounded like the ids in paths.
    personId: z.string().min(1).max(100),
    applicationYear: z.int().min(2000).max(2100),
    titleLevel: TitleLevelAppliedSchema.meta({
      description: 'intermediate 中级（本地区合格证明，跨度按本地区政策和学历）；associate_senior 副高级、senior 正高级（学时认定单）',
    }),
  })
  .meta({ id: 'NewApplication' });

/**
 * Everything that already certifies years for this person: imported prior certificates and ours. A
 * mid-level 合格证明 is a city's own, lighter check (no notice where the city asks for none): it covers
 * years for a later mid-level application, never for a senior one (docs/decisions.md).
 */
async function certificatesOf(deps: CertificationDeps, personId: string, kind: CertificateKind) {
  const [history, issued] = await Promise.all([deps.history.listForPerson(personId), deps.certification.listPersonCertificates(personId)]);
  const counts = (number: string, certificateKind?: CertificateKind) =>
    kind === 'mid_level' || (certificateKind ?? kindOfCertificateNumber(number)) === 'senior';
  return [
    // A prior certificate covers years only once verified (rules §3 revised).
    ...countingCertificates(history.certificates).filter((c) => counts(c.number)),
    ...issued
      .filter((c) => c.status === 'valid' && counts(c.number, c.kind))
      .map((c) => ({
        number: c.number,
        years: c.years.map((y) => ({
          year: y.year,
          publicHours: y.publicHours,
          professionalHours: y.professionalHours,
          deemedComplete: y.deemedComplete,
        })),
      })),
  ];
}

function contentLines(items: HoursItem[], category: 'public' | 'professional', records: Map<string, ActivityRecord>) {
  return items
    .filter((i) => i.category === category)
    .map((i) => {
      const r = records.get(i.activityId);
      const title =
        r?.activity.title ??
        (i.kind === 'prior_certificate' ? `学时认定单 ${i.activityId}` : KIND_LABELS[i.kind as keyof typeof KIND_LABELS]);
      return `${title}（${i.hours}学时）`;
    });
}

/**
 * The years of the span, frozen from the registration book (and certificates already held) at the
 * moment the unit submits: the notice and the certificate show exactly what was reviewed.
 */
async function snapshotYears(
  deps: CertificationDeps,
  personId: string,
  span: { from: number; to: number } | null,
  covered: { year: number; certificateNumber: string }[],
  certificates: Awaited<ReturnType<typeof certificatesOf>>,
): Promise<ApplicationYear[]> {
  if (!span) return [];
  const [books, records, files, history, policy] = await Promise.all([
    deps.books.listForPerson(personId),
    deps.activities.listForPerson(personId),
    deps.evidenceFiles.listForPerson(personId),
    deps.history.listForPerson(personId),
    loadHoursPolicy(deps),
  ]);
  const byId = new Map(records.map((r) => [r.id, r]));
  return yearsOf(span).map((year) =>
    withShortfalls(withUncounted(year, history.certificates, yearOf(year)), resolveYearPolicy(policy, year)),
  );

  function yearOf(year: number): ApplicationYear {
    const cover = covered.find((c) => c.year === year);
    if (cover) {
      // By number and year: a prior certificate may carry the same number as another one (numbers of
      // paper-era offices are free text), and only the one that lists this year covers it.
      const y = certificates.flatMap((c) => (c.number === cover.certificateNumber ? c.years : [])).find((cy) => cy.year === year)!;
      const coverKind = kindOfCertificateNumber(cover.certificateNumber);
      const coverLabel = CERTIFICATE_KIND_LABELS[coverKind];
      const total = y.publicHours + y.professionalHours;
      return {
        year,
        publicHours: y.publicHours,
        professionalHours: y.professionalHours,
        totalHours: Math.round(total * 10) / 10,
        compliant: Boolean(y.deemedComplete) || total >= resolveYearPolicy(policy, year).requiredHours,
        deemedComplete: Boolean(y.deemedComplete),
        publicContent: [`见${coverLabel} ${cover.certificateNumber}`],
        professionalContent: [`见${coverLabel} ${cover.certificateNumber}`],
        // 认定单 …, as it always read for the 学时认定单; 合格证明 … for a mid-level one.
        source: `${coverKind === 'mid_level' ? coverLabel : '认定单'} ${cover.certificateNumber}`,
        evidenceComplete: true,
      };
    }
    const book = books.find((b) => b.year === year);
    if (!book) {
      return {
        year,
        publicHours: 0,
        professionalHours: 0,
        totalHours: 0,
        compliant: false,
        deemedComplete: false,
        publicContent: [],
        professionalContent: [],
        source: '无记录',
        evidenceComplete: false,
      };
    }
    const counted = book.result.items.map((i) => byId.get(i.activityId)).filter((r): r is ActivityRecord => !!r);
    const evidenceComplete = counted.every(
      (r) =>
        evidenceStatus(
          r,
          files.filter((f) => f.activityId === r.id),
        ).complete,
    );
    return {
      year,
      publicHours: book.result.publicHours,
      professionalHours: book.result.professionalHours,
      totalHours: book.result.totalHours,
      compliant: book.result.compliant,
      deemedComplete: book.result.deemedComplete,
      publicContent: contentLines(book.result.items, 'public', byId),
      professionalContent: contentLines(book.result.items, 'professional', byId),
      source: book.status,
      evidenceComplete,
    };
  }
}

/**
 * The year's policy requirements it misses, frozen with it (issue 14). A compliant year keeps only the
 * soft ones ("一般"): a year a certificate already covers counts as it was certified.
 */
function withShortfalls(y: ApplicationYear, policy: Parameters<typeof yearShortfalls>[1]): ApplicationYear {
  const all = yearShortfalls(y, policy);
  return { ...y, shortfalls: y.compliant ? all.filter((s) => !s.hard) : all };
}

/** An unverified (or revoked) prior certificate listing the year is shown with it, covering nothing. */
function withUncounted(year: number, certificates: Parameters<typeof uncountedCertificatesOf>[0], y: ApplicationYear): ApplicationYear {
  const uncounted = uncountedCertificatesOf(certificates, year);
  return uncounted.length ? { ...y, unverifiedCertificates: uncounted } : y;
}

/**
 * The span (rules §3): Y−5 … Y−1 for senior titles (the doctor rule by tenant policy); for 中级 the
 * tenant's mid-level policy by degree (Y−4 … Y−1, Y−3 … Y−1 for a master's degree or higher).
 */
async function computeSpan(
  deps: CertificationDeps,
  person: Pick<Person, 'id' | 'doctorateYear' | 'education'>,
  year: number,
  level: TitleLevelApplied,
) {
  const kind = kindOfTitleLevel(level);
  const [certificates, policy] = await Promise.all([certificatesOf(deps, person.id, kind), loadHoursPolicy(deps)]);
  const span = computeCertificationSpan({
    applicationYear: year,
    titleLevel: level,
    doctorateYear: person.doctorateYear,
    doctorSpanFromDoctorate: policy.doctorSpanFromDoctorate,
    priorCertificates: certificates,
    ...(kind === 'mid_level' ? midLevelSpan(midLevelPolicyOf(deps, policy), person.education) : {}),
  });
  return { span, certificates };
}

export async function createApplication(
  deps: CertificationDeps,
  principal: Principal,
  input: z.infer<typeof NewApplicationSchema>,
): Promise<Application> {
  if (principal.role !== 'unit_clerk') throw new ForbiddenError('role_not_allowed', '只有单位经办人可以发起核认申请');
  const { person } = await loadPersonInScope(deps, principal, input.personId);
  const { span, certificates } = await computeSpan(deps, person, input.applicationYear, input.titleLevel);
  const now = deps.clock().toISOString();
  const app: Application = {
    id: deps.newId(),
    personId: person.id,
    personName: person.name,
    unitId: person.unitId,
    applicationYear: input.applicationYear,
    titleLevel: input.titleLevel,
    kind: kindOfTitleLevel(input.titleLevel),
    span: span.span,
    spanNote: span.note,
    coveredYears: span.coveredYears,
    years: await snapshotYears(deps, person.id, span.span, span.coveredYears, certificates),
    route: await routeFor(deps, person.unitId, input.applicationYear, kindOfTitleLevel(input.titleLevel)),
    state: 'draft',
    version: 1,
    createdAt: now,
    createdBy: principal.userId,
    updatedAt: now,
  };
  await deps.certification.createApplication(
    app,
    auditBy(deps, principal, { entity: 'application', entityId: app.id, action: 'create', to: 'draft' }),
  );
  return app;
}

export async function getApplication(deps: CertificationDeps, principal: Principal, id: string) {
  const { app } = await loadApplicationInScope(deps, principal, id);
  const history = await deps.certification.listAudit(id);
  return { application: app, history };
}

/** The unit submits: the years are taken afresh from the book, so the review sees today's figures. */
export async function submitApplication(deps: CertificationDeps, principal: Principal, id: string, version: number) {
  const { app } = await loadApplicationInScope(deps, principal, id);
  assertVersion(app, version);
  const person = await deps.people.get(app.personId);
  if (!person) throw new NotFoundError('person_not_found', '人员不存在');
  const { span, certificates } = await computeSpan(deps, person, app.applicationYear, app.titleLevel);
  const years = await snapshotYears(deps, person.id, span.span, span.coveredYears, certificates);
  return applyTransition(deps, principal, app, 'submit', {
    extra: { span: span.span, spanNote: span.note, coveredYears: span.coveredYears, years },
  });
}

export type ReviewDecision = 'approve' | 'return';

/** 初审 by the unit reviewer, 复审 by the department reviewer of the application's route. */
export async function reviewApplication(
  deps: CertificationDeps,
  principal: Principal,
  id: string,
  input: { decision: ReviewDecision; version: number; reason?: string },
) {
  const { app, scope } = await loadApplicationInScope(deps, principal, id);
  assertVersion(app, input.version);
  if (principal.role === 'dept_reviewer') {
    if (app.route.departmentId !== scope.own.id) throw new ForbiddenError('not_route_department', '该申请不由本部门复审');
    return applyTransition(deps, principal, app, input.decision === 'approve' ? 'dept_approve' : 'dept_return', { reason: input.reason });
  }
  return applyTransition(deps, principal, app, input.decision === 'approve' ? 'unit_approve' : 'unit_return', { reason: input.reason });
}

export async function withdrawApplication(
  deps: CertificationDeps,
  principal: Principal,
  id: string,
  input: { version: number; reason: string },
) {
  const { app } = await loadApplicationInScope(deps, principal, id);
  assertVersion(app, input.version);
  const change = planTransition(deps, principal, app, 'withdraw', { reason: input.reason });
  // In a submitted batch: it leaves the batch in the same transaction, so the batch is never stuck.
  const batch = await leaveBatchPlan(deps, principal, app, input.reason.trim());
  return deps.certification.transition(change, batch ? { batch } : {});
}

/** The inbox: what a role acts on next, with counts per state. */
export async function listApplications(
  deps: CertificationDeps,
  principal: Principal,
  query: { unitId?: string; state?: ApplicationState; kind?: CertificateKind; limit: number; cursor?: string },
) {
  const scope = await loadScope(deps, principal);
  const ofKind = (a: Application) => !query.kind || a.kind === query.kind;
  if (query.state) {
    // Each reads its own (issue 19): a unit (or a chosen unit) its range of the state partition, a
    // department the applications it re-reviews, only the hr office the tenant's whole state partition.
    const options = { limit: query.limit, cursor: query.cursor };
    const unitId = query.unitId ?? (scope.own.kind === 'unit' ? scope.own.id : undefined);
    const page = unitId
      ? await deps.certification.listByState(query.state, { ...options, unitId })
      : scope.own.kind === 'department'
        ? await deps.certification.listByDepartmentState(scope.own.id, query.state, options)
        : await deps.certification.listByState(query.state, options);
    // The page's units in one read, not the tree.
    const visible = await visibleUnitIds(scope, [...new Set(page.items.map((a) => a.unitId))]);
    return {
      items: page.items.filter((a) => visible.has(a.unitId) && (!query.unitId || a.unitId === query.unitId) && ofKind(a)),
      cursor: page.cursor,
    };
  }
  const unitId = query.unitId ?? (scope.own.kind === 'unit' ? scope.own.id : undefined);
  if (!unitId) throw new ValidationError('unit_required', '请选择单位或状态', [{ path: 'query.unitId', message: '请选择单位或状态' }]);
  // Out of scope answers 404 like a unit that does not exist, as every other scoped list does.
  await assertUnitInScope(scope, unitId);
  const page = await deps.certification.listByUnit(unitId, { limit: query.limit, cursor: query.cursor });
  return { items: page.items.filter(ofKind), cursor: page.cursor };
}

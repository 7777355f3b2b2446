import * as z from 'zod';
import { SENIOR_CERTIFICATE_TITLE, type Application, type Batch, type Certificate } from '../../../shared/applications.js';
import { chinaDateOf } from '../../../shared/calendar.js';
import { certificateConclusion, yearVerdict } from '../../../shared/certification-check.js';
import { tenantRootOrganisation, type TenantCode } from '../../../shared/contract.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../../../shared/errors.js';
import { IsoDateSchema } from '../../../shared/iso-date.js';
import { maskName, maskResidentId } from '../../../shared/mask.js';
import { TITLE_LEVEL_LABELS } from '../../../shared/person.js';
import { CERTIFICATE_KIND_LABELS, formatCertificateNumber, hasNotice, inFilingWindow } from '../../../shared/workflow.js';
import type { Principal } from '../../auth/principal.js';
import { auditBy } from '../audit-event.js';
import { recomputeBooks } from '../recompute-books.js';
import { loadScope, visibleOrganisation } from '../scope.js';
import type { BatchChange } from '../../ports/certification.js';
import { loadHoursPolicy } from '../rules.js';
import {
  ReasonsSchema,
  assertVersion,
  loadApplicationInScope,
  midLevelPolicyOf,
  planTransition,
  type CertificationDeps,
} from './context.js';

/** A batch is accepted in one transaction (two items per application). */
export const MAX_BATCH_APPLICATIONS = 40;

export const NewBatchSchema = z
  .object({
    // Ids become DynamoDB keys (at most 1,024 bytes): bounded like the ids in paths.
    applicationIds: z.array(z.string().min(1).max(100)).min(1, '请选择申请').max(MAX_BATCH_APPLICATIONS),
    /** The reference of the department's electronic seal as applied to the summary list. */
    sealReference: z.string().trim().min(4, '请填写电子印章编号').max(100),
  })
  .meta({ id: 'NewBatch' });

/** The department submits its re-reviewed applications to the hr office as one batch (报送). */
export async function submitBatch(deps: CertificationDeps, principal: Principal, input: z.infer<typeof NewBatchSchema>): Promise<Batch> {
  if (principal.role !== 'dept_reviewer') throw new ForbiddenError('role_not_allowed', '只有主管部门可以报送批次');
  const scope = await loadScope(deps, principal);
  const ids = [...new Set(input.applicationIds)];
  const apps = await Promise.all(ids.map((id) => deps.certification.getApplication(id)));
  apps.forEach((app, i) => {
    if (!app || app.route.departmentId !== scope.own.id)
      throw new NotFoundError('application_not_found', `申请 ${ids[i]} 不存在或不由本部门复审`);
    if (app.state !== 'dept_approved') throw new RuleViolationError('invalid_transition', `${app.personName} 的申请尚未复审通过`);
  });
  const at = deps.clock().toISOString();
  const batch: Batch = {
    id: deps.newId(),
    departmentId: scope.own.id,
    departmentName: scope.own.name,
    applicationIds: ids,
    kinds: [...new Set(apps.map((a) => a!.kind))].sort(),
    seal: { by: principal.userId, name: principal.name, at, reference: input.sealReference },
    status: 'submitted',
    version: 1,
    createdAt: at,
  };
  await deps.certification.submitBatch(
    batch,
    auditBy(deps, principal, { entity: 'batch', entityId: batch.id, action: 'submit', to: 'submitted', after: { applicationIds: ids } }),
  );
  return batch;
}

async function assertFilingOpen(deps: CertificationDeps, route: Application['route']) {
  const today = chinaDateOf(deps.clock());
  if (inFilingWindow(route, today)) return;
  const exception = await deps.certification.getFilingException();
  if (exception && exception.until >= today) return;
  throw new RuleViolationError(
    'outside_filing_window',
    `不在备案受理期内（每年${route.filingWindow!.from.replace('-', '月')}日至${route.filingWindow!.to.replace('-', '月')}日）；如需受理，请先开放例外受理`,
  );
}

export const AcceptBatchSchema = z.object({ reasons: ReasonsSchema.optional() }).meta({ id: 'AcceptBatch' });

/** The hr office accepts a department's batch inside the filing window (or an exception): all filed at once. */
export async function acceptBatch(
  deps: CertificationDeps,
  principal: Principal,
  batchId: string,
  input: z.infer<typeof AcceptBatchSchema> = {},
): Promise<Batch> {
  if (principal.role !== 'hr_officer') throw new ForbiddenError('role_not_allowed', '只有人社部门可以受理备案');
  const batch = await deps.certification.getBatch(batchId);
  if (!batch) throw new NotFoundError('batch_not_found', '批次不存在');
  if (batch.status !== 'submitted') throw new RuleViolationError('invalid_transition', '该批次已受理');
  const apps = await Promise.all(batch.applicationIds.map((id) => deps.certification.getApplication(id)));
  const changes = apps.map((app) => {
    if (!app) throw new NotFoundError('application_not_found', '批次中的申请不存在');
    return planTransition(deps, principal, app, 'file', { extra: { batchId: batch.id }, reason: input.reasons?.[app.id] });
  });
  // Each application's own route: a batch may hold senior and mid-level applications, whose windows differ.
  for (const app of apps) await assertFilingOpen(deps, app!.route);
  const accepted: Batch = { ...batch, status: 'accepted', acceptedAt: deps.clock().toISOString(), acceptedBy: principal.userId };
  await deps.certification.acceptBatch(
    accepted,
    changes,
    auditBy(deps, principal, { entity: 'batch', entityId: batch.id, action: 'accept', from: 'submitted', to: 'accepted' }),
  );
  return accepted;
}

export const CancelBatchSchema = z.object({ reason: z.string().trim().min(2, '请填写撤销理由').max(500) }).meta({ id: 'CancelBatch' });

/**
 * The department takes back a batch the hr office has not accepted (a wrong seal reference, an
 * application to correct): the batch becomes `cancelled` and every application in it is released to
 * join a new batch. Its applications keep their state (`dept_approved`): nothing was filed.
 */
export async function cancelBatch(
  deps: CertificationDeps,
  principal: Principal,
  batchId: string,
  input: z.infer<typeof CancelBatchSchema>,
): Promise<Batch> {
  if (principal.role !== 'dept_reviewer') throw new ForbiddenError('role_not_allowed', '只有报送批次的主管部门可以撤销批次');
  const batch = await deps.certification.getBatch(batchId);
  // Another department's batch answers like a missing one.
  if (!batch || batch.departmentId !== principal.orgId) throw new NotFoundError('batch_not_found', '批次不存在');
  if (batch.status !== 'submitted') {
    throw new RuleViolationError('invalid_transition', batch.status === 'accepted' ? '该批次已受理，不能撤销' : '该批次已撤销');
  }
  const at = deps.clock().toISOString();
  const next: Batch = {
    ...batch,
    status: 'cancelled',
    version: (batch.version ?? 1) + 1,
    cancelledAt: at,
    cancelledBy: principal.userId,
    cancelReason: input.reason,
  };
  return deps.certification.changeBatch({
    previous: batch,
    next,
    released: batch.applicationIds,
    audit: auditBy(deps, principal, {
      entity: 'batch',
      entityId: batch.id,
      action: 'cancel',
      from: 'submitted',
      to: 'cancelled',
      reason: input.reason,
    }),
  });
}

/**
 * What a withdrawal does to the application's submitted batch (issue 12 item 7): the batch goes on
 * without it, in the withdrawal's transaction, and a batch left empty is cancelled. Nothing stays
 * locked: the guard goes, and the hr office accepts the rest.
 */
export async function leaveBatchPlan(
  deps: CertificationDeps,
  principal: Principal,
  app: Application,
  reason: string,
): Promise<BatchChange | undefined> {
  const batchId = await deps.certification.batchOf(app.id);
  const batch = batchId ? await deps.certification.getBatch(batchId) : undefined;
  if (!batch || batch.status !== 'submitted' || !batch.applicationIds.includes(app.id)) return undefined;
  const at = deps.clock().toISOString();
  const remaining = batch.applicationIds.filter((id) => id !== app.id);
  const removed = [...(batch.removed ?? []), { applicationId: app.id, personName: app.personName, reason, by: principal.userId, at }];
  const next: Batch = {
    ...batch,
    applicationIds: remaining,
    removed,
    version: (batch.version ?? 1) + 1,
    ...(remaining.length === 0
      ? { status: 'cancelled' as const, cancelledAt: at, cancelledBy: principal.userId, cancelReason: `批次中的申请均已撤回（${reason}）` }
      : {}),
  };
  return {
    previous: batch,
    next,
    released: [app.id],
    audit: auditBy(deps, principal, {
      entity: 'batch',
      entityId: batch.id,
      action: 'application_withdrawn',
      from: 'submitted',
      to: next.status,
      reason,
      before: { applicationIds: batch.applicationIds },
      after: { applicationIds: remaining },
    }),
  };
}

/** Routes without a department (中央驻湘单位, HR agencies): the hr office files after the notice. */
export async function fileApplication(deps: CertificationDeps, principal: Principal, id: string, version: number, reason?: string) {
  const { app } = await loadApplicationInScope(deps, principal, id);
  assertVersion(app, version);
  if (app.route.department) throw new RuleViolationError('use_batch', '该申请须由主管部门批量报送');
  const change = planTransition(deps, principal, app, 'file', { reason });
  await assertFilingOpen(deps, app.route);
  return deps.certification.transition(change);
}

export const FilingExceptionInputSchema = z.object({ until: IsoDateSchema, reason: z.string().trim().min(2).max(500) });

export async function openFilingException(
  deps: CertificationDeps,
  principal: Principal,
  input: z.infer<typeof FilingExceptionInputSchema>,
) {
  if (principal.role !== 'hr_officer') throw new ForbiddenError('role_not_allowed', '只有人社部门可以开放例外受理');
  if (input.until < chinaDateOf(deps.clock()))
    throw new ValidationError('until_in_past', '截止日期不能早于今天', [{ path: 'until', message: '不能早于今天' }]);
  const exception = { ...input, by: principal.userId, at: deps.clock().toISOString() };
  await deps.certification.putFilingException(
    exception,
    auditBy(deps, principal, { entity: 'filing', entityId: 'exception', action: 'open_exception', reason: input.reason, after: exception }),
  );
  return exception;
}

/** The hr office's batches in a status; a department sees its own. */
export async function listBatches(deps: CertificationDeps, principal: Principal, status: Batch['status']): Promise<Batch[]> {
  if (principal.role === 'dept_reviewer') {
    return (await deps.certification.listDepartmentBatches(principal.orgId)).filter((b) => b.status === status);
  }
  return deps.certification.listBatches(status);
}

/** 汇总人员名单: the rows of a batch's summary list (A4 print and Excel). */
export async function batchSummary(deps: CertificationDeps, principal: Principal, batchId: string) {
  const batch = await deps.certification.getBatch(batchId);
  const scope = await loadScope(deps, principal);
  const mayRead =
    principal.role === 'hr_officer' || principal.role === 'auditor' || (batch && (await visibleOrganisation(scope, batch.departmentId)));
  if (!batch || !mayRead) {
    throw new NotFoundError('batch_not_found', '批次不存在');
  }
  const apps = (await Promise.all(batch.applicationIds.map((id) => deps.certification.getApplication(id)))).filter(
    (a): a is Application => !!a,
  );
  const people = new Map((await deps.people.getMany(apps.map((a) => a.personId))).map((p) => [p.id, p]));
  // The batch's units by id (a batch names its applications; their units are at most as many).
  const units = new Map([...(await scope.organisations(apps.map((a) => a.unitId))).values()].map((o) => [o.id, o.name]));
  const outcomes = await Promise.all(apps.map((a) => noticeOutcome(deps, a)));
  return {
    batch,
    rows: apps.map((a, i) => ({
      no: i + 1,
      name: a.personName,
      idNumberMasked: maskResidentId(people.get(a.personId)?.idNumber ?? ''),
      unit: units.get(a.unitId) ?? a.unitId,
      titleLevel: TITLE_LEVEL_LABELS[a.titleLevel],
      kind: CERTIFICATE_KIND_LABELS[a.kind],
      notice: hasNotice(a.route),
      span: a.span ? `${a.span.from}—${a.span.to}` : '—',
      years: a.years
        .map((y) => {
          const verdict = yearVerdict(y);
          const status = verdict.ok ? verdict.label : `未达标：${verdict.shortfalls.join('、')}`;
          return `${y.year}年 公需${y.publicHours} 专业${y.professionalHours} ${status}${y.evidenceComplete ? '' : '，佐证材料不齐全'}`;
        })
        .join('；'),
      /** What happened in the unit's notice: 公示期满无异议, or an objection that was looked into. */
      noticeOutcome: outcomes[i]!,
      /** The written reasons for moving on over short years or incomplete evidence, with who and when. */
      exceptionReasons: (a.exceptionReasons ?? []).map((e) => `${e.byName}（${chinaDateOf(new Date(e.at))}）：${e.reason}`).join('；'),
      state: a.state,
    })),
  };
}

/**
 * What the unit's notice came to, from the application's audit trail: an objection lodged after its
 * last publication (dismissed, since the application went on) is said, never "无异议".
 */
async function noticeOutcome(deps: CertificationDeps, app: Application): Promise<string> {
  if (!hasNotice(app.route)) return '按规定无需公示';
  const events = await deps.certification.listAudit(app.id);
  const lastPublish = events.map((e) => e.action).lastIndexOf('publish');
  if (lastPublish < 0) return '未公示';
  return events.slice(lastPublish).some((e) => e.action === 'lodge_objection' || e.action === 'dismiss_objection')
    ? '公示期满，异议已核实处理'
    : '公示期满无异议';
}

/**
 * Issues the 学时认定单. The serial is gapless per tenant and year: the counter moves in the same
 * transaction as the certificate; a concurrent issue makes ours fail, and we read the counter again.
 */
export async function issueCertificate(
  deps: CertificationDeps,
  principal: Principal,
  id: string,
  version: number,
  reason?: string,
): Promise<Certificate> {
  const { app } = await loadApplicationInScope(deps, principal, id);
  assertVersion(app, version);
  const person = await deps.people.get(app.personId);
  // The unit and, at the root of its path, the hr office that issues: two items, not the tree.
  const unit = await deps.organisations.get(app.unitId);
  const issuerOrg = unit ? await deps.organisations.get(unit.path[0]!) : undefined;
  const year = Number(chinaDateOf(deps.clock()).slice(0, 4));
  // The 合格证明 carries the tenant's title as it is at issue; the 学时认定单 the province-wide one.
  const title = app.kind === 'mid_level' ? midLevelPolicyOf(deps, await loadHoursPolicy(deps)).certificateTitle : SENIOR_CERTIFICATE_TITLE;
  for (let attempt = 0; attempt < 20; attempt++) {
    const serial = (await deps.certification.currentSerial(year, app.kind)) + 1;
    const number = formatCertificateNumber(deps.config.tenant, year, serial, app.kind);
    // Planned first: it refuses a flagged application without a reason, and its reasons (this step's
    // included) are printed on the certificate.
    const change = planTransition(deps, principal, app, 'issue', { extra: { certificateNumber: number }, reason });
    const certificate: Certificate = {
      number,
      verificationCode: deps.newId().replace(/-/g, '').slice(0, 12).toUpperCase(),
      applicationId: app.id,
      personId: app.personId,
      holderName: app.personName,
      idNumberMasked: maskResidentId(person?.idNumber ?? ''),
      unitName: unit?.name ?? app.unitId,
      titleLevel: app.titleLevel,
      kind: app.kind,
      title,
      span: app.span,
      years: app.years,
      ...(change.next.exceptionReasons?.length ? { exceptionReasons: change.next.exceptionReasons } : {}),
      issuer: issuerOrg?.name ?? tenantRootOrganisation(deps.config.tenant as TenantCode).name,
      issuedAt: deps.clock().toISOString(),
      issuedBy: principal.userId,
      status: 'valid',
    };
    try {
      await deps.certification.issueCertificate(certificate, serial, year, change);
      return certificate;
    } catch (err) {
      // The counter moved under us (another issue): try the next serial. A moved application is final.
      if (!(err instanceof ConflictError)) throw err;
      const fresh = await deps.certification.getApplication(app.id);
      if (!fresh || fresh.state !== 'filed' || fresh.version !== app.version) throw err;
    }
  }
  throw new ConflictError('certificate_serial_busy', '证明编号分配繁忙，请稍后重试');
}

export async function getCertificateForStaff(deps: CertificationDeps, principal: Principal, number: string) {
  const certificate = await deps.certification.getCertificate(number);
  if (!certificate) throw new NotFoundError('certificate_not_found', '认定单不存在');
  await loadApplicationInScope(deps, principal, certificate.applicationId);
  // The printed certificate goes to the title committee, which needs the holder's full resident ID
  // (masking is for public pages); it is read from the person, not copied onto the certificate item.
  const person = await deps.people.get(certificate.personId);
  return { ...certificate, ...(person ? { holderIdNumber: person.idNumber } : {}) };
}

export async function revokeCertificate(deps: CertificationDeps, principal: Principal, number: string, reason: string) {
  if (principal.role !== 'hr_officer') throw new ForbiddenError('role_not_allowed', '只有人社部门可以撤销认定单');
  const certificate = await deps.certification.getCertificate(number);
  if (!certificate) throw new NotFoundError('certificate_not_found', '认定单不存在');
  if (certificate.status === 'revoked') throw new RuleViolationError('already_revoked', '该认定单已撤销');
  const at = deps.clock().toISOString();
  // Its holder may have it recorded as a prior certificate (rules §3): that entry goes with it.
  const reference = (await deps.history.listForPerson(certificate.personId)).certificates.find((c) => c.number === certificate.number);
  const revoked = await deps.certification.revokeCertificate(
    certificate,
    reason,
    auditBy(deps, principal, { entity: 'certificate', entityId: number, action: 'revoke', from: 'valid', to: 'revoked', reason }),
    at,
    reference,
  );
  if (reference) await recomputeBooks(deps, certificate.personId);
  return revoked;
}

/**
 * Public verification (rules §7): genuine and unrevoked, with no personal data beyond a masked name.
 * A wrong or missing code answers exactly like an unknown number, so numbers cannot be probed.
 */
export async function verifyCertificate(deps: CertificationDeps, number: string, code: string | undefined) {
  const certificate = await deps.certification.getCertificate(number);
  if (!certificate || !code || !codesMatch(certificate.verificationCode, code)) {
    throw new NotFoundError('certificate_not_found', '认定单不存在或校验码不正确');
  }
  return {
    number: certificate.number,
    kind: certificate.kind,
    title: certificate.title,
    status: certificate.status,
    issuedAt: certificate.issuedAt,
    issuer: certificate.issuer,
    holder: maskName(certificate.holderName),
    span: certificate.span,
    years: certificate.years.map((y) => ({
      year: y.year,
      publicHours: y.publicHours,
      professionalHours: y.professionalHours,
      totalHours: y.totalHours,
      deemedComplete: y.deemedComplete,
      compliant: y.compliant,
      evidenceComplete: y.evidenceComplete,
      shortfalls: yearVerdict(y).shortfalls,
    })),
    // The public page says what the certificate says, without the reviewers' reasons (internal text).
    conclusion: certificateConclusion(certificate.years, { kind: certificate.kind, withReasons: false }).text,
  };
}

function codesMatch(expected: string, given: string): boolean {
  const a = expected.toUpperCase();
  const b = given.trim().toUpperCase();
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ (b.charCodeAt(i % Math.max(b.length, 1)) || 0);
  return diff === 0;
}

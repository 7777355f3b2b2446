import * as z from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../../shared/errors.js';
import type { Application } from '../../../shared/applications.js';
import { flaggedYears } from '../../../shared/certification-check.js';
import type { TenantCode } from '../../../shared/contract.js';
import { defaultMidLevelPolicy, resolveYearPolicy, type HoursPolicy, type MidLevelPolicy } from '../../../shared/policy.js';
import {
  checkSeparationOfDuties,
  isForwardAction,
  nextState,
  routeForUnit,
  type Actor,
  type ApplicationRoute,
  type CertificateKind,
  type WorkflowAction,
} from '../../../shared/workflow.js';
import type { Principal } from '../../auth/principal.js';
import type { RulesRepository } from '../../ports/rules.js';
import { loadHoursPolicy } from '../rules.js';
import type { CertificationRepository } from '../../ports/certification.js';
import type { EvidenceFileRepository } from '../../ports/evidence.js';
import type { HistoryRepository } from '../../ports/history.js';
import type { OrganisationRepository } from '../../ports/organisations.js';
import type { ActivityRepository, BookRepository, PeopleRepository } from '../../ports/records.js';
import { auditBy } from '../audit-event.js';
import { canSeeUnit, loadScope, type Scope } from '../scope.js';

/**
 * Written reasons, per application, for moving several on at once (a notice, a batch) when some have a
 * short year or incomplete evidence (issue 14); applications whose years all meet their requirements
 * need none. At most one per application of the largest group (a batch of 40).
 */
export const ReasonsSchema = z
  .record(z.string().min(1).max(100), z.string().trim().min(1, '请填写理由').max(500))
  .refine((r) => Object.keys(r).length <= 40, '理由过多')
  .meta({ description: '按申请编号填写的继续办理理由：申请有年度学时未达标或佐证材料不齐全时必填' });

export interface CertificationDeps {
  organisations: OrganisationRepository;
  people: PeopleRepository;
  activities: ActivityRepository;
  books: BookRepository;
  history: HistoryRepository;
  evidenceFiles: EvidenceFileRepository;
  certification: CertificationRepository;
  /** The yearly rules: the filing window, the required hours, the doctor-span switch. */
  rules: RulesRepository;
  config: { tenant: string };
  clock: () => Date;
  newId: () => string;
}

/**
 * The unit's route under the tenant's policy (rules §5 defaults). A mid-level application follows the
 * tenant's mid-level policy (rules §3): the department where the policy and the unit have one, a notice
 * only where the policy asks, and no filing window (the yearly window is the senior filing's).
 */
export async function routeFor(
  deps: CertificationDeps,
  unitId: string,
  applicationYear: number,
  kind: CertificateKind = 'senior',
): Promise<ApplicationRoute> {
  const unit = await deps.organisations.get(unitId);
  if (!unit) throw new NotFoundError('unit_not_found', '单位不存在');
  const parent = unit.parentId ? await deps.organisations.get(unit.parentId) : undefined;
  const policy = await loadHoursPolicy(deps);
  if (kind === 'mid_level') return routeForUnit(unit, parent, null, midLevelPolicyOf(deps, policy));
  // The filing window of the year in which the hr office files (the application year).
  const window = resolveYearPolicy(policy, applicationYear).filingWindow;
  return routeForUnit(unit, parent, window);
}

/** The tenant's mid-level policy: what the hr office keeps, or the built-in values. */
export function midLevelPolicyOf(deps: Pick<CertificationDeps, 'config'>, policy: HoursPolicy): MidLevelPolicy {
  return policy.midLevel ?? defaultMidLevelPolicy(deps.config.tenant as TenantCode);
}

/** Loads an application the principal may see: its unit under theirs, or their own as a person. */
export async function loadApplicationInScope(
  deps: CertificationDeps,
  principal: Principal,
  id: string,
): Promise<{ app: Application; scope: Scope }> {
  const [app, scope] = await Promise.all([deps.certification.getApplication(id), loadScope(deps, principal)]);
  const visible =
    app && (principal.role === 'person' ? app.personId === (principal.personId ?? principal.userId) : await canSeeUnit(scope, app.unitId));
  if (!app || !visible) throw new NotFoundError('application_not_found', '申请不存在或不在管辖范围内');
  return { app, scope };
}

/** Applies one step of rules §5's table, or says why not (403 for the wrong role, 422 otherwise). */
export async function applyTransition(
  deps: CertificationDeps,
  principal: Principal | { userId: string; name: string; role: 'system' | 'public' },
  app: Application,
  action: WorkflowAction,
  options: { reason?: string; noticeEnded?: boolean; extra?: Partial<Application> } = {},
): Promise<Application> {
  const change = planTransition(deps, principal, app, action, options);
  return deps.certification.transition(change);
}

export function planTransition(
  deps: Pick<CertificationDeps, 'clock' | 'newId'>,
  principal: Principal | { userId: string; name: string; role: 'system' | 'public' },
  app: Application,
  action: WorkflowAction,
  options: { reason?: string; noticeEnded?: boolean; extra?: Partial<Application> } = {},
) {
  // The years as frozen on the application: the step judges exactly what it shows (issue 14).
  const flagged = flaggedYears(app.years).length > 0;
  const result = nextState(app.state, action, principal.role as Actor, {
    route: app.route,
    noticeEnded: options.noticeEnded,
    reason: options.reason,
    flagged,
  });
  if (!result.ok) {
    if (result.code === 'role_not_allowed') throw new ForbiddenError(result.code, result.message);
    if (result.code === 'exception_reason_required') {
      // Named, because a notice or a batch moves several at once and the reviewer must know whose.
      const short = flaggedYears(app.years)
        .map((y) => `${y.year}`)
        .join('、');
      throw new RuleViolationError(result.code, `${app.personName}：${result.message}（${short}年度）`, [
        { path: `reasons.${app.id}`, message: '请填写继续办理的理由' },
      ]);
    }
    throw new RuleViolationError(result.code, result.message);
  }
  // Enforced here, on the application's own actor record and under its version condition, so every
  // step (the notice's publish, the batch's file, the certificate's issue) is covered by one check.
  const duties = checkSeparationOfDuties(app.actors, action, principal.userId);
  if (!duties.ok) throw new ForbiddenError(duties.code, duties.message);
  const reason = options.reason?.trim();
  // Back to draft (an objection upheld, a return) or withdrawn: the application leaves its notice. Its
  // figures may change before it is published again, and then it needs a new full notice period
  // (rules §5 frozen notices); the audit event names the notice it left, with the step's reason.
  const leavesNotice = Boolean(app.noticeId) && (result.to === 'draft' || result.to === 'withdrawn');
  const at = deps.clock().toISOString();
  // A step forward over flagged years keeps its reason on the application for every later step and the
  // certificate; other reasons (a return, an objection, a withdrawal) are the clerk's latest message.
  // Back to draft, the application is reviewed afresh: earlier reasons were about figures it may no longer have.
  const exceptional = Boolean(reason) && flagged && isForwardAction(action);
  const exceptionReasons =
    result.to === 'draft'
      ? []
      : exceptional
        ? [...(app.exceptionReasons ?? []), { action, reason: reason!, by: principal.userId, byName: principal.name, at }]
        : app.exceptionReasons;
  return {
    app,
    next: {
      ...options.extra,
      ...(duties.actors ? { actors: duties.actors } : {}),
      state: result.to,
      updatedAt: at,
      ...(reason && !exceptional ? { lastReason: reason } : {}),
      ...(exceptionReasons ? { exceptionReasons } : {}),
      ...(leavesNotice ? { noticeId: undefined } : {}),
    },
    audit: auditBy(deps, principal as Principal, {
      entity: 'application',
      entityId: app.id,
      action,
      from: app.state,
      to: result.to,
      ...(reason ? { reason } : {}),
      ...(leavesNotice ? { before: { noticeId: app.noticeId } } : {}),
    }),
  };
}

/** The client acts on what it saw: a version that moved on is a 409, and the client refreshes. */
export function assertVersion(app: Application, version: number) {
  if (app.version !== version) throw new ConflictError('stale_version', '该申请已被他人处理，请刷新后重试');
}

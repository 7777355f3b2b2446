import * as z from 'zod';
import type { Role } from './contract';

/**
 * W2 certification (学时核认) as a pure state machine: rules §5's table, the route of each application
 * (tenant policy, as data) and the checks that no step of that route is skipped. Use-cases load the
 * application, ask `nextState`, and write the result conditioned on the state and version they read.
 */

export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'unit_approved',
  'in_notice',
  'objection',
  'notice_passed',
  'dept_approved',
  'filed',
  'certified',
  'withdrawn',
] as const;
export const ApplicationStateSchema = z.enum(APPLICATION_STATES);
export type ApplicationState = z.infer<typeof ApplicationStateSchema>;

export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  draft: '草稿',
  submitted: '已提交',
  unit_approved: '单位初审通过',
  in_notice: '公示中',
  objection: '有异议',
  notice_passed: '公示通过',
  dept_approved: '主管部门复审通过',
  filed: '已备案',
  certified: '已出具认定单',
  withdrawn: '已撤回',
};

export const WORKFLOW_ACTIONS = [
  'submit',
  'unit_approve',
  'unit_return',
  'publish',
  'notice_end',
  'lodge_objection',
  'uphold_objection',
  'dismiss_objection',
  'dept_approve',
  'dept_return',
  'file',
  'issue',
  'withdraw',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/**
 * The route an application takes (rules §5 "Routes are tenant policy"): whether a department
 * re-reviews it, whether the unit holds a public notice, and whether the hr office accepts filings
 * only inside a yearly window. The unit's initial review is on every route; the public notice
 * (在本单位公示) on every senior route, and on a mid-level one where the tenant's policy asks for it.
 */
export const ApplicationRouteSchema = z.object({
  department: z.boolean(),
  /** The department that re-reviews, when `department` is true. */
  departmentId: z.string().optional(),
  filingWindow: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** false: no public notice on this route (absent on routes stored before it existed: a notice). */
  notice: z.boolean().optional(),
});
export type ApplicationRoute = z.infer<typeof ApplicationRouteSchema>;

export type Actor = Role | 'system' | 'public';

/** Whether the route holds a public notice (every route stored before mid-level certificates did). */
export const hasNotice = (route: ApplicationRoute) => route.notice !== false;

/**
 * The state in which the unit's side is done and the next level takes over: after the notice, or
 * straight after the unit's approval on a route without one ("routes without a notice skip to the
 * next step", rules §5).
 */
export const readyAfterUnit = (route: ApplicationRoute): ApplicationState => (hasNotice(route) ? 'notice_passed' : 'unit_approved');

interface Rule {
  from: readonly ApplicationState[];
  to: (ctx: TransitionContext) => ApplicationState;
  actor: readonly Actor[];
  /** Steps that exist only on some routes. */
  onlyIf?: (route: ApplicationRoute) => boolean;
  reasonRequired?: boolean;
}

export interface TransitionContext {
  route: ApplicationRoute;
  /** Has the notice's end passed (00:00 Asia/Shanghai after its end date)? */
  noticeEnded?: boolean;
  /**
   * A year of the span is short or its evidence incomplete (shared/certification-check.ts): every step
   * forward then needs a written reason (issue 14).
   */
  flagged?: boolean;
}

/**
 * The steps that move an application on towards its certificate. With a flagged year each needs a
 * reason; submitting does not (the clerk hands it to review, where the reviewer decides).
 */
export const FORWARD_ACTIONS = ['unit_approve', 'publish', 'dept_approve', 'file', 'issue'] as const satisfies readonly WorkflowAction[];
export const isForwardAction = (action: WorkflowAction) => (FORWARD_ACTIONS as readonly WorkflowAction[]).includes(action);

const BEFORE_FILED: ApplicationState[] = [
  'draft',
  'submitted',
  'unit_approved',
  'in_notice',
  'objection',
  'notice_passed',
  'dept_approved',
];

const RULES: Record<WorkflowAction, Rule> = {
  submit: { from: ['draft'], to: () => 'submitted', actor: ['unit_clerk'] },
  unit_approve: { from: ['submitted'], to: () => 'unit_approved', actor: ['unit_reviewer'] },
  unit_return: { from: ['submitted'], to: () => 'draft', actor: ['unit_reviewer'], reasonRequired: true },
  publish: { from: ['unit_approved'], to: () => 'in_notice', actor: ['unit_reviewer'], onlyIf: hasNotice },
  notice_end: { from: ['in_notice'], to: () => 'notice_passed', actor: ['system'] },
  lodge_objection: { from: ['in_notice'], to: () => 'objection', actor: ['public'] },
  uphold_objection: { from: ['objection'], to: () => 'draft', actor: ['unit_reviewer'], reasonRequired: true },
  dismiss_objection: {
    from: ['objection'],
    to: (ctx) => (ctx.noticeEnded ? 'notice_passed' : 'in_notice'),
    actor: ['unit_reviewer'],
    reasonRequired: true,
  },
  // From `notice_passed`, or from `unit_approved` on a route without a notice (checked in nextState).
  dept_approve: {
    from: ['notice_passed', 'unit_approved'],
    to: () => 'dept_approved',
    actor: ['dept_reviewer'],
    onlyIf: (r) => r.department,
  },
  dept_return: {
    from: ['notice_passed', 'unit_approved'],
    to: () => 'draft',
    actor: ['dept_reviewer'],
    onlyIf: (r) => r.department,
    reasonRequired: true,
  },
  // Without a department the hr office takes the application straight after the notice (or after the
  // unit's approval on a route without one).
  file: { from: ['dept_approved', 'notice_passed', 'unit_approved'], to: () => 'filed', actor: ['hr_officer'] },
  issue: { from: ['filed'], to: () => 'certified', actor: ['hr_officer'] },
  withdraw: { from: BEFORE_FILED, to: () => 'withdrawn', actor: ['unit_clerk'], reasonRequired: true },
};

/**
 * Separation of duties (rules §6, December 2026): the human steps of one application are distinct
 * duties, and no account holds two of them — submit and approve, approve and publish, file and issue.
 * Repeating one's own duty is fine (a clerk resubmits after a return; a reviewer approves what they
 * returned before). Withdrawal, objections and the system's steps carry no duty.
 */
export const DUTY_OF_ACTION = {
  submit: 'submit',
  unit_approve: 'unit_review',
  unit_return: 'unit_review',
  publish: 'publish',
  dept_approve: 'dept_review',
  dept_return: 'dept_review',
  file: 'file',
  issue: 'issue',
} as const satisfies Partial<Record<WorkflowAction, string>>;
export type Duty = (typeof DUTY_OF_ACTION)[keyof typeof DUTY_OF_ACTION];
export const DUTIES = ['submit', 'unit_review', 'publish', 'dept_review', 'file', 'issue'] as const satisfies readonly Duty[];

const DUTY_LABELS: Record<Duty, string> = {
  submit: '提交',
  unit_review: '单位初审',
  publish: '发布公示',
  dept_review: '主管部门复审',
  file: '备案受理',
  issue: '出具认定单',
};

/** Who performed each duty on an application so far (account ids), kept on the application item. */
export const ApplicationActorsSchema = z.partialRecord(z.enum(DUTIES), z.string());
export type ApplicationActors = z.infer<typeof ApplicationActorsSchema>;

/**
 * Whether `userId` may perform `action` given who did what so far: refused when the account already
 * holds another duty on this application. Returns the actors to store after the step.
 */
export function checkSeparationOfDuties(
  actors: ApplicationActors | undefined,
  action: WorkflowAction,
  userId: string,
): { ok: true; actors: ApplicationActors | undefined } | { ok: false; code: 'separation_of_duties'; message: string } {
  const duty = (DUTY_OF_ACTION as Partial<Record<WorkflowAction, Duty>>)[action];
  if (!duty) return { ok: true, actors };
  const held = DUTIES.find((d) => d !== duty && actors?.[d] === userId);
  if (held) {
    return {
      ok: false,
      code: 'separation_of_duties',
      message: `同一账号不能在同一申请上既${DUTY_LABELS[held]}又${DUTY_LABELS[duty]}，请由另一名工作人员办理`,
    };
  }
  return { ok: true, actors: { ...actors, [duty]: userId } };
}

export type TransitionResult =
  | { ok: true; to: ApplicationState }
  | {
      ok: false;
      code: 'role_not_allowed' | 'invalid_transition' | 'step_not_on_route' | 'reason_required' | 'exception_reason_required';
      message: string;
    };

/** rules §5's table: where `action` by `actor` takes an application in `from`, or why it cannot. */
export function nextState(
  from: ApplicationState,
  action: WorkflowAction,
  actor: Actor,
  ctx: TransitionContext & { reason?: string },
): TransitionResult {
  const rule = RULES[action];
  if (!rule.actor.includes(actor)) return { ok: false, code: 'role_not_allowed', message: '当前角色不能执行此操作' };
  if (rule.onlyIf && !rule.onlyIf(ctx.route)) {
    return { ok: false, code: 'step_not_on_route', message: '该申请的流程没有这一步' };
  }
  if (!rule.from.includes(from)) {
    return { ok: false, code: 'invalid_transition', message: `当前状态（${APPLICATION_STATE_LABELS[from]}）不能执行此操作` };
  }
  // No skipped step: on a department route the hr office files only what the department approved;
  // the department and (without one) the hr office take only what the unit's side has finished —
  // the notice passed, or the unit's approval on a route without a notice.
  if (action === 'file' && ctx.route.department && from !== 'dept_approved') {
    return { ok: false, code: 'invalid_transition', message: '须先经主管部门复审' };
  }
  const afterUnit = action === 'dept_approve' || action === 'dept_return' || (action === 'file' && !ctx.route.department);
  if (afterUnit && from !== readyAfterUnit(ctx.route)) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: hasNotice(ctx.route)
        ? `当前状态（${APPLICATION_STATE_LABELS[from]}）不能执行此操作，须公示期满`
        : `当前状态（${APPLICATION_STATE_LABELS[from]}）不能执行此操作`,
    };
  }
  if (rule.reasonRequired && !ctx.reason?.trim()) return { ok: false, code: 'reason_required', message: '请填写理由' };
  if (ctx.flagged && isForwardAction(action) && !ctx.reason?.trim()) {
    return {
      ok: false,
      code: 'exception_reason_required',
      message: '该申请有年度学时未达标或佐证材料不齐全，继续办理须书面说明理由',
    };
  }
  return { ok: true, to: rule.to(ctx) };
}

/** Whether `date` (China date, YYYY-MM-DD) falls inside the yearly filing window, when there is one. */
export function inFilingWindow(route: ApplicationRoute, date: string): boolean {
  if (!route.filingWindow) return true;
  const md = date.slice(5);
  return md >= route.filingWindow.from && md <= route.filingWindow.to;
}

/**
 * The two certificates (rules §3): the province-wide 学时认定单 for senior titles, and the tenant's own
 * 合格证明 for mid-level (中级) ones. The title level applied for decides which one an application is.
 */
export const CertificateKindSchema = z.enum(['senior', 'mid_level']);
export type CertificateKind = z.infer<typeof CertificateKindSchema>;
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, string> = { senior: '学时认定单', mid_level: '合格证明' };

export function kindOfTitleLevel(titleLevel: string): CertificateKind {
  return titleLevel === 'intermediate' ? 'mid_level' : 'senior';
}

/**
 * `HN-{tenant}-{year}-{serial}` for the 学时认定单 and `HN-{tenant}-{year}-Z{serial}` for the 合格证明:
 * six digits, gapless per tenant, year and kind (rules §3, §5), each kind with its own counter.
 */
export function formatCertificateNumber(tenant: string, year: number, serial: number, kind: CertificateKind = 'senior'): string {
  return `HN-${tenant}-${year}-${kind === 'mid_level' ? 'Z' : ''}${String(serial).padStart(6, '0')}`;
}

/** The kind a number of this system's format names (a `Z` before the serial: the 合格证明). */
export function kindOfCertificateNumber(number: string): CertificateKind {
  return /^HN-\d{6}-\d{4}-Z/i.test(number.trim()) ? 'mid_level' : 'senior';
}

export const CertificateNumberSchema = z.string().regex(/^HN-\d{6}-\d{4}-Z?\d{6}$/, '证明编号格式应为 HN-地区代码-年度-序号');

/**
 * The default route of a unit (rules §5): 省直 (430000) unit → notice → department → provincial hr
 * office with a 1 July – 31 August filing window; 中央驻湘单位 skip the department; cities go through
 * the department where the unit has one, with no filing window unless the city sets one. Non-public
 * organisations and freelancers' HR agencies act as the unit and have no department above them.
 */
export function routeForUnit(
  unit: { id: string; unitType?: string; parentId?: string },
  parent: { id: string; kind: string } | undefined,
  filingWindow: { from: string; to: string } | null,
  /** A mid-level application: the tenant's mid-level policy says whether a department and a notice are on it. */
  midLevel?: { department: boolean; notice: boolean },
): ApplicationRoute {
  const hasDepartment = parent?.kind === 'department' && unit.unitType !== 'central_in_hunan' && (midLevel?.department ?? true);
  return {
    department: hasDepartment,
    ...(hasDepartment ? { departmentId: parent!.id } : {}),
    filingWindow,
    ...(midLevel ? { notice: midLevel.notice } : {}),
  };
}

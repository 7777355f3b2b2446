import type { Application } from '../../../shared/applications.js';
import { flaggedYears } from '../../../shared/certification-check.js';
import type { Role } from '../../../shared/contract.js';
import type { AuditEvent } from '../../../shared/records.js';
import {
  APPLICATION_STATE_LABELS,
  CERTIFICATE_KIND_LABELS,
  hasNotice,
  isForwardAction,
  nextState,
  readyAfterUnit,
  type ApplicationState,
  type CertificateKind,
  type WorkflowAction,
} from '../../../shared/workflow.js';

/** What the certification screens say about W2 (rules §5) beyond the shared state labels. */

export const TITLE_LEVEL_APPLIED_LABELS: Record<Application['titleLevel'], string> = {
  intermediate: '中级',
  associate_senior: '副高级',
  senior: '正高级',
};

/** The certificate an application leads to: 学时认定单 (senior) or 合格证明 (mid-level). */
export const KIND_LABELS = CERTIFICATE_KIND_LABELS;
export const KIND_COLORS: Record<CertificateKind, string> = { senior: 'geekblue', mid_level: 'purple' };

/** 申报 column: year, level and the certificate, e.g. "2026年 中级（合格证明）". */
export function appliedLabel(app: Pick<Application, 'applicationYear' | 'titleLevel' | 'kind'>): string {
  return `${app.applicationYear}年 ${TITLE_LEVEL_APPLIED_LABELS[app.titleLevel]}（${KIND_LABELS[app.kind]}）`;
}

/** The route in words, as the application carries it (rules §3, §5). */
export function routeLabel(app: Pick<Application, 'route'>): string {
  return ['单位初审', ...(hasNotice(app.route) ? ['公示'] : []), ...(app.route.department ? ['主管部门复审'] : []), '人社部门备案'].join(
    ' → ',
  );
}

export const STATE_COLORS: Record<ApplicationState, string> = {
  draft: 'default',
  submitted: 'processing',
  unit_approved: 'cyan',
  in_notice: 'gold',
  objection: 'error',
  notice_passed: 'lime',
  dept_approved: 'green',
  filed: 'blue',
  certified: 'success',
  withdrawn: 'default',
};

export function stateLabel(state: string | undefined, kind: CertificateKind = 'senior'): string {
  if (state === 'certified' && kind === 'mid_level') return `已出具${KIND_LABELS[kind]}`;
  return state ? (APPLICATION_STATE_LABELS[state as ApplicationState] ?? state) : '';
}

/** The audit trail's actions (shared/workflow.ts WORKFLOW_ACTIONS, plus `create`) in the timeline's words. */
export const ACTION_LABELS: Record<WorkflowAction | 'create', string> = {
  create: '发起申请',
  submit: '提交申请',
  unit_approve: '单位初审通过',
  unit_return: '单位初审退回',
  publish: '发布本单位公示',
  notice_end: '公示期满',
  lodge_objection: '收到异议',
  uphold_objection: '异议成立，退回',
  dismiss_objection: '异议不成立',
  dept_approve: '主管部门复审通过',
  dept_return: '主管部门复审退回',
  file: '人社部门备案受理',
  issue: '出具学时认定单',
  withdraw: '撤回申请',
};

export function actionLabel(action: string, kind: CertificateKind = 'senior'): string {
  if (action === 'issue') return `出具${KIND_LABELS[kind]}`;
  return ACTION_LABELS[action as WorkflowAction] ?? action;
}

/** The state each reviewing role approves in bulk from its inbox (初审 and 复审). */
export const REVIEWABLE_STATE: Partial<Record<Role, ApplicationState>> = {
  unit_reviewer: 'submitted',
  dept_reviewer: 'notice_passed',
};

/** Where each role's inbox opens: the state it acts on next. */
export const INBOX_DEFAULT_STATE: Partial<Record<Role, ApplicationState>> = {
  unit_clerk: 'draft',
  unit_reviewer: 'submitted',
  dept_reviewer: 'notice_passed',
  hr_officer: 'filed',
};

export type ActionKey = 'submit' | 'approve' | 'return' | 'publish' | 'uphold' | 'dismiss' | 'file' | 'issue' | 'withdraw';

export interface ActionSpec {
  key: ActionKey;
  label: string;
  /** The button's look: the step forward is primary, a step back or out is danger. */
  tone: 'primary' | 'default' | 'danger';
  /** Asks for a written reason first (rules §5: returning, objections, withdrawal). */
  reason?: { title: string; placeholder: string };
}

const CANDIDATES: { action: WorkflowAction; spec: ActionSpec }[] = [
  { action: 'submit', spec: { key: 'submit', label: '提交审核', tone: 'primary' } },
  { action: 'unit_approve', spec: { key: 'approve', label: '初审通过', tone: 'primary' } },
  {
    action: 'unit_return',
    spec: {
      key: 'return',
      label: '退回',
      tone: 'danger',
      reason: { title: '退回申请', placeholder: '请写明退回理由，经办人将看到此理由' },
    },
  },
  { action: 'publish', spec: { key: 'publish', label: '发布公示', tone: 'primary' } },
  {
    action: 'uphold_objection',
    spec: {
      key: 'uphold',
      label: '异议成立',
      tone: 'danger',
      reason: { title: '异议成立（申请退回草稿）', placeholder: '请写明核实情况' },
    },
  },
  {
    action: 'dismiss_objection',
    spec: {
      key: 'dismiss',
      label: '异议不成立',
      tone: 'default',
      reason: { title: '异议不成立（继续公示）', placeholder: '请写明核实情况' },
    },
  },
  { action: 'dept_approve', spec: { key: 'approve', label: '复审通过', tone: 'primary' } },
  {
    action: 'dept_return',
    spec: { key: 'return', label: '退回', tone: 'danger', reason: { title: '退回申请', placeholder: '请写明退回理由，单位将看到此理由' } },
  },
  { action: 'file', spec: { key: 'file', label: '备案受理', tone: 'primary' } },
  { action: 'issue', spec: { key: 'issue', label: '出具学时认定单', tone: 'primary' } },
  {
    action: 'withdraw',
    spec: { key: 'withdraw', label: '撤回申请', tone: 'danger', reason: { title: '撤回申请', placeholder: '请写明撤回理由' } },
  },
];

/**
 * The buttons `role` gets on `app`: exactly the steps rules §5's table (shared `nextState`) allows from
 * the current state on the application's route. Filing an application of a department route goes
 * through the department's batch, so the single-application 备案 is offered only without a department.
 */
export function availableActions(app: Pick<Application, 'state' | 'route' | 'kind' | 'years'>, role: Role): ActionSpec[] {
  // A short year or incomplete evidence: every step forward asks for its written reason (issue 14).
  const flagged = flaggedYears(app.years).length > 0;
  return CANDIDATES.filter(({ action }) => {
    if (action === 'file' && app.route.department) return false;
    return nextState(app.state, action, role, { route: app.route, reason: '—' }).ok;
  }).map((c) => {
    const spec = c.action === 'issue' ? { ...c.spec, label: actionLabel('issue', app.kind) } : c.spec;
    if (!flagged || !isForwardAction(c.action) || c.action === 'publish') return spec;
    return {
      ...spec,
      reason: {
        title: `${spec.label}：须说明继续办理的理由`,
        placeholder: '该申请有年度学时未达标或佐证材料不齐全。请写明继续办理的理由，后续各环节及认定单均可见',
      },
    };
  });
}

export interface RouteStep {
  title: string;
  /** The states in which this step is the one under way. */
  states: readonly ApplicationState[];
}

/** The steps of the application's route (rules §5): the department's re-review only where there is one. */
export function routeSteps(app: Pick<Application, 'route' | 'kind'>): RouteStep[] {
  const ready = readyAfterUnit(app.route);
  return [
    { title: '单位经办人提交', states: ['draft'] },
    { title: '单位初审', states: ['submitted'] },
    // A mid-level route without a notice (tenant policy) goes from the unit straight to the next level.
    ...(hasNotice(app.route) ? [{ title: '本单位公示', states: ['unit_approved', 'in_notice', 'objection'] as const }] : []),
    ...(app.route.department ? [{ title: '主管部门复审', states: [ready] }] : []),
    { title: '人社部门备案', states: app.route.department ? (['dept_approved'] as const) : ([ready, 'dept_approved'] as const) },
    { title: actionLabel('issue', app.kind), states: ['filed'] },
  ];
}

/**
 * Where the application stands on its route: the step under way and its status. A certified
 * application has finished every step; a withdrawn one stopped at the step it was withdrawn from
 * (the `from` of its last withdraw event).
 */
export function routeProgress(app: Pick<Application, 'state' | 'route' | 'kind'>, history: readonly AuditEvent[]) {
  const steps = routeSteps(app);
  if (app.state === 'certified') return { steps, current: steps.length - 1, status: 'finish' as const };
  const state =
    app.state === 'withdrawn'
      ? (([...history].reverse().find((e) => e.action === 'withdraw')?.from as ApplicationState | undefined) ?? 'draft')
      : app.state;
  const current = Math.max(
    0,
    steps.findIndex((s) => s.states.includes(state)),
  );
  const status = app.state === 'withdrawn' || app.state === 'objection' ? ('error' as const) : ('process' as const);
  return { steps, current, status };
}

import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATES,
  WORKFLOW_ACTIONS,
  formatCertificateNumber,
  inFilingWindow,
  kindOfCertificateNumber,
  kindOfTitleLevel,
  nextState,
  routeForUnit,
  type ApplicationRoute,
  type ApplicationState,
  type WorkflowAction,
} from '../../shared/workflow.js';

const withDept: ApplicationRoute = { department: true, departmentId: 'dept-1', filingWindow: { from: '07-01', to: '08-31' } };
const noDept: ApplicationRoute = { department: false, filingWindow: null };

/** rules §5's table, row by row: from, action, actor → to (department route). */
const TABLE: [ApplicationState, WorkflowAction, string, ApplicationState][] = [
  ['draft', 'submit', 'unit_clerk', 'submitted'],
  ['submitted', 'unit_approve', 'unit_reviewer', 'unit_approved'],
  ['submitted', 'unit_return', 'unit_reviewer', 'draft'],
  ['unit_approved', 'publish', 'unit_reviewer', 'in_notice'],
  ['in_notice', 'notice_end', 'system', 'notice_passed'],
  ['in_notice', 'lodge_objection', 'public', 'objection'],
  ['objection', 'uphold_objection', 'unit_reviewer', 'draft'],
  ['objection', 'dismiss_objection', 'unit_reviewer', 'in_notice'],
  ['notice_passed', 'dept_approve', 'dept_reviewer', 'dept_approved'],
  ['notice_passed', 'dept_return', 'dept_reviewer', 'draft'],
  ['dept_approved', 'file', 'hr_officer', 'filed'],
  ['filed', 'issue', 'hr_officer', 'certified'],
  ...(['draft', 'submitted', 'unit_approved', 'in_notice', 'objection', 'notice_passed', 'dept_approved'] as const).map(
    (s) => [s, 'withdraw', 'unit_clerk', 'withdrawn'] as [ApplicationState, WorkflowAction, string, ApplicationState],
  ),
];

describe('the W2 state machine', () => {
  it.each(TABLE)('%s --%s (%s)--> %s', (from, action, actor, to) => {
    expect(nextState(from, action, actor as never, { route: withDept, reason: '理由' })).toEqual({ ok: true, to });
  });

  it('allows nothing else: every other (state, action) pair is refused', () => {
    const allowed = new Set(TABLE.map(([f, a]) => `${f}:${a}`));
    for (const from of APPLICATION_STATES) {
      for (const action of WORKFLOW_ACTIONS) {
        if (allowed.has(`${from}:${action}`)) continue;
        for (const actor of ['unit_clerk', 'unit_reviewer', 'dept_reviewer', 'hr_officer', 'system', 'public'] as const) {
          expect(nextState(from, action, actor, { route: withDept, reason: '理由' }).ok, `${from} ${action} ${actor}`).toBe(false);
        }
      }
    }
  });

  it('refuses the wrong role even in the right state', () => {
    expect(nextState('submitted', 'unit_approve', 'unit_clerk', { route: withDept })).toMatchObject({
      ok: false,
      code: 'role_not_allowed',
    });
    expect(nextState('filed', 'issue', 'dept_reviewer', { route: withDept })).toMatchObject({ ok: false, code: 'role_not_allowed' });
  });

  it('passes a dismissed objection straight to notice_passed once the notice has ended', () => {
    expect(nextState('objection', 'dismiss_objection', 'unit_reviewer', { route: withDept, noticeEnded: true, reason: '不成立' })).toEqual({
      ok: true,
      to: 'notice_passed',
    });
  });

  it('needs a reason to return, uphold, dismiss or withdraw', () => {
    for (const [from, action, actor] of [
      ['submitted', 'unit_return', 'unit_reviewer'],
      ['objection', 'uphold_objection', 'unit_reviewer'],
      ['notice_passed', 'dept_return', 'dept_reviewer'],
      ['draft', 'withdraw', 'unit_clerk'],
    ] as const) {
      expect(nextState(from, action, actor, { route: withDept, reason: '  ' })).toMatchObject({ ok: false, code: 'reason_required' });
    }
  });

  it('skips no step of the route: with a department the hr office files only what it approved', () => {
    expect(nextState('notice_passed', 'file', 'hr_officer', { route: withDept })).toMatchObject({ ok: false });
    expect(nextState('notice_passed', 'file', 'hr_officer', { route: noDept })).toEqual({ ok: true, to: 'filed' });
    expect(nextState('notice_passed', 'dept_approve', 'dept_reviewer', { route: noDept })).toMatchObject({
      ok: false,
      code: 'step_not_on_route',
    });
  });
});

describe('mid-level routes without a notice (rules §3 "mid-level titles", §5 "routes without a notice skip to the next step")', () => {
  const deptNoNotice: ApplicationRoute = { department: true, departmentId: 'dept-1', filingWindow: null, notice: false };
  const direct: ApplicationRoute = { department: false, filingWindow: null, notice: false };

  it('takes the department straight after the unit, and refuses the notice', () => {
    expect(nextState('unit_approved', 'publish', 'unit_reviewer', { route: deptNoNotice })).toMatchObject({
      ok: false,
      code: 'step_not_on_route',
    });
    expect(nextState('unit_approved', 'dept_approve', 'dept_reviewer', { route: deptNoNotice })).toEqual({ ok: true, to: 'dept_approved' });
    expect(nextState('unit_approved', 'dept_return', 'dept_reviewer', { route: deptNoNotice, reason: '退回' })).toEqual({
      ok: true,
      to: 'draft',
    });
    // Still no skipped step: the hr office files only what the department approved.
    expect(nextState('unit_approved', 'file', 'hr_officer', { route: deptNoNotice })).toMatchObject({ ok: false });
    expect(nextState('dept_approved', 'file', 'hr_officer', { route: deptNoNotice })).toEqual({ ok: true, to: 'filed' });
  });

  it('lets the hr office file straight after the unit where there is no department either', () => {
    expect(nextState('unit_approved', 'file', 'hr_officer', { route: direct })).toEqual({ ok: true, to: 'filed' });
    expect(nextState('submitted', 'file', 'hr_officer', { route: direct })).toMatchObject({ ok: false });
  });

  it('keeps the notice on a route that has one: nothing moves past unit_approved without it', () => {
    for (const route of [withDept, noDept, { ...withDept, notice: true }]) {
      expect(nextState('unit_approved', 'dept_approve', 'dept_reviewer', { route }).ok).toBe(false);
      expect(nextState('unit_approved', 'file', 'hr_officer', { route }).ok).toBe(false);
    }
  });

  it('routes by the tenant policy: department where the policy and the unit have one, a notice only if asked', () => {
    const unit = { id: 'u', unitType: 'public_institution' };
    const dept = { id: 'd', kind: 'department' };
    expect(routeForUnit(unit, dept, null, { department: true, notice: false })).toEqual({
      department: true,
      departmentId: 'd',
      filingWindow: null,
      notice: false,
    });
    expect(routeForUnit(unit, dept, null, { department: false, notice: true })).toEqual({
      department: false,
      filingWindow: null,
      notice: true,
    });
    expect(
      routeForUnit({ id: 'u', unitType: 'enterprise' }, { id: 'hr', kind: 'hr_office' }, null, { department: true, notice: false }),
    ).toEqual({
      department: false,
      filingWindow: null,
      notice: false,
    });
  });
});

describe('routes (rules §5 defaults)', () => {
  const window = { from: '07-01', to: '08-31' };
  it.each([
    [
      'a unit under a department',
      { id: 'u', unitType: 'public_institution' },
      { id: 'd', kind: 'department' },
      window,
      { department: true, departmentId: 'd', filingWindow: window },
    ],
    [
      'a central unit in Hunan (no department)',
      { id: 'u', unitType: 'central_in_hunan' },
      { id: 'd', kind: 'department' },
      window,
      { department: false, filingWindow: window },
    ],
    [
      'an enterprise directly under the hr office',
      { id: 'u', unitType: 'enterprise' },
      { id: 'hr', kind: 'hr_office' },
      null,
      { department: false, filingWindow: null },
    ],
    [
      'an HR agency acting for freelancers',
      { id: 'u', unitType: 'hr_agency' },
      { id: 'hr', kind: 'hr_office' },
      null,
      { department: false, filingWindow: null },
    ],
  ] as const)('%s', (_name, unit, parent, filingWindow, route) => {
    expect(routeForUnit(unit, parent, filingWindow)).toEqual(route);
  });

  it('accepts filings inside the window only, when there is one', () => {
    expect(inFilingWindow(withDept, '2026-07-01')).toBe(true);
    expect(inFilingWindow(withDept, '2026-08-31')).toBe(true);
    expect(inFilingWindow(withDept, '2026-09-01')).toBe(false);
    expect(inFilingWindow(withDept, '2026-06-30')).toBe(false);
    expect(inFilingWindow(noDept, '2026-01-15')).toBe(true);
  });

  it('numbers certificates HN-{tenant}-{year}-{serial}, and the 合格证明 HN-{tenant}-{year}-Z{serial}', () => {
    expect(formatCertificateNumber('430000', 2026, 42)).toBe('HN-430000-2026-000042');
    expect(formatCertificateNumber('430200', 2026, 7, 'mid_level')).toBe('HN-430200-2026-Z000007');
    expect(kindOfCertificateNumber('HN-430200-2026-Z000007')).toBe('mid_level');
    expect(kindOfCertificateNumber('hn-430200-2026-z000007 ')).toBe('mid_level');
    expect(kindOfCertificateNumber('HN-430200-2026-000007')).toBe('senior');
    expect(kindOfTitleLevel('intermediate')).toBe('mid_level');
    expect(kindOfTitleLevel('associate_senior')).toBe('senior');
  });
});

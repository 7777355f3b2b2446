import type { WorkbenchCard } from '../../../../shared/workbench.js';
import type { Principal } from '../../api/endpoints.js';

/** What each to-do card says, how many of what, and the filtered list it opens. */
export function cardView(card: WorkbenchCard, principal: Principal, year: number): { title: string; unit: string; to: string } {
  const ownUnit = principal.role === 'unit_clerk' || principal.role === 'unit_reviewer';
  const apps = (state: string) => `/applications?state=${state}`;
  switch (card) {
    case 'applications_draft':
      return { title: '待提交的申请（含退回）', unit: '件', to: apps('draft') };
    case 'applications_submitted':
      return { title: '待初审', unit: '件', to: apps('submitted') };
    case 'applications_unit_approved':
      return { title: '待公示', unit: '件', to: apps('unit_approved') };
    case 'applications_objection':
      return { title: '有异议', unit: '件', to: apps('objection') };
    case 'applications_notice_passed':
      return { title: '待复审', unit: '件', to: apps('notice_passed') };
    case 'applications_dept_approved':
      return { title: '待报送批次', unit: '件', to: apps('dept_approved') };
    case 'applications_filed':
      return { title: '待出具认定单', unit: '件', to: apps('filed') };
    case 'notices_ending':
      return { title: '3日内期满的公示', unit: '个', to: '/unit-notices' };
    case 'batches_submitted':
      return { title: '待受理批次', unit: '个', to: '/batches' };
    case 'own_entries':
      return { title: '待接收的本人填报', unit: '项', to: `/people?unit=${encodeURIComponent(principal.orgId)}` };
    case 'pending_records':
      return { title: `${year}年度有待处理记录`, unit: '人', to: `/dashboard?year=${year}` };
    case 'failed_imports':
      return { title: '导入失败待处理', unit: '个', to: '/imports' };
    case 'shortfall':
      return {
        title: `${year}年度未达标（含无学时记录）`,
        unit: '人',
        to: ownUnit ? `/people?unit=${encodeURIComponent(principal.orgId)}&year=${year}&compliance=short` : `/dashboard?year=${year}`,
      };
  }
}

import { ForbiddenError } from '../../shared/errors.js';
import { maskResidentId } from '../../shared/mask.js';
import { BOOK_STATUS_LABELS, type RegistrationBook } from '../../shared/records.js';
import type { Principal } from '../auth/principal.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { BookRepository, PeopleRepository, StoredPerson } from '../ports/records.js';
import type { OutputSheet } from './imports/sheet-table.js';
import { everyItem } from './paging.js';
import { assertUnitInScope, loadScope } from './scope.js';

export interface UnitSummaryDeps {
  organisations: OrganisationRepository;
  people: PeopleRepository;
  books: BookRepository;
}

export interface UnitSummaryRow {
  name: string;
  idNumberMasked: string;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  compliant: boolean;
  status: string;
}

/** Pages read while assembling an export: large pages, since the whole unit is wanted. */
const PAGE = 500;

/**
 * A unit's yearly summary (the Excel export): every person currently in the unit, with the year's
 * hours from their registration book; a person with no book that year shows zeros, not compliant.
 * Resident IDs are masked, as in every list (rules §6).
 */
export async function unitYearSummary(deps: UnitSummaryDeps, principal: Principal, unitId: string, year: number) {
  if (principal.role === 'person') throw new ForbiddenError('role_not_allowed', '当前角色无权导出单位汇总');
  const unit = await assertUnitInScope(await loadScope(deps, principal), unitId);

  const people = await everyItem((page) => deps.people.listByUnit(unitId, { limit: PAGE, ...page }));
  const books = new Map(
    (await everyItem((page) => deps.books.listByUnitYear(unitId, year, { limit: PAGE, ...page }))).map((b) => [b.personId, b]),
  );

  const rows = people.map((p): UnitSummaryRow => {
    const b = books.get(p.id);
    return {
      name: p.name,
      idNumberMasked: maskResidentId(p.idNumber),
      publicHours: b?.result.publicHours ?? 0,
      professionalHours: b?.result.professionalHours ?? 0,
      totalHours: b?.result.totalHours ?? 0,
      compliant: b?.result.compliant ?? false,
      status: b ? BOOK_STATUS_LABELS[b.status] : '无学时记录',
    };
  });
  return { unit, year, rows };
}

/** The summary as a sheet: the columns a unit hands on, in zh-CN. */
export function unitSummarySheet(summary: Awaited<ReturnType<typeof unitYearSummary>>): { fileName: string; sheet: OutputSheet } {
  return {
    fileName: `${summary.unit.name}${summary.year}年度学时汇总.xlsx`,
    sheet: {
      name: `${summary.year}年度学时汇总`,
      columns: [
        { header: '姓名', width: 12 },
        { header: '身份证号码', width: 22, text: true },
        { header: '公需学时', width: 10 },
        { header: '专业学时', width: 10 },
        { header: '合计学时', width: 10 },
        { header: '是否达标', width: 10 },
        { header: '确认状态', width: 16 },
      ],
      rows: summary.rows.map((r) => [
        r.name,
        r.idNumberMasked,
        r.publicHours,
        r.professionalHours,
        r.totalHours,
        r.compliant ? '达标' : '未达标',
        r.status,
      ]),
    },
  };
}

import type { ExportKind } from '../../../shared/exports.js';
import { maskResidentId } from '../../../shared/mask.js';
import type { Organisation } from '../../../shared/organisation.js';
import { BOOK_STATUS_LABELS, type RegistrationBook } from '../../../shared/records.js';
import type { SheetColumn } from '../../ports/exports.js';
import type { StoredPerson } from '../../ports/records.js';

/** The required hours of a year with no book (R1); a book carries its own year's figure. */
const DEFAULT_REQUIRED_HOURS = 90;

export interface ExportLayout {
  sheetName: (year: number) => string;
  columns: SheetColumn[];
  /** The row of one person now in `unit`, or undefined when this export leaves them out. */
  row: (unit: Organisation, person: StoredPerson, book: RegistrationBook | undefined) => (string | number)[] | undefined;
}

const UNIT = { header: '单位', width: 28 };
const NAME = { header: '姓名', width: 12 };
// Masked, as in every list (rules §6); text-formatted so Excel keeps the asterisks and digits as typed.
const ID = { header: '身份证号码', width: 22, text: true };
const STATUS = { header: '确认状态', width: 16 };
const statusOf = (book: RegistrationBook | undefined) => (book ? BOOK_STATUS_LABELS[book.status] : '无学时记录');

/**
 * The columns of each export, in zh-CN. The summary matches the unit summary (functions/use-cases/
 * unit-summary.ts) with the unit in front; the shortfall list keeps only those short of the year's
 * requirement, people with no record that year included, with how much is missing.
 */
export const EXPORT_LAYOUTS: Record<ExportKind, ExportLayout> = {
  summary: {
    sheetName: (year) => `${year}年度学时汇总`,
    columns: [
      UNIT,
      NAME,
      ID,
      { header: '公需学时', width: 10 },
      { header: '专业学时', width: 10 },
      { header: '合计学时', width: 10 },
      { header: '是否达标', width: 10 },
      STATUS,
    ],
    row: (unit, p, b) => [
      unit.name,
      p.name,
      maskResidentId(p.idNumber),
      b?.result.publicHours ?? 0,
      b?.result.professionalHours ?? 0,
      b?.result.totalHours ?? 0,
      b?.result.compliant ? '达标' : '未达标',
      statusOf(b),
    ],
  },
  shortfall: {
    sheetName: (year) => `${year}年度未达标人员`,
    columns: [UNIT, NAME, ID, { header: '合计学时', width: 10 }, { header: '尚缺学时', width: 10 }, { header: '情况', width: 12 }, STATUS],
    row: (unit, p, b) => {
      if (b?.result.compliant) return undefined;
      const total = b?.result.totalHours ?? 0;
      const required = b?.result.requiredHours ?? DEFAULT_REQUIRED_HOURS;
      // Hours are tenths where fractional (rules §3): round the difference the same way.
      const missing = Math.max(0, Math.round((required - total) * 10) / 10);
      return [unit.name, p.name, maskResidentId(p.idNumber), total, missing, b ? '未达标' : '无学时记录', statusOf(b)];
    },
  },
};

import { hasAtMostOneDecimal } from '../../../shared/hours/schemas.js';
import { parseResidentId } from '../../../shared/id-number.js';
import type { ImportRowError } from '../../../shared/imports.js';
import { numberOf, textOf, type SheetRow } from './sheet-table.js';

/**
 * Cell readers for the importers: each returns the value or records one zh-CN error for the cell.
 * Resident IDs are never put into a message, not even masked: the row and column say where.
 */
export class CellReader {
  constructor(
    readonly errors: ImportRowError[],
    /** Today's China date: birth dates after it are typos. */
    private readonly today: string,
  ) {}

  fail(r: Pick<SheetRow, 'sheet' | 'row'>, column: string, message: string): undefined {
    this.errors.push({ sheet: r.sheet, row: r.row, column, message });
    return undefined;
  }

  residentId(r: SheetRow, column = '身份证号码'): string | undefined {
    const value = r.get(column);
    // Excel keeps 15 significant digits: an ID typed into a number cell has already lost its last digits.
    if (typeof value === 'number')
      return this.fail(r, column, '身份证号码须以文本格式填写（数字格式会丢失末几位），请将该列设为文本后重新填写');
    const text = textOf(value);
    if (!text) return this.fail(r, column, '请填写身份证号码');
    const parsed = parseResidentId(text, { notAfter: this.today });
    return parsed.ok ? parsed.value.idNumber : this.fail(r, column, parsed.message);
  }

  text(r: SheetRow, column: string, options: { required: boolean; max: number }): string | undefined {
    const text = textOf(r.get(column));
    if (!text) return options.required ? this.fail(r, column, `请填写${column}`) : undefined;
    if (Array.from(text).length > options.max) return this.fail(r, column, `${column}不能超过${options.max}个字`);
    return text;
  }

  integer(r: SheetRow, column: string, options: { required: boolean; min: number; max: number; hint?: string }): number | undefined {
    const n = numberOf(r.get(column));
    if (n === undefined) return options.required ? this.fail(r, column, `请填写${column}`) : undefined;
    if (!Number.isInteger(n) || n < options.min || n > options.max) {
      return this.fail(r, column, options.hint ?? `${column}须为${options.min}至${options.max}之间的整数`);
    }
    return n;
  }

  hours(r: SheetRow, column: string): number | undefined {
    const n = numberOf(r.get(column));
    if (n === undefined) return this.fail(r, column, `请填写${column}（没有则填0）`);
    if (Number.isNaN(n)) return this.fail(r, column, `${column}须为数字`);
    if (n < 0) return this.fail(r, column, `${column}不能为负数`);
    if (n > 1000) return this.fail(r, column, `${column}不能大于1000`);
    // Excel shows 15 significant digits: a formula's 30.000000000000004 is the 30 the clerk sees. Past
    // that, one decimal is checked exactly (shared/hours/schemas.ts), so 30.0000001 is refused.
    const shown = Number(n.toPrecision(15));
    if (!hasAtMostOneDecimal(shown)) return this.fail(r, column, `${column}最多保留一位小数`);
    return shown;
  }

  /** One of a set of labels (or the code itself); the message lists the labels. */
  choice<T extends string>(r: SheetRow, column: string, options: Record<T, readonly string[]>): T | undefined {
    const text = textOf(r.get(column));
    if (!text) return undefined;
    for (const [code, labels] of Object.entries(options) as [T, readonly string[]][]) {
      if (code === text || labels.includes(text)) return code;
    }
    const firsts = Object.values<readonly string[]>(options).map((labels) => labels[0]);
    return this.fail(r, column, `${column}须为：${firsts.join('、')}`);
  }
}

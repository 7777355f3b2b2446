import type { ImportRowError } from '../../../shared/imports.js';

/**
 * A worksheet as plain values. The HTTP edge reads the uploaded .xlsx into these (functions/http/xlsx.ts)
 * and writes templates and exports from them, so no use-case depends on the spreadsheet library.
 */
export type CellValue = string | number | boolean | Date | null;

export interface SheetTable {
  name: string;
  /** Non-empty rows in order, with Excel's 1-based row numbers. */
  rows: { number: number; cells: CellValue[] }[];
}

/** A sheet to write (templates, exports): the HTTP edge renders it as .xlsx. */
export interface OutputSheet {
  name: string;
  /** `options`: a drop-down list of the allowed values on the column's data rows. */
  columns: { header: string; width?: number; text?: boolean; options?: readonly string[] }[];
  rows: CellValue[][];
}

/** A column of an import sheet, as the template shows it and the importer reads it. */
export interface ColumnSpec {
  header: string;
  required: boolean;
  /** An enumerated column: the template offers these values as a drop-down. */
  options?: readonly string[];
  /** Shown in the template's 说明 sheet. */
  note: string;
  example: CellValue;
  /** Formatted as text in the template (ID numbers: Excel would round an 18-digit number). */
  text?: boolean;
  width?: number;
}

export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
}

/** A data row of a sheet: its row number and its cells by header. */
export interface SheetRow {
  sheet: string;
  row: number;
  get(header: string): CellValue;
}

/** Headers compare without spaces, a leading `*` (required mark) or a trailing （必填） note. */
function normaliseHeader(value: CellValue): string {
  return String(value ?? '')
    .replace(/\s+/g, '')
    .replace(/^\*/, '')
    .replace(/[（(](必填|选填)[）)]$/, '');
}

/**
 * The rows of a sheet under its header row (the first non-empty row). Missing required columns are
 * reported against the header row, and the sheet then yields no rows.
 */
export function readRows(table: SheetTable, spec: SheetSpec, errors: ImportRowError[]): SheetRow[] {
  const [header, ...data] = table.rows;
  if (!header) return [];
  const positions = new Map<string, number>();
  header.cells.forEach((cell, i) => {
    const name = normaliseHeader(cell);
    if (name && !positions.has(name)) positions.set(name, i);
  });
  const missing = spec.columns.filter((c) => c.required && !positions.has(c.header));
  for (const c of missing) {
    errors.push({ sheet: table.name, row: header.number, column: c.header, message: `缺少“${c.header}”列，请使用导入模板` });
  }
  if (missing.length) return [];
  return data.map((r) => ({
    sheet: table.name,
    row: r.number,
    get: (h: string) => {
      const i = positions.get(h);
      return i === undefined ? null : (r.cells[i] ?? null);
    },
  }));
}

/** Cell text, trimmed; numbers as Excel shows them; empty → ''. */
export function textOf(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value).trim();
}

/** A numeric cell or a numeric text; undefined for empty; NaN for anything else. */
export function numberOf(value: CellValue): number | undefined {
  if (value === null) return undefined;
  if (typeof value === 'number') return value;
  const text = textOf(value);
  if (text === '') return undefined;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
}

/** Finds the sheet by name; `fallbackToFirst` takes the first sheet that is not the instructions. */
export function findSheet(sheets: SheetTable[], name: string, fallbackToFirst = false): SheetTable | undefined {
  return (
    sheets.find((s) => s.name.trim() === name) ?? (fallbackToFirst ? sheets.find((s) => s.name.trim() !== INSTRUCTIONS_SHEET) : undefined)
  );
}

export const INSTRUCTIONS_SHEET = '填写说明';

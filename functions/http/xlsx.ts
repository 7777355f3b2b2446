import ExcelJS from 'exceljs';
import { ValidationError } from '../../shared/errors.js';
import type { CellValue, OutputSheet, SheetTable } from '../use-cases/imports/sheet-table.js';

/**
 * .xlsx is a representation, like JSON: the edge turns an upload into plain sheet tables and plain
 * sheets into a download, so use-cases never see the spreadsheet library. exceljs, not `xlsx` (the npm
 * `xlsx` package is stuck at a version with known advisories).
 */

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The most a workbook may unpack to. A 4 MB upload of real data unpacks to a few tens of MB at most. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

const notAWorkbook = () =>
  new ValidationError('invalid_workbook', '文件不是有效的 Excel 工作簿（.xlsx），请使用导入模板另存为 .xlsx 后上传', [
    { path: 'body', message: '须为 .xlsx 文件' },
  ]);

/**
 * Sums the uncompressed sizes in the zip's central directory before anything is inflated, so a small
 * upload cannot expand into gigabytes in memory (a zip bomb). ZIP64 archives are refused: no genuine
 * import file needs one.
 */
export function unpackedSize(file: Uint8Array): number {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const end = file.byteLength - 22;
  let eocd = -1;
  for (let i = end; i >= Math.max(0, end - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notAWorkbook();
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > file.byteLength || view.getUint32(offset, true) !== 0x02014b50) throw notAWorkbook();
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined ? null : plain(result);
  }
  if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? '');
  // Error values (#N/A, #REF!) read as empty: the importer then says the cell is missing.
  return null;
}

/** The workbook's worksheets as tables of plain values, blank rows left out. */
export async function readWorkbook(file: Uint8Array): Promise<SheetTable[]> {
  if (file.byteLength < 22 || file[0] !== 0x50 || file[1] !== 0x4b) throw notAWorkbook();
  if (unpackedSize(file) > MAX_UNPACKED_BYTES) {
    throw new ValidationError('workbook_too_large', '工作簿解压后过大，请删除无关的工作表、图片后重新上传');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(file.buffer, file.byteOffset, file.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw notAWorkbook();
  }
  return workbook.worksheets.map((ws) => {
    const rows: SheetTable['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      const cells = Array.from(values, (v) => plain(v ?? null));
      if (cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''))) rows.push({ number, cells });
    });
    return { name: ws.name, rows };
  });
}

/** Plain sheets as an .xlsx: a bold header row, set widths, and text-formatted columns where asked. */
export async function writeWorkbook(sheets: OutputSheet[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '学时通';
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({
      header: c.header,
      width: c.width ?? 14,
      // Text format: an ID number typed into the template stays text instead of becoming 4.3e17.
      ...(c.text ? { style: { numFmt: '@' } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of s.rows) ws.addRow(row);
  }
  // exceljs hands back a Node Buffer (typed as ArrayBuffer); a plain view is what Response bodies take.
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** `attachment` with the UTF-8 name (RFC 6266 / 5987) and an ASCII fallback for old clients. */
export function attachment(fileName: string): string {
  return `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}


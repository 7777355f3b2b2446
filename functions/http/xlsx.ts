import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ValidationError } from '../../shared/errors.js';
import type { CellValue, OutputSheet, SheetTable } from '../use-cases/imports/sheet-table.js';

/**
 * .xlsx is a representation, like JSON: the edge turns an upload into plain sheet tables and plain
 * sheets into a download, so use-cases never see the spreadsheet library. exceljs, not `xlsx` (the npm
 * `xlsx` package is stuck at a version with known advisories).
 */

/** The data rows a template's drop-downs cover: the most rows one import takes (MAX_IMPORT_ROWS). */
const TEMPLATE_ROWS = 10_000;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The most a workbook may unpack to, counted while actually inflating. A 10,000-row people workbook
 * (the most the importer takes) is 340 KB and unpacks to 3.5 MB, which exceljs reads in about 30 MB of
 * heap (measured, ~9× the XML); 24 MB unpacked therefore stays near 250 MB, far below the Excel
 * function's 2,048 MB (infra/constructs/api.ts), with room for formatting and extra sheets.
 */
export const MAX_UNPACKED_BYTES = 24 * 1024 * 1024;
/** A genuine workbook has a few dozen parts. */
const MAX_ENTRIES = 1000;

const notAWorkbook = () =>
  new ValidationError('invalid_workbook', '文件不是有效的 Excel 工作簿（.xlsx），请使用导入模板另存为 .xlsx 后上传', [
    { path: 'body', message: '须为 .xlsx 文件' },
  ]);

const tooLarge = () =>
  new ValidationError('workbook_too_large', '工作簿解压后过大，请删除无关的工作表、图片后重新上传', [
    { path: 'body', message: `解压后不得超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB` },
  ]);

interface ZipPart {
  name: Uint8Array;
  data: Buffer;
}

/**
 * Inflates every part of the zip ourselves, counting the bytes as they come out of the inflater and
 * stopping at `maxBytes` (zlib's `maxOutputLength`), so a small upload cannot expand into gigabytes
 * (a zip bomb). Nothing the archive declares is trusted: not the uncompressed sizes (a bomb lies in
 * them), not the entry count beyond a sanity bound; overlapping entries are each inflated and counted.
 * ZIP64, encryption and methods other than stored and deflate are refused: no genuine import needs them.
 */
export function inflateBounded(file: Uint8Array, maxBytes = MAX_UNPACKED_BYTES): ZipPart[] {
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
  if (entries === 0xffff || entries > MAX_ENTRIES) throw notAWorkbook();
  let offset = view.getUint32(eocd + 16, true);
  let budget = maxBytes;
  const parts: ZipPart[] = [];
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > file.byteLength || view.getUint32(offset, true) !== 0x02014b50) throw notAWorkbook();
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const local = view.getUint32(offset + 42, true);
    if (flags & 0x1 || compressedSize === 0xffffffff || local === 0xffffffff) throw notAWorkbook();
    const name = file.subarray(offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);

    if (local + 30 > file.byteLength || view.getUint32(local, true) !== 0x04034b50) throw notAWorkbook();
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressedSize > file.byteLength) throw notAWorkbook();
    const compressed = file.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === 0) {
      if (compressed.byteLength > budget) throw tooLarge();
      data = Buffer.from(compressed);
    } else if (method === 8) {
      try {
        // Throws as soon as the output would pass the budget left: counted as inflated, never declared.
        data = inflateRawSync(compressed, { maxOutputLength: Math.max(1, budget) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge();
        throw notAWorkbook();
      }
      if (data.byteLength > budget) throw tooLarge();
    } else {
      throw notAWorkbook();
    }
    budget -= data.byteLength;
    parts.push({ name, data });
  }
  return parts;
}

/**
 * The parts again as a zip of stored (uncompressed) entries: what exceljs reads is exactly what was
 * inflated and counted above, so its own unzipping has nothing left to expand.
 */
function storedZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.byteLength, 18);
    local.writeUInt32LE(data.byteLength, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.byteLength, 20);
    central.writeUInt32LE(data.byteLength, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), data);
    centrals.push(central, Buffer.from(name));
    offset += 30 + name.byteLength + data.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(directory.byteLength, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, eocd]);
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
  const unpacked = storedZip(inflateBounded(file));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(unpacked as unknown as ExcelJS.Buffer);
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
    // Enumerated columns offer their values as a drop-down on every data row an import may have.
    s.columns.forEach((c, i) => {
      if (!c.options) return;
      const validation: ExcelJS.DataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.options.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: c.header,
        error: `请从下拉列表中选择：${c.options.join('、')}`,
      };
      const column = ws.getColumn(i + 1);
      for (let row = 2; row <= TEMPLATE_ROWS + 1; row++) ws.getCell(row, column.number).dataValidation = validation;
    });
  }
  // exceljs hands back a Node Buffer (typed as ArrayBuffer); a plain view is what Response bodies take.
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** `attachment` with the UTF-8 name (RFC 6266 / 5987) and an ASCII fallback for old clients. */
export function attachment(fileName: string): string {
  return `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

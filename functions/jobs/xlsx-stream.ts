import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportFileStore, SheetSink } from '../ports/exports.js';
import type { OpenSheet } from '../use-cases/exports/run.js';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A workbook written as it goes: exceljs's streaming writer commits each row into the zip stream,
 * whose bytes go straight into a multipart upload (functions/adapters/s3/export-store.ts). Neither
 * the rows nor the file are ever held whole. Shared strings are off (they would keep every distinct
 * string in memory); styles are on for the bold header and the text-formatted ID column.
 */
export function streamingSheets(files: ExportFileStore): OpenSheet {
  return async (key, sheet) => {
    const upload = await files.upload(key, XLSX_MEDIA_TYPE);
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        // The callback waits for a part upload when one is due: the zip stream pauses meanwhile.
        upload.write(chunk).then(() => callback(), callback);
      },
    });
    // A failed part upload fails the stream; nothing else listens on it (the zip only pipes into it), so
    // without this an 'error' event would bring the process down. The next row or the finish reports it.
    let failure: unknown;
    stream.on('error', (err) => {
      failure ??= err;
    });
    const check = () => {
      if (failure) throw failure;
    };
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    workbook.creator = '学时通';
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 14, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let aborted = false;
    const sink: SheetSink = {
      async addRow(cells) {
        check();
        ws.addRow(cells).commit();
      },
      async finish() {
        check();
        ws.commit();
        await workbook.commit();
        check();
        await upload.complete();
      },
      async abort() {
        if (aborted) return;
        aborted = true;
        stream.destroy();
        await upload.abort();
      },
    };
    return sink;
  };
}

import * as z from 'zod';

/**
 * Excel imports of people and of history (issue 4 item 6). The whole file is validated first; only a
 * fully valid file is committed, chunk by chunk, under one import id. `chunksCommitted` is a cursor:
 * committing moves it up, rolling back moves it down, and a stopped run can be resumed or rolled
 * back from where it stopped. `committed` is written only after the last chunk, so an import is never
 * shown as done while half-written.
 */
export const ImportTypeSchema = z.enum(['people', 'history']).meta({ description: 'people 人员信息；history 历史学时与学时认定单' });
export type ImportType = z.infer<typeof ImportTypeSchema>;

export const ImportStateSchema = z
  .enum(['validating', 'committing', 'committed', 'failed', 'rolling_back', 'rolled_back'])
  .meta({ description: '校验中、写入中、已完成、失败、撤销中、已撤销' });
export type ImportState = z.infer<typeof ImportStateSchema>;

export const IMPORT_STATE_LABELS: Record<ImportState, string> = {
  validating: '校验中',
  committing: '写入中',
  committed: '已完成',
  failed: '失败',
  rolling_back: '撤销中',
  rolled_back: '已撤销',
};

/** One problem in the file: where it is and what to do, in zh-CN. Resident IDs are never echoed. */
export const ImportRowErrorSchema = z
  .object({
    sheet: z.string(),
    /** The row number as Excel shows it (the header is row 1). */
    row: z.int(),
    column: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ImportRowError' });
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const ImportCountsSchema = z.object({
  /** Data rows read (header and blank rows excluded). */
  rows: z.int(),
  people: z.int(),
  legacyYears: z.int(),
  certificates: z.int(),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

export const ImportFailureSchema = z.object({
  stage: z.enum(['validation', 'commit', 'rollback']),
  /** The 0-based chunk that failed (commit and rollback). */
  chunk: z.int().optional(),
  code: z.string(),
  message: z.string(),
});
export type ImportFailure = z.infer<typeof ImportFailureSchema>;

export const ImportStatusSchema = z
  .object({
    id: z.string(),
    type: ImportTypeSchema,
    status: ImportStateSchema,
    /** The organisation of the user who started it: who may see, resume or roll it back. */
    orgId: z.string(),
    fileName: z.string().optional(),
    createdBy: z.string(),
    createdByName: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    counts: ImportCountsSchema,
    chunkCount: z.int(),
    chunksCommitted: z.int(),
    /** The first errors found (at most MAX_REPORTED_ERRORS); `errorCount` is the total. */
    errors: z.array(ImportRowErrorSchema),
    errorCount: z.int(),
    /**
     * Rows that need the hr office (an ID registered outside the importer's scope): not imported,
     * referred, answered in the words of every registration that needs the hr office (issue 12).
     */
    referred: z.array(ImportRowErrorSchema).optional(),
    failure: ImportFailureSchema.optional(),
    version: z.int(),
  })
  .meta({ id: 'ImportStatus' });
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

/** Errors kept on the status record: enough to fix a file, small enough for one item. */
export const MAX_REPORTED_ERRORS = 500;

import * as z from 'zod';

/**
 * Export jobs (issue 19 item 3): an .xlsx of more than one unit — a department's or the tenant's
 * yearly summary, or the hr office's shortfall list — is written by a background job, not in the
 * request. The job pages through the units and their people, streams the workbook to storage, and
 * records its progress here; the site polls it and offers a presigned download once it is done.
 */
export const ExportKindSchema = z.enum(['summary', 'shortfall']).meta({ description: 'summary 年度学时汇总；shortfall 未达标人员名单' });
export type ExportKind = z.infer<typeof ExportKindSchema>;

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  summary: '年度学时汇总',
  shortfall: '未达标人员名单',
};

export const ExportStatusSchema = z
  .enum(['queued', 'running', 'succeeded', 'failed'])
  .meta({ description: '排队中、导出中、已完成、失败' });
export type ExportStatus = z.infer<typeof ExportStatusSchema>;

export const EXPORT_STATUS_LABELS: Record<ExportStatus, string> = {
  queued: '排队中',
  running: '导出中',
  succeeded: '已完成',
  failed: '失败',
};

export const CreateExportSchema = z
  .object({
    kind: ExportKindSchema,
    /** The hr office, a department or a unit in the caller's scope: every unit under it is exported. */
    orgId: z.string().trim().min(1).max(100),
    year: z.int().min(1990).max(2100),
  })
  .strict()
  .meta({ id: 'CreateExport' });
export type CreateExport = z.infer<typeof CreateExportSchema>;

export const ExportJobSchema = z
  .object({
    id: z.string(),
    kind: ExportKindSchema,
    orgId: z.string(),
    orgName: z.string(),
    year: z.int(),
    status: ExportStatusSchema,
    /** The account that asked, and its organisation: they (and that organisation's staff) may read it. */
    ownerId: z.string(),
    ownerName: z.string(),
    ownerOrgId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Units to export (known once the run has listed them) and units written so far. */
    unitsTotal: z.int().min(0),
    unitsDone: z.int().min(0),
    /** Data rows written so far (the whole file's once succeeded). */
    rows: z.int().min(0),
    fileName: z.string(),
    finishedAt: z.string().optional(),
    /** Why it failed, in zh-CN, for the person who asked. */
    error: z.string().optional(),
  })
  .meta({ id: 'ExportJob' });
export type ExportJob = z.infer<typeof ExportJobSchema>;

/** The file name the download carries: what, where, which year. */
export function exportFileName(kind: ExportKind, orgName: string, year: number): string {
  return `${orgName}${year}年度${EXPORT_KIND_LABELS[kind]}.xlsx`;
}

/** How far the job is, 0…100, for a progress bar; a finished job is 100. */
export function exportPercent(job: Pick<ExportJob, 'status' | 'unitsDone' | 'unitsTotal'>): number {
  if (job.status === 'succeeded') return 100;
  if (job.unitsTotal === 0) return 0;
  return Math.min(99, Math.floor((job.unitsDone / job.unitsTotal) * 100));
}

import { EXPORT_KEY_PREFIX } from '../../../shared/contract.js';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError } from '../../../shared/errors.js';
import { exportFileName, type CreateExport, type ExportJob } from '../../../shared/exports.js';
import type { Principal } from '../../auth/principal.js';
import type { RateLimitStore } from '../../ports/bases.js';
import type { ExportFileStore, ExportJobRepository, ExportLauncher, StoredExportJob } from '../../ports/exports.js';
import type { OrganisationRepository } from '../../ports/organisations.js';
import type { Page } from '../../ports/records.js';
import { auditBy } from '../audit-event.js';
import { loadScope, visibleOrganisation } from '../scope.js';

export interface ExportJobDeps {
  clock: () => Date;
  newId: () => string;
  organisations: OrganisationRepository;
  exportJobs: ExportJobRepository;
  exportFiles: ExportFileStore;
  exportLauncher: ExportLauncher;
  rateLimits: RateLimitStore;
}

/**
 * Exports an account may start in an hour. Each one may read a whole city for up to 15 minutes, so
 * an account within its rights must not be able to start them without end.
 */
export const EXPORTS_PER_HOUR = 10;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The presigned link is for the click that asked for it, not for passing around. */
const DOWNLOAD_LINK_SECONDS = 300;
/**
 * A run reports at least once per unit and page; the export function stops at 15 minutes. A job that
 * has said nothing for longer than that lost its run (and Lambda's retry), and reads as failed.
 */
export const STALE_AFTER_MS = 16 * 60 * 1000;

export const exportObjectKey = (jobId: string) => `${EXPORT_KEY_PREFIX}${jobId}.xlsx`;

const notFound = () => new NotFoundError('export_not_found', '导出任务不存在');

/**
 * Starts an export of every unit under `orgId` (the hr office, a department, or one unit) in the
 * caller's scope. The job is recorded first, with an audit event (who took a copy of whose data), then
 * its run is started away from the request; the answer is the queued job, which the site polls.
 */
export async function createExport(deps: ExportJobDeps, principal: Principal, input: CreateExport): Promise<ExportJob> {
  if (principal.role === 'person') throw new ForbiddenError('role_not_allowed', '当前角色无权导出');
  const scope = await loadScope(deps, principal);
  const org = await visibleOrganisation(scope, input.orgId);
  if (!org) throw new NotFoundError('organisation_not_found', '组织不存在或不在管辖范围内');
  const seconds = Math.floor(deps.clock().getTime() / 1000);
  const hour = seconds - (seconds % 3600);
  if ((await deps.rateLimits.hit(`export#${principal.userId}`, hour, hour + 7200)) > EXPORTS_PER_HOUR) {
    throw new RateLimitedError(hour + 3600 - seconds, `每小时最多发起 ${EXPORTS_PER_HOUR} 次导出，请稍后再试`);
  }
  const now = deps.clock().toISOString();
  const job: StoredExportJob = {
    id: deps.newId(),
    kind: input.kind,
    orgId: org.id,
    orgName: org.name,
    year: input.year,
    status: 'queued',
    ownerId: principal.userId,
    ownerName: principal.name,
    ownerOrgId: principal.orgId,
    createdAt: now,
    updatedAt: now,
    unitsTotal: 0,
    unitsDone: 0,
    rows: 0,
    fileName: exportFileName(input.kind, org.name, input.year),
    version: 0,
  };
  await deps.exportJobs.create(
    job,
    auditBy(deps, principal, {
      entity: 'export',
      entityId: job.id,
      action: 'export_requested',
      after: { kind: job.kind, orgId: org.id, year: job.year },
    }),
  );
  try {
    await deps.exportLauncher.start(job.id);
  } catch (err) {
    // Not started: the job says so rather than sitting queued, and the caller is told to try again.
    await deps.exportJobs.update(
      job.id,
      { status: 'failed', error: '导出任务未能启动，请重新导出', updatedAt: deps.clock().toISOString() },
      { version: job.version },
    );
    throw err;
  }
  return view(deps, job);
}

/** A job the caller may read: the account that asked, or a staff account of the same organisation. Others: 404. */
export async function getExport(deps: ExportJobDeps, principal: Principal, id: string): Promise<ExportJob> {
  return view(deps, await loadReadable(deps, principal, id));
}

/** The caller's organisation's exports, newest first. */
export async function listExports(
  deps: ExportJobDeps,
  principal: Principal,
  page: { limit: number; cursor?: string },
): Promise<Page<ExportJob>> {
  if (principal.role === 'person') throw new ForbiddenError('role_not_allowed', '当前角色无权导出');
  const res = await deps.exportJobs.listByOwnerOrg(principal.orgId, page);
  return { items: res.items.map((j) => view(deps, j)), cursor: res.cursor };
}

/** A short-lived link to the finished file, which downloads under the job's file name. */
export async function exportDownload(deps: ExportJobDeps, principal: Principal, id: string) {
  const job = view(deps, await loadReadable(deps, principal, id));
  if (job.status !== 'succeeded')
    throw new ConflictError(
      'export_not_ready',
      job.status === 'failed' ? '导出失败，没有可下载的文件，请重新导出' : '导出尚未完成，请稍候',
    );
  const url = await deps.exportFiles.presignDownload({
    key: exportObjectKey(job.id),
    fileName: job.fileName,
    contentType: XLSX_CONTENT_TYPE,
    expiresInSeconds: DOWNLOAD_LINK_SECONDS,
  });
  return { url, fileName: job.fileName, expiresAt: new Date(deps.clock().getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() };
}

async function loadReadable(deps: ExportJobDeps, principal: Principal, id: string): Promise<StoredExportJob> {
  const job = await deps.exportJobs.get(id);
  if (!job) throw notFound();
  const mine = job.ownerId === principal.userId;
  const colleague = principal.role !== 'person' && job.ownerOrgId === principal.orgId;
  if (!mine && !colleague) throw notFound();
  return job;
}

/** The job as callers see it: bookkeeping dropped, and a run that went silent shown as failed. */
function view(deps: Pick<ExportJobDeps, 'clock'>, job: StoredExportJob): ExportJob {
  const { version: _v, runId: _r, heartbeatAt, ...rest } = job;
  const lastHeard = Date.parse(heartbeatAt ?? job.updatedAt);
  if ((job.status === 'queued' || job.status === 'running') && deps.clock().getTime() - lastHeard > STALE_AFTER_MS) {
    return { ...rest, status: 'failed', error: '导出中断（长时间没有进展），请重新导出' };
  }
  return rest;
}

import { DomainError } from '../../../shared/errors.js';
import type { Logger } from '../../log.js';
import type { ExportJobRepository, SheetColumn, SheetSink } from '../../ports/exports.js';
import type { OrganisationRepository } from '../../ports/organisations.js';
import type { BookRepository, PeopleRepository } from '../../ports/records.js';
import { exportObjectKey } from './jobs.js';
import { EXPORT_LAYOUTS } from './layouts.js';
import { unitsUnder } from './units.js';

export interface ExportRunDeps {
  clock: () => Date;
  newId: () => string;
  log: Logger;
  organisations: OrganisationRepository;
  people: PeopleRepository;
  books: BookRepository;
  exportJobs: ExportJobRepository;
}

/** Opens the workbook a run writes to `key` (exceljs streaming into a multipart upload, functions/jobs/xlsx-stream.ts). */
export type OpenSheet = (key: string, sheet: { name: string; columns: SheetColumn[] }) => Promise<SheetSink>;

/** People read per page: one Query of the unit's people and one BatchGet of their books per 100. */
const PEOPLE_PAGE = 200;
/** Progress is written at most this often within a unit (and after every unit). */
const PROGRESS_EVERY_MS = 2_000;

export type RunOutcome = 'succeeded' | 'failed' | 'already_done' | 'taken_over' | 'missing';

/** Another run claimed the job: this one stops without writing anything more. */
class Superseded extends Error {}

/**
 * One run of an export job. It claims the job (a retry takes over from a run that died), lists the
 * units under the job's organisation, and for each unit pages through its people (the unit's people
 * index, by name) and their books of the year (by key), writing each row straight into the streamed
 * workbook: memory holds one page, never the tenant. Every run writes the whole file again from the
 * first row to the same key, so a retry replaces the object and never adds rows to it; the object
 * appears only when the upload completes. A failure is recorded on the job with a zh-CN reason; an
 * unexpected one is also thrown, so that Lambda retries the run.
 */
export async function runExport(deps: ExportRunDeps, jobId: string, openSheet: OpenSheet): Promise<RunOutcome> {
  const job = await deps.exportJobs.get(jobId);
  if (!job) return 'missing';
  if (job.status === 'succeeded') return 'already_done';
  const runId = deps.newId();
  const now = () => deps.clock().toISOString();
  const claimed = await deps.exportJobs.update(
    jobId,
    { status: 'running', runId, heartbeatAt: now(), updatedAt: now(), unitsDone: 0, rows: 0, error: undefined, finishedAt: undefined },
    { version: job.version },
  );
  if (!claimed) return 'taken_over';
  const report = async (changes: { unitsTotal?: number; unitsDone?: number; rows?: number }) => {
    if (!(await deps.exportJobs.update(jobId, { ...changes, heartbeatAt: now(), updatedAt: now() }, { runId }))) throw new Superseded();
  };

  const layout = EXPORT_LAYOUTS[job.kind];
  let sink: SheetSink | undefined;
  try {
    const scope = await unitsUnder(deps, job.orgId);
    if (!scope) throw new DomainError('not_found', 'organisation_gone', '要导出的组织已不存在');
    await report({ unitsTotal: scope.total });
    sink = await openSheet(exportObjectKey(job.id), { name: layout.sheetName(job.year), columns: layout.columns });
    let rows = 0;
    let unitsDone = 0;
    let reportedAt = Date.now();
    for await (const units of scope.pages()) {
      for (const unit of units) {
        let cursor: string | undefined;
        do {
          const page = await deps.people.listByUnit(unit.id, { limit: PEOPLE_PAGE, cursor });
          const books = new Map(
            (
              await deps.books.getYearForPeople(
                page.items.map((p) => p.id),
                job.year,
              )
            ).map((b) => [b.personId, b]),
          );
          for (const person of page.items) {
            const row = layout.row(unit, person, books.get(person.id));
            if (!row) continue;
            await sink.addRow(row);
            rows++;
          }
          cursor = page.cursor ?? undefined;
          if (cursor && Date.now() - reportedAt > PROGRESS_EVERY_MS) {
            await report({ rows });
            reportedAt = Date.now();
          }
        } while (cursor);
        unitsDone++;
        await report({ unitsDone, rows });
        reportedAt = Date.now();
      }
    }
    await sink.finish();
    sink = undefined;
    if (
      !(await deps.exportJobs.update(
        jobId,
        { status: 'succeeded', rows, finishedAt: now(), updatedAt: now(), heartbeatAt: now() },
        { runId },
      ))
    ) {
      throw new Superseded();
    }
    deps.log.info('export written', { jobId, kind: job.kind, units: unitsDone, rows });
    return 'succeeded';
  } catch (err) {
    await sink?.abort();
    if (err instanceof Superseded) {
      deps.log.warn('export run superseded by a later run', { jobId, runId });
      return 'taken_over';
    }
    const reason = err instanceof DomainError ? `导出失败：${err.message}` : '导出失败：读取数据或写入文件时出错，请重新导出';
    await deps.exportJobs.update(jobId, { status: 'failed', error: reason, finishedAt: now(), updatedAt: now() }, { runId });
    deps.log.error('export failed', { jobId, err });
    if (!(err instanceof DomainError)) throw err;
    return 'failed';
  }
}

import type { ExportFileStore, ExportLauncher } from '../ports/exports.js';
import { runExport, type ExportRunDeps, type RunOutcome } from '../use-cases/exports/run.js';
import { streamingSheets } from './xlsx-stream.js';

export type ExportRunnerDeps = ExportRunDeps & { exportFiles: ExportFileStore };

/** One run of a job with the streaming workbook writer: what the export Lambda and the local launcher call. */
export function runExportJob(deps: ExportRunnerDeps, jobId: string): Promise<RunOutcome> {
  return runExport(deps, jobId, streamingSheets(deps.exportFiles));
}

/**
 * `npm start` and the tests: the run starts in this process right after the request that created the
 * job has answered, as the asynchronous invocation does in AWS. `deps` is read when a job starts, so
 * the launcher can be part of the very deps it runs with. A run that throws has recorded its failure
 * on the job already; there is no retry here.
 */
export function createInProcessExportLauncher(deps: () => ExportRunnerDeps): ExportLauncher {
  return {
    async start(jobId) {
      setImmediate(() => {
        runExportJob(deps(), jobId).catch((err: unknown) => deps().log.error('export run failed', { jobId, err }));
      });
    },
  };
}

import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { UnavailableError } from '../../../shared/errors.js';
import type { ExportLauncher } from '../../ports/exports.js';

/** The event the export function takes (functions/jobs/export-job.ts). */
export interface ExportJobEvent {
  jobId: string;
}

/**
 * Starts an export run as an asynchronous invocation (`InvocationType: Event`): Lambda queues the
 * event and answers at once, then retries a run that crashed or timed out (docs/decisions.md: export
 * jobs). No queue to own, and the request that created the job never waits for the file.
 */
export function createLambdaExportLauncher(lambda: LambdaClient, functionName: string): ExportLauncher {
  return {
    async start(jobId) {
      try {
        const res = await lambda.send(
          new InvokeCommand({
            FunctionName: functionName,
            InvocationType: 'Event',
            Payload: new TextEncoder().encode(JSON.stringify({ jobId } satisfies ExportJobEvent)),
          }),
        );
        if (res.StatusCode !== 202) throw new Error(`asynchronous invoke answered ${res.StatusCode}`);
      } catch (err) {
        throw new UnavailableError('export_not_started', '导出任务未能启动，请稍后重试', { cause: err });
      }
    },
  };
}

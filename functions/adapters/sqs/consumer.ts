import type { Logger } from '../../log.js';

/** The parts of a Lambda SQS event a consumer reads (aws-lambda's types are not a dependency). */
export interface SqsEvent {
  Records: { messageId: string; body: string; attributes?: { ApproximateReceiveCount?: string } }[];
}
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * Runs each message of an SQS batch and reports only the failed ones (ReportBatchItemFailures), so
 * one bad message neither blocks nor re-runs the others. A failed message is received again after the
 * visibility timeout and, after five receives, parked in the dead-letter queue, whose alarm is a
 * failed forward. Messages are handled one after another: a tenant's writes are conditional and a
 * batch is at most ten messages.
 */
export async function consumeSqsBatch(event: SqsEvent, handle: (body: unknown) => Promise<void>, log: Logger): Promise<SqsBatchResponse> {
  const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      let body: unknown;
      try {
        body = JSON.parse(record.body) as unknown;
      } catch {
        throw new Error('the message body is not JSON');
      }
      await handle(body);
    } catch (err) {
      log.warn('an SQS message failed; it is received again, and parked after five receives', {
        messageId: record.messageId,
        receives: Number(record.attributes?.ApproximateReceiveCount ?? '1'),
        err,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

import type { DirectoryEvent, ForwardMessage, ProvinceInboxMessage, Receipt } from '../../../shared/province.js';

/**
 * The SQS requests of the province hop (issue 17), as plain data so their shape is tested without AWS.
 * Standard queues, not FIFO: FIFO's 5-minute deduplication window cannot cover a tenant down for days,
 * so a redelivery is made harmless by the tenant's (base, externalId) postings instead, and the
 * attributes only help an operator trace one message through both accounts' logs.
 */
export interface SendRequest {
  QueueUrl: string;
  MessageBody: string;
  MessageAttributes: Record<string, { DataType: 'String'; StringValue: string }>;
}

/** SQS's limit on one message body (256 KiB). */
export const SQS_MAX_BODY_BYTES = 256 * 1024;

/** Receipts per inbox message: a receipt is ~300 bytes, so 200 stay far below the body limit. */
export const RECEIPTS_PER_MESSAGE = 200;

export function forwardRequest(queueUrl: string, message: ForwardMessage): SendRequest {
  return checked({
    QueueUrl: queueUrl,
    MessageBody: JSON.stringify(message),
    MessageAttributes: {
      kind: { DataType: 'String', StringValue: 'forward' },
      messageId: { DataType: 'String', StringValue: message.id },
      tenant: { DataType: 'String', StringValue: message.tenant },
    },
  });
}

export function directoryRequest(queueUrl: string, event: DirectoryEvent): SendRequest {
  const body: ProvinceInboxMessage = { type: 'directory', event };
  return checked({
    QueueUrl: queueUrl,
    MessageBody: JSON.stringify(body),
    MessageAttributes: {
      kind: { DataType: 'String', StringValue: 'directory' },
      tenant: { DataType: 'String', StringValue: event.tenant },
    },
  });
}

/** Receipts go back in chunks, so one large forward never makes a message SQS refuses. */
export function receiptRequests(queueUrl: string, receipts: Receipt[]): SendRequest[] {
  const requests: SendRequest[] = [];
  for (let i = 0; i < receipts.length; i += RECEIPTS_PER_MESSAGE) {
    const chunk = receipts.slice(i, i + RECEIPTS_PER_MESSAGE);
    const body: ProvinceInboxMessage = { type: 'receipts', receipts: chunk };
    requests.push(
      checked({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(body),
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'receipts' },
          tenant: { DataType: 'String', StringValue: chunk[0]!.tenant },
        },
      }),
    );
  }
  return requests;
}

function checked(request: SendRequest): SendRequest {
  const bytes = Buffer.byteLength(request.MessageBody, 'utf8');
  if (bytes > SQS_MAX_BODY_BYTES) throw new Error(`an SQS message of ${bytes} bytes is over the ${SQS_MAX_BODY_BYTES}-byte limit`);
  return request;
}

/**
 * Why a send failed, for the log and the alarm: `transient` clears on its own (throttling, a 5xx, the
 * network) and the sweeper's resend succeeds; `configuration` does not (no queue, no grant, a
 * KMS key the sender may not use) and needs an operator — it is logged as an error.
 */
export type SendFailure = 'transient' | 'configuration';

const CONFIGURATION_ERRORS = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'InvalidAddress',
  'InvalidSecurity',
  'KmsAccessDenied',
  'KmsDisabled',
  'KmsNotFound',
  'KmsInvalidKeyUsage',
  'KmsInvalidState',
  'UnsupportedOperation',
  'InvalidParameterValue',
  'InvalidMessageContents',
]);

export function classifySendError(err: unknown): SendFailure {
  const e = err as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
  const name = typeof e?.name === 'string' ? e.name : typeof e?.Code === 'string' ? e.Code : '';
  if (CONFIGURATION_ERRORS.has(name)) return 'configuration';
  const status = e?.$metadata?.httpStatusCode;
  // Other 4xx (bar throttling's 400/429 names, which are not in the set) mean the request itself is wrong.
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429 && !/throttl|limit|timeout/i.test(name))
    return 'configuration';
  return 'transient';
}

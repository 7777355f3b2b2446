import { describe, expect, it } from 'vitest';
import { createDirectoryKeySource } from '../../functions/adapters/secrets/directory-key.js';
import { consumeSqsBatch } from '../../functions/adapters/sqs/consumer.js';
import { classifySendError, RECEIPTS_PER_MESSAGE, type SendRequest } from '../../functions/adapters/sqs/messages.js';
import { createSqsProvinceInbox, createSqsTenantQueues } from '../../functions/adapters/sqs/province-queues.js';
import { createLogger } from '../../functions/log.js';
import { freshResidentId } from '../support/province.js';
import { ForwardMessageSchema, ProvinceInboxMessageSchema, type ForwardMessage, type Receipt } from '../../shared/province.js';

/** The AWS adapters of the province hop (issue 17), without AWS: the send function stands in for SQS. */
const ID = freshResidentId();
const lines: string[] = [];
const log = createLogger('debug', (l) => lines.push(l));

const message: ForwardMessage = {
  v: 1,
  id: 'fwd-abc',
  tenant: '430200',
  base: { id: 'b1', name: '基地', creditCode: '12430000MB1P000018', level: 'national' },
  records: [
    {
      provinceRecordId: 'p1',
      record: {
        externalId: 'e1',
        idNumber: ID,
        name: '张三',
        kind: 'training',
        courseTitle: '专业技术人员能力提升研修班',
        category: 'professional',
        startDate: '2024-06-03',
        endDate: '2024-06-03',
        days: 1,
        assessment: 'passed',
      } as ForwardMessage['records'][number]['record'],
    },
  ],
};

const receipt = (i: number): Receipt => ({
  provinceRecordId: `p${i}`,
  provinceBaseId: 'b1',
  externalId: `e${i}`,
  tenant: '430200',
  cityRecordId: `c${i}`,
  status: 'recorded',
  credited: true,
  at: '2026-12-06T00:00:00.000Z',
});

describe('forwarding to a tenant queue', () => {
  it("sends the message as its JSON body to that tenant's queue URL, traceable by message id", async () => {
    const sent: SendRequest[] = [];
    const queues = createSqsTenantQueues({
      queueUrls: { '430200': 'https://sqs.example/222/q' },
      log,
      send: async (r) => void sent.push(r),
    });
    await queues.send(message);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.QueueUrl).toBe('https://sqs.example/222/q');
    expect(ForwardMessageSchema.parse(JSON.parse(sent[0]!.MessageBody))).toEqual(message);
    expect(sent[0]!.MessageAttributes.messageId!.StringValue).toBe('fwd-abc');
    // The attributes are for operators: the resident ID is only in the (encrypted) body.
    expect(JSON.stringify(sent[0]!.MessageAttributes)).not.toContain(ID);
  });

  it('rejects a tenant without a queue and a send SQS refuses, so the records stay for the sweeper', async () => {
    const none = createSqsTenantQueues({ queueUrls: {}, log, send: async () => undefined });
    await expect(none.send(message)).rejects.toThrow(/no forward queue/);
    const refused = createSqsTenantQueues({
      queueUrls: { '430200': 'https://sqs.example/222/q' },
      log,
      send: async () => {
        throw Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      },
    });
    lines.length = 0;
    await expect(refused.send(message)).rejects.toThrow('denied');
    expect(lines.join('\n')).toContain('"failure":"configuration"');
    expect(lines.join('\n')).not.toContain(ID.slice(4, 14));
  });

  it('tells failures that clear on their own from those that need an operator', () => {
    expect(classifySendError(Object.assign(new Error(), { name: 'QueueDoesNotExist', $metadata: { httpStatusCode: 400 } }))).toBe(
      'configuration',
    );
    expect(classifySendError(Object.assign(new Error(), { name: 'KmsAccessDenied', $metadata: { httpStatusCode: 400 } }))).toBe(
      'configuration',
    );
    expect(classifySendError(Object.assign(new Error(), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }))).toBe(
      'transient',
    );
    expect(classifySendError(Object.assign(new Error(), { name: 'RequestThrottled', $metadata: { httpStatusCode: 403 } }))).toBe(
      'transient',
    );
    expect(classifySendError(Object.assign(new Error(), { name: 'InternalError', $metadata: { httpStatusCode: 500 } }))).toBe('transient');
    expect(classifySendError(new Error('socket hang up'))).toBe('transient');
  });
});

describe("the tenant's way back to the province", () => {
  it("publishes a directory event and chunks receipts so no message passes SQS's limit", async () => {
    const sent: SendRequest[] = [];
    const inbox = createSqsProvinceInbox({ queueUrl: 'https://sqs.example/999/inbox', send: async (r) => void sent.push(r) });
    await inbox.publishDirectory({ v: 1, idHash: 'a'.repeat(64), tenant: '430200', at: '2026-12-06T00:00:00.000Z' });
    await inbox.publishReceipts(Array.from({ length: RECEIPTS_PER_MESSAGE + 1 }, (_, i) => receipt(i)));
    expect(sent).toHaveLength(3);
    const bodies = sent.map((r) => ProvinceInboxMessageSchema.parse(JSON.parse(r.MessageBody)));
    expect(bodies[0]!.type).toBe('directory');
    expect(bodies.slice(1).map((b) => (b.type === 'receipts' ? b.receipts.length : 0))).toEqual([RECEIPTS_PER_MESSAGE, 1]);
    expect(sent.every((r) => Buffer.byteLength(r.MessageBody) < 256 * 1024)).toBe(true);
  });
});

describe('an SQS batch', () => {
  it('reports only the messages that failed (bad JSON, a failing handler), so the rest are not re-run', async () => {
    const handled: unknown[] = [];
    const out = await consumeSqsBatch(
      {
        Records: [
          { messageId: 'm1', body: '{"n":1}' },
          { messageId: 'm2', body: 'not json' },
          { messageId: 'm3', body: '{"n":3}' },
          { messageId: 'm4', body: '{"n":4}' },
        ],
      },
      async (body) => {
        if ((body as { n: number }).n === 3) throw new Error('tenant table unavailable');
        handled.push(body);
      },
      log,
    );
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }]);
    expect(handled).toEqual([{ n: 1 }, { n: 4 }]);
  });
});

describe('the directory key', () => {
  it('is read once per container, retried after a failed read, and refused when too short', async () => {
    let reads = 0;
    let fail = true;
    const key = createDirectoryKeySource('arn:key', async (id) => {
      reads++;
      expect(id).toBe('arn:key');
      if (fail) throw new Error('throttled');
      return 'k'.repeat(64);
    });
    await expect(key()).rejects.toThrow('throttled');
    fail = false;
    const first = await key();
    expect(first.length).toBe(64);
    expect(await key()).toBe(first);
    expect(reads).toBe(2);
    await expect(createDirectoryKeySource('s', async () => 'short')()).rejects.toThrow(/at least 32/);
  });
});

describe("the sweeper's metrics", () => {
  it('are one embedded-metric-format line in the namespace the alarms watch', async () => {
    const { metricsLine, PROVINCE_METRICS_NAMESPACE } = await import('../../functions/province/metrics.js');
    const line = JSON.parse(metricsLine({ ForwardFailed: 2, HeldRecordsOverdue: 0 }, new Date(1000))) as Record<string, any>;
    expect(line._aws.CloudWatchMetrics[0].Namespace).toBe(PROVINCE_METRICS_NAMESPACE);
    expect(line._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).toEqual(['ForwardFailed', 'HeldRecordsOverdue']);
    expect(line._aws.Timestamp).toBe(1000);
    expect([line.ForwardFailed, line.HeldRecordsOverdue]).toEqual([2, 0]);
  });
});

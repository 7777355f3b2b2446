import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SendRequest } from './messages.js';

/**
 * One SQS client per container, made on first send. The SDK module itself is imported then too: the
 * city API Lambda publishes registrations through this path, and its cold start must not pay for a
 * client it needs only when someone registers a person.
 */
let client: Promise<{ sqs: SQSClient; send: (r: SendRequest) => Promise<void> }> | undefined;

export function sqsSend(request: SendRequest): Promise<void> {
  client ??= import('@aws-sdk/client-sqs').then(({ SQSClient, SendMessageCommand }) => {
    const sqs = new SQSClient({});
    return { sqs, send: async (r: SendRequest) => void (await sqs.send(new SendMessageCommand(r))) };
  });
  return client.then((c) => c.send(request));
}

/** The sending function the adapters take, so tests can stand in for SQS without mocking a module. */
export type Send = (request: SendRequest) => Promise<void>;

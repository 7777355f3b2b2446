import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { asUnavailable } from './errors.js';

/** Created once per container (Lambda) or process (local) and passed in: never per request. */
export function createDocumentClient(options: { endpoint?: string; region?: string } = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    ...(options.endpoint
      ? // DynamoDB Local accepts any credentials; with -sharedDb every credential sees the same tables.
        { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  // Every command, reads included: a database that cannot be reached is a 503, never a 500.
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        throw asUnavailable(err) ?? err;
      }
    },
    { step: 'initialize', name: 'xueshiUnavailableAs503' },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

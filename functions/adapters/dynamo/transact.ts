import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../../shared/errors.js';
import { cancellationCodes, classifyDynamoError, translateDynamoError } from './errors.js';
import { retryDelayMs, sleep } from './retry.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A transaction item with a name saying what its condition guards ('posting', 'open-year', 'audit'…).
 * Several items may share a name (one 'open-year' check per year). The name never reaches DynamoDB.
 */
export type Named<N extends string> = TransactItem & { name: N };

export const named = <N extends string>(name: N, item: TransactItem): Named<N> => ({ ...item, name });

/**
 * `failed`: the first item (in request order) whose condition did not hold, by name; null when all
 * were written. `failures`: every such item's name, for callers that rank the reasons themselves.
 */
export type TransactOutcome<N extends string> = { failed: N | null; failures: N[] };

/**
 * Writes the items in one transaction. A failed condition is answered by the item's name, never by
 * its position, so callers can add, drop or reorder items without breaking what reads the failure.
 * A lost race with another transaction on the same items (TransactionConflict) is run again after
 * a jittered pause when `conflictRetries` allows (two records of one person in one batch both bump
 * the person's revision). Anything else (throttling, a database that cannot be reached, a conflict
 * after the retries) is translated as every write is: 503 or 409.
 */
export async function transactWrite<N extends string>(
  db: Pick<DynamoDBDocumentClient, 'send'>,
  items: readonly Named<N>[],
  options: { conflictRetries?: number } = {},
): Promise<TransactOutcome<N>> {
  const TransactItems = items.map(({ name: _name, ...item }) => item as TransactItem);
  for (let attempt = 0; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems }));
      return { failed: null, failures: [] };
    } catch (err) {
      const kind = classifyDynamoError(err);
      if (kind === 'condition_failed' && err instanceof TransactionCanceledException) {
        const failures = cancellationCodes(err).flatMap((code, i) =>
          code === 'ConditionalCheckFailed' && items[i] ? [items[i].name] : [],
        );
        if (failures[0] !== undefined) return { failed: failures[0], failures };
      }
      if (kind === 'transaction_conflict' && attempt < (options.conflictRetries ?? 0)) {
        await sleep(retryDelayMs(attempt));
        continue;
      }
      translateDynamoError(err);
    }
  }
}

/** A transaction that must either land whole or answer 409 (whichever item's condition failed). */
export async function transactOrConflict<N extends string>(
  db: Pick<DynamoDBDocumentClient, 'send'>,
  items: readonly Named<N>[],
  conflictMessage?: string,
): Promise<void> {
  const { failed } = await transactWrite(db, items);
  if (failed !== null) throw new ConflictError('conflict', conflictMessage);
}

/**
 * The one retry policy of the DynamoDB toolkit (unprocessed batch items, transaction conflicts):
 * exponential backoff with full jitter — a random pause between 0 and min(cap, base·2^attempt) — so
 * callers that were throttled together do not come back together.
 */
export const RETRY = { baseMs: 25, capMs: 1_000, attempts: 10 } as const;

export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(RETRY.capMs, RETRY.baseMs * 2 ** attempt));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

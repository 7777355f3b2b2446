/**
 * A small client for the 学时通 training-base API (rules §7; guide: docs/base-api.md). Standalone:
 * copy this file into your project (Node 20+ or a modern browser; no dependencies).
 *
 *   const client = createBaseClient({ baseUrl: 'https://…/v1/', apiKey: process.env.XUESHI_KEY! });
 *   for await (const batch of client.postAll(records)) console.log(batch.results);
 *
 * Retries follow the guide: the same Idempotency-Key and the same body on every attempt; Retry-After
 * honoured on 409 and 429; exponential backoff with jitter on network errors and 5xx.
 */

export interface CompletionRecord {
  externalId: string;
  idNumber: string;
  name: string;
  kind: 'training' | 'online_course' | 'academic_event' | 'practice';
  courseTitle: string;
  category: 'public' | 'professional';
  theme?: string;
  startDate: string;
  endDate: string;
  days?: number;
  halfDays?: number;
  evenings?: number;
  hours?: number;
  assessment: 'passed' | 'failed';
  certificateNo?: string;
}

export interface CompletionResult {
  externalId: string | null;
  status: 'recorded' | 'duplicate' | 'unmatched' | 'rejected';
  recordId?: string;
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
}

export interface Posting extends Omit<CompletionRecord, 'idNumber'> {
  recordId: string;
  idNumberMasked: string;
  status: 'recorded' | 'unmatched';
  credited: boolean;
  activityStatus?: 'active' | 'pending';
  postedAt: string;
  matchedAt?: string;
  matchError?: { code: string; message: string };
}

export class BaseApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
    readonly requestId?: string,
  ) {
    super(`${status} ${code}: ${message}`);
    this.name = 'BaseApiError';
  }
}

export interface BaseClientOptions {
  /** The tenant's API root, ending in `/v1/`. */
  baseUrl: string;
  apiKey: string;
  /** Attempts per request before giving up (default 8, about two minutes of backoff). */
  maxAttempts?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export const MAX_RECORDS_PER_BATCH = 500;
const RETRYABLE = new Set([409, 429, 500, 502, 503, 504]);

export function createBaseClient(options: BaseClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = options.maxAttempts ?? 8;
  const url = (path: string) => new URL(path, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`).toString();

  async function request<T>(method: 'GET' | 'POST', path: string, init: { body?: string; idempotencyKey?: string } = {}) {
    for (let attempt = 1; ; attempt++) {
      let res: Response | undefined;
      try {
        res = await doFetch(url(path), {
          method,
          headers: {
            authorization: `Bearer ${options.apiKey}`,
            ...(init.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
            ...(init.body ? { 'content-type': 'application/json' } : {}),
          },
          body: init.body,
        });
      } catch (err) {
        // Network error or timeout: the request may or may not have run. The same key makes a retry safe.
        if (attempt >= maxAttempts) throw err;
      }
      if (res?.ok) return { body: (await res.json()) as T, replayed: res.headers.get('idempotent-replayed') === 'true' };
      if (res && (!RETRYABLE.has(res.status) || attempt >= maxAttempts)) {
        const err = (
          (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string; details?: []; requestId?: string } }
        ).error;
        throw new BaseApiError(res.status, err?.code ?? 'http_error', err?.message ?? res.statusText, err?.details, err?.requestId);
      }
      const retryAfter = Number(res?.headers.get('retry-after'));
      const backoff = Math.min(60_000, 1000 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff);
    }
  }

  return {
    /**
     * Posts one batch (≤ 500 records). Keep the returned key with the batch: posting the same records
     * again with it (after a crash of your own) replays the first answer instead of posting anew.
     */
    async postCompletions(records: CompletionRecord[], idempotencyKey: string = crypto.randomUUID()) {
      if (records.length > MAX_RECORDS_PER_BATCH) throw new RangeError(`at most ${MAX_RECORDS_PER_BATCH} records a batch`);
      const body = JSON.stringify({ records });
      const { body: answer, replayed } = await request<{ results: CompletionResult[] }>('POST', 'base/completions', {
        body,
        idempotencyKey,
      });
      return { results: answer.results, idempotencyKey, replayed };
    },

    /** Any number of records, in batches of 500, one after another. */
    async *postAll(records: CompletionRecord[]) {
      for (let i = 0; i < records.length; i += MAX_RECORDS_PER_BATCH) {
        yield await this.postCompletions(records.slice(i, i + MAX_RECORDS_PER_BATCH));
      }
    },

    /** One page of your postings, newest first. */
    async listCompletions(query: { cursor?: string; limit?: number; status?: 'recorded' | 'unmatched'; externalId?: string } = {}) {
      const params = new URLSearchParams(
        Object.entries(query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      );
      const suffix = params.size ? `?${params}` : '';
      return (await request<{ items: Posting[]; cursor: string | null }>('GET', `base/completions${suffix}`)).body;
    },

    /** Every posting, page by page. */
    async *allCompletions(query: { status?: 'recorded' | 'unmatched'; limit?: number } = {}) {
      let cursor: string | undefined;
      do {
        const page = await this.listCompletions({ ...query, cursor });
        yield* page.items;
        cursor = page.cursor ?? undefined;
      } while (cursor);
    },
  };
}

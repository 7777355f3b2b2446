import { expect } from 'vitest';
import type { ErrorBody } from '../../functions/http/errors.js';
import { ErrorBodySchema } from '../../functions/http/errors.js';

/**
 * The one request helper of the tests: a call as someone (a token, or none), JSON in, the answer read
 * back. It drives the app in-process (`app.request`, test/support/services.ts) or a running local
 * stack over HTTP (`stackCaller`) the same way.
 */

/**
 * The answer's body as a test reads it: parsed JSON, `undefined` when empty, an ArrayBuffer for a file.
 * Left loose on purpose: a test asserts the fields it cares about with `expect`, and `errorOf` or a
 * shared schema's `parse` when it needs a typed value.
 */
export type ReplyBody = any;

export interface Reply {
  status: number;
  headers: Headers;
  body: ReplyBody;
}

/** Where a call goes: the app in-process, or a stack's URL. */
export type Send = (path: string, init: RequestInit) => Response | Promise<Response>;

export interface CallerOptions<U> {
  /** The caller's bearer token; undefined for an anonymous call. */
  token: (user: U) => Promise<string | undefined>;
  /** Runs before each call: files whose audit trail needs time to move tick their clock here. */
  before?: () => void;
}

export interface Caller<U> {
  /** `call(user, method, path, body?, headers?)`: any status, the body read back. */
  call(user: U, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** The same, expecting a 2xx (the message names the call and its answer); returns the body. */
  ok(user: U, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ReplyBody>;
}

export function createCaller<U>(send: () => Send, options: CallerOptions<U>): Caller<U> {
  async function call(user: U, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    options.before?.();
    const token = await options.token(user);
    const res = await send()(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: await readBody(res) };
  }
  async function ok(user: U, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const res = await call(user, method, path, body, headers);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  }
  return { call, ok };
}

async function readBody(res: Response): Promise<ReplyBody> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) return res.json();
  const bytes = await res.arrayBuffer();
  return bytes.byteLength === 0 ? undefined : bytes;
}

/** The error of a non-2xx answer, checked against the one error shape (rules §7). */
export function errorOf(reply: Reply): ErrorBody['error'] {
  expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400);
  return ErrorBodySchema.parse(reply.body).error;
}

/** Calls to a running local stack as a demo account, signed in through its dev token route. */
export function stackCaller(url: () => string): Caller<string | null> {
  return createCaller((() => (path, init) => fetch(`${url()}${path}`, init)) as () => Send, {
    async token(user) {
      if (user === null) return undefined;
      const res = await fetch(`${url()}/v1/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user }),
      });
      expect(res.status, `dev token for ${user}`).toBe(200);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
  });
}

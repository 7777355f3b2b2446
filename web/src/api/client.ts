/**
 * The one API client. Every call goes through `request`, which parses the error shape of SPEC §7
 * into an ApiError, so screens show one kind of message and never a raw response.
 */
import type { ErrorDetail } from '../../../shared/errors.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let token: string | undefined;
export function setAccessToken(value: string | undefined) {
  token = value;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
  }
  const text = await response.text();
  const json = text ? safeParse(text) : undefined;
  if (!response.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[]; requestId?: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      err?.code ?? 'http_error',
      err?.message ?? `请求失败（HTTP ${response.status}）`,
      err?.details ?? [],
      err?.requestId,
    );
  }
  return json as T;
}

/** `?a=1&b=x` from the defined, non-empty values only; '' when there are none. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A zh-CN line for a toast: the server's message, plus the first detail when there is one. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const first = err.details[0];
    return first ? `${err.message}：${first.path ? first.path + ' ' : ''}${first.message}` : err.message;
  }
  return '操作失败，请稍后重试';
}

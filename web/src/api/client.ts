/**
 * The one API client. Every call goes through `request`, which parses the error shape of rules §7
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

/**
 * Called when the API refuses the session: 401 (expired or no longer valid token) or 403 for the
 * account itself (disabled, second factor missing). It resolves true when the session was renewed and
 * the request may be sent again; otherwise the session layer has already told the user what to do.
 */
type AuthFailureHandler = (err: ApiError) => Promise<boolean>;
let onAuthFailure: AuthFailureHandler | undefined;
export function setAuthFailureHandler(handler: AuthFailureHandler | undefined) {
  onAuthFailure = handler;
}
const ACCOUNT_REFUSALS = new Set(['account_disabled', 'second_factor_required', 'account_not_bound']);
export const isSessionRefusal = (err: ApiError) =>
  (err.status === 401 && !!token) || (err.status === 403 && ACCOUNT_REFUSALS.has(err.code));

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (err) {
    if (err instanceof ApiError && isSessionRefusal(err) && onAuthFailure && (await onAuthFailure(err))) {
      return send<T>(method, path, body);
    }
    throw err;
  }
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  if (response.ok && isAppShell(response.headers.get('content-type'))) throw forbiddenInChina();
  const text = await response.text();
  const json = text ? safeParse(text) : undefined;
  if (!response.ok) throw toApiError(response.status, json);
  return json as T;
}

/**
 * The API never answers 2xx with HTML. In the China stacks CloudFront's one distribution-wide rule
 * turns S3's 403 for a deep link into the site's index.html with 200 (docs/deploy.md §11), and an
 * API 403 passing through is turned into the same page: an HTML 2xx under /v1 is that 403.
 */
function isAppShell(contentType: string | null): boolean {
  return contentType !== null && contentType.toLowerCase().startsWith('text/html');
}

function forbiddenInChina(): ApiError {
  return new ApiError(403, 'forbidden', '无权执行此操作（HTTP 403）', []);
}

/** The error body of rules §7 as an ApiError; the same words for every way of calling the API. */
function toApiError(status: number, json: unknown): ApiError {
  const err = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[]; requestId?: string } } | undefined)?.error;
  return new ApiError(status, err?.code ?? 'http_error', err?.message ?? `请求失败（HTTP ${status}）`, err?.details ?? [], err?.requestId);
}

/** `filename*=UTF-8''…` of a Content-Disposition header (the server's own name for a download). */
function fileNameOf(disposition: string | null): string | undefined {
  const encoded = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return undefined;
    }
  }
  return disposition ? /filename="([^"]+)"/i.exec(disposition)?.[1] : undefined;
}

/** A file the API sends (an .xlsx export or template), with the name it gave the file. */
export async function requestFile(path: string): Promise<{ blob: Blob; fileName?: string }> {
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
  }
  if (response.ok && isAppShell(response.headers.get('content-type'))) throw forbiddenInChina();
  if (!response.ok) {
    const text = await response.text();
    throw toApiError(response.status, text ? safeParse(text) : undefined);
  }
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
}

/**
 * Sends a file as the request body (an Excel import) and reads the JSON answer, reporting upload
 * progress from 0 to 1: XMLHttpRequest, because fetch has no upload progress.
 */
export function uploadFile<T>(path: string, file: Blob, contentType: string, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', contentType);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const json = xhr.responseText ? safeParse(xhr.responseText) : undefined;
      if (xhr.status >= 200 && xhr.status < 300 && isAppShell(xhr.getResponseHeader('content-type'))) reject(forbiddenInChina());
      else if (xhr.status >= 200 && xhr.status < 300) resolve(json as T);
      else reject(toApiError(xhr.status, json));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试'));
    xhr.send(file);
  });
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

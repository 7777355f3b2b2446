import type * as z from 'zod';
import { PreviewRequestSchema, type PreviewRequest } from '../../../../shared/hours/schemas.js';

/**
 * The calculator's state lives in the URL (`?q=`) so a result can be shared: the preview request
 * itself (rules §7, a stable public contract, so old links keep working), as compact JSON in base64url.
 */
export const SHARE_PARAM = 'q';

export function encodeShareState(request: PreviewRequest): string {
  const bytes = new TextEncoder().encode(JSON.stringify(request));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export type DecodedShareState =
  { ok: true; request: PreviewRequest } | { ok: false; reason: string; issues: readonly z.core.$ZodIssue[]; input?: unknown };

export function decodeShareState(value: string): DecodedShareState {
  let json: unknown;
  try {
    const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: '链接中的计算数据已损坏（可能复制不完整）', issues: [] };
  }
  // The same schema the API validates with: a hand-edited link is held to the contract.
  const parsed = PreviewRequestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: '链接中的计算数据不符合要求', issues: parsed.error.issues, input: json };
  return { ok: true, request: parsed.data };
}

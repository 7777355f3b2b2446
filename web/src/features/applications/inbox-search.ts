import * as z from 'zod';
import type { Application } from '../../../../shared/applications.js';
import { ApplicationStateSchema, CertificateKindSchema } from '../../../../shared/workflow.js';

/**
 * The inbox's URL state (`/applications?state=submitted&unit=…&year=2026&level=senior&q=张`), checked
 * like any input: a bad or stale parameter is dropped rather than breaking the page. No `state`
 * means the role's own next step; `state=all` shows every state.
 */
export const InboxSearchSchema = z.object({
  state: z
    .union([ApplicationStateSchema, z.literal('all')])
    .optional()
    .catch(undefined),
  unit: z.string().trim().min(1).max(100).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  level: z.enum(['intermediate', 'associate_senior', 'senior']).optional().catch(undefined),
  kind: CertificateKindSchema.optional().catch(undefined),
  q: z.string().trim().min(1).max(50).optional().catch(undefined),
});
export type InboxSearch = z.infer<typeof InboxSearchSchema>;

export function parseInboxSearch(params: URLSearchParams): InboxSearch {
  return InboxSearchSchema.parse(Object.fromEntries(params));
}

export function toSearchParams(search: InboxSearch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) if (value !== undefined) out[key] = String(value);
  return out;
}

/** The filters other than the state: the state tabs count what these leave. */
export function matchesFilters(app: Application, search: InboxSearch): boolean {
  if (search.year !== undefined && app.applicationYear !== search.year) return false;
  if (search.level && app.titleLevel !== search.level) return false;
  if (search.kind && app.kind !== search.kind) return false;
  if (search.q && !app.personName.includes(search.q)) return false;
  return true;
}

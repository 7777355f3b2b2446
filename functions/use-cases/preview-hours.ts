import type { TenantCode } from '../../shared/contract.js';
import { computeHours, type PreviewRequest, type PreviewResponse } from '../../shared/hours/index.js';
import { defaultPolicyFor } from '../../shared/policy.js';

/**
 * The public calculator (SPEC §7 POST /v1/hours/preview): the same engine the registration book and
 * certification use, under the tenant's hours policy, with no login and no stored state.
 */
export function previewHours(deps: { tenant: TenantCode }, request: PreviewRequest): PreviewResponse {
  return computeHours({ activities: request.activities, span: request.span, policy: defaultPolicyFor(deps.tenant) });
}

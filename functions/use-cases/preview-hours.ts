import { computeHours, type PreviewRequest, type PreviewResponse } from '../../shared/hours/index.js';
import { loadHoursPolicy, type RulesDeps } from './rules.js';

/**
 * The public calculator (rules §7 POST /v1/hours/preview): the same engine the registration book and
 * certification use, under the tenant's hours policy of each year, with no login and no stored state.
 */
export async function previewHours(deps: Pick<RulesDeps, 'rules' | 'config'>, request: PreviewRequest): Promise<PreviewResponse> {
  return computeHours({ activities: request.activities, span: request.span, policy: await loadHoursPolicy(deps) });
}

import { computeHours, type Activity, type PriorCertificate, type YearResult } from '../../shared/hours';
import { DEFAULT_POLICY, type HoursPolicy } from '../../shared/policy';
import type { YearSpan } from '../../shared/span';

/** Run the engine with the default (省直) policy unless one is given. */
export function run(
  activities: Activity[],
  options: { span?: YearSpan; priorCertificates?: PriorCertificate[]; policy?: HoursPolicy } = {},
) {
  return computeHours({ ...options, activities, policy: options.policy ?? DEFAULT_POLICY });
}

export function yearOfResult(result: { years: YearResult[] }, year: number): YearResult {
  const found = result.years.find((y) => y.year === year);
  if (!found) throw new Error(`year ${year} missing from result`);
  return found;
}

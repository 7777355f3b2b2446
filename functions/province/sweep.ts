import { sweep } from '../use-cases/province/routing.js';
import { createProvinceDepsSource } from './deps.js';
import { parseEnv, ProvinceEnvSchema } from './env.js';
import { metricsLine } from './metrics.js';

/** The province's schedule (every minute): resends overdue forwards, routes what is routable, counts what is held. */
const source = createProvinceDepsSource(parseEnv(ProvinceEnvSchema, process.env));

export async function handler(): Promise<Awaited<ReturnType<typeof sweep>>> {
  const result = await sweep(await source.deps());
  // The alarms' inputs (infra/province-stack.ts): forwards not taken, records held past 72 h.
  process.stdout.write(metricsLine({ ForwardFailed: result.failed, HeldRecordsOverdue: result.heldOverdue }, new Date()) + '\n');
  return result;
}

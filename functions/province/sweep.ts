import { sweep } from '../use-cases/province/routing.js';
import { createProvinceDepsSource } from './deps.js';
import { parseEnv, ProvinceEnvSchema } from './env.js';

/** The province's schedule (every minute): resends overdue forwards, routes what is routable, counts what is held. */
const source = createProvinceDepsSource(parseEnv(ProvinceEnvSchema, process.env));

export async function handler(): Promise<Awaited<ReturnType<typeof sweep>>> {
  return sweep(await source.deps());
}

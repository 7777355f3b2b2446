import * as z from 'zod';
import { ENV, TENANT_CODES, type TenantCode } from '../../shared/contract.js';
import { PROVINCE_ENV } from '../../shared/province.js';

export { PROVINCE_ENV };

const logLevel = z.enum(['debug', 'info', 'warn', 'error']).default('info');
const tenantCode = z.enum(TENANT_CODES as [TenantCode, ...TenantCode[]]);

export const ProvinceEnvSchema = z.object({
  [ENV.TABLE_NAME]: z.string().min(3),
  [ENV.LOG_LEVEL]: logLevel,
  [PROVINCE_ENV.DIRECTORY_KEY_SECRET]: z.string().min(1),
  [PROVINCE_ENV.TENANT_QUEUES]: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.partialRecord(tenantCode, z.url())),
});
export type ProvinceEnv = z.infer<typeof ProvinceEnvSchema>;

/** A tenant's consumer of forwarded records: its own table, and the province's inbox and key. */
export const TenantConsumerEnvSchema = z.object({
  [ENV.TENANT]: tenantCode,
  [ENV.TABLE_NAME]: z.string().min(3),
  [ENV.LOG_LEVEL]: logLevel,
  [PROVINCE_ENV.INBOX_URL]: z.url(),
  [PROVINCE_ENV.DIRECTORY_KEY_SECRET]: z.string().min(1),
});

export function parseEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

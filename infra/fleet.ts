import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { TENANT_CODES, type TenantCode } from '../shared/contract.js';
import { type AppConfig, ConfigError, resolveAppConfig, resolveTenants, str } from './config.js';

/**
 * The fleet: one file in the repository (infra/fleet.json) with every tenant's settings — region,
 * domains and certificates, identity provider, alarm e-mail, feature switches — and the rollout
 * order (a canary tenant first). infra/bin/app.ts reads it at every synth and checks it here with
 * zod, so a typo stops the synth with the tenant and field named. The fields are the context keys
 * of infra/config.ts, where each is validated again in its own terms; a `-c key=value` given on the
 * command line wins over the file (for one-off runs; the file is the record).
 */

const host = z.string().regex(/^(?=.{1,253}$)([a-z0-9{}]([a-z0-9{}-]*[a-z0-9{}])?\.)+[a-z]{2,}$/i, 'a host name (may contain {tenant})');
const https = z.url({ protocol: /^https$/, error: 'an https URL' });

export const TenantSettingsSchema = z
  .object({
    account: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account ID'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as ap-southeast-1 or cn-northwest-1'),
    siteDomain: host,
    siteCertificateArn: z.string().startsWith('arn:aws:acm:us-east-1:', 'an ACM certificate ARN in us-east-1'),
    siteCertificateId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'an IAM server certificate ID'),
    apiDomain: host,
    apiCertificateArn: z.string().regex(/^arn:aws(-cn)?:acm:/, "an ACM certificate ARN in the stack's region"),
    oidcIssuer: https,
    oidcAudience: z.string().min(1),
    oidcJwksUrl: https,
    authDomainPrefix: z.string().min(1),
    cognitoEmailFrom: z.email(),
    cognitoEmailRegion: z.string().min(1),
    alarmEmail: z.email(),
    waf: z.enum(['on', 'off']),
    webAclArn: z.string().regex(/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\//, 'a CLOUDFRONT-scope web ACL ARN (us-east-1)'),
    evidenceObjectLockDays: z.int().min(1).max(36500),
    evidenceObjectLockMode: z.enum(['GOVERNANCE', 'COMPLIANCE']),
    apiRateLimit: z.int().min(1).max(10000),
    apiBurstLimit: z.int().min(1).max(5000),
    publicRateLimit: z.int().min(1).max(10000),
    publicBurstLimit: z.int().min(1).max(5000),
    logRetentionDays: z.int(),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']),
    geoAllow: z.string().min(1),
  })
  .partial()
  .strict();

export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export const FleetSchema = z
  .object({
    /** Deployed first, alone; the others follow only if it succeeded (docs/deploy.md §4b). */
    canary: z.enum(TENANT_CODES as [TenantCode, ...TenantCode[]]),
    /** Settings every tenant starts from. */
    defaults: TenantSettingsSchema.default({}),
    /** Every tenant, each with what differs from the defaults (an empty object when nothing does). */
    tenants: z.record(z.enum(TENANT_CODES as [TenantCode, ...TenantCode[]]), TenantSettingsSchema),
  })
  .strict();

export type Fleet = z.infer<typeof FleetSchema>;

/** The fleet file, parsed and checked; every problem listed with its place in the file. */
export function parseFleet(json: unknown, source = 'fleet'): Fleet {
  const parsed = FleetSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new ConfigError(`${source} is not a valid fleet configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadFleet(path: string): Fleet {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read the fleet file ${path}: ${(err as Error).message}`);
  }
  return parseFleet(json, path);
}

/** Every tenant with no settings: what `-c fleet=none` means. */
export const EMPTY_FLEET: Fleet = {
  canary: '430100',
  defaults: {},
  tenants: Object.fromEntries(TENANT_CODES.map((t) => [t, {}])) as Fleet['tenants'],
};

/** One tenant's settings as context: the defaults, then the tenant's own. */
export function tenantContext(fleet: Fleet, tenant: TenantCode): Record<string, string> {
  const merged = { ...fleet.defaults, ...fleet.tenants[tenant] };
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, String(v)]));
}

/** The tenants in rollout order: the canary, then the others in code order. */
export function rolloutOrder(fleet: Fleet): TenantCode[] {
  return [fleet.canary, ...TENANT_CODES.filter((t) => t !== fleet.canary)];
}

const PER_TENANT_PATTERNS = ['siteDomain', 'authDomainPrefix', 'apiDomain'] as const;

/**
 * The stacks for `-c tenant=…`: each tenant's fleet settings under the command line's context, then
 * resolved and validated by resolveAppConfig. Host names must differ between stacks.
 */
export function resolveFleetConfig(
  context: Record<string, unknown>,
  fleet: Fleet,
  defaults: Parameters<typeof resolveAppConfig>[1] = {},
): AppConfig {
  const tenants = resolveTenants(str(context, 'tenant'));
  if (tenants.length > 1) {
    for (const key of PER_TENANT_PATTERNS) {
      const value = str(context, key);
      if (value !== undefined && !value.includes('{tenant}')) {
        throw new ConfigError(`${key} must contain {tenant} when several tenants are synthesised (one host name per stack)`);
      }
    }
  }
  const stacks = tenants.map((tenant) => {
    const stack = resolveAppConfig({ ...tenantContext(fleet, tenant), ...context, tenant }, defaults).stacks[0];
    if (!stack) throw new ConfigError(`no stack for ${tenant}`);
    return stack;
  });
  for (const key of ['site', 'api'] as const) {
    const names = stacks.map((s) => (key === 'site' ? s.site.domain : s.apiDomain?.name)).filter((n): n is string => n !== undefined);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new ConfigError(`${key === 'site' ? 'siteDomain' : 'apiDomain'} "${twice}" is given to more than one tenant`);
  }
  return { stacks };
}

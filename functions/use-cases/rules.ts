import * as z from 'zod';
import { chinaDateOf } from '../../shared/calendar.js';
import type { TenantCode } from '../../shared/contract.js';
import { ForbiddenError } from '../../shared/errors.js';
import { yearOf } from '../../shared/iso-date.js';
import {
  defaultMidLevelPolicy,
  MidLevelPolicySchema,
  PolicySourceSchema,
  policyFromRecords,
  resolveYearPolicy,
  SubjectMinimumSchema,
  TenantPolicySettingsSchema,
  YearPolicySettingsSchema,
  type HoursPolicy,
  type YearPolicyRecord,
} from '../../shared/policy.js';
import type { AuditEvent } from '../../shared/records.js';
import { statutoryHolidays } from '../../shared/statutory-holidays.js';
import {
  CalendarYearSchema,
  createWorkingCalendar,
  packageArrangement,
  type CalendarOrigin,
  type WorkingCalendar,
} from '../../shared/working-days.js';
import type { Principal } from '../auth/principal.js';
import type { AuditRepository } from '../ports/records.js';
import type { CalendarYearRecord, RulesRepository, YearlyRules } from '../ports/rules.js';
import { auditBy } from './audit-event.js';

/**
 * The yearly rules as administered data (rules §3 "each year's notice", §5 unknown calendar years):
 * the official holiday arrangement of each year, the year's hours policy (themes, filing window,
 * required hours) and the tenant's switches. The hr office keeps them; every change is audited with
 * who and why. Changes act on what is computed next: a published notice keeps its end date, and a
 * confirmed year keeps the policy recorded on its book (recompute-books.ts).
 */

export interface RulesDeps {
  rules: RulesRepository;
  audit: AuditRepository;
  config: { tenant: string };
  clock: () => Date;
  newId: () => string;
}

/** The audit entity of the yearly rules; ids are `calendar-2027`, `policy-2027`, `tenant`. */
export const RULES_AUDIT_ENTITY = 'rules';

/** The hours policy in force: built-in values with what the hr office keeps on top. */
export async function loadHoursPolicy(deps: Pick<RulesDeps, 'rules' | 'config'>): Promise<HoursPolicy> {
  return policyOf(deps.config.tenant, await deps.rules.load());
}

/** The working-day calendar: loaded years, then the package's data, then the conservative rule. */
export async function loadWorkingCalendar(deps: Pick<RulesDeps, 'rules'>): Promise<WorkingCalendar> {
  return createWorkingCalendar((await deps.rules.load()).calendars);
}

// The repository hands out the same YearlyRules object while its copy is fresh, so the policy built
// from it (and resolveYearPolicy's per-policy cache) is built once per read, not once per recompute.
const policies = new WeakMap<YearlyRules, HoursPolicy>();
function policyOf(tenant: string, rules: YearlyRules): HoursPolicy {
  let policy = policies.get(rules);
  if (!policy) policies.set(rules, (policy = policyFromRecords(tenant as TenantCode, rules.policies, rules.tenant)));
  return policy;
}

const requireHrOfficer = (principal: Principal) => {
  if (principal.role !== 'hr_officer') throw new ForbiddenError('role_not_allowed', '只有人社部门可以维护年度规则');
};

const ReasonSchema = z.string().trim().min(2, '请填写修改原因').max(500, '原因不能超过500个字符');
const DataVersionSchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\w.-]+$/, '数据版本只能含字母、数字、点、横线和下划线')
  .meta({ description: '全国数据文件的版本（运维批量载入时填写）', example: '2027.1' });
/** The version the editor read: 0 when the year had nothing kept yet. A stale one is a 409. */
const ExpectedVersionSchema = z.int().min(0).meta({ description: '读取时的版本号（尚未维护时为0），用于防止覆盖他人修改' });

export const CalendarYearInputSchema = CalendarYearSchema.safeExtend({
  reason: ReasonSchema,
  expectedVersion: ExpectedVersionSchema,
  dataVersion: DataVersionSchema.optional(),
}).meta({ id: 'CalendarYearInput' });

export const YearPolicyInputSchema = z
  .strictObject({
    settings: YearPolicySettingsSchema,
    source: PolicySourceSchema,
    reason: ReasonSchema,
    expectedVersion: ExpectedVersionSchema,
    dataVersion: DataVersionSchema.optional(),
  })
  .meta({ id: 'YearPolicyInput' });

/** Either switch or both; what is left out keeps its current value. */
export const TenantPolicyInputSchema = TenantPolicySettingsSchema.partial()
  .safeExtend({
    reason: ReasonSchema,
    expectedVersion: ExpectedVersionSchema,
  })
  .refine((i) => i.doctorSpanFromDoctorate !== undefined || i.midLevel !== undefined, {
    error: '请填写要修改的规则',
    path: ['doctorSpanFromDoctorate'],
  })
  .meta({ id: 'TenantPolicyInput' });

const Stamp = z.object({
  version: z.int(),
  updatedAt: z.string(),
  updatedByName: z.string().optional(),
  dataVersion: z.string().optional(),
});

export const RuleYearSchema = z
  .object({
    year: z.int(),
    calendar: z.object({
      origin: z.enum(['loaded', 'package', 'assumed']).meta({
        description: 'loaded 人社部门载入的官方安排；package 系统自带的官方安排；assumed 尚无官方安排，按周末及法定节假日推算',
      }),
      source: z.object({ document: z.string(), publishedOn: z.string() }).optional(),
      kept: Stamp.optional(),
    }),
    policy: z.object({
      requiredHours: z.int(),
      minPublicHours: SubjectMinimumSchema.nullable(),
      minProfessionalHours: SubjectMinimumSchema,
      /** The document the year's values follow; `assumed` when the year's own notice is not known yet. */
      basis: z.string(),
      assumed: z.boolean(),
      publicThemes: z.array(z.string()),
      filingWindow: z.object({ from: z.string(), to: z.string() }).nullable(),
      source: z.string().optional(),
      /** What the hr office keeps for the year (the rest is built in): a national load merges into it. */
      settings: YearPolicySettingsSchema.optional(),
      kept: Stamp.optional(),
    }),
  })
  .meta({ id: 'RuleYear' });
export type RuleYear = z.infer<typeof RuleYearSchema>;

export const RuleYearsSchema = z
  .object({
    years: z.array(RuleYearSchema),
    tenant: z.object({
      doctorSpanFromDoctorate: z.boolean(),
      /** The mid-level 合格证明 in force: what the hr office keeps, or the built-in values. */
      midLevel: MidLevelPolicySchema,
      kept: Stamp.optional(),
    }),
  })
  .meta({ id: 'RuleYears' });

/** The years an hr office looks at: from the earliest certification span in use to next year, and any year kept. */
export async function listRuleYears(deps: RulesDeps): Promise<z.infer<typeof RuleYearsSchema>> {
  const rules = await deps.rules.load();
  const policy = policyOf(deps.config.tenant, rules);
  const calendar = createWorkingCalendar(rules.calendars);
  const thisYear = yearOf(chinaDateOf(deps.clock()));
  const years = new Set<number>();
  for (let y = thisYear - 6; y <= thisYear + 1; y++) years.add(y);
  rules.calendars.forEach((c) => years.add(c.year));
  rules.policies.forEach((p) => years.add(p.year));
  const list = [...years]
    .sort((a, b) => b - a)
    .map((year): RuleYear => {
      const loaded = rules.calendars.find((c) => c.year === year);
      const kept = rules.policies.find((p) => p.year === year);
      const resolved = resolveYearPolicy(policy, year);
      return {
        year,
        calendar: {
          origin: calendar.origin(year),
          ...(loaded ? { source: loaded.source, kept: stampOf(loaded) } : {}),
        },
        policy: {
          requiredHours: resolved.requiredHours,
          minPublicHours: resolved.minPublicHours,
          minProfessionalHours: resolved.minProfessionalHours,
          basis: resolved.basis,
          assumed: resolved.assumed,
          publicThemes: [...resolved.publicThemes],
          filingWindow: resolved.filingWindow,
          ...(kept ? { source: kept.source, settings: kept.settings, kept: stampOf(kept) } : {}),
        },
      };
    });
  return {
    years: list,
    tenant: {
      doctorSpanFromDoctorate: policy.doctorSpanFromDoctorate,
      midLevel: policy.midLevel ?? defaultMidLevelPolicy(deps.config.tenant as TenantCode),
      ...(rules.tenant ? { kept: stampOf(rules.tenant) } : {}),
    },
  };
}

function stampOf(r: { version: number; updatedAt: string; updatedByName?: string; dataVersion?: string }) {
  return {
    version: r.version,
    updatedAt: r.updatedAt,
    ...(r.updatedByName ? { updatedByName: r.updatedByName } : {}),
    ...(r.dataVersion ? { dataVersion: r.dataVersion } : {}),
  };
}

export const CalendarYearViewSchema = z
  .object({
    year: z.int(),
    origin: z.enum(['loaded', 'package', 'assumed']),
    /** The days off and days worked in lieu in force (loaded or the package's); empty when assumed. */
    holidays: z.array(z.string()),
    workdays: z.array(z.string()),
    source: z.object({ document: z.string(), publishedOn: z.string() }).optional(),
    /** The statutory holidays the regulation fixes by date: what an assumed year treats as days off. */
    statutoryHolidays: z.array(z.object({ date: z.string(), name: z.string() })),
    kept: Stamp.optional(),
  })
  .meta({ id: 'CalendarYearView' });

export async function getCalendarYear(deps: RulesDeps, year: number): Promise<z.infer<typeof CalendarYearViewSchema>> {
  const rules = await deps.rules.load();
  const loaded = rules.calendars.find((c) => c.year === year);
  const origin: CalendarOrigin = createWorkingCalendar(rules.calendars).origin(year);
  const arrangement = loaded ?? packageArrangement(year) ?? { holidays: [], workdays: [] };
  return {
    year,
    origin,
    holidays: [...arrangement.holidays].sort(),
    workdays: [...arrangement.workdays].sort(),
    ...(loaded ? { source: loaded.source, kept: stampOf(loaded) } : {}),
    statutoryHolidays: statutoryHolidays(year).map((h) => ({ ...h })),
  };
}

/** The hr office loads (or corrects) a year's official arrangement; it acts on notices published from now on. */
export async function putCalendarYear(
  deps: RulesDeps,
  principal: Principal,
  input: z.infer<typeof CalendarYearInputSchema>,
): Promise<CalendarYearRecord> {
  requireHrOfficer(principal);
  const rules = await deps.rules.load();
  const before = rules.calendars.find((c) => c.year === input.year);
  const { reason, expectedVersion, ...arrangement } = input;
  const record: CalendarYearRecord = {
    ...arrangement,
    holidays: [...new Set(arrangement.holidays)].sort(),
    workdays: [...new Set(arrangement.workdays)].sort(),
    version: expectedVersion + 1,
    updatedAt: deps.clock().toISOString(),
    updatedBy: principal.userId,
    updatedByName: principal.name,
  };
  await deps.rules.putCalendarYear(
    record,
    rulesAudit(deps, principal, `calendar-${input.year}`, before ? 'update_calendar' : 'load_calendar', reason, {
      before: before ? summariseCalendar(before) : undefined,
      after: summariseCalendar(record),
    }),
  );
  return record;
}

function summariseCalendar(c: CalendarYearRecord) {
  return { source: c.source, holidays: c.holidays, workdays: c.workdays, ...(c.dataVersion ? { dataVersion: c.dataVersion } : {}) };
}

/** The hr office keeps a year's policy (themes, filing window, required hours). */
export async function putYearPolicy(
  deps: RulesDeps,
  principal: Principal,
  year: number,
  input: z.infer<typeof YearPolicyInputSchema>,
): Promise<YearPolicyRecord> {
  requireHrOfficer(principal);
  const rules = await deps.rules.load();
  const before = rules.policies.find((p) => p.year === year);
  const record: YearPolicyRecord = {
    year,
    settings: input.settings,
    source: input.source,
    ...(input.dataVersion ? { dataVersion: input.dataVersion } : {}),
    version: input.expectedVersion + 1,
    updatedAt: deps.clock().toISOString(),
    updatedBy: principal.userId,
    updatedByName: principal.name,
  };
  await deps.rules.putYearPolicy(
    record,
    rulesAudit(deps, principal, `policy-${year}`, before ? 'update_policy' : 'keep_policy', input.reason, {
      before: before ? { settings: before.settings, source: before.source } : undefined,
      after: { settings: record.settings, source: record.source, ...(record.dataVersion ? { dataVersion: record.dataVersion } : {}) },
    }),
  );
  return record;
}

export async function putTenantPolicy(deps: RulesDeps, principal: Principal, input: z.infer<typeof TenantPolicyInputSchema>) {
  requireHrOfficer(principal);
  const rules = await deps.rules.load();
  const current = policyOf(deps.config.tenant, rules);
  const midLevel = input.midLevel ?? rules.tenant?.midLevel;
  const record = {
    doctorSpanFromDoctorate: input.doctorSpanFromDoctorate ?? current.doctorSpanFromDoctorate,
    // Kept only once the hr office sets it: until then the built-in values follow the product.
    ...(midLevel ? { midLevel } : {}),
    version: input.expectedVersion + 1,
    updatedAt: deps.clock().toISOString(),
    updatedBy: principal.userId,
    updatedByName: principal.name,
  };
  const settingsOf = (t: { doctorSpanFromDoctorate: boolean; midLevel?: unknown }) => ({
    doctorSpanFromDoctorate: t.doctorSpanFromDoctorate,
    ...(t.midLevel ? { midLevel: t.midLevel } : {}),
  });
  await deps.rules.putTenantPolicy(
    record,
    rulesAudit(deps, principal, 'tenant', 'update_tenant_policy', input.reason, {
      before: rules.tenant ? settingsOf(rules.tenant) : undefined,
      after: settingsOf(record),
    }),
  );
  return record;
}

/** A year's changes (calendar and policy), newest first. */
export async function ruleYearHistory(deps: RulesDeps, year: number): Promise<AuditEvent[]> {
  const [calendar, policy] = await Promise.all([
    deps.audit.listFor(RULES_AUDIT_ENTITY, `calendar-${year}`),
    deps.audit.listFor(RULES_AUDIT_ENTITY, `policy-${year}`),
  ]);
  return [...calendar, ...policy].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export async function tenantPolicyHistory(deps: RulesDeps): Promise<AuditEvent[]> {
  return (await deps.audit.listFor(RULES_AUDIT_ENTITY, 'tenant')).reverse();
}

function rulesAudit(
  deps: RulesDeps,
  principal: Principal,
  entityId: string,
  action: string,
  reason: string,
  change: { before?: unknown; after: unknown },
): AuditEvent {
  return auditBy(deps, principal, {
    entity: RULES_AUDIT_ENTITY,
    entityId,
    action,
    reason,
    ...(change.before !== undefined ? { before: change.before } : {}),
    after: change.after,
  });
}

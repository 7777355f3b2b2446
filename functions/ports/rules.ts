import type { TenantPolicySettings, YearPolicyRecord } from '../../shared/policy.js';
import type { AuditEvent } from '../../shared/records.js';
import type { CalendarYear } from '../../shared/working-days.js';

/** A loaded official arrangement with who loaded it and from which national data file. */
export interface CalendarYearRecord extends CalendarYear {
  dataVersion?: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  updatedByName?: string;
}

export interface TenantPolicyRecord extends TenantPolicySettings {
  version: number;
  updatedAt: string;
  updatedBy: string;
  updatedByName?: string;
}

/** Everything the hr office keeps about the yearly rules: two items a year, read whole. */
export interface YearlyRules {
  calendars: CalendarYearRecord[];
  policies: YearPolicyRecord[];
  tenant?: TenantPolicyRecord;
}

/**
 * The yearly rules (rules §3 "each year's notice", §5 unknown calendar years). Every write is
 * conditional on the version the caller read (0 = not there yet) and carries its audit event in the
 * same transaction.
 */
export interface RulesRepository {
  load(): Promise<YearlyRules>;
  putCalendarYear(record: CalendarYearRecord, audit: AuditEvent): Promise<void>;
  putYearPolicy(record: YearPolicyRecord, audit: AuditEvent): Promise<void>;
  putTenantPolicy(record: TenantPolicyRecord, audit: AuditEvent): Promise<void>;
}

import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { TenantPolicySettingsSchema, YearPolicySettingsSchema, type YearPolicyRecord } from '../../../shared/policy.js';
import type { AuditEvent } from '../../../shared/records.js';
import { CalendarSourceSchema } from '../../../shared/working-days.js';
import type { CalendarYearRecord, RulesRepository, TenantPolicyRecord, YearlyRules } from '../../ports/rules.js';
import { auditPut } from './audit.js';
import { translateDynamoError } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

const Stamp = {
  version: z.int().min(1),
  updatedAt: z.string(),
  updatedBy: z.string(),
  updatedByName: z.string().optional(),
};
// Parsed on read without the arrangement's cross-checks: what was stored passed them when written.
const CalendarItemSchema = z.object({
  year: z.int(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  source: CalendarSourceSchema,
  dataVersion: z.string().optional(),
  ...Stamp,
});
const PolicyItemSchema = z.object({
  year: z.int(),
  settings: YearPolicySettingsSchema,
  source: z.string(),
  dataVersion: z.string().optional(),
  ...Stamp,
});
const TenantItemSchema = TenantPolicySettingsSchema.extend(Stamp);

const STAMP_FIELDS = ['PK', 'SK'] as const;
const strip = (item: Record<string, unknown>) => {
  const copy = { ...item };
  for (const f of STAMP_FIELDS) delete copy[f];
  return copy;
};

/**
 * How long a container reuses the rules it read. They change a few times a year and are read by
 * public routes (the calculator, the notice end date) and by every book recompute of an ingest batch;
 * a write through this repository drops the copy at once, other containers see it within this time.
 */
export const RULES_CACHE_MS = 30_000;

export function createRulesRepository(
  db: DynamoDBDocumentClient,
  tableName: string,
  options: { now?: () => number } = {},
): RulesRepository {
  const now = options.now ?? Date.now;
  let cached: { at: number; rules: Promise<YearlyRules> } | undefined;
  /** The last rules read successfully: served when a refresh fails (they change a few times a year). */
  let lastGood: YearlyRules | undefined;

  /** Put conditioned on the version the caller read: 1 = new (nothing there), n = replaces version n − 1. */
  async function putVersioned(key: { PK: string; SK: string }, record: { version: number }, audit: AuditEvent) {
    const condition =
      record.version === 1
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': record.version - 1 } };
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: tableName, Item: { ...key, ...record }, ...condition } }, auditPut(tableName, audit)],
        }),
      );
    } catch (err) {
      translateDynamoError(err, '该年度规则已被他人修改，请刷新后重试');
    } finally {
      cached = undefined;
      lastGood = undefined;
    }
  }

  async function read(): Promise<YearlyRules> {
    const items = await queryAll(db, {
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.rulesPartition() },
    });
    const calendars: CalendarYearRecord[] = [];
    const policies: YearPolicyRecord[] = [];
    let tenant: TenantPolicyRecord | undefined;
    for (const item of items) {
      const sk = String(item.SK);
      if (sk.startsWith('CALENDAR#')) calendars.push(CalendarItemSchema.parse(strip(item)));
      else if (sk.startsWith('POLICY#')) policies.push(PolicyItemSchema.parse(strip(item)));
      else if (sk === 'TENANT') tenant = TenantItemSchema.parse(strip(item));
    }
    return { calendars, policies, ...(tenant ? { tenant } : {}) };
  }

  return {
    load() {
      const t = now();
      if (!cached || t - cached.at >= RULES_CACHE_MS) {
        const previous = lastGood;
        const rules = read().then(
          (fresh) => (lastGood = fresh),
          (err: unknown) => {
            // A failed refresh is not kept: the next caller tries again. Until then the calculator and
            // the notice end date answer from the last rules read, rather than 503 with the database down.
            if (cached?.rules === rules) cached = undefined;
            if (previous) return previous;
            throw err;
          },
        );
        cached = { at: t, rules };
      }
      return cached.rules;
    },
    putCalendarYear: (record, audit) => putVersioned(keys.calendarYear(record.year), record, audit),
    putYearPolicy: (record, audit) => putVersioned(keys.yearPolicy(record.year), record, audit),
    putTenantPolicy: (record, audit) => putVersioned(keys.tenantPolicy(), record, audit),
  };
}

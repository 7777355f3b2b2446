import * as z from 'zod';
import { BaseLevelSchema, CompletionRecordSchema, RecordErrorSchema } from './bases';
import { TENANT_CODES, type TenantCode } from './contract';

/**
 * The province-wide intake (issue 17): one endpoint where national and provincial bases post the
 * rules §7 record once; the province stack routes each record to the tenant where its person is
 * registered now. These are the domain types both sides of the hop share (the forward message, the
 * tenant's receipt, the directory event), so the province and the tenants parse the same shapes.
 */

export const ProvinceTenantSchema = z.enum(TENANT_CODES as [TenantCode, ...TenantCode[]]);

/** Only these levels post province-wide: city and unit bases keep posting to their city (rules §5 W4). */
export const PROVINCE_BASE_LEVELS = ['national', 'provincial'] as const;
export const ProvinceBaseLevelSchema = z.enum(PROVINCE_BASE_LEVELS, { error: '省级统一报送只登记国家级或省级基地' });

/**
 * Where a province record is on its way:
 * - `waiting`: no tenant knows the person's ID yet (held), or not yet handed over;
 * - `sent`: handed to one tenant's queue (fixed from then on: re-routing it could credit it twice);
 * - `delivered`: that tenant's receipt has come back with the record's status in its books.
 */
export const ProvinceRecordStateSchema = z.enum(['waiting', 'sent', 'delivered']);
export type ProvinceRecordState = z.infer<typeof ProvinceRecordStateSchema>;

/** The status a city reports back for a delivered record (its posting's status, rules §7). */
export const CityStatusSchema = z.enum(['recorded', 'unmatched']);

export const ProvinceRecordSchema = z.object({
  id: z.string(),
  baseId: z.string(),
  externalId: z.string(),
  record: CompletionRecordSchema,
  /** HMAC-SHA256 of the resident ID with the province's directory key: how the directory finds the tenant. */
  idHash: z.string().regex(/^[0-9a-f]{64}$/),
  state: ProvinceRecordStateSchema,
  tenant: ProvinceTenantSchema.optional(),
  sentAt: z.string().optional(),
  /** How many times it was handed to the tenant's queue (a resend after a lost receipt counts). */
  sends: z.number().int().min(0).default(0),
  deliveredAt: z.string().optional(),
  cityStatus: CityStatusSchema.optional(),
  cityRecordId: z.string().optional(),
  credited: z.boolean().optional(),
  activityStatus: z.enum(['active', 'pending']).optional(),
  postedAt: z.string(),
  keyPrefix: z.string(),
  idempotencyKey: z.string(),
  batchIndex: z.number().int().min(0),
});
export type ProvinceRecord = z.infer<typeof ProvinceRecordSchema>;

/**
 * The intake's per-record answer. `accepted` stands for both "routed" and "held" (issue 17): telling a
 * base which of the two happened would tell it whether any city has registered the ID.
 */
export const ProvinceResultSchema = z
  .object({
    externalId: z.string().nullable(),
    status: z.enum(['accepted', 'duplicate', 'rejected']),
    recordId: z.string().optional(),
    error: RecordErrorSchema.optional(),
  })
  .meta({ id: 'ProvinceCompletionResult' });
export type ProvinceResult = z.infer<typeof ProvinceResultSchema>;

export const ProvinceResponseSchema = z
  .object({ results: z.array(ProvinceResultSchema) })
  .meta({ id: 'ProvinceCompletionResponse', description: '逐条结果，顺序与提交顺序一致' });

/**
 * What a base sees of a record: `recorded` once a city's books hold it (exactly what the city API
 * would answer), `accepted` otherwise — held, on its way, or waiting in a city — so the list cannot be
 * used to learn whether an ID is registered anywhere. A failed assessment is `recorded` at once, as
 * in the city API, whoever it belongs to.
 */
export const ProvinceBaseStatusSchema = z.enum(['accepted', 'recorded']);

export function baseViewStatus(r: Pick<ProvinceRecord, 'record' | 'state' | 'cityStatus'>): z.infer<typeof ProvinceBaseStatusSchema> {
  if (r.record.assessment === 'failed') return 'recorded';
  return r.state === 'delivered' && r.cityStatus === 'recorded' ? 'recorded' : 'accepted';
}

const { idNumber: _omitIdNumber, ...recordFields } = CompletionRecordSchema.shape;
void _omitIdNumber;

export const ProvinceBaseListItemSchema = z
  .object({
    recordId: z.string(),
    ...recordFields,
    idNumberMasked: z.string(),
    status: ProvinceBaseStatusSchema,
    credited: z.boolean(),
    activityStatus: z.enum(['active', 'pending']).optional(),
    postedAt: z.string(),
  })
  .meta({ id: 'ProvinceRecordForBase' });
export type ProvinceBaseListItem = z.infer<typeof ProvinceBaseListItemSchema>;

/** The provincial hr office's view: where each record went and how it stands there. */
export const ProvinceHrListItemSchema = ProvinceBaseListItemSchema.extend({
  state: ProvinceRecordStateSchema,
  tenant: ProvinceTenantSchema.optional(),
  cityStatus: CityStatusSchema.optional(),
  sends: z.number(),
  sentAt: z.string().optional(),
  deliveredAt: z.string().optional(),
}).meta({ id: 'ProvinceRecordForHr' });
export type ProvinceHrListItem = z.infer<typeof ProvinceHrListItemSchema>;

// ── The hop between the province and a tenant ─────────────────────────────────────────────────

/** At most this many records in one forward message: far below SQS's 256 KB (a record is < 1 KB). */
export const FORWARD_MESSAGE_MAX_RECORDS = 50;

export const ForwardMessageSchema = z.object({
  v: z.literal(1),
  /** Deterministic per (tenant, records): a redelivered message is recognised as the same one. */
  id: z.string().min(1).max(128),
  tenant: ProvinceTenantSchema,
  base: z.object({ id: z.string(), name: z.string(), creditCode: z.string(), level: BaseLevelSchema }),
  records: z
    .array(z.object({ provinceRecordId: z.string(), record: CompletionRecordSchema }))
    .min(1)
    .max(FORWARD_MESSAGE_MAX_RECORDS),
});
export type ForwardMessage = z.infer<typeof ForwardMessageSchema>;

/** A tenant's answer for one forwarded record: its posting as it stands in the tenant's books. */
export const ReceiptSchema = z.object({
  provinceRecordId: z.string(),
  /** The province's base id and the record's externalId: the province record's key. */
  provinceBaseId: z.string(),
  externalId: z.string(),
  tenant: ProvinceTenantSchema,
  cityRecordId: z.string(),
  status: CityStatusSchema,
  credited: z.boolean(),
  activityStatus: z.enum(['active', 'pending']).optional(),
  at: z.string(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** A tenant registered a person (first registration, or a move from another city): the directory's input. */
export const DirectoryEventSchema = z.object({
  v: z.literal(1),
  idHash: z.string().regex(/^[0-9a-f]{64}$/),
  tenant: ProvinceTenantSchema,
  at: z.string(),
});
export type DirectoryEvent = z.infer<typeof DirectoryEventSchema>;

/** What the province's inbox queue carries from the tenants. */
export const ProvinceInboxMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('directory'), event: DirectoryEventSchema }),
  z.object({ type: z.literal('receipts'), receipts: z.array(ReceiptSchema).min(1) }),
]);
export type ProvinceInboxMessage = z.infer<typeof ProvinceInboxMessageSchema>;

// The province's deployment names live in shared/contract.ts (infra reads only that file).
export { PROVINCE_ENV, PROVINCE_METRICS_NAMESPACE } from './contract';

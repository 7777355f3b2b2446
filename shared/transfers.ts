import * as z from 'zod';

/**
 * A transfer request (issue 12, rules §5/§6): a clerk registered a resident ID that belongs to a person
 * of another unit. Registering it again would reveal that the ID is registered, and would let a clerk
 * take someone over; instead the request waits for the hr office or the person's current unit, which
 * moves the person (keeping their history) or declines. The clerk was answered in the words of every
 * registration that needs the hr office, never told whom the ID belongs to.
 */
export const TransferRequestSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    /** The person's unit when the request was made: that unit (or the hr office) resolves it. */
    fromUnitId: z.string(),
    toUnitId: z.string(),
    /** The name the clerk typed, which may differ from the registered one. */
    requestedName: z.string(),
    idNumberMasked: z.string(),
    source: z.enum(['registration', 'import']),
    status: z.enum(['open', 'accepted', 'declined']),
    createdAt: z.string(),
    createdBy: z.string(),
    resolvedAt: z.string().optional(),
    resolvedBy: z.string().optional(),
    reason: z.string().optional(),
    version: z.int(),
  })
  .meta({ id: 'TransferRequest' });
export type TransferRequest = z.infer<typeof TransferRequestSchema>;

/** A request as the resolving unit or the hr office lists it: with the person's and both units' names. */
export const TransferRequestListItemSchema = TransferRequestSchema.extend({
  personName: z.string(),
  fromUnitName: z.string(),
  toUnitName: z.string(),
}).meta({ id: 'TransferRequestListItem' });
export type TransferRequestListItem = z.infer<typeof TransferRequestListItemSchema>;

export const TransferDecisionSchema = z
  .object({
    decision: z.enum(['accept', 'decline']),
    version: z.int().min(1),
    reason: z.string().trim().min(2, '请填写理由').max(500),
  })
  .meta({ id: 'TransferDecision' });

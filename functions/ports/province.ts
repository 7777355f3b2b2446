import type { TenantCode } from '../../shared/contract.js';
import type { DirectoryEvent, ForwardMessage, ProvinceRecord, Receipt } from '../../shared/province.js';
import type { Page } from './records.js';

/** The province's copy of every record a base posted to the intake, one per (base, externalId) forever. */
export interface ProvinceRecordRepository {
  /** Existing records of this base for these externalIds (consistent: checked before writing). */
  getMany(baseId: string, externalIds: string[]): Promise<Map<string, ProvinceRecord>>;
  get(baseId: string, externalId: string): Promise<ProvinceRecord | undefined>;
  /** Puts a new record; 'exists' when (base, externalId) is taken. */
  create(record: ProvinceRecord): Promise<'saved' | 'exists'>;
  /** waiting → sent to this tenant, only if still waiting (the tenant is fixed from then on). */
  markSent(record: ProvinceRecord, tenant: TenantCode, at: string): Promise<boolean>;
  /** A resend after a lost receipt: counts it, keeps the tenant. */
  markResent(record: ProvinceRecord, at: string): Promise<void>;
  /** Applies a tenant's receipt, only if the record was sent to that tenant. */
  applyReceipt(receipt: Receipt): Promise<boolean>;
  /** Waiting records for this ID hash (held for a person no tenant knows yet). */
  listWaiting(idHash: string): Promise<ProvinceRecord[]>;
  /** Every waiting record, a page at a time (the sweeper and the held alarm). */
  listAllWaiting(options: { limit: number; cursor?: string }): Promise<Page<ProvinceRecord>>;
  /** Records handed to a queue before `before` whose receipt has not come back. */
  listSentBefore(before: string, limit: number): Promise<ProvinceRecord[]>;
  listByBase(baseId: string, options: { limit: number; cursor?: string }): Promise<Page<ProvinceRecord>>;
}

/** The routing directory: ID hash → the tenant where that person is registered now. */
export interface RoutingDirectory {
  /** Latest event wins; an older event arriving late changes nothing. Returns whether it changed the entry. */
  apply(event: DirectoryEvent): Promise<boolean>;
  lookup(idHashes: string[]): Promise<Map<string, TenantCode>>;
}

/** The authenticated service path into each tenant (an SQS queue in the tenant's account in AWS). */
export interface TenantQueues {
  /** Resolves once the tenant's queue holds the message durably; rejects when it cannot take it. */
  send(message: ForwardMessage): Promise<void>;
}

/** The tenants' path back to the province (its inbox queue in AWS). */
export interface ProvinceInbox {
  publishDirectory(event: DirectoryEvent): Promise<void>;
  publishReceipts(receipts: Receipt[]): Promise<void>;
}

/** The tenant side of the province directory: called after every registration, by either path (form or import). */
export interface RegistrationPublisher {
  registered(person: { idNumber: string }, at: string): Promise<void>;
}

/** A tenant's base register as the forwarded records need it: which of its bases has this credit code? */
export interface ForwardedBaseLookup {
  idByCreditCode(creditCode: string): Promise<string | undefined>;
}

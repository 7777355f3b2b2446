import type { AuditEvent } from '../../shared/records.js';
import type { TransferRequest } from '../../shared/transfers.js';

export interface TransferRequestRepository {
  create(request: TransferRequest, audit: AuditEvent): Promise<void>;
  get(id: string): Promise<TransferRequest | undefined>;
  /** Every open request of the tenant (few: each one is a person registered twice). */
  listOpen(): Promise<TransferRequest[]>;
  /** Conditional on the request being open at `expectedVersion`; 409 otherwise. */
  resolve(request: TransferRequest, expectedVersion: number, audit: AuditEvent): Promise<void>;
}

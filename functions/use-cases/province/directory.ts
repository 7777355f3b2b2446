import { createHmac } from 'node:crypto';
import type { TenantCode } from '../../../shared/contract.js';
import type { ProvinceInbox, RegistrationPublisher } from '../../ports/province.js';

/**
 * The routing directory's key for a person: HMAC-SHA256 of the resident ID under the directory key the
 * province holds (issue 17). The province's table never holds the number for routing, and without
 * the key a hash cannot be tested against guessed numbers (the ID space is small enough to walk).
 */
export function idHashOf(directoryKey: Buffer, idNumber: string): string {
  return createHmac('sha256', directoryKey).update(idNumber.toUpperCase(), 'utf8').digest('hex');
}

/** A tenant's registration hook: hash, tenant and time to the province's inbox; never the ID itself. */
export function createRegistrationPublisher(options: {
  inbox: ProvinceInbox;
  directoryKey: Buffer;
  tenant: TenantCode;
}): RegistrationPublisher {
  return {
    async registered(person, at) {
      await options.inbox.publishDirectory({ v: 1, idHash: idHashOf(options.directoryKey, person.idNumber), tenant: options.tenant, at });
    },
  };
}

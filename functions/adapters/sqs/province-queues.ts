import type { TenantCode } from '../../../shared/contract.js';
import type { Logger } from '../../log.js';
import type { ProvinceInbox, TenantQueues } from '../../ports/province.js';
import { sqsSend, type Send } from './client.js';
import { classifySendError, directoryRequest, forwardRequest, receiptRequests } from './messages.js';

/**
 * The province's sending side: each tenant's forward queue by its URL (in the tenant's account; the
 * queue's resource policy trusts the router role). A tenant without a URL is a configuration error,
 * reported like SQS's own: the records stay `sent` and the sweeper resends once it is configured.
 */
export function createSqsTenantQueues(options: { queueUrls: Partial<Record<TenantCode, string>>; log: Logger; send?: Send }): TenantQueues {
  const send = options.send ?? sqsSend;
  return {
    async send(message) {
      const url = options.queueUrls[message.tenant];
      if (!url) {
        options.log.error('no forward queue configured for a tenant', { tenant: message.tenant, failure: 'configuration' });
        throw new Error(`no forward queue for tenant ${message.tenant}`);
      }
      try {
        await send(forwardRequest(url, message));
      } catch (err) {
        const failure = classifySendError(err);
        options.log[failure === 'configuration' ? 'error' : 'warn']('a forward was not taken by the tenant queue', {
          tenant: message.tenant,
          messageId: message.id,
          failure,
          err,
        });
        throw err;
      }
    },
  };
}

/** A tenant's way back to the province: its inbox queue (in the province's account). */
export function createSqsProvinceInbox(options: { queueUrl: string; send?: Send }): ProvinceInbox {
  const send = options.send ?? sqsSend;
  return {
    async publishDirectory(event) {
      await send(directoryRequest(options.queueUrl, event));
    },
    async publishReceipts(receipts) {
      for (const request of receiptRequests(options.queueUrl, receipts)) await send(request);
    },
  };
}

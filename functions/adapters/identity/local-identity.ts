import { ConflictError } from '../../../shared/errors.js';
import type { IdentityAdmin } from '../../ports/identity.js';
import type { LocalUserRepository } from '../dynamo/local-users.js';

/** Local mode: accounts go into the built-in issuer's user store and can sign in at once. */
export function createLocalIdentityAdmin(users: LocalUserRepository): IdentityAdmin {
  return {
    managedExternally: false,
    async createUser(account) {
      if (await users.get(account.id)) throw new ConflictError('account_exists', '该账号已存在');
      await users.put({ id: account.id, name: account.name, role: account.role, organisation: account.orgId, tenant: account.tenant });
      return {};
    },
  };
}

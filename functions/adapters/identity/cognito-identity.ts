import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError, RuleViolationError } from '../../../shared/errors.js';
import type { IdentityAdmin } from '../../ports/identity.js';

/**
 * AWS global regions: Cognito creates the user (an e-mailed temporary password, changed at first
 * sign-in) and the group is the role. Organisation and tenant are custom attributes that land in the
 * ID token the API verifies.
 */
export function createCognitoIdentityAdmin(client: CognitoIdentityProviderClient, userPoolId: string): IdentityAdmin {
  return {
    managedExternally: false,
    async createUser(account) {
      try {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: account.id,
            UserAttributes: [
              { Name: 'name', Value: account.name },
              { Name: 'custom:org', Value: account.orgId },
              { Name: 'custom:tenant', Value: account.tenant },
              ...(account.email ? [{ Name: 'email', Value: account.email }, { Name: 'email_verified', Value: 'true' }] : []),
            ],
            DesiredDeliveryMediums: account.email ? ['EMAIL'] : undefined,
          }),
        );
      } catch (err) {
        if (err instanceof UsernameExistsException) throw new ConflictError('account_exists', '该账号已存在');
        throw err;
      }
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: account.id, GroupName: account.role }));
      return {};
    },
  };
}

/** AWS China regions: users are administered in the external OIDC provider. */
export const externalIdentityAdmin: IdentityAdmin = {
  managedExternally: true,
  async createUser() {
    throw new RuleViolationError('managed_externally', '账号由统一身份认证平台管理，请在该平台创建');
  },
};

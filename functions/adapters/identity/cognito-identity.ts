import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError } from '../../../shared/errors.js';
import type { Identity } from '../../auth/principal.js';
import type { IdentityAdmin, SecondFactorCheck } from '../../ports/identity.js';

/** A positive MFA answer is reused for 5 minutes per container; a negative one is asked again each time. */
const MFA_CACHE_MS = 5 * 60_000;

/**
 * AWS global regions: Cognito creates the user (its invitation e-mail with a temporary password) under
 * our account id as username. Role, organisation and tenant stay in the account directory; Cognito
 * carries none of them. The calls here are the only Cognito actions the API role is granted
 * (infra/constructs/api.ts: AdminCreateUser, AdminGetUser).
 */
export function createCognitoIdentityAdmin(client: CognitoIdentityProviderClient, userPoolId: string): IdentityAdmin {
  const mfaSeen = new Map<string, number>();
  return {
    kind: 'cognito',
    async createUser(account) {
      try {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: account.id,
            UserAttributes: [
              { Name: 'name', Value: account.name },
              ...(account.email
                ? [
                    { Name: 'email', Value: account.email },
                    { Name: 'email_verified', Value: 'true' },
                  ]
                : []),
            ],
            DesiredDeliveryMediums: account.email ? ['EMAIL'] : undefined,
          }),
        );
      } catch (err) {
        if (err instanceof UsernameExistsException) throw new ConflictError('account_exists', '该账号已存在');
        throw err;
      }
    },
    /**
     * Cognito cannot require MFA for some groups only, and its ID tokens carry no `amr`. The pool's
     * MFA is optional with TOTP only, and Cognito challenges every sign-in of a user who has TOTP on:
     * so a privileged account with TOTP enabled has signed in with it.
     */
    async secondFactor(identity: Identity): Promise<SecondFactorCheck> {
      const username = identity.username ?? identity.subject;
      const seen = mfaSeen.get(username);
      if (seen && Date.now() - seen < MFA_CACHE_MS) return { ok: true };
      const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
      if (user.UserMFASettingList?.includes('SOFTWARE_TOKEN_MFA')) {
        mfaSeen.set(username, Date.now());
        return { ok: true };
      }
      return { ok: false, message: '人社部门与审核人账号须启用动态口令（TOTP）后登录：请在登录页按提示绑定身份验证器应用' };
    },
  };
}

/**
 * AWS China regions: an external OIDC provider (a government identity platform). Nothing is created
 * there; the stack names the `acr` values and/or `amr` methods that count as a second factor.
 */
export function createExternalIdentityAdmin(required: { acr: string[]; amr: string[] }): IdentityAdmin {
  return {
    kind: 'external',
    async createUser() {},
    async secondFactor(identity) {
      return checkClaims(
        identity,
        required,
        '人社部门与审核人账号须使用统一身份认证平台的多因素认证登录（如数字证书或短信验证码），请退出后以多因素方式重新登录',
      );
    },
  };
}

/** The claim check of the external and the local provider: any listed acr, or any listed amr. */
export function checkClaims(identity: Identity, required: { acr: string[]; amr: string[] }, message: string): SecondFactorCheck {
  if (required.acr.length === 0 && required.amr.length === 0) return { ok: true };
  if (identity.acr && required.acr.includes(identity.acr)) return { ok: true };
  if (identity.amr.some((m) => required.amr.includes(m))) return { ok: true };
  return { ok: false, message };
}

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { acknowledge } from '../nag.js';
import { Construct } from 'constructs';
import { ROLES, type Role } from '../../shared/contract.js';

/**
 * What the rest of the stack needs from whoever signs users in (SPEC §6: OIDC behind one
 * interface). The API reads `issuer`/`audience`/`jwksUrl`; the site's CSP lets scripts reach
 * `browserOrigins` (discovery document, token endpoint).
 */
export interface IdentityProvider {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl?: string;
  /** The Cognito user pool the API administers accounts in; absent for an external provider. */
  readonly userPoolId?: string;
  /** Origins the site's scripts fetch from while signing in. */
  readonly browserOrigins: string[];
  /**
   * Lets the grantee administer accounts (issue 4: the hr office creates departments' and units'
   * administrators, a unit its clerks). A no-op for an external provider, which is administered
   * where it lives.
   */
  grantAccountAdmin(grantee: IGrantable): void;
}

/** An external OpenID Connect provider, e.g. a government identity platform (the only choice in China). */
export function externalOidc(config: { issuer: string; audience: string; jwksUrl?: string }): IdentityProvider {
  return {
    issuer: config.issuer,
    audience: config.audience,
    ...(config.jwksUrl ? { jwksUrl: config.jwksUrl } : {}),
    browserOrigins: [new URL(config.issuer).origin],
    grantAccountAdmin: () => undefined,
  };
}

export interface CognitoAuthProps {
  /** Tenant code, written into every account's `custom:tenant`. */
  readonly tenant: string;
  /** The site's origin: the app client's callback and sign-out URL. */
  readonly siteOrigin: string;
  /** Hosted login domain prefix (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly domainPrefix: string;
  /**
   * Send invitations and codes through SES from this verified address. Cognito's own sender
   * allows 50 e-mails a day, far too few to invite a city's units.
   * @default Cognito's own sender
   */
  readonly email?: { readonly from: string; readonly sesRegion?: string };
}

/**
 * Precedence decides which group's role wins when an account sits in several (lower wins); the
 * order follows the administration tree (SPEC §6), widest authority first.
 */
const ROLE_PRECEDENCE: Record<Role, number> = {
  hr_officer: 0,
  auditor: 1,
  dept_reviewer: 2,
  unit_reviewer: 3,
  unit_clerk: 4,
  person: 5,
};

/**
 * Admin actions the API may take on its own pool. Named one by one: no AdminDeleteUser (accounts
 * are disabled, never deleted, so history stays attributable) and no AdminSetUserPassword
 * (administrators reset, they never learn a password).
 */
export const ACCOUNT_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminResetUserPassword',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
];

/**
 * A Cognito user pool per tenant: a group per role, the organisation (`custom:org`) and tenant
 * (`custom:tenant`) as attributes only administrators can write, a hosted login domain and a
 * public app client for the site (authorization code + PKCE).
 */
export class CognitoAuth extends Construct implements IdentityProvider {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly issuer: string;
  readonly audience: string;
  readonly userPoolId: string;
  readonly browserOrigins: string[];

  constructor(scope: Construct, id: string, props: CognitoAuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are administered down the tree (SPEC §6); nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      // E-mail is optional: not every professional has one, and the hr office can hand over
      // temporary passwords itself. (Required attributes cannot be changed after creation.)
      standardAttributes: { email: { required: false, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: {
        org: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        tenant: new StringAttribute({ minLen: 6, maxLen: 6, mutable: false }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      ...(props.email
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: props.email.from,
              fromName: '学时通',
              ...(props.email.sesRegion ? { sesRegion: props.email.sesRegion } : {}),
            }),
          }
        : {}),
      // Users read Chinese; Cognito's defaults are English.
      userInvitation: {
        emailSubject: '学时通账号已开通',
        emailBody:
          '您好，您的学时通账号已由管理员开通。用户名：{username}，临时密码：{####}。请在 3 天内登录并修改密码。',
      },
      userVerification: {
        emailSubject: '学时通邮箱验证码',
        emailBody: '您的学时通邮箱验证码是 {####}，请勿告诉他人。',
      },
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (TOTP): the pool serves about 50,000 professionals (role person) for whom a mandatory authenticator app is not workable, and Cognito cannot require MFA per group. Nothing in the system forces staff to enrol either; docs/deploy.md §5 asks the hr office to have every hr_officer and reviewer enrol TOTP, a procedure, not a control.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Essentials, not Plus: Plus threat protection costs $0.02 per monthly active user in total (≈ $270 a month per city at the ≈ 13,500 MAU of docs/deploy.md §10, ≈ $4,050 for the fleet in one account), out of proportion here; sign-in is limited to invited accounts.',
      },
    );

    for (const role of ROLES) {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        precedence: ROLE_PRECEDENCE[role],
        description: `学时通 role ${role}`,
      });
    }

    this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    const siteUrl = `${props.siteOrigin}/`;
    // Users may keep their name and e-mail current; organisation and tenant are set by administrators only.
    const userWritable = new ClientAttributes().withStandardAttributes({ email: true, fullname: true });
    this.client = this.userPool.addClient('SiteClient', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [siteUrl],
        logoutUrls: [siteUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // A working day: a stolen refresh token is not good for long.
      refreshTokenValidity: Duration.hours(12),
      writeAttributes: userWritable,
    });

    const stack = Stack.of(this);
    this.issuer = this.userPool.userPoolProviderUrl;
    this.audience = this.client.userPoolClientId;
    this.userPoolId = this.userPool.userPoolId;
    this.browserOrigins = [
      // Discovery document and JWKS live on the issuer; authorize and token on the hosted domain.
      `https://cognito-idp.${stack.region}.${stack.urlSuffix}`,
      `https://${props.domainPrefix}.auth.${stack.region}.amazoncognito.com`,
    ];
  }

  grantAccountAdmin(grantee: IGrantable): void {
    Grant.addToPrincipal({ grantee, actions: ACCOUNT_ADMIN_ACTIONS, resourceArns: [this.userPool.userPoolArn] });
  }
}

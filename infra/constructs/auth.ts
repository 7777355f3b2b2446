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

/** The site's own paths the provider sends the browser back to (web/src/app/auth.ts). */
export const SITE_CALLBACK_PATH = '/auth/callback';
export const SITE_SIGNED_OUT_PATH = '/signed-out';

/** The `oidc` block of the site's /config.json: how web/src/app/auth.ts signs in (code + PKCE). */
export interface SiteOidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
  readonly redirectPath: string;
  readonly postLogoutRedirectPath: string;
  /** Cognito's logout endpoint, which its discovery document does not list. */
  readonly cognitoLogoutUrl?: string;
}

/**
 * What the rest of the stack needs from whoever signs users in (rules §6: OIDC behind one
 * interface). The API reads `issuer`/`audience`/`jwksUrl` and checks both on every token; the site
 * reads `siteOidc` from /config.json; its CSP lets scripts reach `browserOrigins` (discovery
 * document, token endpoint). The provider proves identity only: roles live in the account directory.
 */
export interface IdentityProvider {
  readonly kind: 'cognito' | 'external';
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl?: string;
  /** The Cognito user pool the API creates users in; absent for an external provider. */
  readonly userPoolId?: string;
  /** Origins the site's scripts fetch from while signing in. */
  readonly browserOrigins: string[];
  readonly siteOidc: SiteOidcConfig;
  /** External provider: the `acr` values / `amr` methods that count as a second factor for privileged roles. */
  readonly secondFactor?: { readonly acr: readonly string[]; readonly amr: readonly string[] };
  /**
   * Lets the grantee create users where the provider has them (Cognito: the invitation e-mail) and
   * read whether a privileged user has TOTP on. A no-op for an external provider, where the product
   * creates nothing: the account directory and its invitations bind whoever signs in.
   */
  grantAccountAdmin(grantee: IGrantable): void;
}

/** An external OpenID Connect provider, e.g. a government identity platform (the only choice in China). */
export function externalOidc(config: {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  clientId?: string;
  scopes?: string;
  requiredAcr?: string[];
  requiredAmr?: string[];
}): IdentityProvider {
  return {
    kind: 'external',
    issuer: config.issuer,
    audience: config.audience,
    ...(config.jwksUrl ? { jwksUrl: config.jwksUrl } : {}),
    browserOrigins: [new URL(config.issuer).origin],
    siteOidc: {
      issuer: config.issuer,
      clientId: config.clientId ?? config.audience,
      scope: config.scopes ?? 'openid profile',
      redirectPath: SITE_CALLBACK_PATH,
      postLogoutRedirectPath: SITE_SIGNED_OUT_PATH,
    },
    ...(config.requiredAcr || config.requiredAmr ? { secondFactor: { acr: config.requiredAcr ?? [], amr: config.requiredAmr ?? [] } } : {}),
    grantAccountAdmin: () => undefined,
  };
}

export interface CognitoAuthProps {
  /** Tenant code. (`custom:tenant` and `custom:org` remain in the schema, which Cognito cannot shrink, unused since issue 13.) */
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
 * order follows the administration tree (rules §6), widest authority first.
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
 * The Cognito actions the API takes on its own pool: exactly those functions/adapters/identity/
 * cognito-identity.ts calls (test/infra/auth.test.ts compares the two). Roles, organisations and
 * disabling live in the account directory (issue 13), so no group, attribute or disable calls.
 */
export const ACCOUNT_ADMIN_ACTIONS = ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser'];

/**
 * A Cognito user pool per tenant, proving identity only: users created by the API under the account
 * id (invitation e-mail), TOTP, a hosted login domain and a public app client for the site
 * (authorization code + PKCE). Roles and organisations are in the account directory (issue 13); the
 * groups and `custom:org`/`custom:tenant` attributes of earlier versions stay, unread.
 */
export class CognitoAuth extends Construct implements IdentityProvider {
  readonly kind = 'cognito';
  readonly siteOidc: SiteOidcConfig;
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly issuer: string;
  readonly audience: string;
  readonly userPoolId: string;
  readonly browserOrigins: string[];

  constructor(scope: Construct, id: string, props: CognitoAuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are administered down the tree (rules §6); nobody signs themselves up.
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
        emailBody: '您好，您的学时通账号已由管理员开通。用户名：{username}，临时密码：{####}。请在 3 天内登录并修改密码。',
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

    // Code + PKCE back to the site's callback; sign-out back to its signed-out page.
    const callbackUrl = `${props.siteOrigin}${SITE_CALLBACK_PATH}`;
    const signedOutUrl = `${props.siteOrigin}${SITE_SIGNED_OUT_PATH}`;
    // Users may keep their name and e-mail current; organisation and tenant are set by administrators only.
    const userWritable = new ClientAttributes().withStandardAttributes({ email: true, fullname: true });
    this.client = this.userPool.addClient('SiteClient', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        // No implicit grant and no client credentials: a public client gets its tokens by code + PKCE only.
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [callbackUrl],
        logoutUrls: [signedOutUrl],
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
    const hostedDomain = `https://${props.domainPrefix}.auth.${stack.region}.amazoncognito.com`;
    this.browserOrigins = [
      // Discovery document and JWKS live on the issuer; authorize and token on the hosted domain.
      `https://cognito-idp.${stack.region}.${stack.urlSuffix}`,
      hostedDomain,
    ];
    this.siteOidc = {
      issuer: this.issuer,
      clientId: this.audience,
      scope: 'openid email profile',
      redirectPath: SITE_CALLBACK_PATH,
      postLogoutRedirectPath: SITE_SIGNED_OUT_PATH,
      cognitoLogoutUrl: `${hostedDomain}/logout`,
    };
  }

  grantAccountAdmin(grantee: IGrantable): void {
    Grant.addToPrincipal({ grantee, actions: ACCOUNT_ADMIN_ACTIONS, resourceArns: [this.userPool.userPoolArn] });
  }
}

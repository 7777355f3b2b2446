/**
 * Issue 13 item 6: sign-in infrastructure. The Cognito app client does code + PKCE only, back to the
 * site's callback; external-provider stacks create nothing in Cognito and hand issuer, audience and the
 * second-factor rule to the API and the site; the API role's Cognito actions are exactly those the
 * code calls.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_ADMIN_ACTIONS, CognitoAuth, externalOidc } from '../../infra/constructs/auth.js';
import { ENV } from '../../shared/contract.js';
import { CHINA_CONTEXT, onlyResource, resourcesOf, synth } from './fixture.js';

const apiFunction = (t: ReturnType<typeof synth>['template']) =>
  resourcesOf(t, 'AWS::Lambda::Function').find(([id]) => /^ApiFunction[0-9A-F]{8}$/.test(id))![1];

/** The `oidc` block the stack writes into the site's /config.json, from the stack's identity provider. */
function siteOidc(stack: ReturnType<typeof synth>['stack']): { kind: string; oidc: Record<string, unknown> } {
  const cognito = stack.node.findAll().find((c): c is CognitoAuth => c instanceof CognitoAuth);
  return cognito ? { kind: cognito.kind, oidc: { ...cognito.siteOidc } } : { kind: 'external', oidc: {} };
}

describe('Cognito (global regions)', () => {
  const { template, stack } = synth();

  it('has an app client for authorization code + PKCE only: public, no implicit grant, no client credentials, no password flows', () => {
    const client = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.GenerateSecret).toBe(false);
    expect(JSON.stringify(client)).not.toMatch(/implicit|client_credentials|USER_PASSWORD_AUTH|ADMIN_USER_PASSWORD_AUTH/);
    expect(JSON.stringify(client.CallbackURLs)).toContain('/auth/callback');
    expect(JSON.stringify(client.LogoutURLs)).toContain('/signed-out');
  });

  it('requires TOTP where it can: MFA optional with software tokens only (the API refuses privileged accounts without it)', () => {
    expect(onlyResource(template, 'AWS::Cognito::UserPool')).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('grants the API exactly the Cognito actions the code calls', () => {
    const source = readFileSync('functions/adapters/identity/cognito-identity.ts', 'utf8');
    const called = [...new Set([...source.matchAll(/new (Admin\w+|List\w+)Command\(/g)].map((m) => `cognito-idp:${m[1]}`))].sort();
    expect([...ACCOUNT_ADMIN_ACTIONS].sort()).toEqual(called);
    const granted = resourcesOf(template, 'AWS::IAM::Policy').flatMap(([, p]) =>
      (p.PolicyDocument.Statement as { Action: string | string[] }[])
        .flatMap((st) => [st.Action].flat())
        .filter((a) => a.startsWith('cognito-idp:')),
    );
    expect([...new Set(granted)].sort()).toEqual(called);
  });

  it('gives the site its sign-in settings: the client, the callback paths and Cognito’s logout', () => {
    const { kind, oidc } = siteOidc(stack);
    expect(kind).toBe('cognito');
    expect(oidc).toMatchObject({ redirectPath: '/auth/callback', postLogoutRedirectPath: '/signed-out', scope: 'openid email profile' });
    expect(String(oidc.cognitoLogoutUrl)).toMatch(/^https:\/\/xueshi-430100-123456789012\.auth\..*\.amazoncognito\.com\/logout$/);
  });
});

describe('an external provider (China)', () => {
  const context = {
    ...CHINA_CONTEXT,
    oidcClientId: 'xueshi-web',
    oidcScopes: 'openid profile phone',
    oidcRequiredAcr: 'urn:gov:loa:3,urn:gov:loa:4',
    oidcRequiredAmr: 'hwk',
  };
  const { template } = synth(context);

  it('creates no Cognito resources and grants no Cognito action', () => {
    for (const type of [
      'AWS::Cognito::UserPool',
      'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolDomain',
      'AWS::Cognito::UserPoolGroup',
    ]) {
      template.resourceCountIs(type, 0);
    }
    expect(JSON.stringify(template.toJSON())).not.toContain('cognito-idp:');
  });

  it('passes issuer, audience and the required acr/amr to the API, which checks them on every token', () => {
    const vars = apiFunction(template).Environment.Variables;
    expect(vars).toMatchObject({
      [ENV.OIDC_ISSUER]: CHINA_CONTEXT.oidcIssuer,
      [ENV.OIDC_AUDIENCE]: CHINA_CONTEXT.oidcAudience,
      [ENV.OIDC_REQUIRED_ACR]: 'urn:gov:loa:3,urn:gov:loa:4',
      [ENV.OIDC_REQUIRED_AMR]: 'hwk',
    });
    expect(vars).not.toHaveProperty(ENV.USER_POOL_ID);
  });

  it('gives the site the provider’s issuer, client id and scopes', () => {
    const provider = externalOidc({
      issuer: CHINA_CONTEXT.oidcIssuer,
      audience: 'xueshi-portal',
      clientId: 'xueshi-web',
      scopes: 'openid profile phone',
      requiredAcr: ['urn:gov:loa:3'],
    });
    expect(provider.kind).toBe('external');
    expect(provider.siteOidc).toEqual({
      issuer: CHINA_CONTEXT.oidcIssuer,
      clientId: 'xueshi-web',
      scope: 'openid profile phone',
      redirectPath: '/auth/callback',
      postLogoutRedirectPath: '/signed-out',
    });
    expect(provider.secondFactor).toEqual({ acr: ['urn:gov:loa:3'], amr: [] });
  });

  it('without acr/amr settings passes none (nothing required beyond the provider’s own sign-in)', () => {
    const vars = apiFunction(synth(CHINA_CONTEXT).template).Environment.Variables;
    expect(vars).not.toHaveProperty(ENV.OIDC_REQUIRED_ACR);
    expect(vars).not.toHaveProperty(ENV.OIDC_REQUIRED_AMR);
  });
});

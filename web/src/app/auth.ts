/**
 * Signing in with OpenID Connect (rules §6): authorization code + PKCE through `oidc-client-ts`, set up
 * from the stack's `/config.json` — Cognito or a government identity platform in AWS, the local provider
 * of `npm start` locally. Tokens stay in this tab's sessionStorage (the library's default for a public
 * client) and the sign-in state (PKCE verifier) too: nothing long-lived in localStorage.
 */
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

export interface SiteConfig {
  tenant: string;
  tenantName?: string;
  /** Who signs users in: said on the invitation page so people know which account to use. */
  identityProvider?: 'cognito' | 'external' | 'local';
  oidc: {
    issuer: string;
    clientId: string;
    scope: string;
    /** Paths on this site's own origin (the app client lists them for every origin the site has). */
    redirectPath?: string;
    postLogoutRedirectPath?: string;
    /**
     * Cognito's hosted-UI logout, which its discovery document does not list: `client_id` and
     * `logout_uri` are added here. Other providers' `end_session_endpoint` comes from discovery.
     */
    cognitoLogoutUrl?: string;
  };
}

export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/signed-out';

/** What the site keeps across the round trip to the provider: the page the user asked for. */
export interface SignInState {
  returnTo: string;
}

let loaded: Promise<{ config: SiteConfig; manager: UserManager } | undefined> | undefined;

/** The one UserManager, built from /config.json; undefined where the site has none (a bare `vite` server). */
export function auth(): Promise<{ config: SiteConfig; manager: UserManager } | undefined> {
  loaded ??= fetch('/config.json', { cache: 'no-store' })
    .then(async (r) => (r.ok ? ((await r.json()) as SiteConfig) : undefined))
    .catch(() => undefined)
    .then((config) => {
      if (!config?.oidc) return undefined;
      const origin = window.location.origin;
      const manager = new UserManager({
        authority: config.oidc.issuer,
        client_id: config.oidc.clientId,
        redirect_uri: `${origin}${config.oidc.redirectPath ?? CALLBACK_PATH}`,
        post_logout_redirect_uri: `${origin}${config.oidc.postLogoutRedirectPath ?? SIGNED_OUT_PATH}`,
        response_type: 'code',
        scope: config.oidc.scope,
        // Renew before expiry with the refresh token (rotated by the provider); the API gets the ID token.
        automaticSilentRenew: true,
        loadUserInfo: false,
        userStore: new WebStorageStateStore({ store: window.sessionStorage }),
        stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      });
      void manager.clearStaleState();
      return { config, manager };
    });
  return loaded;
}

/** The token the API verifies: the ID token (its audience is the site's client id, as the API expects). */
export function apiToken(user: User | null | undefined): string | undefined {
  return user && !user.expired ? user.id_token : undefined;
}

export async function startSignIn(returnTo: string, prompt?: 'login'): Promise<void> {
  const a = await auth();
  if (!a) return;
  await a.manager.signinRedirect({ state: { returnTo } satisfies SignInState, ...(prompt ? { prompt } : {}) });
}

/** Ends the site's session and the provider's (its end-session endpoint, or Cognito's logout). */
export async function endSession(): Promise<void> {
  const a = await auth();
  if (!a) return;
  const user = await a.manager.getUser();
  const back = `${window.location.origin}${a.config.oidc.postLogoutRedirectPath ?? SIGNED_OUT_PATH}`;
  if (a.config.oidc.cognitoLogoutUrl) {
    await a.manager.removeUser();
    const url = new URL(a.config.oidc.cognitoLogoutUrl);
    url.searchParams.set('client_id', a.config.oidc.clientId);
    url.searchParams.set('logout_uri', back);
    window.location.assign(url.toString());
    return;
  }
  try {
    await a.manager.signoutRedirect({ id_token_hint: user?.id_token });
  } catch {
    // A provider without an end-session endpoint: the site's session ends here.
    await a.manager.removeUser();
    window.location.assign(back);
  }
}

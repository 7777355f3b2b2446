import type { User } from 'oidc-client-ts';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, setAccessToken, setAuthFailureHandler } from '../api/client.js';
import { api, type Principal } from '../api/endpoints.js';
import { apiToken, auth, CALLBACK_PATH, endSession, startSignIn, type SignInState, type SiteConfig } from './auth.js';

/**
 * - `signed_in`: the identity is bound to an account of this stack.
 * - `unbound`: signed in at the provider, but no account here yet: the invitation page asks for the code.
 * - `refused`: the account is disabled, or a privileged role signed in without the second factor.
 * - `expired`: the session ended and could not be renewed; the page stays, a dialog offers to sign in again.
 */
export type SessionStatus = 'loading' | 'anonymous' | 'signed_in' | 'unbound' | 'refused' | 'expired';

interface Session {
  status: SessionStatus;
  principal?: Principal;
  loading: boolean;
  /** The provider's display name while unbound (shown on the invitation page only). */
  identityName?: string;
  /** Why the API refused the account (zh-CN, from the API). */
  refusal?: string;
  config?: SiteConfig;
  /** Goes to the provider's sign-in; comes back to `returnTo` (default: this page). */
  signIn(returnTo?: string, prompt?: 'login'): Promise<void>;
  signOut(): Promise<void>;
  acceptInvitation(code: string): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);
const here = () => `${window.location.pathname}${window.location.search}${window.location.hash}`;

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [principal, setPrincipal] = useState<Principal>();
  const [identityName, setIdentityName] = useState<string>();
  const [refusal, setRefusal] = useState<string>();
  const [config, setConfig] = useState<SiteConfig>();
  const started = useRef(false);

  /** Asks the API who the token's identity is here, and sets the state from the answer. */
  const adopt = useCallback(async (user: User | null) => {
    const token = apiToken(user);
    setAccessToken(token);
    if (!token) {
      setPrincipal(undefined);
      setStatus('anonymous');
      return;
    }
    try {
      setPrincipal(await api.me());
      setStatus('signed_in');
    } catch (err) {
      setPrincipal(undefined);
      if (err instanceof ApiError && err.code === 'account_not_bound') {
        setIdentityName(user?.profile.name);
        setStatus('unbound');
      } else if (err instanceof ApiError && err.status === 403) {
        setRefusal(err.message);
        setStatus('refused');
      } else {
        setAccessToken(undefined);
        setStatus('anonymous');
      }
    }
  }, []);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      const a = await auth();
      if (!a) {
        setStatus('anonymous');
        return;
      }
      setConfig(a.config);
      // Renewed tokens (refresh before expiry) replace the one the API client sends.
      a.manager.events.addUserLoaded((user) => setAccessToken(apiToken(user)));
      if (window.location.pathname === CALLBACK_PATH) {
        try {
          const user = await a.manager.signinRedirectCallback();
          await adopt(user);
          const returnTo = (user.state as SignInState | undefined)?.returnTo ?? '/';
          navigate(returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', { replace: true });
        } catch {
          // Cancelled at the provider, or a stale callback: back to the login page, which says so.
          setStatus('anonymous');
          navigate('/login?failed=1', { replace: true });
        }
        return;
      }
      await adopt(await a.manager.getUser());
    })();
  }, [adopt, navigate]);

  // A 401 renews once with the refresh token; if that fails, the page stays and a dialog asks to sign in.
  useEffect(() => {
    setAuthFailureHandler(async (err) => {
      const a = await auth();
      if (err.status === 403) {
        setPrincipal(undefined);
        setRefusal(err.message);
        setStatus(err.code === 'account_not_bound' ? 'unbound' : 'refused');
        return false;
      }
      try {
        const user = await a?.manager.signinSilent();
        const token = apiToken(user);
        if (token) {
          setAccessToken(token);
          return true;
        }
      } catch {
        // falls through: the session is over
      }
      await a?.manager.removeUser();
      setAccessToken(undefined);
      setStatus('expired');
      return false;
    });
    return () => setAuthFailureHandler(undefined);
  }, []);

  const signIn = useCallback(async (returnTo?: string, prompt?: 'login') => {
    await startSignIn(returnTo ?? here(), prompt);
  }, []);

  const signOut = useCallback(async () => {
    setAccessToken(undefined);
    setPrincipal(undefined);
    setStatus('anonymous');
    await endSession();
  }, []);

  const acceptInvitation = useCallback(async (code: string) => {
    const bound = await api.acceptInvitation(code);
    setPrincipal(bound);
    setStatus('signed_in');
  }, []);

  const value = useMemo(
    () => ({ status, principal, loading: status === 'loading', identityName, refusal, config, signIn, signOut, acceptInvitation }),
    [status, principal, identityName, refusal, config, signIn, signOut, acceptInvitation],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

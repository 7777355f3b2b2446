import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setAccessToken } from '../api/client.js';
import { api, type Principal } from '../api/endpoints.js';

interface Session {
  principal?: Principal;
  loading: boolean;
  signIn(token: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);
const STORAGE_KEY = 'xueshi.accessToken';

/** Keeps the token for this tab only (sessionStorage): a shared office PC forgets it on close. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal>();
  const [loading, setLoading] = useState(true);

  const signIn = useCallback(async (token: string) => {
    setAccessToken(token);
    try {
      const me = await api.me();
      sessionStorage.setItem(STORAGE_KEY, token);
      setPrincipal(me);
    } catch (err) {
      setAccessToken(undefined);
      sessionStorage.removeItem(STORAGE_KEY);
      throw err;
    }
  }, []);

  const signOut = useCallback(() => {
    setAccessToken(undefined);
    sessionStorage.removeItem(STORAGE_KEY);
    setPrincipal(undefined);
  }, []);

  useEffect(() => {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (!saved) {
      setLoading(false);
      return;
    }
    signIn(saved)
      .catch(() => undefined)
      .finally(() => setLoading(false));
  }, [signIn]);

  const value = useMemo(() => ({ principal, loading, signIn, signOut }), [principal, loading, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

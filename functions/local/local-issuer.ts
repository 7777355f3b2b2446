import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Role } from '../../shared/contract.js';
import { createOidcVerifier, type TokenVerifier } from '../auth/token-verifier.js';

/**
 * Local mode only: signs the dev tokens (`POST /v1/dev/token`, API tests) with the key the local OpenID
 * provider publishes in its JWKS, under the provider's issuer, so the API verifies both the same way.
 * A token proves an identity (`sub`, `name`) and nothing else: the account directory holds the rest.
 */
export const LOCAL_ISSUER = 'urn:xueshi:local-issuer';
export const LOCAL_AUDIENCE = 'xueshi-portal';
/** Short-lived on purpose: demo tokens are as constrained as real ones. */
export const LOCAL_TOKEN_TTL_SECONDS = 3600;

/** A demo account as tests and the seed describe it; only `id` and `name` go into a token. */
export interface LocalUserClaims {
  id: string;
  name: string;
  role: Role;
  organisation: string;
  tenant: string;
}

export interface LocalIssuer {
  issuer: string;
  issue(user: { id: string; name: string }, now?: Date): Promise<string>;
  verifier: TokenVerifier;
  privateJwk: JWK;
}

interface StoredKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Keys persist under the data dir so tokens survive a restart; `undefined` keeps them in memory (tests). */
export async function createLocalIssuer(keyFile?: string, clock?: () => Date, issuer = LOCAL_ISSUER): Promise<LocalIssuer> {
  const keys = await loadOrCreateKeys(keyFile);
  const privateKey = (await importJWK(keys.privateJwk, 'ES256')) as CryptoKey;
  const publicKey = (await importJWK(keys.publicJwk, 'ES256')) as CryptoKey;
  return {
    issuer,
    privateJwk: keys.privateJwk,
    async issue(user, now = clock?.() ?? new Date()) {
      const iat = Math.floor(now.getTime() / 1000);
      // `otp` as the local provider states it: the second factor of privileged roles is simulated locally.
      return new SignJWT({ name: user.name, amr: ['pwd', 'otp'] })
        .setProtectedHeader({ alg: 'ES256', kid: 'local' })
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject(user.id)
        .setIssuedAt(iat)
        .setExpirationTime(iat + LOCAL_TOKEN_TTL_SECONDS)
        .sign(privateKey);
    },
    // Issued and checked on the same (injectable) clock: a test that moves time moves both.
    verifier: createOidcVerifier({ issuer, audience: LOCAL_AUDIENCE, key: publicKey, clock }),
  };
}

async function loadOrCreateKeys(keyFile?: string): Promise<StoredKeys> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as StoredKeys;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const keys = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(keys), { mode: 0o600 });
  }
  return keys;
}

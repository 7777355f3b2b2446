import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Role } from '../../shared/contract.js';
import { createOidcVerifier, type TokenVerifier } from '../auth/token-verifier.js';

/** Local mode only: a built-in OIDC-like issuer that signs the same kind of token the portal gets in AWS. */
export const LOCAL_ISSUER = 'urn:xueshi:local-issuer';
export const LOCAL_AUDIENCE = 'xueshi-portal';
/** Short-lived on purpose: demo tokens are as constrained as real ones. */
export const LOCAL_TOKEN_TTL_SECONDS = 3600;

export interface LocalUserClaims {
  id: string;
  name: string;
  role: Role;
  organisation: string;
  tenant: string;
}

export interface LocalIssuer {
  issue(user: LocalUserClaims, now?: Date): Promise<string>;
  verifier: TokenVerifier;
}

interface StoredKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Keys persist under the data dir so tokens survive a restart; `undefined` keeps them in memory (tests). */
export async function createLocalIssuer(keyFile?: string, clock?: () => Date): Promise<LocalIssuer> {
  const keys = await loadOrCreateKeys(keyFile);
  const privateKey = (await importJWK(keys.privateJwk, 'ES256')) as CryptoKey;
  const publicKey = (await importJWK(keys.publicJwk, 'ES256')) as CryptoKey;
  return {
    async issue(user, now = clock?.() ?? new Date()) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ name: user.name, role: user.role, org: user.organisation, tenant: user.tenant })
        .setProtectedHeader({ alg: 'ES256', kid: 'local' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject(user.id)
        .setIssuedAt(iat)
        .setExpirationTime(iat + LOCAL_TOKEN_TTL_SECONDS)
        .sign(privateKey);
    },
    // Issued and checked on the same (injectable) clock: a test that moves time moves both.
    verifier: createOidcVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, key: publicKey, clock }),
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

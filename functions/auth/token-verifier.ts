import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey, type CryptoKey, type KeyObject } from 'jose';
import { UnauthenticatedError } from '../../shared/errors.js';
import { identityFromClaims, type Identity } from './principal.js';

/**
 * The one interface the API verifies tokens through (Cognito, an external OIDC provider, or the local
 * provider of `npm start`). It proves an identity only; the account directory says what it may do.
 */
export interface TokenVerifier {
  verify(token: string): Promise<Identity>;
}

export interface OidcVerifierOptions {
  issuer: string;
  audience: string;
  /** A JWKS resolver (remote in AWS) or a single public key (local issuer). */
  key: JWTVerifyGetKey | CryptoKey | KeyObject;
  /** The time expiry is checked against; the local stack injects its clock so moved time stays consistent. */
  clock?: () => Date;
}

/**
 * Only asymmetric algorithms are accepted: an allow-list is what stops `alg: none` and
 * HS256-with-the-public-key confusion, whatever the token header claims.
 */
const ALLOWED_ALGORITHMS = ['RS256', 'ES256'];

export function createOidcVerifier(options: OidcVerifierOptions): TokenVerifier {
  return {
    async verify(token) {
      let payload: unknown;
      try {
        const result = await jwtVerify(token, options.key as JWTVerifyGetKey, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ALLOWED_ALGORITHMS,
          clockTolerance: 5,
          ...(options.clock ? { currentDate: options.clock() } : {}),
          requiredClaims: ['exp', 'sub'],
        });
        payload = result.payload;
      } catch (cause) {
        const expired = (cause as { code?: string }).code === 'ERR_JWT_EXPIRED';
        throw new UnauthenticatedError(
          expired ? 'token_expired' : 'invalid_token',
          expired ? '登录已过期，请重新登录' : '登录凭证无效，请重新登录',
        );
      }
      const identity = identityFromClaims(payload);
      if (!identity) throw new UnauthenticatedError('invalid_token', '登录凭证缺少身份标识');
      return identity;
    },
  };
}

/**
 * Cognito, any OIDC issuer, and the local provider: keys fetched from its JWKS and cached by jose.
 * Cognito publishes them at `/.well-known/jwks.json`; others say where in their discovery document.
 */
export function createJwksVerifier(oidc: { issuer: string; audience: string; jwksUrl?: string }, clock?: () => Date): TokenVerifier {
  const jwksUrl = new URL(oidc.jwksUrl ?? `${oidc.issuer.replace(/\/$/, '')}/.well-known/jwks.json`);
  return createOidcVerifier({ issuer: oidc.issuer, audience: oidc.audience, key: createRemoteJWKSet(jwksUrl), clock });
}

import * as z from 'zod';
import type { Role } from '../../shared/contract.js';

/**
 * Who is calling, as the product knows them: the account in our own directory (rules §6, December
 * 2026). Role, organisation and tenant never come from a token; the token only proves the identity.
 */
export interface Principal {
  /** The account id in the directory. */
  userId: string;
  /** The name the directory keeps (shown in audit trails and sign-offs), not a provider attribute. */
  name: string;
  role: Role;
  /** The organisation the user belongs to; everything they see is scoped under it. */
  orgId: string;
  tenant: string;
  /** For a `person` account: which person they are. */
  personId?: string;
}

/** What a verified token proves: an identity at the stack's one identity provider, nothing more. */
export interface Identity {
  issuer: string;
  /** The provider's stable subject for this human (Cognito: a UUID; external: its own id). */
  subject: string;
  /** Cognito's username (our account id where Cognito created the user); absent elsewhere. */
  username?: string;
  /** The provider's display name: shown only while binding an invitation, never in records. */
  name?: string;
  email?: string;
  emailVerified?: boolean;
  phoneNumber?: string;
  phoneNumberVerified?: boolean;
  /** Authentication context class and methods, for the second-factor rule of privileged roles. */
  acr?: string;
  amr: string[];
}

const ClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1).max(255),
  'cognito:username': z.string().min(1).max(128).optional(),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  email_verified: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  phone_number: z.string().max(40).optional(),
  phone_number_verified: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  acr: z.string().max(200).optional(),
  amr: z.array(z.string().max(100)).max(20).optional(),
});

const truthy = (v: boolean | 'true' | 'false' | undefined) => v === true || v === 'true';

export function identityFromClaims(claims: unknown): Identity | undefined {
  const parsed = ClaimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  return {
    issuer: c.iss,
    subject: c.sub,
    ...(c['cognito:username'] ? { username: c['cognito:username'] } : {}),
    ...(c.name ? { name: c.name } : {}),
    ...(c.email ? { email: c.email, emailVerified: truthy(c.email_verified) } : {}),
    ...(c.phone_number ? { phoneNumber: c.phone_number, phoneNumberVerified: truthy(c.phone_number_verified) } : {}),
    ...(c.acr ? { acr: c.acr } : {}),
    amr: c.amr ?? [],
  };
}

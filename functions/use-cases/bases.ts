import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BASE_API_LIMITS, formatApiKey, parseApiKey, type ApiKeySummary, type NewBase, type TrainingBase } from '../../shared/bases.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from '../../shared/errors.js';
import type { AuditEvent } from '../../shared/records.js';
import type { Principal } from '../auth/principal.js';
import type { BaseRepository, RateLimitStore, StoredApiKey } from '../ports/bases.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import { auditBy, auditEvent, baseActor } from './audit-event.js';

export interface BaseDeps {
  bases: BaseRepository;
  organisations: OrganisationRepository;
  clock: () => Date;
  newId: () => string;
}

/** Who is posting: a training base, by one of its API keys (rules §6 `training_base`). */
export interface BaseCaller {
  baseId: string;
  baseName: string;
  keyPrefix: string;
  /** A unit-level base's units: it credits only their people. */
  unitIds?: string[];
}

function assertHrOfficer(principal: Principal) {
  if (principal.role !== 'hr_officer') throw new ForbiddenError('role_not_allowed', '只有人社部门可以管理施教机构');
}

/** The hr office registers a base (rules §5 W4); national and provincial ones in every tenant (docs/base-api.md). */
export async function registerBase(deps: BaseDeps, principal: Principal, input: NewBase): Promise<TrainingBase> {
  assertHrOfficer(principal);
  if (input.unitIds) await assertUnitsOfTenant(deps, input.unitIds);
  const base: TrainingBase = { id: deps.newId(), ...input, createdAt: deps.clock().toISOString(), createdBy: principal.userId };
  await deps.bases.create(base, auditBy(deps, principal, { entity: 'base', entityId: base.id, action: 'create', after: base }));
  return base;
}

async function assertUnitsOfTenant(deps: BaseDeps, unitIds: string[]) {
  const units = new Set((await deps.organisations.getMany([...new Set(unitIds)])).filter((o) => o.kind === 'unit').map((o) => o.id));
  const unknown = unitIds.findIndex((id) => !units.has(id));
  if (unknown >= 0) {
    throw new ValidationError('validation_failed', '请求参数有误', [{ path: `unitIds.${unknown}`, message: '所选单位不存在' }]);
  }
}

/**
 * Registration with the base's first key in one call, so ops' loop over the 15 stacks gets every
 * tenant's key in one step (docs/base-api.md). Re-running it answers 409 `base_exists`: no key is
 * ever stored in a replayable form.
 */
export async function registerBaseWithKey(
  deps: BaseDeps,
  principal: Principal,
  input: NewBase,
): Promise<{ base: TrainingBase; apiKey: ApiKeySummary & { key: string } }> {
  const base = await registerBase(deps, principal, input);
  return { base, apiKey: await createApiKey(deps, principal, base.id, { label: '初始密钥' }) };
}

export async function getBaseWithKeys(deps: BaseDeps, baseId: string): Promise<{ base: TrainingBase; keys: ApiKeySummary[] }> {
  const base = await getBase(deps, baseId);
  return { base, keys: (await deps.bases.listKeys(baseId)).map(summary) };
}

export async function listBases(deps: BaseDeps): Promise<TrainingBase[]> {
  return deps.bases.list();
}

export async function getBase(deps: BaseDeps, baseId: string): Promise<TrainingBase> {
  const base = await deps.bases.get(baseId);
  if (!base) throw new NotFoundError('base_not_found', '施教机构不存在');
  return base;
}

function summary({ hash: _hash, ...key }: StoredApiKey): ApiKeySummary {
  void _hash;
  return key;
}

export async function listApiKeys(deps: BaseDeps, baseId: string): Promise<ApiKeySummary[]> {
  await getBase(deps, baseId);
  return (await deps.bases.listKeys(baseId)).map(summary);
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Unbiased random characters from the OS CSPRNG (bytes past the largest multiple of the alphabet are skipped). */
function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * A new key, shown once: `xsk_{prefix}_{secret}` with a 40-character secret (about 238 bits). Only
 * its SHA-256 is stored; a base may hold several active keys so that it can rotate them.
 */
export async function createApiKey(
  deps: BaseDeps,
  principal: Principal,
  baseId: string,
  input: { label?: string },
): Promise<ApiKeySummary & { key: string }> {
  assertHrOfficer(principal);
  await getBase(deps, baseId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const prefix = randomString(LOWER_ALNUM, 8);
    const key = formatApiKey(prefix, randomString(ALNUM, 40));
    const stored: StoredApiKey = {
      prefix,
      baseId,
      ...(input.label ? { label: input.label } : {}),
      status: 'active',
      createdAt: deps.clock().toISOString(),
      createdBy: principal.userId,
      hash: hashApiKey(key),
    };
    const audit = auditBy(deps, principal, { entity: 'base', entityId: baseId, action: 'create_key', to: prefix });
    if (await deps.bases.putKey(stored, audit)) return { ...summary(stored), key };
  }
  throw new ConflictError('key_prefix_exhausted', '生成密钥失败，请重试');
}

/** Revocation takes effect on the next request: every request reads its key strongly consistently. */
export async function revokeApiKey(deps: BaseDeps, principal: Principal, baseId: string, prefix: string): Promise<ApiKeySummary> {
  assertHrOfficer(principal);
  const key = await deps.bases.getKey(prefix);
  if (!key || key.baseId !== baseId) throw new NotFoundError('api_key_not_found', '密钥不存在');
  if (key.status === 'revoked') throw new ConflictError('api_key_revoked', '该密钥已被吊销');
  const at = deps.clock().toISOString();
  const audit = auditBy(deps, principal, {
    entity: 'base',
    entityId: baseId,
    action: 'revoke_key',
    from: 'active',
    to: 'revoked',
    reason: prefix,
  });
  return summary(await deps.bases.revokeKey(key, at, principal.userId, audit));
}

// Compared against when the prefix is unknown, so a miss costs the same hashing and comparison as a hit.
const NO_KEY_HASH = Buffer.alloc(32);

/**
 * `Authorization: Bearer xsk_…` → the calling base. The presented key's SHA-256 is compared with the
 * stored one in constant time (crypto.timingSafeEqual), so response times do not leak how much of a
 * guessed key was right. Unknown, wrong and malformed keys get the same 401.
 */
export async function authenticateApiKey(deps: BaseDeps, authorization: string | undefined): Promise<BaseCaller> {
  if (!authorization) throw new UnauthenticatedError('api_key_missing', '缺少 API 密钥（Authorization: Bearer xsk_…）');
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? '';
  const parsed = parseApiKey(presented);
  const stored = parsed ? await deps.bases.getKey(parsed.prefix) : undefined;
  const expected = stored ? Buffer.from(stored.hash, 'hex') : NO_KEY_HASH;
  const actual = createHash('sha256').update(presented, 'utf8').digest();
  const matches = timingSafeEqual(actual, expected) && stored !== undefined;
  if (!matches || !stored) throw new UnauthenticatedError('api_key_invalid', 'API 密钥无效');
  if (stored.status === 'revoked') throw new UnauthenticatedError('api_key_revoked', '该 API 密钥已被吊销');
  const base = await deps.bases.get(stored.baseId);
  if (!base) throw new UnauthenticatedError('api_key_invalid', 'API 密钥无效');

  const now = deps.clock();
  const aMinuteAgo = new Date(now.getTime() - 60_000).toISOString();
  if (!stored.lastUsedAt || stored.lastUsedAt < aMinuteAgo) await deps.bases.touchKey(stored.prefix, now.toISOString(), aMinuteAgo);
  return { baseId: base.id, baseName: base.name, keyPrefix: stored.prefix, ...(base.unitIds ? { unitIds: base.unitIds } : {}) };
}

/**
 * The documented per-key limit (BASE_API_LIMITS.requestsPerMinute) in fixed one-minute windows;
 * over it → 429 with Retry-After = the seconds left in the window.
 */
export async function enforceRateLimit(deps: { rateLimits: RateLimitStore; clock: () => Date }, caller: BaseCaller): Promise<void> {
  const nowS = Math.floor(deps.clock().getTime() / 1000);
  const windowStart = nowS - (nowS % 60);
  const count = await deps.rateLimits.hit(caller.keyPrefix, windowStart, windowStart + 120);
  if (count > BASE_API_LIMITS.requestsPerMinute) {
    throw new RateLimitedError(windowStart + 60 - nowS, `每个密钥每分钟最多 ${BASE_API_LIMITS.requestsPerMinute} 次请求，请稍后重试`);
  }
}

/** An audit event of a base's own action (role `training_base`). */
export function auditByBase(
  deps: { clock: () => Date; newId: () => string },
  caller: BaseCaller,
  fields: Omit<AuditEvent, 'id' | 'actor' | 'actorName' | 'role' | 'at'>,
  at?: string,
): AuditEvent {
  return auditEvent(deps, baseActor(caller), fields, at);
}

import type { AuditEvent } from '../../shared/records.js';
import type { Principal } from '../auth/principal.js';

/** Who did it, as the audit trail names them: a signed-in user, a base's key, or the system. */
export type AuditActor = Pick<AuditEvent, 'actor' | 'actorName' | 'role'>;

type AuditFields = Omit<AuditEvent, 'id' | 'actor' | 'actorName' | 'role' | 'at'>;

/**
 * The one way to build an audit event: a fresh id, the actor, when (`at`, or now), and what happened.
 * Callers that write several items at one instant pass the same `at` so the event matches them.
 */
export function auditEvent(
  deps: { clock: () => Date; newId: () => string },
  actor: AuditActor,
  fields: AuditFields,
  at?: string,
): AuditEvent {
  return { id: deps.newId(), ...actor, at: at ?? deps.clock().toISOString(), ...fields };
}

/** The actor of an action by a signed-in user. */
export const principalActor = (principal: Principal): AuditActor => ({
  actor: principal.userId,
  actorName: principal.name,
  role: principal.role,
});

/** The actor of a base's own action (role `training_base`): the base and the key it used. */
export const baseActor = (caller: { baseId: string; baseName: string; keyPrefix: string }): AuditActor => ({
  actor: `base:${caller.baseId}`,
  actorName: `${caller.baseName}（密钥 ${caller.keyPrefix}）`,
  role: 'training_base',
});

/** The audit event of an action by a signed-in user. */
export function auditBy(deps: { clock: () => Date; newId: () => string }, principal: Principal, fields: AuditFields): AuditEvent {
  return auditEvent(deps, principalActor(principal), fields);
}

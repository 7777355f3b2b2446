import type { AuditEvent } from '../../shared/records.js';
import type { Principal } from '../auth/principal.js';

/** Builds the audit event of an action by a signed-in user. */
export function auditBy(
  deps: { clock: () => Date; newId: () => string },
  principal: Principal,
  fields: Omit<AuditEvent, 'id' | 'actor' | 'actorName' | 'role' | 'at'>,
): AuditEvent {
  return {
    id: deps.newId(),
    actor: principal.userId,
    actorName: principal.name,
    role: principal.role,
    at: deps.clock().toISOString(),
    ...fields,
  };
}

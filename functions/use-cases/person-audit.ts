import type { AuditEvent } from '../../shared/records.js';
import type { Principal } from '../auth/principal.js';
import type { EvidenceFileRepository } from '../ports/evidence.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { ActivityRepository, AuditRepository, BookRepository, PeopleRepository } from '../ports/records.js';
import { loadPersonInScope } from './scope.js';

/** The audit trail of a person, their activities, evidence files and years, merged in time order. */
export async function listPersonAudit(
  deps: {
    organisations: OrganisationRepository;
    people: PeopleRepository;
    activities: ActivityRepository;
    books: BookRepository;
    audit: AuditRepository;
    evidenceFiles: EvidenceFileRepository;
  },
  principal: Principal,
  personId: string,
): Promise<AuditEvent[]> {
  await loadPersonInScope(deps, principal, personId);
  const [records, books, files] = await Promise.all([
    deps.activities.listForPerson(personId),
    deps.books.listForPerson(personId),
    deps.evidenceFiles.listForPerson(personId),
  ]);
  const streams = await Promise.all([
    deps.audit.listFor('person', personId),
    ...records.map((r) => deps.audit.listFor('activity', r.id)),
    ...books.map((b) => deps.audit.listFor('book', `${personId}#${b.year}`)),
    ...files.map((f) => deps.audit.listFor('evidence', f.id)),
  ]);
  return streams.flat().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id.localeCompare(b.id)));
}

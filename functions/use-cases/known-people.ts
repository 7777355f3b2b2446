import type { KnownPerson } from '../ports/bases.js';
import type { PeopleRepository } from '../ports/records.js';

/**
 * Resident ID → person (id, name, unit) for many IDs at once, read through the people repository:
 * two batched reads for any number of IDs (the ID-number guards, then the people), never one per
 * record. IDs nobody registered are absent. For the base ingest and attendance sheets.
 */
export async function findKnownPeople(
  people: Pick<PeopleRepository, 'findIdsByIdNumbers' | 'getMany'>,
  idNumbers: string[],
): Promise<Map<string, KnownPerson>> {
  const found = new Map<string, KnownPerson>();
  if (!idNumbers.length) return found;
  const personIdByNumber = await people.findIdsByIdNumbers(idNumbers);
  const byId = new Map((await people.getMany([...new Set(personIdByNumber.values())])).map((p) => [p.id, p]));
  for (const [number, personId] of personIdByNumber) {
    const person = byId.get(personId);
    if (person) found.set(number, { id: person.id, name: person.name, unitId: person.unitId });
  }
  return found;
}

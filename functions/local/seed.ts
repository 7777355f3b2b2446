import { createHash } from 'node:crypto';
import { counterTarget, peopleDeltas } from '../../shared/aggregates.js';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAccountDirectory } from '../adapters/dynamo/accounts.js';
import { putSeedBase } from '../adapters/dynamo/bases.js';
import { keys } from '../adapters/dynamo/keys.js';
import { createLocalUserRepository } from '../adapters/dynamo/local-users.js';
import { createOrganisationRepository } from '../adapters/dynamo/organisations.js';
import { DEMO_BASE, DEMO_BASE_KEY, DEMO_ORGANISATIONS, DEMO_PEOPLE, DEMO_USERS } from './demo-data.js';

/**
 * Writes the demo tenant once. The marker goes last, so an interrupted seed is simply run again
 * on the next start (every write here is an idempotent put of a fixed item).
 */
export async function seedDemoData(
  db: DynamoDBDocumentClient,
  tableName: string,
  now: Date,
  /** More demo data that needs the base in place (activities through the use-cases). */
  then?: () => Promise<void>,
): Promise<boolean> {
  const marker = await db.send(new GetCommand({ TableName: tableName, Key: keys.seedMarker() }));
  if (marker.Item) return false;

  const organisations = createOrganisationRepository(db, tableName);
  for (const org of DEMO_ORGANISATIONS) await organisations.put(org);

  const users = createLocalUserRepository(db, tableName);
  const directory = createAccountDirectory(db, tableName);
  for (const user of DEMO_USERS) {
    // The local provider's identity, and its account already bound to it (as if its invitation were accepted).
    await users.put({ id: user.id, name: user.name });
    await directory.put({
      id: user.id,
      name: user.name,
      role: user.role,
      orgId: user.organisation,
      status: 'active',
      ...(user.role === 'person' ? { personId: user.id } : {}),
      subject: user.id,
      issuer: 'local',
      boundAt: now.toISOString(),
      createdAt: now.toISOString(),
      createdBy: 'seed',
    });
  }

  for (const person of DEMO_PEOPLE) {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.person(person.id),
                ...keys.personByUnit(person.unitId, person.name, person.id),
                ...person,
                version: 1,
                activityRevision: 0,
                createdAt: now.toISOString(),
                updatedAt: now.toISOString(),
              },
            },
          },
          { Put: { TableName: tableName, Item: { ...keys.idNumber(person.idNumber), personId: person.id } } },
        ],
      }),
    );
  }

  // The people counts (maintained aggregates) as absolute puts, so a seed run again stays idempotent.
  const pathOf = new Map(DEMO_ORGANISATIONS.map((o) => [o.id, o.path]));
  const people = peopleDeltas(DEMO_PEOPLE.map((p) => ({ path: pathOf.get(p.unitId) ?? [p.unitId], delta: 1 })));
  for (const [key, count] of people) {
    const { orgId, shard } = counterTarget(key);
    await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.aggregatePeople(orgId, shard), orgId, people: count } }));
  }

  const [, prefix] = DEMO_BASE_KEY.split('_');
  await putSeedBase(db, tableName, {
    ...DEMO_BASE,
    level: 'provincial',
    contact: { name: '基地联络员', phone: '0731-88880000' },
    createdAt: now.toISOString(),
    createdBy: 'seed',
  });
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.apiKey(prefix!),
        ...keys.apiKeyByBase(DEMO_BASE.id, prefix!),
        baseId: DEMO_BASE.id,
        prefix,
        label: '本地演示密钥',
        status: 'active',
        createdBy: 'seed',
        // Only the hash is stored, for the demo key as for every other.
        hash: createHash('sha256').update(DEMO_BASE_KEY).digest('hex'),
        createdAt: now.toISOString(),
      },
    }),
  );

  await then?.();
  await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.seedMarker(), seededAt: now.toISOString() } }));
  return true;
}

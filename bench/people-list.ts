/**
 * Paging through the people list of a unit with 10,000 people (issue 4 benchmark): every page of 50,
 * requested through app.request with a real token, against a DynamoDB Local started here, in memory.
 * Reports the p95 of the page latencies of one full pass, after a warm-up pass. The people are
 * written directly as table items (seeding is not what is measured); the list reads them through the
 * repository, which parses every item, so a shape drift fails loudly.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { pathToFileURL } from 'node:url';
import { keys } from '../functions/adapters/dynamo/keys';
import type { StoredPerson } from '../functions/ports/records';
import { generatedName, generatedResidentId, percentile, startBenchApp, type BenchApp } from './local-app';

const PEOPLE = 10_000;
const PAGE = 50;
const TARGET_MS = 200;
const UNIT = { id: 'unit-bench', kind: 'unit' as const, unitType: 'public_institution' as const, name: '长沙市基准测试医院' };

export interface PeopleListBenchResult {
  name: 'people_list_p95';
  value: number;
  unit: 'ms';
  target: number;
  ok: boolean;
  extra: { pages: number; medianMs: number; maxMs: number };
}

async function seedUnit(bench: BenchApp) {
  const hr = (await bench.deps.organisations.get('hr-430100'))!;
  await bench.deps.organisations.put({ ...UNIT, parentId: hr.id, path: [...hr.path, UNIT.id] });
  const at = new Date().toISOString();
  const items = Array.from({ length: PEOPLE }, (_, n) => {
    const person: StoredPerson = {
      id: `bench-${n}`,
      idNumber: generatedResidentId(n),
      name: generatedName(n),
      unitId: UNIT.id,
      titleSeries: '卫生',
      titleLevel: 'intermediate',
      version: 1,
      activityRevision: 0,
      createdAt: at,
      updatedAt: at,
    };
    return { ...keys.person(person.id), ...keys.personByUnit(person.unitId, person.name, person.id), ...person };
  });
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [bench.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length) {
      const res = await bench.db.send(new BatchWriteCommand({ RequestItems: request }));
      request = res.UnprocessedItems as typeof request;
    }
  }
}

/** One pass over every page; returns each page's latency in ms. */
async function pageThrough(bench: BenchApp, token: string): Promise<number[]> {
  const latencies: number[] = [];
  let cursor: string | null = null;
  let seen = 0;
  do {
    const started = performance.now();
    const res = await bench.app.request(`/v1/people?unitId=${UNIT.id}&limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { items: unknown[]; cursor: string | null };
    latencies.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`people list answered ${res.status}: ${JSON.stringify(body)}`);
    seen += body.items.length;
    cursor = body.cursor;
  } while (cursor);
  if (seen !== PEOPLE) throw new Error(`paged through ${seen} people, expected ${PEOPLE}`);
  return latencies;
}

export async function benchPeopleList(): Promise<PeopleListBenchResult> {
  const bench = await startBenchApp();
  try {
    await seedUnit(bench);
    const token = await bench.tokenFor('hr-officer');
    await pageThrough(bench, token); // warm-up: JIT, connection pool, DynamoDB Local's caches
    const latencies = (await pageThrough(bench, token)).sort((a, b) => a - b);
    const value = Number(percentile(latencies, 95).toFixed(1));
    return {
      name: 'people_list_p95',
      value,
      unit: 'ms',
      target: TARGET_MS,
      ok: value <= TARGET_MS,
      extra: {
        pages: latencies.length,
        medianMs: Number(percentile(latencies, 50).toFixed(1)),
        maxMs: Number(latencies[latencies.length - 1]!.toFixed(1)),
      },
    };
  } finally {
    await bench.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchPeopleList(), null, 2));
}

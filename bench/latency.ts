/**
 * `latency` (issue 8): p50 and p99 at 50 concurrent connections for one read route
 * (GET /v1/people/{id}/books) and one write route (POST /v1/people/{id}/activities) of the real app on
 * a real HTTP server on loopback, against DynamoDB Local started here, in memory — and, in the same run,
 * at the same concurrency, the raw DynamoDB calls behind each route issued directly.
 *
 * "The calls behind the route" are recorded, not guessed: one request of each route runs with a
 * recorder on the document client, which keeps every command (its input, and when it started and
 * ended, so calls the route makes in parallel are replayed in parallel). The raw phase replays those
 * commands through the same client, per worker for its own person, with the ids the request generated
 * replaced by fresh ones (a new activity and audit event each time, as the route writes). Each worker
 * has its own person in both phases, and the raw phase its own set, so neither phase reads the
 * other's items. Value: the worst of the four ratios (read/write × p50/p99). Target: at most 2×.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import * as lib from '@aws-sdk/lib-dynamodb';
import { runLoad, serveOnLoopback, type LoadResult } from './load';
import { generatedName, generatedResidentId, percentile, startBenchApp, type BenchApp } from './local-app';

const CONCURRENCY = 50;
const REQUESTS = 2_000;
const WARMUP = 300;
const TARGET_RATIO = 2;

export interface LatencyBenchResult {
  name: 'latency';
  value: number;
  unit: '×';
  target: number;
  ok: boolean;
  extra: Record<string, number>;
}

interface Recorded {
  name: string;
  input: unknown;
  start: number;
  end: number;
}

type DocumentCommand = Parameters<BenchApp['db']['send']>[0];

/** The document client's commands by the name the SDK gives their low-level counterpart. */
const COMMANDS: Record<string, new (input: never) => unknown> = {
  GetItemCommand: lib.GetCommand,
  PutItemCommand: lib.PutCommand,
  UpdateItemCommand: lib.UpdateCommand,
  DeleteItemCommand: lib.DeleteCommand,
  QueryCommand: lib.QueryCommand,
  BatchGetItemCommand: lib.BatchGetCommand,
  BatchWriteItemCommand: lib.BatchWriteCommand,
  TransactWriteItemsCommand: lib.TransactWriteCommand,
  TransactGetItemsCommand: lib.TransactGetCommand,
};

/** Records the commands of whatever runs while `on` is true, and the ids the app generates meanwhile. */
function installRecorder(bench: BenchApp) {
  const state = { on: false, commands: [] as Recorded[], ids: [] as string[] };
  bench.db.middlewareStack.add(
    (next, context) => async (args) => {
      if (!state.on) return next(args);
      const entry: Recorded = { name: context.commandName ?? '', input: structuredClone(args.input), start: performance.now(), end: 0 };
      state.commands.push(entry);
      try {
        return await next(args);
      } finally {
        entry.end = performance.now();
      }
    },
    { step: 'initialize', name: 'benchRecorder' },
  );
  const newId = bench.deps.newId;
  bench.deps.newId = () => {
    const id = newId();
    if (state.on) state.ids.push(id);
    return id;
  };
  return state;
}

/** Commands that overlapped in time form one group: a replay runs the groups in order, each in parallel. */
function groupsOf(commands: Recorded[]): Recorded[][] {
  const groups: Recorded[][] = [];
  let groupEnd = -Infinity;
  for (const c of [...commands].sort((a, b) => a.start - b.start)) {
    const current = groups[groups.length - 1];
    if (current && c.start < groupEnd) {
      current.push(c);
      groupEnd = Math.max(groupEnd, c.end);
    } else {
      groups.push([c]);
      groupEnd = c.end;
    }
  }
  return groups;
}

/** A replay plan: the recorded inputs as JSON templates, with the person and the generated ids marked. */
function replayer(bench: BenchApp, commands: Recorded[], personId: string, generated: string[]) {
  const groups = groupsOf(commands).map((g) =>
    g.map((c) => {
      const Command = COMMANDS[c.name];
      if (!Command) throw new Error(`no document-client command for ${c.name}`);
      return { Command, template: JSON.stringify(c.input) };
    }),
  );
  return async (targetPerson: string) => {
    const fresh = new Map(generated.map((id) => [id, randomUUID()]));
    for (const group of groups) {
      await Promise.all(
        group.map(({ Command, template }) => {
          let text = template.split(personId).join(targetPerson);
          for (const [from, to] of fresh) text = text.split(from).join(to);
          return bench.db.send(new Command(JSON.parse(text) as never) as DocumentCommand);
        }),
      );
    }
  };
}

async function registerPeople(bench: BenchApp, token: string, count: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const res = await bench.app.request('/v1/people', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: generatedResidentId(offset + n), name: generatedName(offset + n), unitId: 'unit-hospital' }),
    });
    if (res.status !== 201) throw new Error(`registering a person answered ${res.status}: ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

const ACTIVITY = JSON.stringify({
  activity: { kind: 'training', date: '2025-05-20', category: 'professional', days: 1, title: '基准测试培训' },
});

const figures = (r: LoadResult) => ({ p50: percentile(r.latencies, 50), p99: percentile(r.latencies, 99), rps: r.requestsPerSecond });
const round = (v: number, digits = 1) => Number(v.toFixed(digits));

export async function benchLatency(): Promise<LatencyBenchResult> {
  const bench = await startBenchApp();
  const server = await serveOnLoopback(bench.app.fetch);
  try {
    const token = await bench.tokenFor('clerk-hospital');
    const [sample] = await registerPeople(bench, token, 1, 900_000);
    const routePeople = await registerPeople(bench, token, CONCURRENCY, 900_100);
    const rawPeople = await registerPeople(bench, token, CONCURRENCY, 900_200);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const call = async (method: string, path: string, body?: string) => {
      const res = await fetch(`${server.url}${path}`, { method, headers, body });
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}`);
    };
    const write = (person: string) => call('POST', `/v1/people/${person}/activities`, ACTIVITY);
    const read = (person: string) => call('GET', `/v1/people/${person}/books`);

    // Record what one request of each route asks of DynamoDB (the sample person has a book by then).
    const recorder = installRecorder(bench);
    await write(sample!);
    recorder.on = true;
    await write(sample!);
    recorder.on = false;
    const replayWrite = replayer(bench, recorder.commands, sample!, recorder.ids);
    const writeCommands = recorder.commands.length;
    recorder.commands = [];
    recorder.ids = [];
    recorder.on = true;
    await read(sample!);
    recorder.on = false;
    const replayRead = replayer(bench, recorder.commands, sample!, recorder.ids);
    const readCommands = recorder.commands.length;

    // Warm-up (JIT, sockets, DynamoDB Local's caches), then the measured runs, route first, then raw.
    const load = (task: (person: string) => Promise<void>, people: string[], total: number) =>
      runLoad({ concurrency: CONCURRENCY, total, task: (worker) => task(people[worker]!) });
    await load(write, routePeople, WARMUP);
    const routeWrite = figures(await load(write, routePeople, REQUESTS));
    await load(replayWrite, rawPeople, WARMUP);
    const rawWrite = figures(await load(replayWrite, rawPeople, REQUESTS));
    await load(read, routePeople, WARMUP);
    const routeRead = figures(await load(read, routePeople, REQUESTS));
    await load(replayRead, rawPeople, WARMUP);
    const rawRead = figures(await load(replayRead, rawPeople, REQUESTS));

    const ratios = {
      readRatioP50: routeRead.p50 / rawRead.p50,
      readRatioP99: routeRead.p99 / rawRead.p99,
      writeRatioP50: routeWrite.p50 / rawWrite.p50,
      writeRatioP99: routeWrite.p99 / rawWrite.p99,
    };
    const value = round(Math.max(...Object.values(ratios)), 2);
    return {
      name: 'latency',
      value,
      unit: '×',
      target: TARGET_RATIO,
      ok: value <= TARGET_RATIO,
      extra: {
        readP50Ms: round(routeRead.p50),
        readP99Ms: round(routeRead.p99),
        rawReadP50Ms: round(rawRead.p50),
        rawReadP99Ms: round(rawRead.p99),
        writeP50Ms: round(routeWrite.p50),
        writeP99Ms: round(routeWrite.p99),
        rawWriteP50Ms: round(rawWrite.p50),
        rawWriteP99Ms: round(rawWrite.p99),
        ...Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round(v, 2)])),
        readRps: round(routeRead.rps, 0),
        writeRps: round(routeWrite.rps, 0),
        readCommands,
        writeCommands,
        connections: CONCURRENCY,
        requestsPerRun: REQUESTS,
      },
    };
  } finally {
    await server.close();
    await bench.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchLatency(), null, 2));
}

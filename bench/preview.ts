/**
 * `preview` (issue 8): requests per second of POST /v1/hours/preview — the public calculator: body
 * limit, validation of every activity, the engine with its explanations, the JSON answer — on a real
 * HTTP server on loopback at 50 concurrent connections, against a bare Hono route on the same server
 * that reads the same body as JSON and answers a constant, measured in the same run. The body is a
 * five-year certification span with eight activities a year of every kind. The calculator needs no
 * database, so the app gets dependencies that throw if anything touches them.
 */
import { pathToFileURL } from 'node:url';
import type { AppDeps } from '../functions/deps';
import { createApp } from '../functions/http/app';
import { createLogger } from '../functions/log';
import { DEMO_TENANT } from '../functions/local/demo-data';
import { runLoad, serveOnLoopback } from './load';

const CONCURRENCY = 50;
const REQUESTS = 10_000;
const WARMUP = 2_000;
/** Requests per second on one core: the calculator is public, and a notice's week may send many. */
const TARGET = 500;

export interface PreviewBenchResult {
  name: 'preview';
  value: number;
  unit: 'requests/s';
  target: number;
  ok: boolean;
  extra: Record<string, number>;
}

/** 2019–2023, eight activities a year across the kinds of rules §3. */
export function previewBody() {
  const activities: Record<string, unknown>[] = [];
  for (let year = 2019; year <= 2023; year++) {
    activities.push(
      { kind: 'training', date: `${year}-03-10`, category: 'public', theme: year === 2023 ? '数字化建设与发展' : undefined, days: 2 },
      { kind: 'training', date: `${year}-05-20`, category: 'professional', days: 3, halfDays: 1 },
      {
        kind: 'online_course',
        date: `${year}-06-01`,
        category: 'public',
        theme: year === 2023 ? '统筹安全与发展' : undefined,
        hours: 12.5,
      },
      { kind: 'academic_event', date: `${year}-07-15`, category: 'professional', halfDays: 2, evenings: 1 },
      { kind: 'paper', date: `${year}-08-30`, authorRole: 'sole_or_first', domesticCN: true },
      { kind: 'research_project', date: `${year}-10-01`, sponsor: 'government', role: 'participant' },
      { kind: 'computer_exam', date: `${year}-11-11`, modules: 1 },
      { kind: 'practice', date: `${year}-12-01`, category: 'professional', days: 1 },
    );
  }
  return { activities, span: { from: 2019, to: 2023 } };
}

export function depsWithoutStorage(): AppDeps {
  const none = new Proxy(
    {},
    {
      get: (_, key) => {
        throw new Error(`the calculator touched ${String(key)}`);
      },
    },
  );
  return new Proxy({ config: { tenant: DEMO_TENANT }, log: createLogger('warn'), clock: () => new Date(), tokens: none } as AppDeps, {
    get: (target, key) => (key in target ? target[key as keyof AppDeps] : none),
  });
}

export async function benchPreview(): Promise<PreviewBenchResult> {
  const app = createApp(depsWithoutStorage(), {
    // The baseline on the same server and port: Hono routing, the JSON body read, a JSON answer.
    extend: (api) =>
      api.post('/bench/bare', async (c) =>
        c.json({ ok: true, received: ((await c.req.json()) as { activities: unknown[] }).activities.length }),
      ),
  });
  const server = await serveOnLoopback(app.fetch);
  try {
    const body = JSON.stringify(previewBody());
    const post = (path: string) => async () => {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    };
    const check = (await (
      await fetch(`${server.url}/v1/hours/preview`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    ).json()) as { years: unknown[] };
    if (check.years.length !== 5) throw new Error('the preview did not answer five years');

    await runLoad({ concurrency: CONCURRENCY, total: WARMUP, task: post('/v1/hours/preview') });
    await runLoad({ concurrency: CONCURRENCY, total: WARMUP, task: post('/bench/bare') });
    const preview = await runLoad({ concurrency: CONCURRENCY, total: REQUESTS, task: post('/v1/hours/preview') });
    const bare = await runLoad({ concurrency: CONCURRENCY, total: REQUESTS, task: post('/bench/bare') });
    const value = Math.round(preview.requestsPerSecond);
    return {
      name: 'preview',
      value,
      unit: 'requests/s',
      target: TARGET,
      ok: value >= TARGET,
      extra: {
        bareRequestsPerSecond: Math.round(bare.requestsPerSecond),
        ratio: Number((preview.requestsPerSecond / bare.requestsPerSecond).toFixed(2)),
        activitiesPerRequest: 40,
        bodyBytes: Buffer.byteLength(body),
        connections: CONCURRENCY,
        requestsPerRun: REQUESTS,
      },
    };
  } finally {
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchPreview(), null, 2));
}

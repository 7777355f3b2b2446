import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from '../nag.js';
import { ConfigError, resolveAppConfig } from '../config.js';
import { XueshiStack } from '../xueshi-stack.js';

/**
 * `cdk synth -c tenant=430100` or `-c tenant=all`: one stack per tenant (SPEC §2), each checked
 * by cdk-nag's AwsSolutions pack. See infra/config.ts for every context key.
 */
const app = new App();
try {
  const { stacks } = resolveAppConfig(app.node.getAllContext(), {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION,
  });
  for (const config of stacks) new XueshiStack(app, config.stackName, { config });
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`xueshi: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();

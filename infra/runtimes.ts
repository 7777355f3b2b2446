import { CfnResource, type Stack } from 'aws-cdk-lib';
import { CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';

/**
 * The runtimes every Lambda of a stack runs on, ours and CDK's custom-resource handlers alike. CDK
 * picks its own latest for its handlers (python3.13 for BucketDeployment and the S3 notification
 * handler, the newest Node.js for AwsCustomResource in aws-cdk-lib 2.276) and moves them with each
 * upgrade; a runtime the China regions do not offer yet would fail the deployment there. Both pinned
 * runtimes are ones AWS has offered for long in every commercial region, and docs/deploy.md §11 has
 * operators confirm them in the China region before the first deployment.
 */
export const NODE_RUNTIME = Runtime.NODEJS_22_X;
export const PYTHON_RUNTIME = Runtime.PYTHON_3_12;

/** Sets every Lambda function of the stack to NODE_RUNTIME or PYTHON_RUNTIME by its language; throws on any other. */
export function pinRuntimes(stack: Stack): void {
  for (const construct of stack.node.findAll()) {
    if (!(construct instanceof CfnResource) || construct.cfnResourceType !== 'AWS::Lambda::Function') continue;
    const current = construct instanceof CfnFunction ? construct.runtime : currentRuntime(stack, construct);
    const pinned = current?.startsWith('python') ? PYTHON_RUNTIME.name : current?.startsWith('nodejs') ? NODE_RUNTIME.name : undefined;
    if (!pinned) throw new Error(`${construct.node.path}: no pinned runtime for ${String(current)}`);
    if (construct instanceof CfnFunction) construct.runtime = pinned;
    else construct.addPropertyOverride('Runtime', pinned);
  }
}

function currentRuntime(stack: Stack, resource: CfnResource): string | undefined {
  const template = stack.resolve((resource as unknown as { _toCloudFormation(): unknown })._toCloudFormation()) as {
    Resources: Record<string, { Properties?: { Runtime?: string } }>;
  };
  return Object.values(template.Resources)[0]?.Properties?.Runtime;
}

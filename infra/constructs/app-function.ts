import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LambdaName } from '../bundle.js';
import { lambdaCode } from '../lambda-code.js';
import { acknowledge } from '../nag.js';
import { NODE_RUNTIME } from '../runtimes.js';

export interface AppFunctionProps {
  /** Which bundle of infra/bundle.ts runs (its `handler` export). */
  readonly lambda: LambdaName;
  /** Shown on the function and its role. */
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  readonly timeout: Duration;
  /** @default 1024: CPU scales with memory, which shortens cold starts more than it costs at this volume */
  readonly memorySize?: number;
}

/**
 * One Lambda from functions/: Node.js 22 on arm64, the ESM bundle of infra/bundle.ts, its own log
 * group with retention, and its own role that can do nothing but write to that group. The
 * construct using it adds exactly the grants that function needs.
 */
export class AppFunction extends Construct {
  readonly fn: IFunction;
  readonly role: IRole;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Nothing managed attached (no AWSLambdaBasicExecutionRole and its logs:* on every group).
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    logGroup.grantWrite(role);

    const fn = new LambdaFunction(this, 'Function', {
      code: lambdaCode(props.lambda),
      handler: 'index.handler',
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout,
      description: props.description,
      role,
      logGroup,
      environment: props.environment,
    });
    acknowledge(fn, {
      id: 'AwsSolutions-L1',
      reason:
        'Issue 7 pins Node.js 22, the version the project builds and tests on; moving to a newer runtime is a deliberate, tested change.',
    });
    this.fn = fn;
    this.role = role;
  }
}

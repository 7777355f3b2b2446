import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag is CommonJS whose named exports Node's ESM loader cannot see, so they are read from the
 * default export once here.
 */
export const { AwsSolutionsChecks } = cdkNag;
const { rules, NagRuleCompliance } = cdkNag;

export interface NagFinding {
  /** Rule ID, with the finding in brackets where a rule reports several (`AwsSolutions-IAM5[Resource::…]`). */
  readonly id: string;
  /** Why the finding is acceptable here; written for the next reviewer. */
  readonly reason: string;
}

/** Acknowledges cdk-nag findings on a construct and everything below it (cdk-nag 3 reads CDK's Validations metadata). */
export function acknowledge(scope: IConstruct, ...findings: NagFinding[]): void {
  Validations.of(scope).acknowledge(...findings);
}

/**
 * How cdk-nag names an ARN attribute in IAM findings (`<LogicalId.Arn>`), so an acknowledgement
 * can name exactly the resource it covers instead of the whole rule.
 */
export function nagRef(scope: IConstruct, arn: string): string {
  const resolved = Stack.of(scope).resolve(arn) as unknown;
  const getAtt = (resolved as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (!getAtt) throw new Error(`nagRef: expected an Fn::GetAtt, got ${JSON.stringify(resolved)}`);
  return `<${getAtt[0]}.${getAtt[1]}>`;
}

/**
 * Acknowledges every IAM5 (wildcard) finding of a policy CDK itself generates (custom-resource
 * handlers), naming each finding. Call it once the policy has all its statements.
 */
export function acknowledgeGeneratedWildcards(policy: CfnResource, reason: string): void {
  const result = rules.iam.IAMNoWildcardPermissions(policy);
  if (result === NagRuleCompliance.NOT_APPLICABLE || result === NagRuleCompliance.COMPLIANT) return;
  if (!Array.isArray(result)) throw new Error(`unexpected IAM5 result for ${policy.node.path}: ${String(result)}`);
  acknowledge(policy, ...result.map((finding) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason })));
}

import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export const WAF_STACK_NAME = 'Xueshi-Waf';
/** Web ACLs for CloudFront (scope CLOUDFRONT) exist only in us-east-1. */
export const WAF_REGION = 'us-east-1';

/** Requests per 5 minutes from one address, anything: far above one person, well above one office NAT's staff. */
export const WAF_RATE_ALL = 6000;
/** Requests per 5 minutes from one address to the anonymous routes (/v1/public/*, the preview). */
export const WAF_RATE_PUBLIC = 300;

/** The managed rule groups, in priority order. */
export const WAF_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/**
 * The fleet's one AWS WAF web ACL, in us-east-1 because CloudFront takes only web ACLs of that
 * region (global partition only: WAF in China is regional and cannot protect CloudFront). Every
 * tenant's distribution attaches it by ARN (`webAclArn` in infra/fleet.json, which the rollout
 * script passes after deploying this stack). One ACL for fifteen distributions: rate counts are per
 * address across the fleet, and the fixed price is paid once.
 */
export class WafStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, {
      ...props,
      stackName: WAF_STACK_NAME,
      description: "学时通 web ACL for the fleet's CloudFront distributions",
      terminationProtection: true,
    });
    Tags.of(this).add('project', 'xueshi');
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managed = WAF_MANAGED_RULE_GROUPS.map((name, i): CfnWebACL.RuleProperty => ({
      name,
      priority: i,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          // The common rule set blocks bodies over 8 KB; the API takes larger ones on purpose (the
          // hours preview, base batches of 500 records, Excel uploads) and limits them itself
          // (functions/http/body-limits.ts), so that one rule only counts.
          ...(name === 'AWSManagedRulesCommonRuleSet'
            ? { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] }
            : {}),
        },
      },
      visibilityConfig: visibility(name),
    }));
    const publicPaths: CfnWebACL.StatementProperty = {
      orStatement: {
        statements: [
          {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: 'STARTS_WITH',
              searchString: '/v1/public/',
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: 'EXACTLY',
              searchString: '/v1/hours/preview',
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
        ],
      },
    };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: 'xueshi-fleet',
      description: 'xueshi: AWS managed rules and per-address rate limits for every tenant distribution',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('xueshi-fleet'),
      rules: [
        ...managed,
        {
          name: 'rate-public',
          priority: managed.length,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: WAF_RATE_PUBLIC, aggregateKeyType: 'IP', scopeDownStatement: publicPaths } },
          visibilityConfig: visibility('rate-public'),
        },
        {
          name: 'rate-all',
          priority: managed.length + 1,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: WAF_RATE_ALL, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('rate-all'),
        },
      ],
    });
    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.attrArn,
      description: 'webAclArn for infra/fleet.json (the rollout script passes it)',
    });
  }
}

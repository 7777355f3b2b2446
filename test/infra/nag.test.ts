import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from '../../infra/nag.js';
import { CHINA_CONTEXT, synth } from './fixture.js';

/** Every acknowledgement recorded in the tree: { construct path, rule ID, reason }. */
function acknowledgements(root: IConstruct) {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, { reason?: string } | string>))
      .map(([id, value]) => ({ path: c.node.path, id, reason: typeof value === 'string' ? value : (value.reason ?? '') })),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['the default stack (Cognito, *.cloudfront.net)', {}],
    [
      'an own domain with an ACM certificate, WAF, Object Lock and no geo restriction',
      {
        siteDomain: 'xueshi-{tenant}.example.gov.cn',
        siteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/xueshi/abc',
        evidenceObjectLockDays: '3650',
        geoAllow: 'any',
      },
    ],
    ['an external OIDC provider', { oidcIssuer: 'https://id.example.gov.cn', oidcAudience: 'xueshi' }],
    [
      'an own API domain (default endpoint disabled) in an opt-in region',
      {
        region: 'ap-east-1',
        apiDomain: 'api-{tenant}.xueshi.example.gov.cn',
        apiCertificateArn: 'arn:aws:acm:ap-east-1:123456789012:certificate/def',
      },
    ],
    ['the China partition', CHINA_CONTEXT],
  ])('passes with no unacknowledged finding for %s', { timeout: 120_000 }, (_name, context) => {
    const { stack } = synth(context as Record<string, string>);
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('passes the fleet web ACL stack (us-east-1) with no finding at all', async () => {
    const { App } = await import('aws-cdk-lib');
    const { WafStack } = await import('../../infra/waf-stack.js');
    const waf = new WafStack(new App(), 'Xueshi-Waf', { env: { account: '123456789012', region: 'us-east-1' } });
    const report = new AwsSolutionsChecks().validateScope(waf);
    expect(report.violations).toEqual([]);
    expect(acknowledgements(waf)).toEqual([]);
  });

  it('still reports a finding when one is introduced (the check is live)', async () => {
    const { stack } = synth();
    const { Bucket } = await import('aws-cdk-lib/aws-s3');
    new Bucket(stack, 'Unlogged');
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  it('gives every acknowledgement a written reason', () => {
    for (const context of [{}, CHINA_CONTEXT]) {
      const { stack } = synth(context);
      // CDK acknowledges some of its own CloudFormation-Validate findings; ours are the cdk-nag ones.
      const acks = acknowledgements(stack).filter((a) => a.id.replace(/^Annotation::/, '').startsWith('AwsSolutions-'));
      expect(acks.length).toBeGreaterThan(5);
      for (const ack of acks) {
        expect(ack.id, ack.path).toMatch(/^(Annotation::)?AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
        expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(40);
      }
    }
  });

  it("acknowledges no wildcard on our functions' roles beyond the evidence objects and the export files", () => {
    const { stack } = synth();
    const ids = (prefix: string) =>
      acknowledgements(stack)
        .filter((a) => a.path.includes(prefix))
        .map((a) => a.id.replace(/^Annotation::/, ''))
        .sort();
    expect(ids('/Api/')).toEqual([
      'AwsSolutions-APIG4',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<EvidenceBucket[0-9A-F]+\.Arn>\/evidence\/\*\]$/),
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<EvidenceBucket[0-9A-F]+\.Arn>\/exports\/\*\]$/),
      'AwsSolutions-L1',
      'AwsSolutions-L1',
      // The cursor secret is not rotated (infra/constructs/api.ts): it only seals paging cursors;
      // the origin secret is rotated by hand with a deployment (CloudFront and the functions read it then).
      'AwsSolutions-SMG4',
      'AwsSolutions-SMG4',
    ]);
    expect(ids('/Jobs/')).toEqual([
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<EvidenceBucket[0-9A-F]+\.Arn>\/evidence\/\*\]$/),
      'AwsSolutions-L1',
      'AwsSolutions-L1',
    ]);
    expect(ids('/Exports/')).toEqual([
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<EvidenceBucket[0-9A-F]+\.Arn>\/exports\/\*\]$/),
      'AwsSolutions-L1',
    ]);
  });
});

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

/**
 * How long backups are kept (docs/decisions.md, issue 15). Point-in-time recovery (35 days) and
 * object versions (365 days) cover the mistakes of the recent past; these backups are the long-term
 * copy of government records. A person's hours count towards titles and re-registration over several
 * five-year periods, so a copy of every year-end is kept ten years (two full assessment periods), and
 * of every month-end for a year. DynamoDB backups are full copies, so month-ends are not kept ten
 * years: that would store 120 copies of the table (docs/deploy.md §10 has the cost).
 */
export const BACKUP_RETENTION = {
  /** Month-end copies, kept a year. */
  monthlyDays: 365,
  /** Year-end copies (taken on 1 January), kept ten years. */
  yearlyDays: 3653,
} as const;

export interface BackupProps {
  readonly tenant: string;
  readonly table: ITableV2;
  readonly evidence: IBucket;
}

/**
 * AWS Backup for the records: the table and the evidence bucket, monthly (kept a year) and yearly
 * (kept ten years), into a vault retained with the stack's data. Restores are drills in docs/deploy.md §7.
 */
export class Backup extends Construct {
  readonly plan: BackupPlan;
  readonly vault: BackupVault;

  constructor(scope: Construct, id: string, props: BackupProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: `xueshi-${props.tenant}`,
      // Recovery points outlive the stack like the table and the bucket do.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: `xueshi-${props.tenant}`,
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'monthly',
          // The 1st at 03:00 Asia/Shanghai: the month just ended.
          scheduleExpression: Schedule.cron({ day: '1', hour: '19', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(12),
          deleteAfter: Duration.days(BACKUP_RETENTION.monthlyDays),
        }),
        new BackupPlanRule({
          ruleName: 'yearly',
          // 1 January at 04:00 Asia/Shanghai: the year just ended.
          scheduleExpression: Schedule.cron({ month: '1', day: '1', hour: '20', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(12),
          deleteAfter: Duration.days(BACKUP_RETENTION.yearlyDays),
        }),
      ],
    });
    // The role AWS Backup assumes: the generic backup and restore policies, and S3's own (which the
    // generic ones do not cover).
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      description: `xueshi ${props.tenant}: AWS Backup of the table and the evidence bucket`,
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup'),
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForRestores'),
        ManagedPolicy.fromAwsManagedPolicyName('AWSBackupServiceRolePolicyForS3Backup'),
        ManagedPolicy.fromAwsManagedPolicyName('AWSBackupServiceRolePolicyForS3Restore'),
      ],
    });
    this.plan.addSelection('Records', {
      resources: [BackupResource.fromArn(props.table.tableArn), BackupResource.fromArn(props.evidence.bucketArn)],
      role,
    });
    const managed = (name: string) => `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${name}]`;
    const reason =
      "The role AWS Backup assumes (backup.amazonaws.com only) to copy and restore this stack's table and evidence bucket; AWS maintains these service policies for exactly that, and a hand-written copy would fall behind the service.";
    acknowledge(
      role,
      { id: managed('AWSBackupServiceRolePolicyForBackup'), reason },
      { id: managed('AWSBackupServiceRolePolicyForRestores'), reason },
      { id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup]`, reason },
      { id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore]`, reason },
    );
  }
}

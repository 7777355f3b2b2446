import { HistoryOutlined } from '@ant-design/icons';
import { Button, Card, Form, Modal, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { rulesApi, type RuleYears } from '../../api/endpoints.js';
import { TENANT_SWITCH_LABEL } from './labels.js';
import { ReasonItem, useSaveFailure } from './rule-form.js';

/**
 * 本地区规则: the tenant's switch 博士参评副高 (通知三 "按相关规定执行"). The hr office turns it on or
 * off with a reason; the auditor sees its state.
 */
export function TenantCard({
  tenant,
  canEdit,
  onSaved,
  onConflict,
  onHistory,
}: {
  tenant: RuleYears['tenant'];
  canEdit: boolean;
  onSaved: () => void;
  onConflict: () => void;
  onHistory: () => void;
}) {
  const [next, setNext] = useState<boolean>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const failed = useSaveFailure(() => {
    setNext(undefined);
    onConflict();
  });
  const on = tenant.doctorSpanFromDoctorate;

  const submit = async () => {
    if (next === undefined) return;
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await rulesApi.putTenant({ doctorSpanFromDoctorate: next, reason: reason.trim(), expectedVersion: tenant.kept?.version ?? 0 });
      setNext(undefined);
      onSaved();
    } catch (err) {
      failed(err, form, (path) => (path === 'reason' ? 'reason' : undefined));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="本地区规则"
      extra={
        <Button size="small" icon={<HistoryOutlined />} onClick={onHistory}>
          修改记录
        </Button>
      }
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{TENANT_SWITCH_LABEL}</Typography.Text>
          {canEdit ? (
            <Switch
              aria-label={TENANT_SWITCH_LABEL}
              checked={on}
              checkedChildren="开启"
              unCheckedChildren="关闭"
              onChange={(value) => setNext(value)}
            />
          ) : (
            <Tag color={on ? 'green' : 'default'} data-testid="tenant-switch-state">
              {on ? '开启' : '关闭'}
            </Tag>
          )}
        </Space>
        <Typography.Text type="secondary">
          开启后，博士申报副高级职称的，核认年度自取得博士学位的年度起算（晚于申报年度前5年时）；关闭时一律核认申报年度前5年。依据：通知三“博士参评副高按相关规定执行”。
        </Typography.Text>
        <Typography.Text type="secondary">
          {tenant.kept
            ? `最近修改：${tenant.kept.updatedByName ?? '人社部门'} · ${dayjs(tenant.kept.updatedAt).format('YYYY-MM-DD HH:mm')}`
            : '沿用系统默认值（关闭）'}
        </Typography.Text>
      </Space>
      <Modal
        open={next !== undefined}
        title={next ? `开启：${TENANT_SWITCH_LABEL}` : `关闭：${TENANT_SWITCH_LABEL}`}
        okText="确认修改"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setNext(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" aria-label="修改本地区规则">
          <Typography.Paragraph type="secondary">修改只影响此后发起的核认申请。</Typography.Paragraph>
          <ReasonItem placeholder="如：依据市人社局关于博士参评副高的规定" />
        </Form>
      </Modal>
    </Card>
  );
}

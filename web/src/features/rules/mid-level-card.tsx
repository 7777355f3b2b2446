import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, InputNumber, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import type { MidLevelPolicy } from '../../../../shared/policy.js';
import { rulesApi, type RuleYears } from '../../api/endpoints.js';
import { ReasonItem, useSaveFailure } from './rule-form.js';

type Values = MidLevelPolicy & { reason: string };

const FIELDS = ['certificateTitle', 'spanYears', 'masterSpanYears', 'department', 'notice'] as const;
const fieldOf = (path: string) => {
  const [head, next] = path.split('.');
  if (head === 'reason') return 'reason';
  return head === 'midLevel' && (FIELDS as readonly string[]).includes(next ?? '') ? next : undefined;
};

/** 单位初审 → 公示 → 主管部门复审 → 人社部门备案, as the policy sets the mid-level route. */
export function midLevelRouteText(m: Pick<MidLevelPolicy, 'department' | 'notice'>): string {
  return [
    '单位初审',
    ...(m.notice ? ['本单位公示'] : []),
    ...(m.department ? ['主管部门复审（单位有主管部门的）'] : []),
    '人社部门备案',
  ].join(' → ');
}

/**
 * 中级职称合格证明 (rules §3 "mid-level titles"): the tenant's own certificate — its printed title,
 * the span by degree and the route. The hr office edits it with a reason (audited with the tenant's
 * other rules); it acts on applications created from then on, and a certificate keeps the title it was
 * issued with.
 */
export function MidLevelCard({
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
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const failed = useSaveFailure(() => {
    setEditing(false);
    onConflict();
  });
  const m = tenant.midLevel;

  const submit = async () => {
    const { reason, ...values } = await form.validateFields();
    setSaving(true);
    try {
      await rulesApi.putTenant({
        midLevel: { ...values, certificateTitle: values.certificateTitle.trim() },
        reason: reason.trim(),
        expectedVersion: tenant.kept?.version ?? 0,
      });
      setEditing(false);
      onSaved();
    } catch (err) {
      failed(err, form, fieldOf);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="中级职称继续教育合格证明"
      extra={
        <Space>
          {canEdit && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Button>
          )}
          <Button size="small" icon={<HistoryOutlined />} onClick={onHistory}>
            修改记录
          </Button>
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'title', label: '证明名称', children: <span data-testid="mid-level-title">{m.certificateTitle}</span> },
          {
            key: 'span',
            label: '核认年度',
            children: `申报年度前${m.spanYears}年；硕士研究生及以上学历前${m.masterSpanYears}年`,
          },
          { key: 'route', label: '办理流程', children: midLevelRouteText(m) },
          { key: 'number', label: '编号', children: 'HN-地区代码-年度-Z序号（与学时认定单分别连续编号）' },
        ]}
      />
      <Typography.Text type="secondary">
        依据：各市州对申报中级职称人员出具本地区继续教育合格证明的规定（如株洲市2025年：核认2021—2024年，硕士研究生2022—2024年）。
      </Typography.Text>
      <Modal
        open={editing}
        title="编辑中级职称合格证明"
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setEditing(false)}
        destroyOnHidden
        width={600}
      >
        <Form<Values> form={form} layout="vertical" aria-label="中级职称合格证明" initialValues={m} preserve={false}>
          <Typography.Paragraph type="secondary">修改只影响此后发起的中级核认申请；已出具的合格证明保留原来的名称。</Typography.Paragraph>
          <Form.Item
            name="certificateTitle"
            label="证明名称"
            rules={[
              { required: true, whitespace: true, message: '请填写证明名称' },
              { min: 4, max: 40, message: '证明名称为4至40个字' },
            ]}
          >
            <Input aria-label="证明名称" maxLength={40} placeholder="如：长沙市专业技术人员继续教育合格证明" />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="spanYears" label="核认年数" rules={[{ required: true, message: '请填写核认年数' }]}>
              <InputNumber aria-label="核认年数" min={1} max={10} precision={0} prefix="前" suffix="年" style={{ width: 140 }} />
            </Form.Item>
            <Form.Item
              name="masterSpanYears"
              label="硕士研究生及以上学历"
              dependencies={['spanYears']}
              rules={[
                { required: true, message: '请填写核认年数' },
                ({ getFieldValue }) => ({
                  validator: async (_, value?: number) => {
                    if (value !== undefined && value > getFieldValue('spanYears')) throw new Error('不能多于一般的核认年数');
                  },
                }),
              ]}
            >
              <InputNumber aria-label="硕士核认年数" min={1} max={10} precision={0} prefix="前" suffix="年" style={{ width: 140 }} />
            </Form.Item>
          </Space>
          <Form.Item name="notice" label="本单位公示">
            <Radio.Group
              options={[
                { value: false, label: '不公示' },
                { value: true, label: '单位初审后公示（5个工作日）' },
              ]}
            />
          </Form.Item>
          <Form.Item name="department" label="单位初审后报送">
            <Radio.Group
              options={[
                { value: true, label: '主管部门复审（单位有主管部门的），再报人社部门' },
                { value: false, label: '直接报人社部门' },
              ]}
            />
          </Form.Item>
          <ReasonItem placeholder="如：依据市人社局关于中级职称继续教育合格证明的通知" />
        </Form>
      </Modal>
    </Card>
  );
}

import { KeyOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { ApiKeySummary, TrainingBase } from '../../../../shared/bases.js';
import { basesApi, type NewApiKey } from '../../api/endpoints.js';
import { useErrorHandler } from '../../app/errors.js';
import { NewKeyModal } from './new-key-modal.js';

const when = (at?: string) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

/**
 * A base's API keys by visible prefix (never the key). Several may be active so a base can rotate:
 * issue a new key, let the base switch, then revoke the old one, which stops working at once.
 */
export function KeysCard({
  base,
  keys,
  canManage,
  onChanged,
}: {
  base: TrainingBase;
  keys: ApiKeySummary[];
  canManage: boolean;
  onChanged: () => void;
}) {
  const { modal, message } = App.useApp();
  const onError = useErrorHandler();
  const [asking, setAsking] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<NewApiKey>();
  const [form] = Form.useForm<{ label?: string }>();

  const issue = async ({ label }: { label?: string }) => {
    setIssuing(true);
    try {
      const key = await basesApi.createKey(base.id, label?.trim() || undefined);
      form.resetFields();
      setAsking(false);
      setIssued(key);
      onChanged();
    } catch (err) {
      onError(err);
    } finally {
      setIssuing(false);
    }
  };

  const revoke = (key: ApiKeySummary) =>
    modal.confirm({
      title: `吊销密钥 ${key.prefix}？`,
      content: '吊销立即生效：使用该密钥的请求将被拒绝（401），且不能恢复。请确认施教机构已改用其他有效密钥。',
      okText: '吊销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await basesApi.revokeKey(base.id, key.prefix);
          message.success(`密钥 ${key.prefix} 已吊销`);
        } catch (err) {
          onError(err);
        } finally {
          onChanged();
        }
      },
    });

  const active = keys.filter((k) => k.status === 'active').length;

  return (
    <Card
      title="API 密钥"
      extra={
        canManage && (
          <Button icon={<KeyOutlined />} onClick={() => setAsking(true)}>
            签发新密钥
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        列表只显示密钥前缀；完整密钥仅在签发时显示一次。当前有效密钥 {active} 个。
      </Typography.Paragraph>
      <Table<ApiKeySummary>
        aria-label="API 密钥"
        rowKey="prefix"
        size="small"
        pagination={false}
        dataSource={keys}
        locale={{ emptyText: <Empty description="没有密钥" /> }}
        columns={[
          { title: '前缀', render: (_, k) => <Typography.Text code>{`xsk_${k.prefix}_…`}</Typography.Text> },
          { title: '备注', render: (_, k) => k.label ?? '—' },
          {
            title: '状态',
            render: (_, k) => (k.status === 'active' ? <Tag color="success">有效</Tag> : <Tag color="error">已吊销</Tag>),
          },
          { title: '签发时间', render: (_, k) => when(k.createdAt) },
          { title: '最近使用', render: (_, k) => (k.lastUsedAt ? when(k.lastUsedAt) : '从未使用') },
          { title: '吊销时间', render: (_, k) => when(k.revokedAt) },
          ...(canManage
            ? [
                {
                  title: '操作',
                  render: (_: unknown, k: ApiKeySummary) =>
                    k.status === 'active' ? (
                      <Button size="small" danger onClick={() => revoke(k)} aria-label={`吊销 ${k.prefix}`}>
                        吊销
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={asking}
        title="签发新密钥"
        okText="签发"
        cancelText="取消"
        confirmLoading={issuing}
        onOk={() => form.submit()}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          轮换密钥时先签发新密钥，待施教机构改用后再吊销旧密钥。新密钥只显示一次。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" name="new-key" onFinish={(v) => void issue(v)}>
          <Form.Item name="label" label="备注" rules={[{ max: 50, message: '备注不超过50字' }]}>
            <Input maxLength={50} placeholder="如：2025年轮换、报送系统二号机（可不填）" autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
      <NewKeyModal apiKey={issued} baseName={base.name} onClose={() => setIssued(undefined)} />
    </Card>
  );
}

import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { NewApiKey } from '../../api/endpoints.js';

/**
 * The one time a key is ever shown (rules §6: stored only as a hash). The dialog does not close by a
 * stray click or Esc: the officer confirms the key has been copied first.
 */
export function NewKeyModal({ apiKey, baseName, onClose }: { apiKey?: NewApiKey; baseName?: string; onClose: () => void }) {
  const [saved, setSaved] = useState(false);
  const close = () => {
    setSaved(false);
    onClose();
  };
  return (
    <Modal
      open={apiKey !== undefined}
      title="新的 API 密钥（只显示这一次）"
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={640}
      footer={
        <Button type="primary" disabled={!saved} onClick={close}>
          我已保存，关闭
        </Button>
      }
    >
      {apiKey && (
        <>
          <Alert
            type="warning"
            showIcon
            title="请立即复制并通过安全渠道交给施教机构"
            description="系统只保存密钥的摘要，关闭此窗口后任何人都无法再查看完整密钥。遗失时只能签发新密钥并吊销旧密钥。请勿通过普通邮件、聊天群发送，也不要写入源代码或日志。"
          />
          <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
            {baseName && <Descriptions.Item label="施教机构">{baseName}</Descriptions.Item>}
            <Descriptions.Item label="密钥前缀">{apiKey.prefix}</Descriptions.Item>
            {apiKey.label && <Descriptions.Item label="备注">{apiKey.label}</Descriptions.Item>}
          </Descriptions>
          <Typography.Paragraph
            copyable={{
              text: apiKey.key,
              tooltips: false,
              icon: [
                <Button key="copy" size="small" icon={<CopyOutlined />}>
                  复制密钥
                </Button>,
                <Button key="copied" size="small" icon={<CheckOutlined />}>
                  已复制
                </Button>,
              ],
              onCopy: () => setSaved(true),
            }}
            style={{ fontSize: 16, marginTop: 8 }}
          >
            <Typography.Text code data-testid="new-api-key" style={{ wordBreak: 'break-all' }}>
              {apiKey.key}
            </Typography.Text>
          </Typography.Paragraph>
          <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
            我已复制并妥善保存该密钥
          </Checkbox>
        </>
      )}
    </Modal>
  );
}

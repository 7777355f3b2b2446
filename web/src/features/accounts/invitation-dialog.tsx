import { Alert, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Invitation } from '../../api/endpoints.js';

/**
 * The invitation's code, shown this once (the server keeps only its hash): the administrator hands it
 * to the account's holder, who signs in with their own identity and enters it to bind the account.
 */
export function InvitationDialog({ invitation, name, onClose }: { invitation?: Invitation; name?: string; onClose: () => void }) {
  return (
    <Modal
      open={!!invitation}
      title={`邀请码 · ${name ?? ''}`}
      okText="我已记下"
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      {invitation && (
        <>
          <Typography.Paragraph>
            请将以下邀请码当面或通过可靠渠道交给{name ? `「${name}」` : '账号持有人'}
            ：本人在登录页以自己的身份登录后，输入邀请码即完成账号绑定。
          </Typography.Paragraph>
          <Typography.Title level={3} copyable data-testid="invitation-code" style={{ fontFamily: 'monospace', letterSpacing: 2 }}>
            {invitation.code}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            有效期至 {dayjs(invitation.expiresAt).format('YYYY-MM-DD HH:mm')}，只能使用一次。
          </Typography.Paragraph>
          <Alert type="warning" showIcon title="邀请码只显示这一次，系统只保存其摘要。遗失时请“重新发放”，原邀请码随即失效。" />
        </>
      )}
    </Modal>
  );
}

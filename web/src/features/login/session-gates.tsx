import { Alert, Button, Card, Form, Input, Modal, Result, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/client.js';
import { useSession } from '../../app/session.js';

/**
 * First sign-in: the identity is proven by the provider, but no account here is bound to it yet. The
 * invitation code the administrator handed over binds this identity to that account, once.
 */
export function AcceptInvitationPage() {
  const { identityName, acceptInvitation, signOut, config } = useSession();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const submit = async ({ code }: { code: string }) => {
    setSaving(true);
    setError(undefined);
    try {
      await acceptInvitation(code.trim());
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div style={{ maxWidth: 560, margin: '48px auto', padding: 16 }}>
      <Typography.Title level={2}>学时通 · 首次登录</Typography.Title>
      <Card>
        <Typography.Paragraph>
          {identityName ? `「${identityName}」，您` : '您'}已通过{config?.identityProvider === 'local' ? '本地身份提供方' : '统一身份认证'}
          登录，但尚未开通本系统账号。 请输入管理员发放的邀请码，完成账号绑定（每个登录身份只能绑定一个账号）。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={(v: { code: string }) => void submit(v)}>
          <Form.Item name="code" label="邀请码" rules={[{ required: true, message: '请输入邀请码' }]}>
            <Input aria-label="邀请码" placeholder="XXXX-XXXX-XXXX" autoComplete="off" maxLength={40} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            绑定账号
          </Button>
          <Button type="link" onClick={() => void signOut()}>
            退出，换一个身份登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}

/** The account exists but is refused: disabled, or a privileged role without its second factor. */
export function AccountRefusedPage() {
  const { refusal, signOut } = useSession();
  return (
    <Result
      status="403"
      title="账号无法使用"
      subTitle={refusal ?? '该账号已被拒绝访问，请联系管理员'}
      extra={
        <Button type="primary" onClick={() => void signOut()}>
          退出登录
        </Button>
      }
    />
  );
}

/** Over the page the user was on: the session ended and could not be renewed; signing in comes back here. */
export function SessionExpiredDialog() {
  const { status, signIn } = useSession();
  return (
    <Modal
      open={status === 'expired'}
      title="登录已过期"
      closable={false}
      maskClosable={false}
      okText="重新登录"
      cancelButtonProps={{ style: { display: 'none' } }}
      onOk={() => void signIn()}
    >
      <Typography.Paragraph>登录已过期，请重新登录。登录后将回到当前页面，未保存的输入需要重新填写。</Typography.Paragraph>
    </Modal>
  );
}

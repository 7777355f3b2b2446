import { Alert, Button, Card, Result, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.js';

const PROVIDER_LABELS = { cognito: '学时通统一登录', external: '统一身份认证平台', local: '本地身份提供方（演示账号）' } as const;

/**
 * /login: straight on to the identity provider's sign-in (always asking who signs in, so another account
 * can be chosen); the provider sends the user back to the site's home. After a cancelled sign-in it
 * waits for a click instead.
 */
export function LoginPage() {
  const { status, config, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const failed = params.has('failed');
  const returnTo = params.get('returnTo') ?? '/';

  useEffect(() => {
    if (status === 'signed_in') navigate(returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', { replace: true });
    // Anonymous, or signed in with an identity that has no usable account here: choose who signs in.
    else if (status !== 'loading' && config && !failed) void signIn(returnTo, 'login');
  }, [status, config, failed, signIn, navigate, returnTo]);

  if (status === 'anonymous' && !config) {
    return <Result status="warning" title="无法读取登录配置" subTitle="站点的 /config.json 不可用，请稍后重试或联系管理员。" />;
  }
  if (!failed) return <Spin fullscreen tip="正在前往登录页…" />;
  return (
    <div style={{ maxWidth: 560, margin: '48px auto', padding: 16 }}>
      <Typography.Title level={2}>学时通 · 登录</Typography.Title>
      <Card>
        <Alert type="warning" showIcon title="登录未完成" description="登录已取消或已过期，请重新登录。" style={{ marginBottom: 16 }} />
        <Button type="primary" onClick={() => void signIn(returnTo, 'login')}>
          通过{config?.identityProvider ? PROVIDER_LABELS[config.identityProvider] : '统一身份认证平台'}登录
        </Button>
      </Card>
    </div>
  );
}

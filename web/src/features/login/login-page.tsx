import { App, Card, List, Tag, Typography, Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/client.js';
import { api, type DevUser } from '../../api/endpoints.js';
import { ROLE_LABELS } from '../../app/roles.js';
import { useSession } from '../../app/session.js';

/**
 * Locally, the built-in issuer's demo accounts are listed and one click signs in. In AWS the
 * dev routes do not exist and sign-in goes through the identity provider's hosted login.
 */
export function LoginPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [users, setUsers] = useState<DevUser[]>();
  const [unavailable, setUnavailable] = useState(false);

  useEffect(() => {
    api
      .devUsers()
      .then((r) => setUsers(r.users))
      .catch(() => setUnavailable(true));
  }, []);

  const choose = async (user: DevUser) => {
    try {
      const { accessToken } = await api.devToken(user.id);
      await signIn(accessToken);
      navigate('/');
    } catch (err) {
      message.error(describeError(err));
    }
  };

  return (
    <div style={{ maxWidth: 640, margin: '48px auto', padding: 16 }}>
      <Typography.Title level={2}>学时通 · 登录</Typography.Title>
      <Typography.Paragraph type="secondary">湖南省专业技术人员继续教育学时登记与核认</Typography.Paragraph>
      {unavailable ? (
        <Alert type="info" showIcon message="请通过统一身份认证平台登录" />
      ) : (
        <Card title="本地演示账号（点击即可登录）">
          <List
            loading={!users}
            dataSource={users ?? []}
            renderItem={(u) => (
              <List.Item
                role="button"
                aria-label={`以 ${u.name} 登录`}
                style={{ cursor: 'pointer' }}
                onClick={() => void choose(u)}
                extra={<Tag color="red">{ROLE_LABELS[u.role]}</Tag>}
              >
                <List.Item.Meta title={u.name} description={`账号 ${u.id}`} />
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}

import { Button, Grid, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { menuItemsFor, menuKeyOf, ROLE_LABELS } from './roles.js';
import { useSession } from './session.js';

export function Shell({ children }: { children: ReactNode }) {
  const { principal, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items: MenuProps['items'] = menuItemsFor(principal?.role).map((m) =>
    m.children ? { key: m.key, label: m.label, children: m.children } : { key: m.key, label: m.label },
  );
  const selected = menuKeyOf(location.pathname, principal);
  // A phone keeps room for the menu (it folds into "…"): narrow padding, the user's name cut short.
  const phone = !Grid.useBreakpoint().sm;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: phone ? 8 : 24, paddingInline: phone ? 12 : undefined }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          学时通
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          aria-label="主菜单"
          selectedKeys={selected ? [selected] : []}
          items={items}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        {principal ? (
          <Space align="center">
            <Typography.Text
              style={{ color: '#fff', ...(phone ? { maxWidth: 96, lineHeight: '20px', display: 'block' } : {}) }}
              ellipsis={phone ? { tooltip: true } : false}
              data-testid="current-user"
            >
              {principal.name} · {ROLE_LABELS[principal.role]}
            </Typography.Text>
            <Button
              size="small"
              onClick={() => void signOut()}
            >
              退出
            </Button>
          </Space>
        ) : (
          <Button size="small" onClick={() => navigate('/login')}>
            登录
          </Button>
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: phone ? 12 : 24 }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>湖南省专业技术人员继续教育学时登记与核认 · 依据湘人社办函〔2023〕23号</Layout.Footer>
    </Layout>
  );
}

import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Spin, Typography, type MenuProps } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { menuItemsFor, menuKeyOf, ROLE_LABELS } from './roles.js';
import { useSession } from './session.js';

/** What a screen shows while its code or first data loads: never the old page with no sign of progress. */
export function PageLoading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }} role="status" aria-label="加载中">
      <Spin size="large" />
    </div>
  );
}

/**
 * The app shell: a side menu grouped by task (issue 14: 登记管理 / 学时核认 / 统计 / 系统管理, the public
 * pages in their own group), only the entries of the signed-in role; on a phone or tablet the same
 * menu opens from the header as a drawer.
 */
export function Shell({ children }: { children: ReactNode }) {
  const { principal, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [drawer, setDrawer] = useState(false);
  const items: MenuProps['items'] = menuItemsFor(principal?.role).map((m) =>
    m.children ? { type: 'group' as const, key: m.key, label: m.label, children: m.children } : { key: m.key, label: m.label },
  );
  const selected = menuKeyOf(location.pathname, principal);
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const phone = !screens.sm;
  const menu = (
    <Menu
      mode="inline"
      aria-label="主菜单"
      selectedKeys={selected ? [selected] : []}
      items={items}
      onClick={(e) => {
        setDrawer(false);
        navigate(e.key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: phone ? 8 : 16, paddingInline: phone ? 12 : 24 }}>
        {!wide && (
          <Button type="text" aria-label="打开菜单" icon={<MenuOutlined style={{ color: '#fff' }} />} onClick={() => setDrawer(true)} />
        )}
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap', flex: 1 }}>
          学时通
        </Typography.Title>
        {principal ? (
          <Space align="center">
            <Typography.Text
              style={{ color: '#fff', ...(phone ? { maxWidth: 120, lineHeight: '20px', display: 'block' } : {}) }}
              ellipsis={phone ? { tooltip: true } : false}
              data-testid="current-user"
            >
              {principal.name} · {ROLE_LABELS[principal.role]}
            </Typography.Text>
            <Button size="small" onClick={() => void signOut()}>
              退出
            </Button>
          </Space>
        ) : (
          <Button size="small" onClick={() => navigate('/login')}>
            登录
          </Button>
        )}
      </Layout.Header>
      <Layout hasSider={wide}>
        {wide && (
          <Layout.Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid rgba(5, 5, 5, 0.06)' }}>
            {menu}
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
            <Suspense fallback={<PageLoading />}>{children}</Suspense>
          </Layout.Content>
          <Layout.Footer style={{ textAlign: 'center' }}>
            湖南省专业技术人员继续教育学时登记与核认 · 依据湘人社办函〔2023〕23号
          </Layout.Footer>
        </Layout>
      </Layout>
      {!wide && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={240} title="学时通" styles={{ body: { padding: 0 } }}>
          {menu}
        </Drawer>
      )}
    </Layout>
  );
}

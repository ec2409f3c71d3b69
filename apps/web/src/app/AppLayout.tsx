import { AuditOutlined, BarChartOutlined, BookOutlined, CommentOutlined, FileTextOutlined, InboxOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { endSession } from '../auth/session';
import { useSession } from '../auth/use-session';
import { t, words } from '../i18n';
import { UnitName } from '../shared/use-units';

const MENU = [
  { key: '/', icon: <InboxOutlined />, label: t.menu.worklist },
  { key: '/decisions', icon: <FileTextOutlined />, label: t.menu.decisions },
  { key: '/consultations', icon: <CommentOutlined />, label: t.menu.consultations },
  { key: '/catalogue', icon: <BookOutlined />, label: t.menu.catalogue },
  { key: '/audit/verify', icon: <AuditOutlined />, label: t.menu.audit },
  { key: '/statistics', icon: <BarChartOutlined />, label: t.menu.statistics },
];

/** The frame of every signed-in page: menu, who is signed in, logout. Every page shows what the API returns for this user. */
export function AppLayout() {
  const user = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const selected = MENU.filter((m) => m.key !== '/' && location.pathname.startsWith(m.key)).pop()?.key ?? (location.pathname === '/' ? '/' : '');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light">
        <div className="brand">{t.app.title}</div>
        <Menu mode="inline" selectedKeys={[selected]} items={MENU} onClick={({ key }) => navigate(key)} />
        <div className="api-docs"><a href="/api/docs" target="_blank" rel="noreferrer">{t.menu.apiDocs}</a></div>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="header">
          <Space>
            <Typography.Text strong data-testid="user-name">{user.name}</Typography.Text>
            {user.roles.map((r) => <Tag key={r} color="red">{words(t.roles, r)}</Tag>)}
            <Typography.Text type="secondary"><UnitName id={user.unit} /> · {user.jurisdiction}</Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={() => { endSession(); navigate('/login'); }}>{t.app.logout}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

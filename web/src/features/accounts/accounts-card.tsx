import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import type { Organisation } from '../../../../shared/organisation.js';
import { ApiError } from '../../api/client.js';
import { administrationApi, type Account } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { ROLE_LABELS } from '../../app/roles.js';

/** The accounts of one organisation, and 新建账号 when the signed-in user may create any there. */
export function AccountsCard({
  org,
  refresh,
  canCreate,
  onCreate,
}: {
  org: Organisation;
  refresh: number;
  canCreate: boolean;
  onCreate: () => void;
}) {
  const onError = useErrorHandler();
  const accounts = useResource(`${org.id}|${refresh}`, () => administrationApi.accounts(org.id), (err) => {
    if (!(err instanceof ApiError && err.status === 403)) onError(err);
  });
  const forbidden = accounts.error instanceof ApiError && accounts.error.status === 403;

  return (
    <Card
      title="账号"
      extra={
        canCreate && (
          <Button icon={<UserAddOutlined />} onClick={onCreate}>
            新建账号
          </Button>
        )
      }
    >
      {forbidden ? (
        <Alert type="info" showIcon title="无权查看该组织的账号" />
      ) : (
        <Table<Account>
          aria-label={`${org.name}的账号`}
          rowKey="id"
          size="small"
          loading={accounts.loading}
          dataSource={accounts.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="该组织尚无在本系统创建的账号" /> }}
          columns={[
            { title: '登录账号', dataIndex: 'id' },
            { title: '姓名', dataIndex: 'name' },
            { title: '角色', render: (_, a) => ROLE_LABELS[a.role] },
            { title: '状态', render: (_, a) => (a.status === 'active' ? <Tag color="success">已启用</Tag> : <Tag color="warning">创建中</Tag>) },
            { title: '创建时间', render: (_, a) => dayjs(a.createdAt).format('YYYY-MM-DD HH:mm') },
            { title: '创建人', dataIndex: 'createdBy' },
          ]}
        />
      )}
    </Card>
  );
}

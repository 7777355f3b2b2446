import { UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Role } from '../../../../shared/contract.js';
import type { Organisation } from '../../../../shared/organisation.js';
import { ApiError } from '../../api/client.js';
import { administrationApi, type Account, type Invitation } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { ROLE_LABELS } from '../../app/roles.js';
import { useSession } from '../../app/session.js';
import { InvitationDialog } from './invitation-dialog.js';

const STATUS_TAGS: Record<Account['status'], { color: string; label: string }> = {
  creating: { color: 'default', label: '创建中' },
  invited: { color: 'warning', label: '待首次登录' },
  active: { color: 'success', label: '已启用' },
  disabled: { color: 'error', label: '已停用' },
};

/**
 * The accounts of one organisation, and 新建账号 when the signed-in user may create any there. Whoever
 * may create an account of a role here also re-issues or revokes its invitation and disables it.
 */
export function AccountsCard({
  org,
  refresh,
  manageable,
  onCreate,
}: {
  org: Organisation;
  refresh: number;
  /** The roles the signed-in user administers at this organisation. */
  manageable: readonly Role[];
  onCreate: () => void;
}) {
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const { principal } = useSession();
  const [tick, setTick] = useState(0);
  const [shown, setShown] = useState<{ invitation: Invitation; name: string }>();
  const canCreate = manageable.length > 0;
  const accounts = useResource(
    `${org.id}|${refresh}|${tick}`,
    () => administrationApi.accounts(org.id),
    (err) => {
      if (!(err instanceof ApiError && err.status === 403)) onError(err);
    },
  );
  const forbidden = accounts.error instanceof ApiError && accounts.error.status === 403;
  // Accounts are named, never shown by their directory key: a creator of this organisation by name,
  // the seeded ones as such, one of the level above as that (its name is on the level above's list).
  const creatorName = (id: string) =>
    accounts.data?.items.find((a) => a.id === id)?.name ??
    (id === 'seed' ? '系统初始化' : id === principal?.userId ? principal.name : '上级管理员');
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
      setTick((t) => t + 1);
    } catch (err) {
      onError(err);
    }
  };
  const actions = (a: Account) => {
    if (!manageable.includes(a.role) || a.id === principal?.userId) return null;
    return (
      <Space size={4} wrap>
        {a.status === 'invited' && (
          <Button
            size="small"
            aria-label={`重新发放 ${a.id} 的邀请码`}
            onClick={() =>
              void act(
                async () => setShown({ invitation: await administrationApi.reissueInvitation(a.id), name: a.name }),
                '已重新发放邀请码，原邀请码已失效',
              )
            }
          >
            重新发放邀请码
          </Button>
        )}
        {a.status === 'invited' && a.invitationExpiresAt && (
          <Button
            size="small"
            aria-label={`撤销 ${a.id} 的邀请码`}
            onClick={() => void act(() => administrationApi.revokeInvitation(a.id), '已撤销邀请码')}
          >
            撤销邀请
          </Button>
        )}
        {(a.status === 'active' || a.status === 'invited') && (
          <Popconfirm
            title={`停用账号 ${a.name}？`}
            description="停用后该账号的下一次操作即被拒绝。"
            okText="停用"
            cancelText="取消"
            onConfirm={() => act(() => administrationApi.disableAccount(a.id), `已停用账号 ${a.name}`)}
          >
            <Button size="small" danger aria-label={`停用 ${a.id}`}>
              停用
            </Button>
          </Popconfirm>
        )}
        {a.status === 'disabled' && a.boundAt && (
          <Button
            size="small"
            aria-label={`恢复 ${a.id}`}
            onClick={() => void act(() => administrationApi.enableAccount(a.id), `已恢复账号 ${a.name}`)}
          >
            恢复
          </Button>
        )}
      </Space>
    );
  };

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
            // The login name the administrator chose; a person's account is keyed by the person and has none to show.
            { title: '登录账号', render: (_, a) => (a.role === 'person' ? '—' : a.id) },
            { title: '姓名', dataIndex: 'name' },
            { title: '角色', render: (_, a) => ROLE_LABELS[a.role] },
            {
              title: '状态',
              render: (_, a) => (
                <span
                  title={
                    a.status === 'invited' && a.invitationExpiresAt
                      ? `邀请码有效期至 ${dayjs(a.invitationExpiresAt).format('YYYY-MM-DD HH:mm')}`
                      : undefined
                  }
                >
                  <Tag color={STATUS_TAGS[a.status].color}>{STATUS_TAGS[a.status].label}</Tag>
                </span>
              ),
            },
            { title: '创建时间', render: (_, a) => dayjs(a.createdAt).format('YYYY-MM-DD HH:mm') },
            { title: '创建人', render: (_, a) => creatorName(a.createdBy) },
            ...(canCreate ? [{ title: '操作', key: 'actions', render: (_: unknown, a: Account) => actions(a) }] : []),
          ]}
        />
      )}
      <InvitationDialog invitation={shown?.invitation} name={shown?.name} onClose={() => setShown(undefined)} />
    </Card>
  );
}

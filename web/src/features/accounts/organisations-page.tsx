import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Tree, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { UNIT_TYPE_LABELS } from '../../../../shared/organisation.js';
import { api } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { ACCOUNT_READERS, rolesCreatable } from './account-roles.js';
import { AccountsCard } from './accounts-card.js';
import { AddAccountDialog } from './add-account-dialog.js';
import { AddOrganisationDialog } from './add-organisation-dialog.js';
import { InvitationDialog } from './invitation-dialog.js';
import type { Invitation } from '../../api/endpoints.js';
import { buildOrgTree, ORG_KIND_LABELS, type OrgNode } from './org-tree.js';

interface TreeItem {
  key: string;
  title: ReactNode;
  children: TreeItem[];
}

const toTreeData = (nodes: OrgNode[]): TreeItem[] =>
  nodes.map((n) => ({
    key: n.key,
    title: (
      <span>
        {n.org.name} <Tag style={{ marginInlineStart: 4 }}>{ORG_KIND_LABELS[n.org.kind]}</Tag>
      </span>
    ),
    children: toTreeData(n.children),
  }));

/**
 * 组织与账号: the organisations under the signed-in user as a tree (the hr office adds departments
 * and units), each with its code (a receiving unit gives it for a 调动) and its accounts, which are
 * administered down the tree (SPEC §6).
 */
export function OrganisationsPage() {
  const { principal } = useSession();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const orgs = useResource('organisations', () => api.organisations(), onError);
  const all = useMemo(() => orgs.data?.items ?? [], [orgs.data]);
  const tree = useMemo(() => buildOrgTree(all), [all]);
  const [selectedId, setSelectedId] = useState<string>();
  const [adding, setAdding] = useState<'org' | 'account'>();
  const [accountsTick, setAccountsTick] = useState(0);
  const [invited, setInvited] = useState<{ invitation: Invitation; name: string }>();
  const selected = all.find((o) => o.id === selectedId) ?? all[0];
  const own = all.find((o) => o.id === principal?.orgId);
  // Above the caller's own organisation the tree is not visible (a unit does not list its department).
  const parent = all.find((o) => o.id === selected?.parentId);
  const roles = rolesCreatable(principal && own ? { role: principal.role, org: own } : undefined, selected);
  const canSeeAccounts = principal !== undefined && ACCOUNT_READERS.includes(principal.role);
  const isHr = principal?.role === 'hr_officer';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          组织与账号
        </Typography.Title>
        {isHr && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('org')} disabled={all.length === 0}>
            新增主管部门或单位
          </Button>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title="组织" loading={orgs.loading && !orgs.data}>
            {tree.length === 0 ? (
              <Empty />
            ) : (
              <Tree<TreeItem>
                aria-label="组织"
                defaultExpandAll
                blockNode
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => keys[0] !== undefined && setSelectedId(String(keys[0]))}
                treeData={toTreeData(tree)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {selected && (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card title={selected.name}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="类型">
                    {ORG_KIND_LABELS[selected.kind]}
                    {selected.unitType ? ` · ${UNIT_TYPE_LABELS[selected.unitType]}` : ''}
                  </Descriptions.Item>
                  {parent && <Descriptions.Item label="上级">{parent.name}</Descriptions.Item>}
                </Descriptions>
              </Card>
              {canSeeAccounts && (
                <AccountsCard org={selected} refresh={accountsTick} manageable={roles} onCreate={() => setAdding('account')} />
              )}
            </Space>
          )}
        </Col>
      </Row>
      {isHr && (
        <AddOrganisationDialog
          open={adding === 'org'}
          organisations={all}
          defaultParentId={selected?.id}
          onClose={() => setAdding(undefined)}
          onCreated={(org) => {
            setAdding(undefined);
            message.success(`已新增${ORG_KIND_LABELS[org.kind]}「${org.name}」`);
            setSelectedId(org.id);
            orgs.reload();
          }}
        />
      )}
      {selected && roles.length > 0 && (
        <AddAccountDialog
          key={selected.id}
          open={adding === 'account'}
          org={selected}
          roles={roles}
          onClose={() => setAdding(undefined)}
          onCreated={(account) => {
            setAdding(undefined);
            message.success(`已创建账号 ${account.id}，请将邀请码交给本人`);
            setInvited({ invitation: account.invitation, name: account.name });
            setAccountsTick((t) => t + 1);
          }}
        />
      )}
      <InvitationDialog invitation={invited?.invitation} name={invited?.name} onClose={() => setInvited(undefined)} />
    </Space>
  );
}

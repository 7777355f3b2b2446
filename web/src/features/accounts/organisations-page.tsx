import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Input, List, Row, Space, Tag, Tree, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { UNIT_TYPE_LABELS, type Organisation } from '../../../../shared/organisation.js';
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
import { emptyLevels, ORG_KIND_LABELS, withChildren, withKnown, type OrgLevels } from './org-tree.js';

interface TreeItem {
  key: string;
  title: ReactNode;
  isLeaf?: boolean;
  children?: TreeItem[];
}

const MORE = 'more:';
const PAGE = 100;

const orgTitle = (o: Organisation) => (
  <span>
    {o.name} <Tag style={{ marginInlineStart: 4 }}>{ORG_KIND_LABELS[o.kind]}</Tag>
  </span>
);

/** The levels read so far as antd tree data; a level not opened yet has no children, so the tree asks for it. */
function toTreeData(levels: OrgLevels, org: Organisation): TreeItem {
  const level = levels.children.get(org.id);
  if (org.kind === 'unit') return { key: org.id, title: orgTitle(org), isLeaf: true };
  if (!level) return { key: org.id, title: orgTitle(org) };
  const children = level.items.map((o) => toTreeData(levels, o));
  if (level.cursor) children.push({ key: `${MORE}${org.id}`, title: <Typography.Link>加载更多…</Typography.Link>, isLeaf: true });
  return { key: org.id, title: orgTitle(org), children, isLeaf: children.length === 0 };
}

/**
 * 组织与账号: the organisations under the signed-in user as a tree opened a level at a time, with a
 * search by name or 统一社会信用代码 (the hr office adds departments and units), each with its code (a
 * receiving unit gives it for a 调动) and its accounts, administered down the tree (rules §6).
 */
export function OrganisationsPage() {
  const { principal } = useSession();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  // The first item of the unfiltered list is the user's own organisation: the root of their tree.
  const rootPage = useResource('organisations:root', () => api.organisations({ limit: 1 }), onError);
  const own = rootPage.data?.items[0];
  const [levels, setLevels] = useState<OrgLevels>(emptyLevels());
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<string>();
  const [found, setFound] = useState<Organisation[]>();
  const [searching, setSearching] = useState(false);
  const [parents, setParents] = useState<Organisation[]>([]);
  const [adding, setAdding] = useState<'org' | 'account'>();
  const [accountsTick, setAccountsTick] = useState(0);
  const [invited, setInvited] = useState<{ invitation: Invitation; name: string }>();

  // Written with then(), not async/await: the hooks lint reads an async body as synchronous setState.
  const loadLevel = useCallback(
    (parentId: string, cursor?: string) =>
      api.organisations({ parentId, limit: PAGE, ...(cursor ? { cursor } : {}) }).then(
        (page) => setLevels((l) => withChildren(l, parentId, page)),
        (err: unknown) => onError(err),
      ),
    [onError],
  );

  // The root, opened, as soon as it is known (state adjusted while rendering, not in an effect: React's
  // pattern for state that follows a value), then its first level from the server.
  const [rootId, setRootId] = useState<string>();
  if (own && own.id !== rootId) {
    setRootId(own.id);
    setLevels(emptyLevels(own));
    setExpanded([own.id]);
  }
  useEffect(() => {
    if (own) void loadLevel(own.id);
  }, [own, loadLevel]);

  const treeData = useMemo(() => (own ? [toTreeData(levels, levels.byId.get(own.id) ?? own)] : []), [levels, own]);
  const selected = (selectedId ? levels.byId.get(selectedId) : undefined) ?? own;
  // Above the caller's own organisation the tree is not visible (a unit does not list its department).
  const parent = selected?.parentId ? levels.byId.get(selected.parentId) : undefined;
  const roles = rolesCreatable(principal && own ? { role: principal.role, org: own } : undefined, selected);
  const canSeeAccounts = principal !== undefined && ACCOUNT_READERS.includes(principal.role);
  const isHr = principal?.role === 'hr_officer';

  const search = async (text: string) => {
    const q = text.trim();
    if (!q) return setFound(undefined);
    setSearching(true);
    try {
      const page = await api.organisations({ q, limit: 50 });
      setLevels((l) => withKnown(l, page.items));
      setFound(page.items);
    } catch (err) {
      onError(err);
    } finally {
      setSearching(false);
    }
  };

  // The hr office's possible parents for a new organisation: itself and its departments (a page of them).
  const openAddOrganisation = async () => {
    if (!own) return;
    try {
      const departments = await api.organisations({ parentId: own.id, kind: 'department', limit: 200 });
      setParents([own, ...departments.items]);
      setAdding('org');
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          组织与账号
        </Typography.Title>
        {isHr && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void openAddOrganisation()} disabled={!own}>
            新增主管部门或单位
          </Button>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title="组织" loading={rootPage.loading && !rootPage.data}>
            <Input.Search
              aria-label="查找组织"
              placeholder="按名称或统一社会信用代码查找"
              allowClear
              loading={searching}
              maxLength={50}
              onSearch={(v) => void search(v)}
              style={{ marginBottom: 12 }}
            />
            {found ? (
              <List
                aria-label="查找结果"
                size="small"
                locale={{ emptyText: '没有找到符合条件的组织' }}
                dataSource={found}
                renderItem={(o) => (
                  <List.Item onClick={() => setSelectedId(o.id)} style={{ cursor: 'pointer' }}>
                    {orgTitle(o)}
                  </List.Item>
                )}
              />
            ) : treeData.length === 0 ? (
              <Empty />
            ) : (
              <Tree<TreeItem>
                aria-label="组织"
                blockNode
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                loadData={async (node) => {
                  if (!levels.children.has(String(node.key))) await loadLevel(String(node.key));
                }}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => {
                  const key = keys[0] === undefined ? undefined : String(keys[0]);
                  if (key?.startsWith(MORE)) {
                    const parentId = key.slice(MORE.length);
                    void loadLevel(parentId, levels.children.get(parentId)?.cursor ?? undefined);
                  } else if (key) setSelectedId(key);
                }}
                treeData={treeData}
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
          organisations={parents}
          defaultParentId={selected?.id}
          onClose={() => setAdding(undefined)}
          onCreated={(org) => {
            setAdding(undefined);
            message.success(`已新增${ORG_KIND_LABELS[org.kind]}「${org.name}」`);
            setSelectedId(org.id);
            // The new organisation's level is read again, so it shows where it was added.
            if (org.parentId) void loadLevel(org.parentId).then(() => setExpanded((e) => [...new Set([...e, org.parentId!])]));
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

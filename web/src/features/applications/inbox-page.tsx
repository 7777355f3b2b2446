import { CheckOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Application } from '../../../../shared/applications.js';
import { APPLICATION_STATES, CertificateKindSchema, type ApplicationState, type CertificateKind } from '../../../../shared/workflow.js';

const CERTIFICATE_KINDS = CertificateKindSchema.options;
import { ApiError, describeError } from '../../api/client.js';
import { api, certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { UnitSearchSelect } from '../../components/unit-search-select.js';
import { useSession } from '../../app/session.js';
import { chinaToday } from '../../components/china-date.js';
import { matchesFilters, parseInboxSearch, toSearchParams, type InboxSearch } from './inbox-search.js';
import { loadApplicationSet, runForEach, type ItemResult } from './load-applications.js';
import { NewApplicationDialog } from './new-application-dialog.js';
import { ExceptionReasonsDialog, needingReasons } from '../../components/exception-reasons-dialog.js';
import { FlagTag } from '../../components/year-findings.js';
import {
  INBOX_DEFAULT_STATE,
  KIND_COLORS,
  KIND_LABELS,
  REVIEWABLE_STATE,
  STATE_COLORS,
  TITLE_LEVEL_APPLIED_LABELS,
  stateLabel,
} from '../../components/workflow-view.js';

const OUTCOME = {
  success: { color: 'success', label: '成功' },
  conflict: { color: 'warning', label: '冲突' },
  error: { color: 'error', label: '失败' },
} as const;

function yearsSummary(app: Application): string {
  if (!app.span) return '无需核认年度';
  const ok = app.years.filter((y) => y.compliant || y.deemedComplete).length;
  return `${ok} / ${app.years.length} 年达标`;
}

/**
 * 核认申请 (`/applications`): each role's inbox. It opens on the state the role acts on next, counts
 * every state under the other filters, and lets reviewers approve several at once — each one reported
 * on its own (成功 / 冲突 / 失败 with the reason), since each is its own conditional write.
 */
export function InboxPage() {
  const { principal } = useSession();
  const { modal } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseInboxSearch(params), [params]);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [approving, setApproving] = useState(false);
  const [results, setResults] = useState<ItemResult[]>();

  const role = principal?.role;
  const ownUnit = role === 'unit_clerk' || role === 'unit_reviewer' ? principal!.orgId : undefined;
  const orgs = useResource(principal ? 'organisations' : undefined, () => api.organisations(), onError);
  const units = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind === 'unit'), [orgs.data]);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const unitId = ownUnit ?? search.unit;

  const set = useResource(principal ? `apps|${unitId ?? '*'}` : undefined, () => loadApplicationSet(unitId), onError, {
    keepPrevious: true,
  });

  const state: ApplicationState | 'all' = search.state ?? (role && INBOX_DEFAULT_STATE[role]) ?? 'all';
  const filtered = useMemo(() => (set.data?.items ?? []).filter((a) => matchesFilters(a, search)), [set.data, search]);
  const counts = useMemo(() => {
    const c = Object.fromEntries(APPLICATION_STATES.map((s) => [s, 0])) as Record<ApplicationState, number>;
    for (const a of filtered) c[a.state]++;
    return c;
  }, [filtered]);
  const rows = useMemo(
    () => filtered.filter((a) => state === 'all' || a.state === state).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    [filtered, state],
  );
  const years = useMemo(() => {
    const y = Number(chinaToday().slice(0, 4));
    return [y + 1, y, y - 1, y - 2];
  }, []);

  const update = (change: Partial<InboxSearch>) => {
    setSelected([]);
    setParams(toSearchParams({ ...search, ...change }));
  };
  const truncated = (s: ApplicationState) => set.data?.truncated.includes(s);
  const count = (s: ApplicationState) => `${counts[s]}${truncated(s) ? '+' : ''}`;

  const reviewable = role ? REVIEWABLE_STATE[role] : undefined;
  const canBatch = reviewable !== undefined && state === reviewable;

  const [asking, setAsking] = useState<Application[]>();
  const approveSelected = () => {
    const chosen = rows.filter((a) => selected.includes(a.id));
    // Applications with a short year or incomplete evidence need a written reason each (issue 14).
    const flagged = needingReasons(chosen);
    if (flagged.length) return setAsking(flagged);
    modal.confirm({
      title: `批量通过 ${chosen.length} 份申请`,
      content: `将逐份${role === 'dept_reviewer' ? '复审' : '初审'}通过：${chosen.map((a) => a.personName).join('、')}。每份单独办理，结果逐份列出。`,
      okText: '全部通过',
      onOk: () => approveAll(chosen),
    });
  };
  const approveAll = async (chosen: Application[], reasons: Record<string, string> = {}) => {
    setAsking(undefined);
    setApproving(true);
    try {
      const outcome = await runForEach(
        chosen,
        (a) => certificationApi.review(a.id, a.version, 'approve', reasons[a.id]),
        (err) => ({
          conflict: err instanceof ApiError && err.status === 409,
          message: err instanceof ApiError && err.status === 409 ? `冲突：${err.message}` : describeError(err),
        }),
      );
      setResults(outcome);
      setSelected([]);
      set.reload();
    } finally {
      setApproving(false);
    }
  };

  if (!principal) return null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          核认申请
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => set.reload()} loading={set.loading}>
            刷新
          </Button>
          {role === 'unit_clerk' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              发起核认申请
            </Button>
          )}
        </Space>
      </Space>

      <Card>
        <Form layout="inline" style={{ rowGap: 12 }} aria-label="筛选条件">
          {!ownUnit && (
            <Form.Item label="单位">
              <UnitSearchSelect
                aria-label="单位"
                allowClear
                placeholder="全部单位（输入名称查找）"
                style={{ minWidth: 220 }}
                value={search.unit}
                onChange={(unit?: string) => update({ unit })}
              />
            </Form.Item>
          )}
          <Form.Item label="申报年度">
            <Select
              aria-label="申报年度"
              allowClear
              placeholder="全部"
              style={{ width: 110 }}
              value={search.year}
              onChange={(year?: number) => update({ year })}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
            />
          </Form.Item>
          <Form.Item label="申报级别">
            <Select
              aria-label="申报级别"
              allowClear
              placeholder="全部"
              style={{ width: 110 }}
              value={search.level}
              onChange={(level?: Application['titleLevel']) => update({ level })}
              options={[
                { value: 'intermediate', label: '中级' },
                { value: 'associate_senior', label: '副高级' },
                { value: 'senior', label: '正高级' },
              ]}
            />
          </Form.Item>
          <Form.Item label="证明类别">
            <Select
              aria-label="证明类别"
              allowClear
              placeholder="全部"
              style={{ width: 130 }}
              value={search.kind}
              onChange={(kind?: CertificateKind) => update({ kind })}
              options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item label="姓名">
            <Input.Search
              aria-label="姓名"
              allowClear
              defaultValue={search.q}
              key={search.q ?? ''}
              onSearch={(q) => update({ q: q.trim() || undefined })}
              style={{ width: 200 }}
            />
          </Form.Item>
        </Form>
      </Card>

      <Card>
        <Tabs
          aria-label="按状态"
          activeKey={state}
          onChange={(key) => update({ state: key as ApplicationState | 'all' })}
          items={[
            { key: 'all', label: `全部 ${filtered.length}` },
            ...APPLICATION_STATES.map((s) => ({ key: s, label: `${stateLabel(s)} ${count(s)}` })),
          ]}
        />
        {canBatch && (
          <Space style={{ marginBottom: 12 }}>
            <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} loading={approving} onClick={approveSelected}>
              批量通过{selected.length ? `（${selected.length}）` : ''}
            </Button>
            <Typography.Text type="secondary">
              勾选后逐份{role === 'dept_reviewer' ? '复审' : '初审'}通过；需退回的请进入详情填写理由。
            </Typography.Text>
          </Space>
        )}
        <Table<Application>
          aria-label="核认申请列表"
          rowKey="id"
          size="middle"
          loading={set.loading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 份` }}
          rowSelection={canBatch ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
          onRow={(a) => ({ onDoubleClick: () => navigate(`/applications/${encodeURIComponent(a.id)}`) })}
          locale={{ emptyText: <Empty description="没有符合条件的申请" /> }}
          columns={[
            { title: '申报人', render: (_, a) => <Link to={`/applications/${encodeURIComponent(a.id)}`}>{a.personName}</Link> },
            { title: '单位', render: (_, a) => unitName(a.unitId) },
            { title: '申报', render: (_, a) => `${a.applicationYear}年 ${TITLE_LEVEL_APPLIED_LABELS[a.titleLevel]}` },
            { title: '证明类别', render: (_, a) => <Tag color={KIND_COLORS[a.kind]}>{KIND_LABELS[a.kind]}</Tag> },
            { title: '核认年度', render: (_, a) => (a.span ? `${a.span.from}—${a.span.to}` : '—') },
            { title: '学时', render: (_, a) => yearsSummary(a) },
            {
              title: '证明材料',
              render: (_, a) =>
                a.years.every((y) => y.evidenceComplete) ? <Tag color="success">齐全</Tag> : <Tag color="warning">不齐全</Tag>,
            },
            { title: '达标情况', render: (_, a) => <FlagTag app={a} /> },
            { title: '状态', render: (_, a) => <Tag color={STATE_COLORS[a.state]}>{stateLabel(a.state, a.kind)}</Tag> },
            { title: '更新时间', render: (_, a) => dayjs(a.updatedAt).format('YYYY-MM-DD HH:mm') },
          ]}
        />
      </Card>

      {role === 'unit_clerk' && (
        <NewApplicationDialog
          open={creating}
          unitId={principal.orgId}
          onClose={() => setCreating(false)}
          onCreated={(app) => navigate(`/applications/${encodeURIComponent(app.id)}`)}
        />
      )}

      <ExceptionReasonsDialog
        open={!!asking}
        title="批量通过：须说明继续办理的理由"
        okText="全部通过"
        apps={asking ?? []}
        onSubmit={(reasons) =>
          approveAll(
            rows.filter((a) => selected.includes(a.id)),
            reasons,
          )
        }
        onClose={() => setAsking(undefined)}
      />

      <Modal
        open={results !== undefined}
        title="批量通过结果"
        onCancel={() => setResults(undefined)}
        footer={<Button onClick={() => setResults(undefined)}>知道了</Button>}
      >
        {results && (
          <>
            <Typography.Paragraph>
              成功 {results.filter((r) => r.outcome === 'success').length} 份，冲突 {results.filter((r) => r.outcome === 'conflict').length}{' '}
              份，失败 {results.filter((r) => r.outcome === 'error').length} 份。
            </Typography.Paragraph>
            <Table<ItemResult>
              aria-label="批量通过结果"
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={results}
              columns={[
                { title: '申报人', dataIndex: 'name' },
                { title: '结果', render: (_, r) => <Tag color={OUTCOME[r.outcome].color}>{OUTCOME[r.outcome].label}</Tag> },
                { title: '说明', dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </Modal>
    </Space>
  );
}

import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Pagination, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isValidResidentId, normaliseResidentId } from '../../../../shared/id-number.js';
import { TITLE_LEVEL_LABELS } from '../../../../shared/person.js';
import { BOOK_STATUS_LABELS } from '../../../../shared/records.js';
import { api, type PersonListItem } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { saveFile } from '../../app/save-file.js';
import { useSession } from '../../app/session.js';
import { AddPersonDialog } from './add-person-dialog.js';
import { BOOK_STATUS_COLORS } from './labels.js';
import { OwnEntriesCard } from './own-entries-card.js';
import { TransferRequestsCard } from './transfer-requests-card.js';
import { parsePeopleSearch, recentYears, toSearchParams, type PeopleSearch } from '../../components/list-search.js';

const PAGE_SIZE = 20;
/** The 全部单位 choice of the unit filter: no unit in the URL. */
const ALL_UNITS = '';

/**
 * 人员名单: one unit's people or every unit's (全部单位, where staff above units start), in pinyin
 * order, with this year's hours and 达标 unless another year is picked; searched by name or resident
 * ID, filtered by compliance, paged by the API's cursor. Filters live in the URL; the pages visited are
 * a list of cursors, so going back needs no backwards paging, and a numbered page further on is reached
 * by reading the pages before it.
 */
export function PeopleListPage() {
  const { principal } = useSession();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parsePeopleSearch(params), [params]);
  // A full ID number is searched but never put in the address bar (browser history, shared links).
  const [idQuery, setIdQuery] = useState<string>();
  // Names stay out of the address bar too (history, shared links, the site's access logs): page state only.
  const [nameQuery, setNameQuery] = useState<string>();
  const [adding, setAdding] = useState(false);

  const orgs = useResource('organisations', () => api.organisations(), onError);
  const units = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind === 'unit'), [orgs.data]);
  const aboveUnits = principal?.role !== 'unit_clerk' && principal?.role !== 'unit_reviewer';
  const unitId = search.unit && units.some((u) => u.id === search.unit) ? search.unit : aboveUnits ? undefined : units[0]?.id;
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? '—';
  const year = search.year ?? recentYears()[0]!;
  const compliance = unitId ? search.compliance : undefined;

  const query = { unitId, q: idQuery ?? nameQuery, year, compliance };
  const queryKey = orgs.data && units.length ? JSON.stringify(query) : undefined;
  const [paging, setPaging] = useState<{ key?: string; stack: (string | undefined)[] }>({ stack: [undefined] });
  const stack = paging.key === queryKey ? paging.stack : [undefined];
  const cursor = stack[stack.length - 1];
  const people = useResource(
    queryKey === undefined ? undefined : `${queryKey}|${cursor ?? ''}`,
    () => api.people({ ...query, cursor, limit: PAGE_SIZE }),
    onError,
    { keepPrevious: true },
  );

  const update = (change: Partial<PeopleSearch>) => {
    setParams(toSearchParams({ ...search, ...change }));
  };

  const submitSearch = (raw: string) => {
    const value = raw.trim();
    if (value && isValidResidentId(value)) {
      setIdQuery(normaliseResidentId(value));
      setNameQuery(undefined);
      return;
    }
    if (/^\d{6,}[\dXx]?$/.test(value)) {
      message.warning('按身份证号码查询须输入完整、正确的18位号码');
      return;
    }
    setIdQuery(undefined);
    setNameQuery(value || undefined);
  };

  const [exporting, setExporting] = useState(false);
  const exportSummary = async () => {
    if (!unitId) return;
    setExporting(true);
    try {
      const { blob, fileName } = await api.unitSummary(unitId, year);
      saveFile(blob, fileName ?? `${unitName(unitId)}${year}年度学时汇总.xlsx`);
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };

  const canAdd = principal?.role === 'unit_clerk';
  const page = stack.length;
  const total = people.data?.total ?? null;
  const [walking, setWalking] = useState(false);
  // Page k needs the cursor of page k − 1: pages not visited yet are read in turn to reach it.
  const goToPage = async (target: number) => {
    if (target <= stack.length) return setPaging({ key: queryKey, stack: stack.slice(0, target) });
    const next = [...stack];
    let after = people.data?.cursor ?? null;
    setWalking(true);
    try {
      while (after && next.length < target) {
        next.push(after);
        if (next.length < target) after = (await api.people({ ...query, cursor: after, limit: PAGE_SIZE })).cursor;
      }
      setPaging({ key: queryKey, stack: next });
    } catch (err) {
      onError(err);
    } finally {
      setWalking(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          人员名单
        </Typography.Title>
        <Space wrap>
          <Tooltip title={!unitId ? '先选择单位' : '该单位全部人员的年度学时，身份证号码脱敏'}>
            <Button icon={<DownloadOutlined />} disabled={!unitId} loading={exporting} onClick={() => void exportSummary()}>
              导出年度汇总（Excel）
            </Button>
          </Tooltip>
          {canAdd && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={units.length === 0}>
              登记人员
            </Button>
          )}
        </Space>
      </Space>
      <Card>
        <Form layout="inline" style={{ rowGap: 12 }} aria-label="筛选条件">
          <Form.Item label="单位">
            <Select
              aria-label="单位"
              style={{ minWidth: 220 }}
              loading={orgs.loading}
              value={unitId ?? (aboveUnits ? ALL_UNITS : undefined)}
              onChange={(unit: string) => update({ unit: unit || undefined })}
              options={[
                ...(aboveUnits ? [{ value: ALL_UNITS, label: '全部单位' }] : []),
                ...units.map((u) => ({ value: u.id, label: u.name })),
              ]}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item label="姓名或身份证号">
            <Input.Search
              aria-label="姓名或身份证号"
              allowClear
              placeholder="姓名（包含）或完整身份证号"
              onSearch={submitSearch}
              enterButton="查询"
              style={{ width: 300 }}
            />
          </Form.Item>
          <Form.Item label="年度">
            <Select
              aria-label="年度"
              style={{ width: 110 }}
              value={year}
              onChange={(y: number) => update({ year: y })}
              options={recentYears().map((y) => ({ value: y, label: `${y}年` }))}
            />
          </Form.Item>
          <Form.Item label="达标情况" tooltip={unitId ? undefined : '先选择单位'}>
            <Select
              aria-label="达标情况"
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              disabled={!unitId}
              value={compliance}
              onChange={(compliance?: 'compliant' | 'short') => update({ compliance })}
              options={[
                { value: 'compliant', label: '达标（≥90学时）' },
                { value: 'short', label: '未达标' },
              ]}
            />
          </Form.Item>
        </Form>
        {idQuery && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title="按身份证号码查询"
            description="结果只显示该号码对应的人员；号码不会保存在页面地址中。"
            action={
              <Button size="small" onClick={() => setIdQuery(undefined)}>
                清除
              </Button>
            }
          />
        )}
        {compliance && (
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            按达标情况筛选时只列出该年度已有学时记录的人员；没有任何记录的人员请在「达标统计」中查看。
          </Typography.Paragraph>
        )}
      </Card>
      {principal?.role !== 'person' && principal?.role !== 'dept_reviewer' && <TransferRequestsCard />}
      {unitId && principal?.role !== 'person' && <OwnEntriesCard key={unitId} unitId={unitId} />}
      <Card>
        <Table<PersonListItem>
          aria-label="人员名单"
          rowKey="id"
          size="middle"
          loading={people.loading}
          dataSource={people.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={units.length ? '没有符合条件的人员' : '没有可查看的单位'} /> }}
          columns={[
            { title: '姓名', render: (_, p) => <Link to={`/people/${encodeURIComponent(p.id)}`}>{p.name}</Link> },
            { title: '身份证号', render: (_, p) => <Typography.Text code>{p.idNumberMasked}</Typography.Text> },
            { title: '单位', render: (_, p) => unitName(p.unitId) },
            {
              title: '职称',
              render: (_, p) =>
                [p.titleSeries, p.titleLevel ? TITLE_LEVEL_LABELS[p.titleLevel] : undefined].filter(Boolean).join(' · ') || '—',
            },
            {
              title: `${year}年学时`,
              align: 'right' as const,
              render: (_: unknown, p: PersonListItem) => (p.year ? `${p.year.totalHours} / 90` : '—'),
            },
            {
              title: '达标',
              render: (_: unknown, p: PersonListItem) =>
                p.year ? p.year.compliant ? <Tag color="success">达标</Tag> : <Tag color="error">未达标</Tag> : <Tag>无学时记录</Tag>,
            },
            {
              title: '确认状态',
              render: (_: unknown, p: PersonListItem) =>
                p.year ? <Tag color={BOOK_STATUS_COLORS[p.year.status]}>{BOOK_STATUS_LABELS[p.year.status]}</Tag> : '—',
            },
          ]}
        />
        <Space style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text type="secondary" data-testid="people-total">
            {total !== null ? `共 ${total} 人` : unitId ? '' : '全部单位，按单位名称逐个列出'}
          </Typography.Text>
          <Pagination
            aria-label="分页"
            current={page}
            pageSize={PAGE_SIZE}
            // Without a total, the pages known so far and the next one, if the API says there is one.
            total={total ?? (stack.length + (people.data?.cursor ? 1 : 0)) * PAGE_SIZE}
            showSizeChanger={false}
            disabled={people.loading || walking}
            onChange={(p) => void goToPage(p)}
          />
        </Space>
      </Card>
      {canAdd && (
        <AddPersonDialog
          open={adding}
          units={units}
          defaultUnitId={unitId}
          onClose={() => setAdding(false)}
          onCreated={(id) => navigate(`/people/${encodeURIComponent(id)}`)}
        />
      )}
    </Space>
  );
}

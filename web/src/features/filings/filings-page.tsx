import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FILING_STATUS_LABELS, type Filing, type FilingStatus } from '../../../../shared/filings.js';
import { CATEGORY_LABELS } from '../../../../shared/hours/notes.js';
import { api, filingsApi, type FilingsQuery } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { CursorPager, useCursorPages } from '../../components/cursor-pages.js';
import { DecisionButtons, mayDecide } from './decision.js';
import { FilingForm } from './filing-form.js';
import { datesLabel, FILING_STATUS_COLORS, RECIPIENT_LABELS, unitsLabel } from './labels.js';

const PAGE_SIZE = 20;

/**
 * 培训备案: a unit's own filings (its clerk files new ones); for a department or the hr office, the
 * inbox of filings it keeps, to acknowledge or return, and any unit's filings in its scope.
 */
export function FilingsPage() {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const [filing, setFiling] = useState(false);
  const orgs = useResource('organisations', () => api.organisations(), onError);
  const own = orgs.data?.items.find((o) => o.id === principal?.orgId);
  const units = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind === 'unit'), [orgs.data]);
  const role = principal?.role;
  const keeper = role === 'dept_reviewer' || role === 'hr_officer';
  const isUnit = role === 'unit_clerk' || role === 'unit_reviewer';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          培训备案
        </Typography.Title>
        {role === 'unit_clerk' && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} disabled={!own}>
            新建备案
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        单位自行组织的线下培训，事先备案：专业科目报主管部门（无主管部门的报人社部门），公需科目报人社部门。确认后培训结束时录入出勤，学时直接计入。
      </Typography.Paragraph>
      {isUnit ? (
        <Card>
          <FilingList query={{ box: 'unit' }} label="本单位的培训备案" showUnit={false} />
        </Card>
      ) : (
        <Card>
          <Tabs
            items={[
              ...(keeper
                ? [
                    {
                      key: 'inbox',
                      label: '待确认',
                      children: <FilingList query={{ box: 'inbox', status: 'filed' }} label="待确认的备案" />,
                    },
                    {
                      key: 'all',
                      label: '全部收到的备案',
                      children: <FilingList query={{ box: 'inbox' }} label="收到的备案" statusFilter />,
                    },
                  ]
                : []),
              { key: 'unit', label: '按单位查看', children: <UnitFilings units={units} /> },
            ]}
          />
        </Card>
      )}
      {role === 'unit_clerk' && (
        <FilingForm
          open={filing}
          hasDepartment={(own?.path.length ?? 0) > 2}
          onClose={() => setFiling(false)}
          onFiled={(f) => navigate(`/filings/${encodeURIComponent(f.id)}`)}
        />
      )}
    </Space>
  );
}

function UnitFilings({ units }: { units: { id: string; name: string }[] }) {
  const [unitId, setUnitId] = useState<string>();
  const chosen = unitId ?? units[0]?.id;
  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label="单位">
          <Select
            aria-label="单位"
            style={{ minWidth: 240 }}
            value={chosen}
            onChange={setUnitId}
            showSearch={{ optionFilterProp: 'label' }}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      </Form>
      {chosen ? (
        <FilingList query={{ box: 'unit', unitId: chosen }} label="该单位的培训备案" showUnit={false} statusFilter />
      ) : (
        <Empty description="没有可查看的单位" />
      )}
    </>
  );
}

function FilingList({
  query,
  label,
  showUnit = true,
  statusFilter = !query.status,
}: {
  query: FilingsQuery;
  label: string;
  showUnit?: boolean;
  statusFilter?: boolean;
}) {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const [status, setStatus] = useState<FilingStatus>();
  const full = { ...query, ...(status ? { status } : {}) };
  const queryKey = JSON.stringify(full);
  const pages = useCursorPages(queryKey);
  const [tick, setTick] = useState(0);
  const filings = useResource(
    `${queryKey}|${pages.cursor ?? ''}|${tick}`,
    () => filingsApi.filings({ ...full, cursor: pages.cursor, limit: PAGE_SIZE }),
    onError,
    { keepPrevious: true },
  );
  const deciding = (filings.data?.items ?? []).some((f) => mayDecide(principal, f));

  return (
    <>
      {statusFilter && (
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label="状态">
            <Select
              aria-label="状态"
              allowClear
              placeholder="全部"
              style={{ width: 160 }}
              value={status}
              onChange={setStatus}
              options={Object.entries(FILING_STATUS_LABELS).map(([value, text]) => ({ value, label: text }))}
            />
          </Form.Item>
        </Form>
      )}
      <Table<Filing>
        aria-label={label}
        rowKey="id"
        size="middle"
        loading={filings.loading}
        dataSource={filings.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description="没有培训备案" /> }}
        columns={[
          { title: '培训名称', render: (_, f) => <Link to={`/filings/${encodeURIComponent(f.id)}`}>{f.title}</Link> },
          ...(showUnit ? [{ title: '单位', render: (_: unknown, f: Filing) => f.unitName }] : []),
          { title: '类别', render: (_, f) => CATEGORY_LABELS[f.category] },
          { title: '培训日期', render: (_, f) => datesLabel(f) },
          { title: '时长', render: (_, f) => unitsLabel(f) },
          { title: '受理', render: (_, f) => RECIPIENT_LABELS[f.recipientKind] },
          { title: '状态', render: (_, f) => <Tag color={FILING_STATUS_COLORS[f.status]}>{FILING_STATUS_LABELS[f.status]}</Tag> },
          { title: '出勤计入', align: 'right', render: (_, f) => (f.attendanceCount ? `${f.attendanceCount}人` : '—') },
          { title: '备案时间', render: (_, f) => dayjs(f.filedAt).format('YYYY-MM-DD HH:mm') },
          ...(deciding
            ? [
                {
                  title: '操作',
                  render: (_: unknown, f: Filing) =>
                    mayDecide(principal, f) ? <DecisionButtons filing={f} size="small" onDone={() => setTick((t) => t + 1)} /> : null,
                },
              ]
            : []),
        ]}
      />
      <CursorPager pages={pages} nextCursor={filings.data?.cursor} loading={filings.loading} />
    </>
  );
}

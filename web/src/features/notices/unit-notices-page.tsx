import { PrinterOutlined } from '@ant-design/icons';
import { Card, Empty, Form, List, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import * as z from 'zod';
import { noticeBatchLabel, noticeYear, type Notice, type Objection } from '../../../../shared/applications.js';
import { api, certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { PublishNoticeCard } from './publish-notice-card.js';

const OBJECTION_STATUS: Record<Objection['status'], { color: string; label: string }> = {
  open: { color: 'error', label: '待处理' },
  upheld: { color: 'default', label: '异议成立' },
  dismissed: { color: 'default', label: '异议不成立' },
};

/** `?unit=…` for staff above units, `?select=id,id` to preselect applications to publish. */
const SearchSchema = z.object({
  unit: z.string().trim().min(1).max(100).optional().catch(undefined),
  select: z
    .string()
    .max(2000)
    .optional()
    .catch(undefined)
    .transform((s) => (s ? s.split(',').filter(Boolean) : [])),
});

function Objections({ notice }: { notice: Notice }) {
  const onError = useErrorHandler();
  const list = useResource(notice.id, () => certificationApi.objections(notice.id), onError);
  return (
    <List
      aria-label={`${noticeBatchLabel(notice) || notice.title}的异议`}
      size="small"
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: '未收到异议' }}
      renderItem={(o) => (
        <List.Item
          extra={<Tag color={OBJECTION_STATUS[o.status].color}>{OBJECTION_STATUS[o.status].label}</Tag>}
          actions={[
            <Link key="app" to={`/applications/${encodeURIComponent(o.applicationId)}`}>
              {o.status === 'open' ? '去处理' : '查看申请'}
            </Link>,
          ]}
        >
          <List.Item.Meta
            title={`${o.receiptNo ? `受理编号 ${o.receiptNo} · ` : ''}${o.name || '匿名'} · ${o.contact} · ${dayjs(o.createdAt).format('YYYY-MM-DD HH:mm')}`}
            description={
              <>
                <div>{o.text}</div>
                {o.resolution && <Typography.Text type="secondary">处理意见：{o.resolution}</Typography.Text>}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

/**
 * 公示管理 (`/unit-notices`): the unit reviewer publishes a notice; every notice of the unit is listed
 * with its dates, status, its public and printable versions, and the objections it received.
 */
export function UnitNoticesPage() {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => SearchSchema.parse(Object.fromEntries(params)), [params]);

  const ownUnit = principal?.role === 'unit_clerk' || principal?.role === 'unit_reviewer' ? principal.orgId : undefined;
  const orgs = useResource(principal ? 'organisations' : undefined, () => api.organisations(), onError);
  const units = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind === 'unit'), [orgs.data]);
  const unitId = ownUnit ?? (search.unit && units.some((u) => u.id === search.unit) ? search.unit : units[0]?.id);
  const unitName = units.find((u) => u.id === unitId)?.name ?? '';

  const notices = useResource(unitId ? `notices|${unitId}` : undefined, () => certificationApi.unitNotices(unitId!), onError);
  const rows = useMemo(() => [...(notices.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [notices.data]);
  const openNotices = useMemo(() => rows.filter((n) => n.status === 'open'), [rows]);
  // The API numbers a notice after the unit's notices of its start year (unnumbered older ones count too).
  const nextBatchNo = (year: number) => {
    const ofYear = rows.filter((n) => noticeYear(n) === year);
    return Math.max(ofYear.length, ...ofYear.map((n) => n.batchNo ?? 0)) + 1;
  };

  if (!principal) return null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        公示管理
      </Typography.Title>
      {!ownUnit && (
        <Card>
          <Form layout="inline">
            <Form.Item label="单位">
              <Select
                aria-label="单位"
                style={{ minWidth: 240 }}
                loading={orgs.loading}
                value={unitId}
                onChange={(unit: string) => setParams({ unit })}
                options={units.map((u) => ({ value: u.id, label: u.name }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Form>
        </Card>
      )}
      {principal.role === 'unit_reviewer' && unitId && (
        <PublishNoticeCard
          unitId={unitId}
          unitName={unitName}
          preselect={search.select}
          openNotices={notices.loading ? [] : openNotices}
          nextBatchNo={nextBatchNo}
          onPublished={() => {
            setParams({});
            notices.reload();
          }}
        />
      )}
      <Card title="本单位公示">
        <Table<Notice>
          aria-label="本单位公示"
          rowKey="id"
          size="middle"
          loading={notices.loading}
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          expandable={{ expandedRowRender: (n) => <Objections notice={n} />, expandRowByClick: false }}
          locale={{ emptyText: <Empty description="暂无公示" /> }}
          columns={[
            { title: '批次', render: (_, n) => noticeBatchLabel(n) || '—' },
            { title: '标题', render: (_, n) => <Link to={`/notices/${encodeURIComponent(n.id)}`}>{n.title}</Link> },
            { title: '公示期', render: (_, n) => `${n.startDate} 至 ${n.endDate}` },
            { title: '人数', align: 'right', render: (_, n) => n.applicationIds.length },
            { title: '状态', render: (_, n) => (n.status === 'open' ? <Tag color="gold">公示中</Tag> : <Tag>已结束</Tag>) },
            {
              title: '打印',
              render: (_, n) => (
                <Link to={`/notices/${encodeURIComponent(n.id)}/print`} aria-label={`打印 ${noticeBatchLabel(n) || n.title}`}>
                  <PrinterOutlined /> 张贴版
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

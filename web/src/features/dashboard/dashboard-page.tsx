import { Alert, Breadcrumb, Card, Col, Descriptions, Empty, Form, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import * as z from 'zod';
import { complianceYear, ZERO_COUNTERS, type ComplianceYear, type OrganisationCompliance } from '../../../../shared/aggregates.js';
import { api } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { recentYears } from '../../components/list-search.js';
import { StackedBarChart } from './bar-chart.js';
import { ratePercent, TrendChart } from './trend-chart.js';

/** `/dashboard?year=2025&org=dept-health`: the year and the part of the tree to count, checked like any input. */
const DashboardSearchSchema = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  org: z.string().trim().min(1).max(100).optional().catch(undefined),
});

const COLORS = { compliant: '#389e0d', short: '#cf1322', noRecord: '#8c8c8c' };

/** The words on screen are the counts' definitions (shared/aggregates.ts), so the figures can be checked. */
const DEFINITIONS = [
  { label: '人员', text: '目前登记在本组织（含下级单位）的专技人员' },
  { label: '达标', text: '该年度学时达到要求（不少于90学时，或视同完成）' },
  { label: '未达标', text: '该年度有计入学时的项目，但未达到要求' },
  { label: '无学时记录', text: '该年度没有计入学时的项目（未登记或登记手册为空）；人员 = 达标 + 未达标 + 无学时记录' },
  { label: '达标率', text: '达标人数 ÷ 人员' },
];

function yearOf(org: OrganisationCompliance | undefined, year: number): ComplianceYear {
  return org?.years.find((y) => y.year === year) ?? complianceYear(year, org?.people ?? 0, ZERO_COUNTERS);
}

interface Row {
  org: OrganisationCompliance;
  figures: ComplianceYear;
}

/**
 * 达标统计 from the maintained counts (issue 19): the chosen organisation and those directly under it,
 * one request whatever the number of people, sorted worst pass rate first, with the trend across years.
 */
export function DashboardPage() {
  const onError = useErrorHandler();
  const [params, setParams] = useSearchParams();
  const search = DashboardSearchSchema.parse(Object.fromEntries(params));
  // The last complete year by default: this year's hours are still coming in.
  const year = search.year ?? dayjs().year() - 1;

  const stats = useResource(`compliance|${search.org ?? ''}`, () => api.compliance(search.org), onError);
  const root = stats.data?.organisation;
  const totals = yearOf(root, year);
  const rows: Row[] = (stats.data?.children ?? [])
    .map((org) => ({ org, figures: yearOf(org, year) }))
    // Worst first; organisations with nobody to count go last.
    .sort((a, b) => (a.figures.rate ?? 2) - (b.figures.rate ?? 2) || a.org.name.localeCompare(b.org.name, 'zh-CN'));
  const trend = (root?.years ?? []).filter((y) => y.year <= dayjs().year()).slice(-10);

  const update = (change: { year?: number; org?: string }) => {
    const org = change.org ?? search.org;
    setParams({ year: String(change.year ?? year), ...(org ? { org } : {}) });
  };
  const drill = (org: OrganisationCompliance) =>
    org.kind === 'unit'
      ? `/people?unit=${encodeURIComponent(org.id)}&year=${year}&compliance=short`
      : `/dashboard?year=${year}&org=${encodeURIComponent(org.id)}`;
  const loading = stats.loading && !stats.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        达标统计
      </Typography.Title>
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {search.org && root && <Breadcrumb items={[{ title: <Link to={`/dashboard?year=${year}`}>本级</Link> }, { title: root.name }]} />}
          <Form layout="inline" style={{ rowGap: 12 }}>
            <Form.Item label="年度">
              <Select
                aria-label="年度"
                style={{ width: 110 }}
                value={year}
                onChange={(y: number) => update({ year: y })}
                options={recentYears().map((y) => ({ value: y, label: `${y}年` }))}
              />
            </Form.Item>
            <Form.Item label="范围">
              <Typography.Text strong>{root?.name ?? '…'}</Typography.Text>
            </Form.Item>
          </Form>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={5}>
          <Card loading={loading}>
            <Statistic title="人员" value={totals.people} suffix="人" />
          </Card>
        </Col>
        <Col xs={12} md={5}>
          <Card loading={loading}>
            <Statistic title="达标" value={totals.compliant} suffix="人" styles={{ content: { color: COLORS.compliant } }} />
          </Card>
        </Col>
        <Col xs={12} md={5}>
          <Card loading={loading}>
            <Statistic title="未达标（有学时）" value={totals.short} suffix="人" styles={{ content: { color: COLORS.short } }} />
          </Card>
        </Col>
        <Col xs={12} md={5}>
          <Card loading={loading}>
            <Statistic title="无学时记录" value={totals.noRecord} suffix="人" />
          </Card>
        </Col>
        <Col xs={24} md={4}>
          <Card loading={loading}>
            <Statistic title="达标率" value={ratePercent(totals.rate)} />
          </Card>
        </Col>
      </Row>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        title="统计口径"
        items={DEFINITIONS.map((d) => ({ key: d.label, label: d.label, children: d.text }))}
      />
      {totals.pending > 0 && (
        <Alert type="info" showIcon title={`${year}年度有${totals.pending}人的登记手册有待处理记录（年度确认后收到，尚未计入）`} />
      )}
      <Card title={`${year}年度各${root?.kind === 'department' ? '单位' : '部门与单位'}达标率（由低到高）`} loading={loading}>
        {rows.length === 0 ? (
          <Empty description="没有下级组织" />
        ) : (
          <Table<Row>
            aria-label={`${year}年度各组织达标情况`}
            rowKey={(r) => r.org.id}
            size="small"
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '名称', render: (_, r) => <Link to={drill(r.org)}>{r.org.name}</Link> },
              { title: '人员', align: 'right', render: (_, r) => r.figures.people },
              { title: '达标', align: 'right', render: (_, r) => r.figures.compliant },
              { title: '未达标', align: 'right', render: (_, r) => r.figures.short },
              { title: '无学时记录', align: 'right', render: (_, r) => r.figures.noRecord },
              { title: '达标率', align: 'right', render: (_, r) => ratePercent(r.figures.rate) },
            ]}
          />
        )}
      </Card>
      {rows.length > 0 && (
        <Card title={`${year}年度各组织人员构成`} loading={loading}>
          <StackedBarChart
            title={`${year}年度各组织人员构成`}
            bars={rows.map((r) => ({
              key: r.org.id,
              label: r.org.name,
              segments: [
                { label: '达标', value: r.figures.compliant, color: COLORS.compliant },
                { label: '未达标', value: r.figures.short, color: COLORS.short },
                { label: '无学时记录', value: r.figures.noRecord, color: COLORS.noRecord },
              ],
            }))}
          />
        </Card>
      )}
      <Card title={`${root?.name ?? ''}历年达标率`} loading={loading}>
        {trend.length === 0 ? <Empty description="尚无学时记录" /> : <TrendChart title={`${root?.name ?? ''}历年达标率`} years={trend} />}
      </Card>
    </Space>
  );
}

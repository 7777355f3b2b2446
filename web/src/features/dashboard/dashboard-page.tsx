import { Alert, Card, Col, Empty, Form, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import * as z from 'zod';
import { isWithin, type Organisation } from '../../../../shared/organisation.js';
import { BOOK_STATUS_LABELS } from '../../../../shared/records.js';
import { api, type PersonListItem } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { recentYears } from '../people/list-search.js';
import { StackedBarChart } from './bar-chart.js';
import { loadUnitCompliance, mapLimited } from './compliance.js';

/** `/dashboard?year=2025&org=dept-health`: the year and the part of the tree to count, checked like any input. */
const DashboardSearchSchema = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  org: z.string().trim().min(1).max(100).optional().catch(undefined),
});

const COLORS = { compliant: '#389e0d', short: '#cf1322', noRecord: '#8c8c8c' };

interface Shortfall {
  unitName: string;
  person: PersonListItem;
}

/**
 * 达标统计: per unit and year, how many people meet 90 hours and how many fall short (including those
 * with no record that year), as a bar chart, with the list of everyone short.
 */
export function DashboardPage() {
  const onError = useErrorHandler();
  const [params, setParams] = useSearchParams();
  const search = DashboardSearchSchema.parse(Object.fromEntries(params));
  // The last complete year by default: this year's hours are still coming in.
  const year = search.year ?? dayjs().year() - 1;

  const orgs = useResource('organisations', () => api.organisations(), onError);
  const all = useMemo(() => orgs.data?.items ?? [], [orgs.data]);
  // The parts of the tree one can count: the hr office or a department (all units under it); a unit's
  // own users see just their unit.
  const scopes = all.some((o) => o.kind !== 'unit') ? all.filter((o) => o.kind !== 'unit') : all;
  const scope: Organisation | undefined = all.find((o) => o.id === search.org) ?? all[0];
  const units = useMemo(() => (scope ? all.filter((o) => o.kind === 'unit' && isWithin(scope, o)) : []), [all, scope]);

  const key = scope ? `${scope.id}|${year}|${units.map((u) => u.id).join(',')}` : undefined;
  const stats = useResource(key, () => mapLimited(units, 4, (u) => loadUnitCompliance(u, year)), onError);

  const rows = stats.data ?? [];
  const totals = rows.reduce(
    (t, r) => ({ compliant: t.compliant + r.compliant, short: t.short + r.short.length, noRecord: t.noRecord + r.noRecord.length }),
    { compliant: 0, short: 0, noRecord: 0 },
  );
  const shortfalls: Shortfall[] = rows.flatMap((r) => [...r.short, ...r.noRecord].map((person) => ({ unitName: r.unit.name, person })));
  const people = totals.compliant + totals.short + totals.noRecord;

  const update = (change: { year?: number; org?: string }) => {
    const org = change.org ?? search.org;
    setParams({ year: String(change.year ?? year), ...(org ? { org } : {}) });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        达标统计
      </Typography.Title>
      <Card>
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
          {scopes.length > 1 && (
            <Form.Item label="范围">
              <Select
                aria-label="范围"
                style={{ minWidth: 240 }}
                value={scope?.id}
                onChange={(org: string) => update({ org })}
                options={scopes.map((o) => ({ value: o.id, label: o.kind === 'unit' ? o.name : `${o.name}（全部单位）` }))}
              />
            </Form.Item>
          )}
        </Form>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card loading={stats.loading && !stats.data}>
            <Statistic title="人员" value={people} suffix="人" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={stats.loading && !stats.data}>
            <Statistic title="达标（≥90学时）" value={totals.compliant} suffix="人" styles={{ content: { color: COLORS.compliant } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={stats.loading && !stats.data}>
            <Statistic title="未达标" value={totals.short} suffix="人" styles={{ content: { color: COLORS.short } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={stats.loading && !stats.data}>
            <Statistic title="无学时记录" value={totals.noRecord} suffix="人" />
          </Card>
        </Col>
      </Row>
      <Card title={`${year}年度各单位达标情况`} loading={stats.loading && !stats.data}>
        {rows.length === 0 ? (
          <Empty description="没有可统计的单位" />
        ) : (
          <StackedBarChart
            title={`${year}年度各单位达标情况`}
            bars={rows.map((r) => ({
              key: r.unit.id,
              label: r.unit.name,
              segments: [
                { label: '达标', value: r.compliant, color: COLORS.compliant },
                { label: '未达标', value: r.short.length, color: COLORS.short },
                { label: '无学时记录', value: r.noRecord.length, color: COLORS.noRecord },
              ],
            }))}
          />
        )}
      </Card>
      <Card title={`${year}年度未达标人员（${shortfalls.length}人）`} loading={stats.loading && !stats.data}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="每年须不少于90学时；「无学时记录」指该年度没有任何已登记的活动。"
        />
        <Table<Shortfall>
          aria-label={`${year}年度未达标人员`}
          rowKey={(s) => s.person.id}
          size="small"
          dataSource={shortfalls}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            {
              title: '姓名',
              render: (_, s) => <Link to={`/people/${encodeURIComponent(s.person.id)}?year=${year}`}>{s.person.name}</Link>,
            },
            { title: '身份证号', render: (_, s) => <Typography.Text code>{s.person.idNumberMasked}</Typography.Text> },
            {
              title: '学时',
              align: 'right',
              render: (_, s) => (s.person.year ? `${s.person.year.totalHours} / 90` : '0 / 90'),
            },
            {
              title: '情况',
              render: (_, s) =>
                s.person.year ? (
                  <Space size={4}>
                    <Tag color="error">未达标</Tag>
                    <Tag>{BOOK_STATUS_LABELS[s.person.year.status]}</Tag>
                  </Space>
                ) : (
                  <Tag>无学时记录</Tag>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

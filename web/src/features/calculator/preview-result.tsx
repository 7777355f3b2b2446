import { Alert, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Activity, HoursItem, PreviewResponse, RejectedActivity, YearResult } from '../../../../shared/hours/schemas.js';
import { CATEGORY_LABELS, RULE_LABELS, WARNING_LABELS } from '../../../../shared/hours/notes.js';
import { YearBadges } from '../../components/activities/year-badges.js';
import { nameOfActivityId, withRowNumbers } from './rows.js';

interface Props {
  response: PreviewResponse;
  /** The activities the response was computed for: results name them by row. */
  activities: readonly Activity[];
}

/** The preview's answer: a summary over the years, then each year with every figure explained. */
export function PreviewResult({ response, activities }: Props) {
  if (response.years.length === 0) {
    return <Empty description="没有可计算的年度：请添加活动或填写核认跨度" />;
  }
  const compliantYears = response.years.filter((y) => y.compliant).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="计算结果" extra={`${response.years.length}个年度中${compliantYears}个达标`}>
        <Table<YearResult>
          aria-label="各年度学时汇总"
          rowKey="year"
          size="small"
          pagination={false}
          dataSource={response.years}
          columns={[
            { title: '年度', width: 100, render: (_, y) => `${y.year}年` },
            { title: '公需科目', width: 120, align: 'right', render: (_, y) => `${y.publicHours}学时` },
            { title: '专业科目', width: 120, align: 'right', render: (_, y) => `${y.professionalHours}学时` },
            { title: '合计 / 要求', width: 140, align: 'right', render: (_, y) => `${y.totalHours} / ${y.requiredHours}学时` },
            { title: '结论', render: (_, y) => <YearBadges year={y} /> },
          ]}
        />
      </Card>
      {response.years.map((year) => (
        <YearCard key={year.year} year={year} activities={activities} />
      ))}
      {response.rejected.length > 0 && <RejectedCard rejected={response.rejected} activities={activities} />}
    </Space>
  );
}

function YearCard({ year, activities }: { year: YearResult; activities: readonly Activity[] }) {
  const rules = [...new Set(year.items.map((i) => i.rule))];
  return (
    <Card title={`${year.year}年度`} extra={<YearBadges year={year} />} role="region" aria-label={`${year.year}年度`} size="small">
      <Typography.Paragraph>
        公需科目 <Typography.Text strong>{year.publicHours}</Typography.Text> 学时 · 专业科目{' '}
        <Typography.Text strong>{year.professionalHours}</Typography.Text> 学时 · 合计{' '}
        <Typography.Text strong>{year.totalHours}</Typography.Text> 学时
        <Typography.Text type="secondary">
          （每年须不少于{year.requiredHours}学时；依据：{year.basis.document}
          {year.basis.assumed ? '，该年度通知尚未录入，按此前年度的规定试算' : ''}）
        </Typography.Text>
      </Typography.Paragraph>
      {year.warnings.map((w, i) => (
        <Alert
          key={i}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={WARNING_LABELS[w.code]}
          description={withRowNumbers(w.message)}
        />
      ))}
      {year.items.length === 0 ? (
        <Typography.Text type="secondary">本年度没有计入学时的活动</Typography.Text>
      ) : (
        <>
          <Table<HoursItem>
            aria-label={`${year.year}年度计入的活动`}
            rowKey={(i) => `${i.activityId}-${i.category}-${i.rule}`}
            size="small"
            pagination={false}
            dataSource={year.items}
            columns={[
              { title: '活动', render: (_, i) => nameOfActivityId(i.activityId, activities) },
              { title: '类别', width: 90, render: (_, i) => CATEGORY_LABELS[i.category] },
              { title: '学时', width: 70, align: 'right', render: (_, i) => i.hours },
              {
                title: '依据',
                width: 70,
                render: (_, i) => (
                  <Tooltip title={RULE_LABELS[i.rule]}>
                    <Tag>{i.rule}</Tag>
                  </Tooltip>
                ),
              },
              { title: '折算说明', render: (_, i) => i.note },
            ]}
          />
          <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
            {rules.map((rule) => (
              <li key={rule}>
                <Typography.Text type="secondary">
                  {rule}：{RULE_LABELS[rule]}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

function RejectedCard({ rejected, activities }: { rejected: RejectedActivity[]; activities: readonly Activity[] }) {
  return (
    <Card title="不计学时的活动" size="small" role="region" aria-label="不计学时的活动">
      <Table<RejectedActivity>
        rowKey={(r) => `${r.activityId}-${r.code}`}
        size="small"
        pagination={false}
        dataSource={rejected}
        columns={[
          { title: '活动', render: (_, r) => nameOfActivityId(r.activityId, activities) },
          { title: '原因', render: (_, r) => withRowNumbers(r.message) },
        ]}
      />
    </Card>
  );
}

import { Table, Tag, Typography } from 'antd';
import type { ApplicationYear } from '../../../../shared/applications.js';
import { BOOK_STATUS_LABELS, type BookStatus } from '../../../../shared/records.js';
import { YearVerdictCell } from '../../components/year-findings.js';

function sourceLabel(source: string): string {
  return BOOK_STATUS_LABELS[source as BookStatus] ? `登记手册（${BOOK_STATUS_LABELS[source as BookStatus]}）` : source;
}

function ContentList({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/**
 * The span's years as the application froze them at submission: hours by category, the content that
 * counted, compliance (R1) and whether every counted activity has complete evidence (rules §4).
 */
export function YearsTable({ years }: { years: readonly ApplicationYear[] }) {
  return (
    <Table<ApplicationYear>
      aria-label="核认年度学时"
      rowKey="year"
      size="small"
      pagination={false}
      dataSource={[...years]}
      scroll={{ x: 900 }}
      columns={[
        { title: '年度', render: (_, y) => `${y.year}年`, width: 80 },
        { title: '公需科目', align: 'right', render: (_, y) => `${y.publicHours}学时`, width: 100 },
        { title: '专业科目', align: 'right', render: (_, y) => `${y.professionalHours}学时`, width: 100 },
        { title: '合计', align: 'right', render: (_, y) => `${y.totalHours} / 90`, width: 90 },
        { title: '达标情况', width: 200, render: (_, y) => <YearVerdictCell year={y} /> },
        {
          title: '学习内容',
          render: (_, y) =>
            y.publicContent.length + y.professionalContent.length === 0 ? (
              <Typography.Text type="secondary">无学习记录</Typography.Text>
            ) : (
              <>
                <Typography.Text type="secondary">公需：</Typography.Text>
                <ContentList lines={y.publicContent} />
                <Typography.Text type="secondary">专业：</Typography.Text>
                <ContentList lines={y.professionalContent} />
              </>
            ),
        },
        {
          title: '佐证材料',
          width: 100,
          render: (_, y) => (y.evidenceComplete ? <Tag color="success">齐全</Tag> : <Tag color="warning">不齐全</Tag>),
        },
        {
          title: '数据来源',
          width: 160,
          render: (_, y) => (
            <>
              {sourceLabel(y.source)}
              {(y.unverifiedCertificates ?? []).map((n) => (
                <div key={n}>
                  <Tag color="warning">未核验</Tag>认定单 {n}（不计入）
                </div>
              ))}
            </>
          ),
        },
      ]}
    />
  );
}

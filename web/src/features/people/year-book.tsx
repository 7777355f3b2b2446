import { Alert, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { CATEGORY_LABELS, RULE_LABELS, WARNING_LABELS } from '../../../../shared/hours/notes.js';
import type { HoursItem, RejectedActivity } from '../../../../shared/hours/schemas.js';
import { BOOK_STATUS_LABELS, type RegistrationBook } from '../../../../shared/records.js';
import { YearBadges } from '../../components/activities/year-badges.js';
import type { ActivityNamer } from './activity-names.js';
import { BOOK_STATUS_COLORS } from './labels.js';

/** The professional hours the notice asks for: 2/3 of the year's required hours (rules §3 R1 decision). */
const professionalRequired = (requiredHours: number) => Math.ceil((requiredHours * 20) / 3) / 10;

interface HoursRow {
  key: string;
  subject: string;
  hours: number;
  requirement: string;
}

export function BookStatusTag({ book }: { book: Pick<RegistrationBook, 'status'> }) {
  return <Tag color={BOOK_STATUS_COLORS[book.status]}>{BOOK_STATUS_LABELS[book.status]}</Tag>;
}

const when = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');

/**
 * One year of the 登记手册: the hours against the 90 required, each credited item with its rule and
 * note, the engine's warnings, what earned nothing and why, and who signed the year off.
 */
export function YearBook({ book, namer }: { book: RegistrationBook; namer: ActivityNamer }) {
  const r = book.result;
  const rows: HoursRow[] = [
    { key: 'public', subject: '公需科目', hours: r.publicHours, requirement: '—' },
    {
      key: 'professional',
      subject: '专业科目',
      hours: r.professionalHours,
      requirement: `一般不少于${professionalRequired(r.requiredHours)}（${r.requiredHours}学时的2/3）`,
    },
    { key: 'total', subject: '合计', hours: r.totalHours, requirement: `不少于${r.requiredHours}` },
  ];
  const rules = [...new Set(r.items.map((i) => i.rule))];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <YearBadges year={r} />
      <Table<HoursRow>
        aria-label={`${book.year}年度学时`}
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '科目', dataIndex: 'subject', width: 120 },
          {
            title: '学时',
            align: 'right',
            width: 100,
            render: (_, row) => <Typography.Text strong={row.key === 'total'}>{row.hours}</Typography.Text>,
          },
          { title: '要求（学时）', dataIndex: 'requirement' },
        ]}
      />
      {r.deemedComplete && <Alert type="info" showIcon title="该年度承担省级以上特定工作任务，视为完成当年学时（附件第二部分第7条）" />}
      {/* An empty year is one plain fact, not three warnings that each say it differently (issue 14). */}
      {r.items.length === 0 && !r.deemedComplete ? (
        <Alert type="warning" showIcon title="无学时记录" description={`该年度没有计入学时的项目；须完成不少于${r.requiredHours}学时。`} />
      ) : (
        r.warnings.map((w, i) => (
          <Alert key={i} type="warning" showIcon title={WARNING_LABELS[w.code]} description={namer.rewrite(w.message)} />
        ))
      )}
      {book.pendingCount > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有${book.pendingCount}项记录待处理`}
          description="该年度确认后又收到的记录暂不计入；单位审核人重新打开该年度后，可在下方活动列表中接收。"
        />
      )}
      <div>
        <Typography.Title level={5}>计入学时的项目</Typography.Title>
        {r.items.length === 0 ? (
          <Typography.Text type="secondary">本年度没有计入学时的项目</Typography.Text>
        ) : (
          <Table<HoursItem>
            aria-label={`${book.year}年度计入的项目`}
            rowKey={(i) => `${i.activityId}-${i.category}-${i.rule}`}
            size="small"
            pagination={false}
            dataSource={r.items}
            columns={[
              { title: '项目', render: (_, i) => namer.name(i.activityId, i) },
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
        )}
        {rules.length > 0 && (
          <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
            {rules.map((rule) => (
              <li key={rule}>
                <Typography.Text type="secondary">
                  {rule}：{RULE_LABELS[rule]}
                </Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </div>
      {book.rejected.length > 0 && (
        <div>
          <Typography.Title level={5}>不计学时的项目</Typography.Title>
          <Table<RejectedActivity>
            aria-label={`${book.year}年度不计学时的项目`}
            rowKey={(x) => `${x.activityId}-${x.code}`}
            size="small"
            pagination={false}
            dataSource={book.rejected}
            columns={[
              { title: '项目', render: (_, x) => namer.name(x.activityId) },
              { title: '原因', render: (_, x) => namer.rewrite(x.message) },
            ]}
          />
        </div>
      )}
      {(book.unitConfirmed || book.deptConfirmed) && (
        <Descriptions size="small" column={1} bordered title="确认记录">
          {book.unitConfirmed && (
            <Descriptions.Item label="单位确认">
              {book.unitConfirmed.name} · {when(book.unitConfirmed.at)}
            </Descriptions.Item>
          )}
          {book.acceptedShortShareReason && (
            <Descriptions.Item label="专业科目不足的认可理由">{book.acceptedShortShareReason}</Descriptions.Item>
          )}
          {book.acceptedMissingEvidence && (
            <Descriptions.Item label={`${book.acceptedMissingEvidence.count}项缺少证明材料的认可理由`}>
              {book.acceptedMissingEvidence.reason}
            </Descriptions.Item>
          )}
          {book.deptConfirmed && (
            <Descriptions.Item label="主管部门确认">
              {book.deptConfirmed.name} · {when(book.deptConfirmed.at)}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Space>
  );
}

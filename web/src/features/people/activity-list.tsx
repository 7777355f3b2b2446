import { Button, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { KIND_LABELS } from '../../../../shared/hours/notes.js';
import type { ActivityRecord, RegistrationBook } from '../../../../shared/records.js';
import { api, type ActivityWithEvidence } from '../../api/endpoints.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { dateOfActivity, summariseActivity } from '../../components/activities/activity-summary.js';
import { EvidencePanel } from '../../components/evidence/evidence-panel.js';
import { activityLabel } from './activity-names.js';
import { ACTIVITY_STATUS_LABELS, SOURCE_LABELS } from './labels.js';
import { mayAccept, mayAttachEvidence, mayChangeActivity } from './permissions.js';

interface Props {
  personId: string;
  year: number;
  book?: RegistrationBook;
  records: readonly ActivityWithEvidence[];
  onEdit(record: ActivityRecord): void;
  onWithdraw(record: ActivityRecord): void;
  onChanged(): void;
}

const STATUS_COLORS = { active: 'success', pending: 'warning', withdrawn: 'default' } as const;

function EvidenceTag({ record }: { record: ActivityWithEvidence }) {
  const e = record.evidence;
  const tag = e.selfEvidenced ? (
    <Tag color="blue">机构记录</Tag>
  ) : e.complete ? (
    <Tag color="success">材料齐全</Tag>
  ) : (
    <Tag color="warning">材料不全</Tag>
  );
  return (
    <Tooltip title={e.message}>
      <span>
        {tag}
        <Typography.Text type="secondary">{e.files.accepted}个文件</Typography.Text>
      </span>
    </Tooltip>
  );
}

/**
 * A year's activities with their evidence status: change, withdraw, accept a pending item, and open
 * the evidence of a row. A locked (confirmed) year is read-only until the unit reviewer reopens it.
 */
export function ActivityList({ personId, year, book, records, onEdit, onWithdraw, onChanged }: Props) {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  const [expanded, setExpanded] = useState<string[]>([]);
  const locked = book !== undefined && book.status !== 'open';
  const hoursOf = (id: string) =>
    (book?.result.items ?? []).filter((i) => i.activityId === id).reduce((sum, i) => sum + Math.round(i.hours * 10), 0) / 10;
  const rejectionOf = (id: string) => book?.rejected.find((r) => r.activityId === id);
  const rows = records.filter((r) => showWithdrawn || r.status !== 'withdrawn');
  const withdrawnCount = records.length - records.filter((r) => r.status !== 'withdrawn').length;

  const accept = async (record: ActivityRecord) => {
    try {
      await api.acceptActivity(personId, record.id, record.version);
      onChanged();
    } catch (err) {
      onError(err);
    }
  };

  const toggle = (id: string) => setExpanded((keys) => (keys.includes(id) ? keys.filter((k) => k !== id) : [...keys, id]));

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {withdrawnCount > 0 && (
        <Space>
          <Switch size="small" checked={showWithdrawn} onChange={setShowWithdrawn} aria-label="显示已撤回的活动" />
          <Typography.Text type="secondary">显示已撤回的活动（{withdrawnCount}项）</Typography.Text>
        </Space>
      )}
      <Table<ActivityWithEvidence>
        aria-label={`${year}年度活动`}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '本年度没有活动记录' }}
        expandable={{
          expandedRowKeys: expanded,
          showExpandColumn: false,
          expandedRowRender: (r) => (
            <EvidencePanel personId={personId} record={r} canUpload={mayAttachEvidence(principal, r)} onChanged={onChanged} />
          ),
        }}
        columns={[
          {
            title: '活动',
            render: (_, r) => (
              <>
                <Typography.Text strong delete={r.status === 'withdrawn'}>
                  {KIND_LABELS[r.activity.kind]}
                </Typography.Text>
                {r.activity.title && <Typography.Text>「{r.activity.title}」</Typography.Text>}
                <br />
                <Typography.Text type="secondary">{summariseActivity(r.activity)}</Typography.Text>
              </>
            ),
          },
          { title: '日期', width: 110, render: (_, r) => dateOfActivity(r.activity) },
          { title: '来源', width: 110, render: (_, r) => SOURCE_LABELS[r.source] },
          {
            title: '状态',
            width: 110,
            render: (_, r) => {
              const rejection = rejectionOf(r.id);
              return (
                <Space size={4} wrap>
                  <Tag color={STATUS_COLORS[r.status]}>
                    {r.status === 'pending' && r.source === 'person_entry' ? '待单位确认' : ACTIVITY_STATUS_LABELS[r.status]}
                  </Tag>
                  {rejection?.code === 'probable_duplicate' && <Tag color="orange">疑似重复</Tag>}
                </Space>
              );
            },
          },
          {
            title: '本年学时',
            width: 90,
            align: 'right',
            render: (_, r) => (r.status === 'active' ? hoursOf(r.id) : '—'),
          },
          { title: '证明材料', width: 170, render: (_, r) => <EvidenceTag record={r} /> },
          {
            title: '操作',
            width: 220,
            render: (_, r) => {
              const change = mayChangeActivity(principal, r);
              const blocked = locked && r.status === 'active' ? '该年度已确认，须由单位审核人重新打开后才能修改' : undefined;
              return (
                <Space size={0} wrap>
                  <Button
                    type="link"
                    size="small"
                    aria-expanded={expanded.includes(r.id)}
                    aria-label={`证明材料：${activityLabel(r)}`}
                    onClick={() => toggle(r.id)}
                  >
                    {expanded.includes(r.id) ? '收起材料' : '证明材料'}
                  </Button>
                  {change && (
                    <Tooltip title={blocked}>
                      <Button
                        type="link"
                        size="small"
                        disabled={!!blocked}
                        onClick={() => onEdit(r)}
                        aria-label={`修改：${activityLabel(r)}`}
                      >
                        修改
                      </Button>
                    </Tooltip>
                  )}
                  {change && (
                    <Tooltip title={blocked}>
                      <Button
                        type="link"
                        size="small"
                        danger
                        disabled={!!blocked}
                        onClick={() => onWithdraw(r)}
                        aria-label={`撤回：${activityLabel(r)}`}
                      >
                        撤回
                      </Button>
                    </Tooltip>
                  )}
                  {r.status === 'pending' && mayAccept(principal) && (
                    <Tooltip title={locked ? '须先由单位审核人重新打开该年度' : undefined}>
                      <Popconfirm title="接收该记录并计入本年度学时？" okText="接收" cancelText="取消" onConfirm={() => accept(r)}>
                        <Button type="link" size="small" disabled={locked}>
                          接收
                        </Button>
                      </Popconfirm>
                    </Tooltip>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </Space>
  );
}

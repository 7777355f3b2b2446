import { Empty, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Batch } from '../../../../shared/applications.js';
import { CERTIFICATE_KIND_LABELS } from '../../../../shared/workflow.js';

/** Batches (报送批次) with their summary list; `action` adds the row's button (受理, 撤销). */
export function BatchTable({
  label,
  batches,
  loading,
  action,
}: {
  label: string;
  batches: readonly Batch[];
  loading: boolean;
  action?: (batch: Batch) => ReactNode;
}) {
  return (
    <Table<Batch>
      aria-label={label}
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...batches].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description="暂无批次" /> }}
      columns={[
        { title: '报送部门', dataIndex: 'departmentName' },
        { title: '人数', align: 'right', render: (_, b) => b.applicationIds.length },
        { title: '证明类别', render: (_, b) => (b.kinds ?? ['senior']).map((k) => CERTIFICATE_KIND_LABELS[k]).join('、') },
        { title: '报送时间', render: (_, b) => dayjs(b.createdAt).format('YYYY-MM-DD HH:mm') },
        { title: '电子印章编号', render: (_, b) => b.seal.reference },
        {
          title: '状态',
          render: (_, b) =>
            b.status === 'accepted' ? (
              <Tag color="success">已受理 {b.acceptedAt ? dayjs(b.acceptedAt).format('MM-DD') : ''}</Tag>
            ) : b.status === 'cancelled' ? (
              <Tag title={b.cancelReason}>已撤销 {b.cancelledAt ? dayjs(b.cancelledAt).format('MM-DD') : ''}</Tag>
            ) : (
              <Tag color="processing">待受理</Tag>
            ),
        },
        {
          title: '说明',
          render: (_, b) =>
            [
              b.status === 'cancelled' && b.cancelReason ? `撤销理由：${b.cancelReason}` : '',
              ...(b.removed ?? []).map((r) => `${r.personName}已撤回申请（${r.reason}）`),
            ]
              .filter(Boolean)
              .join('；') || '—',
        },
        {
          title: '操作',
          render: (_, b) => (
            <>
              <Link to={`/batches/${encodeURIComponent(b.id)}/summary`} style={{ marginRight: 12 }}>
                汇总人员名单
              </Link>
              {action?.(b)}
            </>
          ),
        },
      ]}
    />
  );
}

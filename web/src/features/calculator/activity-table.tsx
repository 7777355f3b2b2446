import { Button, Popconfirm, Space, Table, Typography } from 'antd';
import type { Activity } from '../../../../shared/hours/schemas.js';
import { KIND_LABELS } from '../../../../shared/hours/notes.js';
import { dateOfActivity, summariseActivity } from '../../components/activities/activity-summary.js';

interface Props {
  activities: readonly Activity[];
  editing?: number;
  onEdit(index: number): void;
  onRemove(index: number): void;
}

interface Row {
  index: number;
  activity: Activity;
}

/** The activities entered so far; row numbers are the ones results and errors refer to. */
export function ActivityTable({ activities, editing, onEdit, onRemove }: Props) {
  const rows: Row[] = activities.map((activity, index) => ({ index, activity }));
  return (
    <Table<Row>
      aria-label="已添加的活动"
      rowKey="index"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '尚未添加活动：在左侧选择类型、填写后点击「添加到列表」' }}
      rowClassName={(r) => (r.index === editing ? 'ant-table-row-selected' : '')}
      columns={[
        { title: '序号', width: 64, render: (_, r) => `第${r.index + 1}项` },
        {
          title: '活动',
          render: (_, r) => (
            <>
              <Typography.Text strong>{KIND_LABELS[r.activity.kind]}</Typography.Text>
              {r.activity.title && <Typography.Text>「{r.activity.title}」</Typography.Text>}
              <br />
              <Typography.Text type="secondary">{summariseActivity(r.activity)}</Typography.Text>
            </>
          ),
        },
        { title: '日期', width: 120, render: (_, r) => dateOfActivity(r.activity) },
        {
          title: '操作',
          width: 120,
          render: (_, r) => (
            <Space size={0}>
              <Button type="link" size="small" aria-label={`修改第${r.index + 1}项`} onClick={() => onEdit(r.index)}>
                修改
              </Button>
              <Popconfirm title={`删除第${r.index + 1}项？`} okText="删除" cancelText="取消" onConfirm={() => onRemove(r.index)}>
                <Button type="link" size="small" danger aria-label={`删除第${r.index + 1}项`}>
                  删除
                </Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );
}

import { Alert, App, Button, Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { ActivityRecord } from '../../../../shared/records.js';
import { api } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { activityLabel } from './activity-names.js';
import { mayAccept } from './permissions.js';

type OwnEntry = ActivityRecord & { personName: string };

/**
 * 待单位确认的本人填报 (rules §6): what people of the unit entered themselves. It counts in no year
 * until the unit's clerk or reviewer accepts it; other staff read the list. Shown only when there
 * is something waiting.
 */
export function OwnEntriesCard({ unitId }: { unitId: string }) {
  const { principal } = useSession();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const entries = useResource(`own-entries|${unitId}`, () => api.ownEntries(unitId), onError);
  const items = entries.data?.items ?? [];
  if (!items.length) return null;

  const accept = async (r: OwnEntry) => {
    try {
      await api.acceptActivity(r.personId, r.id, r.version);
      message.success(`已确认${r.personName}的填报，计入学时`);
      entries.reload();
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Card title={`待单位确认的本人填报（${items.length}${entries.data?.cursor ? '+' : ''}）`}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="专技人员本人录入的学时，经本单位经办人或审核人核对证明材料并确认后才计入年度学时。"
      />
      <Table<OwnEntry>
        aria-label="待单位确认的本人填报"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { title: '姓名', render: (_, r) => <Link to={`/people/${encodeURIComponent(r.personId)}`}>{r.personName}</Link> },
          { title: '活动', render: (_, r) => activityLabel(r) },
          { title: '年度', render: (_, r) => r.years.join('、') },
          { title: '填报时间', render: (_, r) => <Typography.Text type="secondary">{r.createdAt.slice(0, 10)}</Typography.Text> },
          ...(mayAccept(principal)
            ? [
                {
                  title: '操作',
                  render: (_: unknown, r: OwnEntry) => (
                    <Button size="small" onClick={() => void accept(r)}>
                      确认计入
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

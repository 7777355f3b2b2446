import { Card, Col, Descriptions, Empty, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { cardView } from './workbench-cards.js';
import { api } from '../../api/endpoints.js';
import { ROLE_LABELS } from '../../app/roles.js';
import { useSession } from '../../app/session.js';
import type { Workbench } from '../../../../shared/workbench.js';
import type { Organisation } from '../../../../shared/organisation.js';

const KIND_LABELS: Record<Organisation['kind'], string> = { hr_office: '人社部门', department: '主管部门', unit: '用人单位' };

/** The role's to-do cards (issue 14 item 2): each count opens the list it counts, already filtered. */
function TodoCards({ data, loading }: { data?: Workbench; loading: boolean }) {
  const { principal } = useSession();
  if (!principal) return null;
  return (
    <Card title="待办事项" style={{ marginBottom: 16 }} loading={loading && !data}>
      {data && data.cards.length === 0 ? (
        <Empty description="没有待办事项" />
      ) : (
        <Row gutter={[16, 16]}>
          {(data?.cards ?? []).map(({ card, count }) => {
            const view = cardView(card, principal, data!.year);
            return (
              <Col key={card} xs={12} md={8} xl={6}>
                <Link to={view.to} aria-label={`${view.title}：${count}${view.unit}`}>
                  <Card size="small" hoverable>
                    <Statistic title={view.title} value={count} suffix={view.unit} />
                  </Card>
                </Link>
              </Col>
            );
          })}
        </Row>
      )}
    </Card>
  );
}

/**
 * The workbench: the work waiting for this account first, then who is signed in. The organisation's
 * name comes with the counts (one request; the tree is never listed here, issue 19).
 */
export function HomePage() {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const staff = !!principal && principal.role !== 'person';
  const counts = useResource(staff ? `workbench|${principal.userId}` : undefined, () => api.workbench(), onError);
  if (!principal) return null;
  return (
    <>
      <Typography.Title level={3}>工作台</Typography.Title>
      {staff && <TodoCards data={counts.data} loading={counts.loading} />}
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }} title="当前账号">
          <Descriptions.Item label="姓名">{principal.name}</Descriptions.Item>
          <Descriptions.Item label="角色">{ROLE_LABELS[principal.role]}</Descriptions.Item>
          {staff && (
            <Descriptions.Item label="所属组织">
              {counts.data ? `${counts.data.organisation.name}（${KIND_LABELS[counts.data.organisation.kind]}）` : '—'}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
    </>
  );
}

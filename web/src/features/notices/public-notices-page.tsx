import { Card, Empty, List, Typography } from 'antd';
import { Link } from 'react-router';
import { noticeBatchLabel } from '../../../../shared/applications.js';
import { describeError } from '../../api/client.js';
import { certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { CursorPager, useCursorPages } from '../../components/cursor-pages.js';
import './notices.css';

/** 公示 (`/notices`, no login): the notices open now across the region (rules §7), a page at a time. */
export function PublicNoticesPage() {
  const pages = useCursorPages('public-notices');
  const notices = useResource(`public-notices:${pages.cursor ?? ''}`, () => certificationApi.publicNotices(pages.cursor));
  return (
    <Card title="学时核认公示" className="public-notice" style={{ maxWidth: 960, margin: '0 auto' }}>
      <Typography.Paragraph type="secondary">
        以下为正在公示的专业技术人员继续教育学时核认名单。公示期内，任何单位和个人均可对公示内容提出异议。
      </Typography.Paragraph>
      {notices.error ? (
        <Typography.Text type="danger">{describeError(notices.error)}</Typography.Text>
      ) : (
        <List
          aria-label="正在公示"
          loading={notices.loading}
          dataSource={notices.data?.items ?? []}
          locale={{ emptyText: <Empty description="目前没有正在公示的名单" /> }}
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/notices/${encodeURIComponent(n.id)}`}>{n.title}</Link>}
                description={
                  <>
                    <div>{[n.unitName, noticeBatchLabel(n), `${n.people}人`].filter(Boolean).join(' · ')}</div>
                    <div>
                      公示期 {n.startDate} 至 {n.endDate}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {(pages.page > 1 || notices.data?.cursor) && (
        <CursorPager pages={pages} nextCursor={notices.data?.cursor} loading={notices.loading} />
      )}
    </Card>
  );
}

import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { BASE_LEVEL_LABELS } from '../../../../shared/bases.js';
import { ApiError } from '../../api/client.js';
import { api, basesApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useSession } from '../../app/session.js';
import { KeysCard } from './keys-card.js';
import { PostingsLog } from './postings-log.js';

/** One training base: its registration, its API keys, and its postings log. */
export function BasePage() {
  const { baseId = '' } = useParams();
  const { principal } = useSession();
  const detail = useResource(baseId, () => basesApi.base(baseId));
  const unitLevel = Boolean(detail.data?.base.unitIds);
  const orgs = useResource(unitLevel ? 'organisations' : undefined, () => api.organisations());
  const unitNames = (detail.data?.base.unitIds ?? []).map((id) => orgs.data?.items.find((o) => o.id === id)?.name ?? '…');

  if (detail.error) {
    const notFound = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '施教机构不存在' : '加载失败'}
        subTitle={notFound ? undefined : '请稍后刷新重试'}
        extra={<Link to="/bases">返回施教机构列表</Link>}
      />
    );
  }
  if (!detail.data) return <Skeleton active />;
  const { base, keys } = detail.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Link to="/bases" aria-label="返回施教机构列表">
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {base.name}
        </Typography.Title>
        <Tag>{BASE_LEVEL_LABELS[base.level]}</Tag>
      </Space>
      <Card title="登记信息">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label="统一社会信用代码">
            <Typography.Text code>{base.creditCode}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="联系人">{base.contact ? `${base.contact.name} · ${base.contact.phone}` : '—'}</Descriptions.Item>
          {base.contact?.email && <Descriptions.Item label="电子邮箱">{base.contact.email}</Descriptions.Item>}
          {unitLevel && <Descriptions.Item label="所属单位">{unitNames.join('、')}</Descriptions.Item>}
          <Descriptions.Item label="登记时间">{dayjs(base.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <KeysCard base={base} keys={keys} canManage={principal?.role === 'hr_officer'} onChanged={detail.reload} />
      <Card title="报送记录与日志">
        <PostingsLog baseId={base.id} canResolve={principal?.role === 'hr_officer'} />
      </Card>
    </Space>
  );
}

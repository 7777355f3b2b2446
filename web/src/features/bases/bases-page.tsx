import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { BASE_LEVEL_LABELS, type TrainingBase } from '../../../../shared/bases.js';
import { basesApi, type NewApiKey } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { NewKeyModal } from './new-key-modal.js';
import { RegisterBaseDialog } from './register-base-dialog.js';

/** 施教机构: the bases registered in this tenant (rules §5 W4); the hr office registers new ones. */
export function BasesPage() {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const [registering, setRegistering] = useState(false);
  const [issued, setIssued] = useState<{ base: TrainingBase; apiKey: NewApiKey }>();
  const bases = useResource('bases', () => basesApi.bases(), onError);
  const canManage = principal?.role === 'hr_officer';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          施教机构
        </Typography.Title>
        <Space wrap>
          <Link to="/base-api-docs">基地接口文档</Link>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              登记施教机构
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        施教机构凭人社部门签发的 API 密钥报送结业记录；国家级、省级基地须在各市州分别登记。
      </Typography.Paragraph>
      <Card>
        <Table<TrainingBase>
          aria-label="施教机构"
          rowKey="id"
          loading={bases.loading}
          dataSource={bases.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="尚未登记施教机构" /> }}
          columns={[
            { title: '机构名称', render: (_, b) => <Link to={`/bases/${encodeURIComponent(b.id)}`}>{b.name}</Link> },
            { title: '统一社会信用代码', render: (_, b) => <Typography.Text code>{b.creditCode}</Typography.Text> },
            { title: '级别', render: (_, b) => <Tag>{BASE_LEVEL_LABELS[b.level]}</Tag> },
            {
              title: '联系人',
              render: (_, b) =>
                b.contact ? (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {b.contact.name} · {b.contact.phone}
                    </span>
                    {b.contact.email && <Typography.Text type="secondary">{b.contact.email}</Typography.Text>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: '登记时间', render: (_, b) => dayjs(b.createdAt).format('YYYY-MM-DD') },
          ]}
        />
      </Card>
      {canManage && (
        <RegisterBaseDialog
          open={registering}
          onClose={() => setRegistering(false)}
          onRegistered={(result) => {
            setRegistering(false);
            setIssued(result);
            bases.reload();
          }}
        />
      )}
      <NewKeyModal
        apiKey={issued?.apiKey}
        baseName={issued?.base.name}
        onClose={() => {
          const id = issued?.base.id;
          setIssued(undefined);
          if (id) navigate(`/bases/${encodeURIComponent(id)}`);
        }}
      />
    </Space>
  );
}

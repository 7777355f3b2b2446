import { Card, Descriptions, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { ROLE_LABELS } from '../../app/roles.js';
import { useSession } from '../../app/session.js';
import type { Organisation } from '../../../../shared/organisation.js';
import { UNIT_TYPE_LABELS } from '../../../../shared/organisation.js';

const KIND_LABELS: Record<Organisation['kind'], string> = { hr_office: '人社部门', department: '主管部门', unit: '用人单位' };

export function HomePage() {
  const { principal } = useSession();
  const [orgs, setOrgs] = useState<Organisation[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!principal || principal.role === 'person') return;
    api
      .organisations()
      .then((r) => setOrgs(r.items))
      .catch((err) => setError(describeError(err)));
  }, [principal]);

  if (!principal) return null;
  return (
    <>
      <Typography.Title level={3}>工作台</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={2} title="当前账号">
          <Descriptions.Item label="姓名">{principal.name}</Descriptions.Item>
          <Descriptions.Item label="角色">{ROLE_LABELS[principal.role]}</Descriptions.Item>
          <Descriptions.Item label="所属组织">{orgs?.find((o) => o.id === principal.orgId)?.name ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      {principal.role !== 'person' && (
        <Card title="管辖范围内的组织">
          {error ? (
            <Typography.Text type="danger">{error}</Typography.Text>
          ) : (
            <Table
              rowKey="id"
              loading={!orgs}
              dataSource={orgs ?? []}
              pagination={false}
              columns={[
                { title: '名称', dataIndex: 'name' },
                { title: '类别', render: (_, o: Organisation) => KIND_LABELS[o.kind] },
                { title: '单位性质', render: (_, o: Organisation) => (o.unitType ? UNIT_TYPE_LABELS[o.unitType] : '—') },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}

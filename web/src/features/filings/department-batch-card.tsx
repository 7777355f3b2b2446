import { SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Application, Batch } from '../../../../shared/applications.js';
import { certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { appliedLabel } from '../../components/workflow-view.js';

/** The API's limit: a batch is accepted in one transaction of two items per application. */
const MAX_PER_BATCH = 40;

/**
 * 报送批次 (department reviewer): the applications the department has re-reviewed, chosen for one
 * batch to the hr office, with the reference of the department's electronic seal on its summary list.
 */
export function DepartmentBatchCard({
  departmentId,
  inBatches,
  onSubmitted,
}: {
  departmentId: string;
  /** Applications already in a batch waiting for the hr office: each may sit in one batch only. */
  inBatches: ReadonlySet<string>;
  onSubmitted: (batch: Batch) => void;
}) {
  const [form] = Form.useForm<{ sealReference: string }>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const approved = useResource('dept_approved', () => certificationApi.applications({ state: 'dept_approved', limit: 200 }), onError);
  const rows = useMemo(
    () => (approved.data?.items ?? []).filter((a) => a.route.departmentId === departmentId && !inBatches.has(a.id)),
    [approved.data, departmentId, inBatches],
  );

  const submit = async () => {
    const { sealReference } = await form.validateFields();
    setBusy(true);
    try {
      const batch = await certificationApi.submitBatch({ applicationIds: selected, sealReference: sealReference.trim() });
      message.success(`已报送 ${batch.applicationIds.length} 人`);
      form.resetFields();
      setSelected([]);
      approved.reload();
      onSubmitted(batch);
    } catch (err) {
      if (!showFieldErrors(form, err, ['sealReference'])) onError(err);
      approved.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="报送批次（复审通过的申请）">
      <Table<Application>
        aria-label="复审通过待报送"
        rowKey="id"
        size="small"
        loading={approved.loading}
        dataSource={rows}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (a) => ({ 'aria-label': `选择 ${a.personName}` }),
        }}
        locale={{ emptyText: <Empty description="没有复审通过、待报送的申请" /> }}
        columns={[
          { title: '申报人', render: (_, a) => <Link to={`/applications/${encodeURIComponent(a.id)}`}>{a.personName}</Link> },
          { title: '申报', render: (_, a) => appliedLabel(a) },
          { title: '核认年度', render: (_, a) => (a.span ? `${a.span.from}—${a.span.to}` : '—') },
        ]}
      />
      <Form form={form} layout="inline" aria-label="报送信息" style={{ marginTop: 16, rowGap: 12 }}>
        <Form.Item
          name="sealReference"
          label="电子印章编号"
          tooltip="加盖于汇总人员名单的本部门电子印章编号，随批次留存"
          rules={[
            { required: true, whitespace: true, message: '请填写电子印章编号' },
            { min: 4, message: '请填写完整的电子印章编号' },
          ]}
        >
          <Input aria-label="电子印章编号" style={{ width: 260 }} maxLength={100} />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy}
            disabled={selected.length === 0 || selected.length > MAX_PER_BATCH}
            onClick={() => void submit().catch(() => undefined)}
          >
            报送人社部门{selected.length ? `（${selected.length}人）` : ''}
          </Button>
          {selected.length > MAX_PER_BATCH && <Typography.Text type="danger">一批最多 {MAX_PER_BATCH} 人，请分批报送</Typography.Text>}
        </Space>
      </Form>
    </Card>
  );
}

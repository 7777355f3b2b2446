import { Alert, App, Button, Card, Form, Input, Modal, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TransferRequestListItem } from '../../../../shared/transfers.js';
import { administrationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';

const SOURCE_LABELS: Record<TransferRequestListItem['source'], string> = { registration: '登记人员', import: 'Excel导入' };

/**
 * 调入申请 (issue 12): another unit registered an ID that belongs to a person here. The requesting
 * clerk was only told the hr office will handle it; the hr office or the person's current unit accepts
 * (the person moves, history kept) or declines, with a reason. Shown only when something waits.
 */
export function TransferRequestsCard() {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const requests = useResource('transfer-requests', () => administrationApi.transferRequests(), onError);
  const [deciding, setDeciding] = useState<TransferRequestListItem>();
  const items = requests.data?.items ?? [];
  if (!items.length) return null;
  const mayResolve = principal?.role === 'hr_officer' || principal?.role === 'unit_clerk' || principal?.role === 'unit_reviewer';

  return (
    <Card title={`待处理的调入申请（${items.length}）`}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="其他单位登记了本辖区已登记人员的身份证号码。请核实后同意调入（保留单位变动历史）或拒绝；申请单位不会看到该人员的其他信息。"
      />
      <Table<TransferRequestListItem>
        aria-label="调入申请"
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={items}
        columns={[
          { title: '姓名', render: (_, r) => <Link to={`/people/${encodeURIComponent(r.personId)}`}>{r.personName}</Link> },
          { title: '身份证号码', dataIndex: 'idNumberMasked' },
          {
            title: '申请单位填写的姓名',
            render: (_, r) =>
              r.requestedName === r.personName ? (
                r.requestedName
              ) : (
                <Typography.Text type="danger">{r.requestedName}（与登记姓名不符）</Typography.Text>
              ),
          },
          { title: '现所在单位', dataIndex: 'fromUnitName' },
          { title: '申请调入单位', dataIndex: 'toUnitName' },
          { title: '来源', render: (_, r) => SOURCE_LABELS[r.source] },
          { title: '申请时间', render: (_, r) => <Typography.Text type="secondary">{r.createdAt.slice(0, 10)}</Typography.Text> },
          ...(mayResolve
            ? [
                {
                  title: '操作',
                  render: (_: unknown, r: TransferRequestListItem) => (
                    <Button size="small" onClick={() => setDeciding(r)}>
                      处理申请
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {deciding && (
        <DecisionDialog
          request={deciding}
          onClose={() => setDeciding(undefined)}
          onDone={() => {
            setDeciding(undefined);
            requests.reload();
          }}
        />
      )}
    </Card>
  );
}

function DecisionDialog({ request, onClose, onDone }: { request: TransferRequestListItem; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ decision: 'accept' | 'decline'; reason: string }>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const onError = useErrorHandler();

  const submit = async (v: { decision: 'accept' | 'decline'; reason: string }) => {
    setSaving(true);
    try {
      await administrationApi.resolveTransferRequest(request.id, {
        decision: v.decision,
        version: request.version,
        reason: v.reason.trim(),
      });
      message.success(v.decision === 'accept' ? `${request.personName}已调入${request.toUnitName}` : '已拒绝该调入申请');
      onDone();
    } catch (err) {
      if (!showFieldErrors(form, err, ['reason'])) onError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`处理调入申请 · ${request.personName}`}
      okText="提交处理"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {request.toUnitName}申请将{request.personName}（{request.idNumberMasked}）从{request.fromUnitName}调入。
      </Typography.Paragraph>
      <Form form={form} name="transfer-decision" layout="vertical" initialValues={{ decision: 'accept' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="decision" label="处理结果">
          <Radio.Group
            options={[
              { value: 'accept', label: '同意调入' },
              { value: 'decline', label: '拒绝' },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, min: 2, message: '请填写理由（至少2个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：已与调入单位核实，该同志已办理调动手续" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

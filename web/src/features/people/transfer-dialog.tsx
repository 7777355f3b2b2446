import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { administrationApi, type StoredPerson } from '../../api/endpoints.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';

interface Values {
  toUnitId: string;
  reason?: string;
}

/**
 * 人员调动 (the sending unit's clerk): the person moves to another unit of the tenant and the unit
 * history keeps the move. A clerk sees only their own unit, so the receiving unit is named by its
 * code, which that unit reads from 组织与账号 and passes on.
 */
export function TransferDialog({
  open,
  person,
  unitName,
  onClose,
  onMoved,
}: {
  open: boolean;
  person: StoredPerson;
  unitName: string;
  onClose: () => void;
  onMoved: (person: StoredPerson) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const onError = useErrorHandler();

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const moved = await administrationApi.transferPerson(person.id, {
        toUnitId: v.toUnitId.trim(),
        version: person.version,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
      form.resetFields();
      onMoved(moved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'same_unit') form.setFields([{ name: 'toUnitId', errors: [err.message] }]);
      else if (!showFieldErrors(form, err, ['toUnitId', 'reason'])) onError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`人员调动 · ${person.name}`}
      okText="确认调出"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`将${person.name}从${unitName}调出`}
        description="调出后其学时记录随人员转到调入单位，本单位将不能再查看或录入；单位变动历史会保留。"
      />
      <Form form={form} name="transfer-person" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="toUnitId"
          label="调入单位编号"
          extra="请向调入单位索取：其经办人或审核人可在「组织与账号」中查看并复制本单位编号"
          rules={[
            { required: true, whitespace: true, message: '请填写调入单位编号' },
            { max: 100, message: '编号过长' },
          ]}
        >
          <Input autoComplete="off" placeholder="组织编号" />
        </Form.Item>
        <Form.Item name="reason" label="调动说明" rules={[{ max: 500, message: '不超过500字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：工作调动（可不填）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

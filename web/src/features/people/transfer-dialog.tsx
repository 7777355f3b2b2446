import { Alert, Form, Input, Modal, Select } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { administrationApi, api, type StoredPerson } from '../../api/endpoints.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';

interface Values {
  toUnitId: string;
  reason?: string;
}

/**
 * 人员调动 (the sending unit's clerk): the person moves to another unit of the tenant and the unit
 * history keeps the move. The receiving unit is chosen by name from the tenant's units.
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
  // The receiving unit by name (issue 14): a clerk may not list other units, so the server looks them up.
  const [query, setQuery] = useState('');
  const [units, setUnits] = useState<{ id: string; name: string; parentName?: string }[]>([]);
  const latest = useRef('');
  const search = (q: string) => {
    const text = q.trim();
    setQuery(text);
    latest.current = text;
    if (!text) return setUnits([]);
    api
      .lookupUnits(text)
      .then((r) => {
        if (latest.current === text) setUnits(r.items.filter((u) => u.id !== person.unitId));
      })
      .catch(onError);
  };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const moved = await administrationApi.transferPerson(person.id, {
        toUnitId: v.toUnitId,
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
        <Form.Item name="toUnitId" label="调入单位" rules={[{ required: true, message: '请选择调入单位' }]}>
          <Select
            aria-label="调入单位"
            showSearch
            filterOption={false}
            onSearch={search}
            notFoundContent={query ? '没有名称包含该文字的单位' : '输入单位名称查找'}
            placeholder="输入单位名称查找"
            options={units.map((u) => ({ value: u.id, label: u.parentName ? `${u.name}（${u.parentName}）` : u.name }))}
          />
        </Form.Item>
        <Form.Item name="reason" label="调动说明" rules={[{ max: 500, message: '不超过500字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：工作调动（可不填）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

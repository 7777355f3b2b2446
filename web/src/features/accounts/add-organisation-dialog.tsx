import { Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { UNIT_TYPE_LABELS, type Organisation, type UnitType } from '../../../../shared/organisation.js';
import { administrationApi } from '../../api/endpoints.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';

interface Values {
  kind: 'department' | 'unit';
  name: string;
  parentId: string;
  unitType?: UnitType;
  creditCode?: string;
}

/**
 * 新增主管部门或用人单位 (hr office): departments sit directly under the hr office; units under the
 * hr office or a department.
 */
export function AddOrganisationDialog({
  open,
  organisations,
  defaultParentId,
  onClose,
  onCreated,
}: {
  open: boolean;
  organisations: readonly Organisation[];
  defaultParentId?: string;
  onClose: () => void;
  onCreated: (org: Organisation) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const onError = useErrorHandler();
  const kind = Form.useWatch('kind', form) ?? 'unit';
  const parents = organisations.filter((o) => o.kind === 'hr_office' || (kind === 'unit' && o.kind === 'department'));
  const initialParent = parents.some((p) => p.id === defaultParentId) ? defaultParentId : parents[0]?.id;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const org = await administrationApi.createOrganisation({
        kind: v.kind,
        name: v.name.trim(),
        parentId: v.parentId,
        ...(v.kind === 'unit' ? { unitType: v.unitType } : {}),
        ...(v.creditCode?.trim() ? { creditCode: v.creditCode.trim().toUpperCase() } : {}),
      });
      form.resetFields();
      onCreated(org);
    } catch (err) {
      if (!showFieldErrors(form, err, ['name', 'parentId', 'unitType', 'creditCode'])) onError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新增组织"
      okText="新增"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="add-organisation"
        layout="vertical"
        initialValues={{ kind: 'unit', parentId: initialParent }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<Values>) => {
          // A department can only sit under the hr office.
          if (changed.kind === 'department') form.setFieldValue('parentId', organisations.find((o) => o.kind === 'hr_office')?.id);
        }}
      >
        <Form.Item name="kind" label="类型">
          <Radio.Group
            aria-label="组织类型"
            options={[
              { value: 'unit', label: '用人单位' },
              { value: 'department', label: '主管部门' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写名称' },
            { min: 2, message: '名称至少2个字' },
          ]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="parentId" label="上级" rules={[{ required: true, message: '请选择上级' }]}>
          <Select aria-label="上级" options={parents.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="creditCode" label="统一社会信用代码（选填）" extra="填写后可按代码查找该组织">
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        {kind === 'unit' && (
          <Form.Item name="unitType" label="单位性质" rules={[{ required: true, message: '请选择单位性质' }]}>
            <Select aria-label="单位性质" options={Object.entries(UNIT_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

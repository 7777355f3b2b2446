import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { BASE_LEVEL_LABELS, type BaseLevel } from '../../../../shared/bases.js';
import { checkCreditCode, normaliseCreditCode } from '../../../../shared/credit-code.js';
import { basesApi, type NewApiKey } from '../../api/endpoints.js';
import type { TrainingBase } from '../../../../shared/bases.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { UnitSearchSelect } from '../../components/unit-search-select.js';

interface Values {
  name: string;
  creditCode: string;
  level: BaseLevel;
  unitIds?: string[];
  contactName: string;
  phone: string;
  email?: string;
}

/**
 * 登记施教机构 (hr office). The credit code is checked in the browser with the API's own GB 32100
 * check; registration issues the base's first key, which the caller shows once.
 */
export function RegisterBaseDialog({
  open,
  onClose,
  onRegistered,
}: {
  open: boolean;
  onClose: () => void;
  onRegistered: (result: { base: TrainingBase; apiKey: NewApiKey }) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const onError = useErrorHandler();
  const level = Form.useWatch('level', form);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const result = await basesApi.register({
        name: v.name.trim(),
        creditCode: normaliseCreditCode(v.creditCode),
        level: v.level,
        ...(v.level === 'unit' ? { unitIds: v.unitIds ?? [] } : {}),
        contact: { name: v.contactName.trim(), phone: v.phone.trim(), ...(v.email?.trim() ? { email: v.email.trim() } : {}) },
      });
      form.resetFields();
      onRegistered(result);
    } catch (err) {
      if (!showFieldErrors(form, err, ['name', 'creditCode', 'level', 'unitIds', 'phone', 'email'])) onError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登记施教机构"
      okText="登记并签发密钥"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="register-base" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label="机构名称" rules={[{ required: true, whitespace: true, message: '请填写机构名称' }, { max: 100 }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          validateTrigger="onBlur"
          normalize={(v?: string) => v?.toUpperCase()}
          rules={[
            { required: true, message: '请填写统一社会信用代码' },
            {
              validator: async (_, value?: string) => {
                if (!value) return;
                const result = checkCreditCode(value);
                if (!result.ok) throw new Error(result.message);
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" placeholder="18位，见营业执照或登记证书" />
        </Form.Item>
        <Form.Item name="level" label="基地级别" rules={[{ required: true, message: '请选择基地级别' }]}>
          <Select aria-label="基地级别" options={Object.entries(BASE_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {level === 'unit' && (
          <Form.Item
            name="unitIds"
            label="所属单位"
            extra="单位级基地只能为所选单位的人员报送学时"
            rules={[{ required: true, message: '请选择单位级基地所属的单位' }]}
          >
            {/* A unit-level base credits only people of the units it belongs to (issue 12): found by name, on the server. */}
            <UnitSearchSelect aria-label="所属单位" mode="multiple" placeholder="输入单位名称或统一社会信用代码查找" />
          </Form.Item>
        )}
        <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }, { max: 50 }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label="联系电话"
          rules={[
            { required: true, message: '请填写联系电话' },
            { pattern: /^[0-9+\-() ]{5,30}$/, message: '联系电话格式有误' },
          ]}
        >
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '电子邮箱格式有误' }]}>
          <Input maxLength={200} autoComplete="off" placeholder="可不填" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

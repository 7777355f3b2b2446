import { Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { parseResidentId } from '../../../../shared/id-number.js';
import type { Organisation } from '../../../../shared/organisation.js';
import type { Person } from '../../../../shared/person.js';
import { api } from '../../api/endpoints.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { PersonBasicsFields } from './person-fields.js';

interface Props {
  open: boolean;
  units: readonly Organisation[];
  defaultUnitId?: string;
  onClose(): void;
  onCreated(personId: string): void;
}

type Values = Omit<Person, 'id'>;

/** 登记人员 (unit clerk): the resident ID is checked in the browser with the API's own validator. */
export function AddPersonDialog({ open, units, defaultUnitId, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const onError = useErrorHandler();

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const parsed = parseResidentId(values.idNumber);
      const person = await api.createPerson({
        ...values,
        name: values.name.trim(),
        idNumber: parsed.ok ? parsed.value.idNumber : values.idNumber,
        titleSeries: values.titleSeries?.trim() || undefined,
        doctorateYear: values.education === 'doctorate' ? values.doctorateYear : undefined,
      });
      form.resetFields();
      if ('status' in person) {
        // Needs the hr office: the same words for every such registration, never why.
        Modal.info({ title: '已转人社部门处理', content: person.message });
        onClose();
        return;
      }
      onCreated(person.id);
    } catch (err) {
      if (!showFieldErrors(form, err, ['name', 'idNumber', 'unitId', 'titleSeries', 'doctorateYear'])) onError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登记专业技术人员"
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="add-person" layout="vertical" initialValues={{ unitId: defaultUnitId }} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50 }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号码"
          validateTrigger="onBlur"
          rules={[
            { required: true, message: '请填写身份证号码' },
            {
              validator: async (_, value?: string) => {
                if (!value) return;
                const result = parseResidentId(value, { notAfter: dayjs().format('YYYY-MM-DD') });
                if (!result.ok) throw new Error(result.message);
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" placeholder="18位，最后一位可为X" />
        </Form.Item>
        <Form.Item name="unitId" label="所在单位" rules={[{ required: true, message: '请选择单位' }]}>
          <Select aria-label="所在单位" options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <PersonBasicsFields />
      </Form>
    </Modal>
  );
}

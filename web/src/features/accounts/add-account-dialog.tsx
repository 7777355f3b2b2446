import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Role } from '../../../../shared/contract.js';
import type { Organisation } from '../../../../shared/organisation.js';
import { administrationApi, api, type Account, type Invitation } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { ROLE_LABELS } from '../../app/roles.js';

interface Values {
  role: Role;
  name: string;
  id?: string;
  personId?: string;
  email?: string;
}

/**
 * 新建账号 at one organisation, offering only the roles the signed-in user may create there. A
 * professional's account is tied to a registered person of the unit: its login is the person's id.
 */
export function AddAccountDialog({
  open,
  org,
  roles,
  onClose,
  onCreated,
}: {
  open: boolean;
  org: Organisation;
  roles: readonly Role[];
  onClose: () => void;
  onCreated: (account: Account & { invitation: Invitation }) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [query, setQuery] = useState('');
  const onError = useErrorHandler();
  const role = Form.useWatch('role', form);
  // The unit's registered people, searched by name, only while a professional's account is being made.
  const found = useResource(
    open && role === 'person' ? `${org.id}|${query}` : undefined,
    () => api.people({ unitId: org.id, q: query || undefined, limit: 20 }),
    onError,
    { keepPrevious: true },
  );
  const people = found.data?.items ?? [];

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const account = await administrationApi.createAccount({
        role: v.role,
        orgId: org.id,
        name: v.name.trim(),
        ...(v.role === 'person' ? { personId: v.personId } : { id: v.id?.trim() }),
        ...(v.email?.trim() ? { email: v.email.trim() } : {}),
      });
      form.resetFields();
      onCreated(account);
    } catch (err) {
      if (!showFieldErrors(form, err, ['role', 'name', 'id', 'personId', 'email'])) onError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`新建账号 · ${org.name}`}
      okText="创建"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="add-account" layout="vertical" initialValues={{ role: roles[0] }} onFinish={(v) => void submit(v)}>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select aria-label="角色" options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        {role === 'person' ? (
          <Form.Item
            name="personId"
            label="专业技术人员"
            rules={[{ required: true, message: '请选择本单位已登记的人员' }]}
            extra="账号即该人员，登录后只能查看本人的登记手册"
          >
            <Select
              aria-label="专业技术人员"
              showSearch={{ filterOption: false, onSearch: (q) => setQuery(q.trim()) }}
              loading={found.loading}
              placeholder="输入姓名查找"
              options={people.map((p) => ({ value: p.id, label: `${p.name}（${p.idNumberMasked}）` }))}
              onChange={(id: string) => {
                const p = people.find((x) => x.id === id);
                if (p) form.setFieldValue('name', p.name);
              }}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="id"
            label="登录账号"
            rules={[
              { required: true, message: '请填写登录账号' },
              { pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/, message: '账号须为3—64位小写字母、数字或 . _ -' },
            ]}
          >
            <Input maxLength={64} autoComplete="off" placeholder="如 zhang.min" />
          </Form.Item>
        )}
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50 }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label="电子邮箱"
          rules={[{ type: 'email', message: '邮箱格式不正确' }]}
          extra="使用 Cognito 时用于发送初始登录信息；一个邮箱只能用于一个账号（可不填）"
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

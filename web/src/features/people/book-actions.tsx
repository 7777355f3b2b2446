import { Alert, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import type { RegistrationBook } from '../../../../shared/records.js';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { confirmStepOf, mayReopen } from './permissions.js';

interface Props {
  personId: string;
  book: RegistrationBook;
  onChanged(book: RegistrationBook): void;
}

type Dialog = { kind: 'confirm'; why: string } | { kind: 'reopen' };

const CONFIRM_WORDS = { unit: '单位确认', dept: '主管部门确认' } as const;

/**
 * The year's sign-off (rules §5 W1): the unit reviewer confirms an open year, the department reviewer
 * a unit-confirmed one; a confirmed year reopens only with a reason. A short professional share needs
 * a written reason to confirm (rules §3 R1), asked for up front or when the API says so.
 */
export function BookActions({ personId, book, onChanged }: Props) {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const [dialog, setDialog] = useState<Dialog>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const step = confirmStepOf(principal, book);
  const shareWarning = book.result.warnings.find((w) => w.code === 'professional_share_short');
  const shareShort = shareWarning !== undefined;

  const confirm = async (reason?: string) => {
    setSaving(true);
    try {
      const updated = await api.confirmYear(personId, book.year, book.version, reason);
      setDialog(undefined);
      onChanged(updated);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'reason_required') setDialog({ kind: 'confirm', why: err.message });
      else onError(err);
    } finally {
      setSaving(false);
    }
  };

  const reopen = async (reason: string) => {
    setSaving(true);
    try {
      const updated = await api.reopenYear(personId, book.year, book.version, reason);
      setDialog(undefined);
      onChanged(updated);
    } catch (err) {
      onError(err);
    } finally {
      setSaving(false);
    }
  };

  if (!step && !mayReopen(principal, book)) return null;
  const label = step ? CONFIRM_WORDS[step] : '';

  return (
    <Space wrap>
      {step &&
        (step === 'unit' && shareShort ? (
          <Button
            type="primary"
            onClick={() => setDialog({ kind: 'confirm', why: `${shareWarning!.message.split('：')[0]}（一般要求），确认时须填写书面说明` })}
          >
            {label}
          </Button>
        ) : (
          <Popconfirm
            title={`${label}${book.year}年度学时？`}
            description={step === 'unit' ? '确认后该年度锁定，修改须重新打开' : '确认后完成该年度登记'}
            okText="确认"
            cancelText="取消"
            onConfirm={() => confirm()}
          >
            <Button type="primary" loading={saving}>
              {label}
            </Button>
          </Popconfirm>
        ))}
      {mayReopen(principal, book) && <Button onClick={() => setDialog({ kind: 'reopen' })}>重新打开</Button>}
      <Modal
        open={dialog !== undefined}
        title={dialog?.kind === 'reopen' ? `重新打开${book.year}年度` : `${label}${book.year}年度学时`}
        okText={dialog?.kind === 'reopen' ? '重新打开' : '确认'}
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setDialog(undefined)}
        destroyOnHidden
      >
        {dialog?.kind === 'confirm' && <Alert type="warning" showIcon title={dialog.why} style={{ marginBottom: 16 }} />}
        {dialog?.kind === 'reopen' && (
          <Alert
            type="info"
            showIcon
            title="重新打开后可修改该年度记录、接收待处理记录，之后须重新确认。理由将记入审计轨迹。"
            style={{ marginBottom: 16 }}
          />
        )}
        <Form form={form} layout="vertical" onFinish={({ reason }) => void (dialog?.kind === 'reopen' ? reopen(reason) : confirm(reason))}>
          <Form.Item
            name="reason"
            label={dialog?.kind === 'reopen' ? '重新打开理由' : '认可理由'}
            rules={[
              { required: true, whitespace: true, message: '请填写理由' },
              { max: 500, message: '不超过500字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

import { Form, Input, Modal } from 'antd';
import { useState } from 'react';

/**
 * Asks for the written reason a step needs (rules §5: returning, objections, withdrawal, revoking).
 * `onSubmit` does the call; the dialog stays open on failure so the reason is not lost.
 */
export function ReasonDialog({
  open,
  title,
  okText = '确定',
  placeholder,
  danger,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  okText?: string;
  placeholder?: string;
  danger?: boolean;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit(reason.trim());
      form.resetFields();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      <Form form={form} layout="vertical" aria-label={title}>
        <Form.Item
          name="reason"
          label="理由"
          rules={[
            { required: true, whitespace: true, message: '请填写理由' },
            { max: 500, message: '理由不超过500字' },
          ]}
        >
          <Input.TextArea rows={4} placeholder={placeholder} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

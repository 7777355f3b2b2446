import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { Application } from '../../../shared/applications.js';
import { flaggedYears } from '../../../shared/certification-check.js';
import { yearFindingText } from './year-findings.js';

/** The applications among `apps` whose step forward needs a written reason (a short year, incomplete evidence). */
export const needingReasons = <A extends Pick<Application, 'years'>>(apps: readonly A[]) =>
  apps.filter((a) => flaggedYears(a.years).length > 0);

/**
 * Asks, for several applications moved on at once (a notice, a batch), the reason for each flagged one
 * (issue 14). `onSubmit` does the call with the reasons by application id; the dialog stays open on failure.
 */
export function ExceptionReasonsDialog({
  open,
  title,
  okText = '确定',
  apps,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  okText?: string;
  apps: readonly Pick<Application, 'id' | 'personName' | 'years'>[];
  onSubmit: (reasons: Record<string, string>) => Promise<void>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit(Object.fromEntries(Object.entries(values).map(([id, reason]) => [id, reason.trim()])));
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
      okButtonProps={{ loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      forceRender
      width={640}
    >
      <Typography.Paragraph>
        以下申请有年度学时未达标或佐证材料不齐全，继续办理须逐人书面说明理由；理由记入申请，后续各环节及认定单均可见。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" aria-label={title}>
        {apps.map((a) => (
          <Form.Item
            key={a.id}
            name={a.id}
            label={`${a.personName} 继续办理理由`}
            extra={flaggedYears(a.years).map((y) => (
              <div key={y.year}>{yearFindingText(y)}</div>
            ))}
            rules={[
              { required: true, whitespace: true, message: '请填写理由' },
              { max: 500, message: '理由不超过500字' },
            ]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

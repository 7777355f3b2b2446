import { App, Button, Card, DatePicker, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { certificationApi } from '../../api/endpoints.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { chinaToday } from '../../components/china-date.js';

/**
 * 开放例外受理 (hr office): outside the yearly filing window (省直 1 July – 31 August by default) the
 * office may accept batches until a date it sets, with a reason that goes into the audit trail.
 */
export function FilingExceptionCard() {
  const [form] = Form.useForm<{ until: Dayjs; reason: string }>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<{ until: string; reason: string }>();
  const today = chinaToday();

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const result = await certificationApi.openFilingException({ until: values.until.format('YYYY-MM-DD'), reason: values.reason.trim() });
      setOpen(result);
      message.success(`已开放例外受理至 ${result.until}`);
      form.resetFields();
    } catch (err) {
      if (!showFieldErrors(form, err, ['until', 'reason'])) onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="开放例外受理" id="filing-exception">
      <Typography.Paragraph type="secondary">
        不在备案受理期内时，批次受理会被拒绝；确有需要的，可开放例外受理至指定日期（含当日）。
      </Typography.Paragraph>
      {open && (
        <Typography.Paragraph>
          当前例外受理开放至 <strong>{open.until}</strong>（理由：{open.reason}）
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="inline"
        aria-label="开放例外受理"
        style={{ rowGap: 12 }}
        initialValues={{ until: dayjs(today).add(7, 'day') }}
      >
        <Form.Item name="until" label="开放至" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker aria-label="开放至" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由"
          rules={[
            { required: true, whitespace: true, message: '请填写理由' },
            { min: 2, message: '请填写理由' },
          ]}
        >
          <Input aria-label="例外受理理由" style={{ width: 320 }} maxLength={500} />
        </Form.Item>
        <Button onClick={() => void submit().catch(() => undefined)} loading={busy}>
          开放
        </Button>
      </Form>
    </Card>
  );
}

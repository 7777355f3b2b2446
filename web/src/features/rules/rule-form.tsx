import { App, Form, Input, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../../api/client.js';
import { useErrorHandler } from '../../app/errors.js';

/** The 修改原因 every change of a rule needs (audited with who and when). */
export function ReasonItem({ placeholder }: { placeholder?: string }) {
  return (
    <Form.Item
      name="reason"
      label="修改原因"
      rules={[
        { required: true, whitespace: true, message: '请填写修改原因' },
        { min: 2, message: '修改原因至少2个字' },
        { max: 500, message: '修改原因不超过500字' },
      ]}
    >
      <Input.TextArea rows={2} maxLength={500} showCount placeholder={placeholder} />
    </Form.Item>
  );
}

/**
 * Puts the server's field details on the dialog's fields: `fieldOf` maps a detail path
 * (`holidays`, `workdays.2`, `source.document`, `settings.publicThemes.1`) to a form field. Several
 * details for one field (every missing statutory holiday) are all shown. True when every detail found
 * its field; otherwise the caller also shows the error as a whole.
 */
export function markFieldErrors(
  form: Pick<FormInstance, 'setFields'>,
  err: unknown,
  fieldOf: (path: string) => string | undefined,
): boolean {
  if (!(err instanceof ApiError)) return false;
  const byField = new Map<string, string[]>();
  let placed = 0;
  for (const d of err.details) {
    const field = fieldOf(d.path);
    if (!field) continue;
    byField.set(field, [...(byField.get(field) ?? []), d.message]);
    placed++;
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return placed > 0 && placed === err.details.length;
}

/**
 * A failed save: someone else's change first (409) is said in words and the screen reloads; field
 * details go next to the fields; anything else is the one error toast.
 */
export function useSaveFailure(onConflict: () => void) {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  return useCallback(
    (err: unknown, form: Pick<FormInstance, 'setFields'>, fieldOf: (path: string) => string | undefined) => {
      if (err instanceof ApiError && err.status === 409) {
        message.warning({ key: 'rules-conflict', content: '其他人刚刚修改了这项规则，已重新载入最新内容，请核对后再修改。', duration: 6 });
        onConflict();
        return;
      }
      if (!markFieldErrors(form, err, fieldOf)) onError(err);
    },
    [message, onConflict, onError],
  );
}

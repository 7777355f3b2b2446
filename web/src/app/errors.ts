import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, describeError, isSessionRefusal } from '../api/client.js';

/**
 * The one place a failed server call becomes a message: one zh-CN toast per failure. A session the
 * API no longer accepts is the session layer's to tell (app/session.tsx: renewal, then a dialog that
 * signs in again on the same page), so it is not toasted on every call.
 */
export function useErrorHandler(): (err: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && isSessionRefusal(err)) return;
      message.error({ key: describeError(err), content: describeError(err) });
    },
    [message],
  );
}

/**
 * Puts the server's per-field details (rules §7 `details[].path`, e.g. `json.idNumber`) on the form's
 * own fields, so a refused value is marked where it was typed. Returns true when any field took one.
 */
export function showFieldErrors(form: Pick<FormInstance, 'setFields'>, err: unknown, fields: readonly string[]): boolean {
  if (!(err instanceof ApiError)) return false;
  const marked = err.details
    .map((d) => ({ name: d.path.split('.').pop() ?? '', errors: [d.message] }))
    .filter((f) => fields.includes(f.name));
  if (err.code === 'id_number_exists' && fields.includes('idNumber')) marked.push({ name: 'idNumber', errors: [err.message] });
  form.setFields(marked.map((f) => ({ name: f.name, errors: f.errors })));
  return marked.length > 0;
}

import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, describeError } from '../api/client.js';
import { useSession } from './session.js';

/**
 * The one place a failed server call becomes a message: one zh-CN toast per failure. An expired or
 * revoked sign-in (401) signs out and goes back to the login page instead of toasting on every call.
 */
export function useErrorHandler(): (err: unknown) => void {
  const { message } = App.useApp();
  const { signOut } = useSession();
  const navigate = useNavigate();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) {
        signOut();
        message.warning({ key: 'session-expired', content: '登录已过期，请重新登录' });
        navigate('/login');
        return;
      }
      message.error({ key: describeError(err), content: describeError(err) });
    },
    [message, navigate, signOut],
  );
}

/**
 * Puts the server's per-field details (SPEC §7 `details[].path`, e.g. `json.idNumber`) on the form's
 * own fields, so a refused value is marked where it was typed. Returns true when any field took one.
 */
export function showFieldErrors(
  form: Pick<FormInstance, 'setFields'>,
  err: unknown,
  fields: readonly string[],
): boolean {
  if (!(err instanceof ApiError)) return false;
  const marked = err.details
    .map((d) => ({ name: d.path.split('.').pop() ?? '', errors: [d.message] }))
    .filter((f) => fields.includes(f.name));
  if (err.code === 'id_number_exists' && fields.includes('idNumber')) marked.push({ name: 'idNumber', errors: [err.message] });
  form.setFields(marked.map((f) => ({ name: f.name, errors: f.errors })));
  return marked.length > 0;
}

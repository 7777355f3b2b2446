import { Alert, Drawer, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Activity, ActivityKind } from '../../../../shared/hours/schemas.js';
import type { ActivityRecord } from '../../../../shared/records.js';
import { api } from '../../api/endpoints.js';
import { useErrorHandler } from '../../app/errors.js';
import { ActivityForm } from '../../components/activities/activity-form.js';
import { activityLabel } from './activity-names.js';

interface EditorProps {
  personId: string;
  /** Undefined: closed. `'new'`: add an activity. A record: edit it. */
  target?: 'new' | ActivityRecord;
  defaultKind: ActivityKind;
  onClose(): void;
  onSaved(record: ActivityRecord): void;
}

/**
 * Add or change an activity with the calculator's per-kind form (the shared ActivitySchema checks it
 * before it is sent). A change carries the record's version: a concurrent edit gets 409, not a silent
 * overwrite.
 */
export function ActivityEditor({ personId, target, defaultKind, onClose, onSaved }: EditorProps) {
  const onError = useErrorHandler();
  const [saving, setSaving] = useState(false);
  const editing = target && target !== 'new' ? target : undefined;

  const save = async (activity: Activity) => {
    setSaving(true);
    try {
      const { id: _id, ...value } = activity;
      const record = editing
        ? await api.updateActivity(personId, editing.id, value as Activity, editing.version)
        : await api.addActivity(personId, value as Activity);
      onSaved(record);
    } catch (err) {
      onError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={target !== undefined}
      title={editing ? `修改活动：${activityLabel(editing)}` : '新增活动'}
      size={480}
      onClose={onClose}
      destroyOnHidden
    >
      {editing?.status === 'pending' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="该记录待处理：保存后仍待单位接收" />
      )}
      <ActivityForm
        key={editing?.id ?? 'new'}
        initial={editing?.activity}
        defaultKind={editing?.activity.kind ?? defaultKind}
        onSubmit={(a) => void save(a)}
        onCancel={onClose}
        submitLabel={editing ? '保存修改' : '保存活动'}
        cancelLabel="取消"
        submitting={saving}
      />
    </Drawer>
  );
}

/** 撤回 with a reason: the record stays, marked withdrawn, and no longer counts. */
export function WithdrawDialog({
  personId,
  record,
  onClose,
  onDone,
}: {
  personId: string;
  record?: ActivityRecord;
  onClose(): void;
  onDone(): void;
}) {
  const onError = useErrorHandler();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    if (!record) return;
    setSaving(true);
    try {
      await api.withdrawActivity(personId, record.id, record.version, reason.trim());
      onDone();
    } catch (err) {
      onError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={record !== undefined}
      title={record ? `撤回：${activityLabel(record)}` : ''}
      okText="撤回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="撤回后该活动不再计入学时，记录和审计轨迹仍保留。" />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label="撤回理由" rules={[{ required: true, whitespace: true, message: '请填写撤回理由' }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

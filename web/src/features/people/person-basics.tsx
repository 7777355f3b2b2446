import { Button, Card, Descriptions, Form, Input, Modal, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { maskResidentId } from '../../../../shared/mask.js';
import { TITLE_LEVEL_LABELS } from '../../../../shared/person.js';
import { api, type PersonChange, type StoredPerson, type UnitMove } from '../../api/endpoints.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { EDUCATION_LABELS } from './labels.js';
import { PersonBasicsFields } from './person-fields.js';

interface Props {
  person: StoredPerson;
  unitHistory: readonly UnitMove[];
  unitName(id: string): string;
  onSaved(person: StoredPerson): void;
}

type Values = Omit<PersonChange, 'version'>;

/**
 * 基本信息 of the 登记手册. The person keeps their own up to date (rules §6); the unit's clerk may also
 * correct the name. The resident ID stays masked unless asked for.
 */
export function PersonBasics({ person, unitHistory, unitName, onSaved }: Props) {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const canEdit =
    principal?.role === 'unit_clerk' || (principal?.role === 'person' && (principal.personId ?? principal.userId) === person.id);

  const save = async (values: Values) => {
    setSaving(true);
    try {
      const change: PersonChange = {
        version: person.version,
        titleSeries: values.titleSeries?.trim() || undefined,
        titleLevel: values.titleLevel,
        education: values.education,
        doctorateYear: values.education === 'doctorate' ? values.doctorateYear : undefined,
        ...(principal?.role === 'unit_clerk' && values.name ? { name: values.name.trim() } : {}),
      };
      onSaved(await api.updatePerson(person.id, change));
      setEditing(false);
    } catch (err) {
      if (!showFieldErrors(form, err, ['name', 'titleSeries', 'doctorateYear'])) onError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="基本信息"
      extra={
        canEdit && (
          <Button size="small" onClick={() => setEditing(true)}>
            修改基本信息
          </Button>
        )
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label="姓名">{person.name}</Descriptions.Item>
        <Descriptions.Item label="身份证号">
          <Typography.Text code>{revealed ? person.idNumber : maskResidentId(person.idNumber)}</Typography.Text>
          <Button type="link" size="small" onClick={() => setRevealed((v) => !v)}>
            {revealed ? '隐藏' : '显示'}
          </Button>
        </Descriptions.Item>
        <Descriptions.Item label="单位">{unitName(person.unitId)}</Descriptions.Item>
        <Descriptions.Item label="职称系列">{person.titleSeries ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="职称级别">{person.titleLevel ? TITLE_LEVEL_LABELS[person.titleLevel] : '—'}</Descriptions.Item>
        <Descriptions.Item label="学历">{person.education ? EDUCATION_LABELS[person.education] : '—'}</Descriptions.Item>
        {person.doctorateYear && <Descriptions.Item label="博士学位取得年份">{person.doctorateYear}年</Descriptions.Item>}
      </Descriptions>
      {unitHistory.length > 0 && (
        <>
          <Typography.Title level={5}>单位变动</Typography.Title>
          <Timeline
            items={unitHistory.map((m) => ({
              key: `${m.unitId}-${m.from}`,
              title: dayjs(m.from).format('YYYY-MM-DD'),
              content: (
                <>
                  {m.unitName || unitName(m.unitId)}
                  {m.reason && <Typography.Text type="secondary">（{m.reason}）</Typography.Text>}
                </>
              ),
            }))}
          />
        </>
      )}
      <Modal
        open={editing}
        title="修改基本信息"
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            name: person.name,
            titleSeries: person.titleSeries,
            titleLevel: person.titleLevel,
            education: person.education,
            doctorateYear: person.doctorateYear,
          }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item
            name="name"
            label="姓名"
            extra={principal?.role === 'person' ? '姓名变更须由单位经办人办理' : undefined}
            rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50 }]}
          >
            <Input maxLength={50} disabled={principal?.role !== 'unit_clerk'} />
          </Form.Item>
          <PersonBasicsFields />
        </Form>
      </Modal>
    </Card>
  );
}

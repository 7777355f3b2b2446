import { Form, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Application } from '../../../../shared/applications.js';
import { api, certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { chinaToday } from '../../components/china-date.js';

interface Values {
  personId: string;
  applicationYear: number;
  titleLevel: Application['titleLevel'];
}

/**
 * 发起核认申请 (unit clerk): one person of the unit, the application year and the level applied for —
 * 中级 leads to the tenant's 合格证明, 副高 and 正高 to the 学时认定单. The API works out the span
 * (rules §3: Y−5…Y−1 or the mid-level policy by degree, the doctor policy, years a certificate covers) and
 * keeps the application as a draft until the clerk submits it.
 */
export function NewApplicationDialog({
  open,
  unitId,
  onClose,
  onCreated,
}: {
  open: boolean;
  unitId: string;
  onClose: () => void;
  onCreated: (app: Application) => void;
}) {
  const [form] = Form.useForm<Values>();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const people = useResource(open ? `people|${unitId}` : undefined, () => api.people({ unitId, limit: 200 }), onError);
  const thisYear = Number(chinaToday().slice(0, 4));
  const level = Form.useWatch('titleLevel', form);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const app = await certificationApi.createApplication(values);
      form.resetFields();
      onCreated(app);
    } catch (err) {
      if (!showFieldErrors(form, err, ['personId', 'applicationYear', 'titleLevel'])) onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="发起学时核认申请"
      okText="创建草稿"
      okButtonProps={{ loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="发起学时核认申请"
        initialValues={{ applicationYear: thisYear, titleLevel: 'associate_senior' }}
      >
        <Form.Item name="personId" label="申报人" rules={[{ required: true, message: '请选择申报人' }]}>
          <Select
            aria-label="申报人"
            loading={people.loading}
            placeholder="选择本单位人员"
            showSearch={{ optionFilterProp: 'label' }}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.idNumberMasked}）` }))}
          />
        </Form.Item>
        <Form.Item name="applicationYear" label="申报年度" rules={[{ required: true, message: '请填写申报年度' }]}>
          <InputNumber aria-label="申报年度" min={2000} max={2100} precision={0} style={{ width: 160 }} suffix="年" />
        </Form.Item>
        <Form.Item name="titleLevel" label="申报级别" rules={[{ required: true }]}>
          <Radio.Group
            aria-label="申报级别"
            options={[
              { value: 'intermediate', label: '中级（合格证明）' },
              { value: 'associate_senior', label: '副高级（学时认定单）' },
              { value: 'senior', label: '正高级（学时认定单）' },
            ]}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="span-hint">
          {level === 'intermediate'
            ? '中级职称出具本地区的继续教育合格证明：核认年度按本地区规则，一般为申报年度前四年，硕士研究生及以上学历为前三年（以人员信息中的学历为准），创建后可在详情页查看。'
            : '核认年度一般为申报年度前五年；博士参评副高、已有学时认定单覆盖的年度按规定调整，创建后可在详情页查看。'}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { chinaDateOf } from '../../../../shared/calendar.js';
import { NewFilingSchema, type Filing, type NewFiling } from '../../../../shared/filings.js';
import { CATEGORY_LABELS } from '../../../../shared/hours/notes.js';
import type { Category } from '../../../../shared/hours/schemas.js';
import { DEFAULT_POLICY, resolveYearPolicy } from '../../../../shared/policy.js';
import { filingsApi } from '../../api/endpoints.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';

interface Values {
  title: string;
  category: Category;
  theme?: string;
  startDate?: Dayjs;
  endDate?: Dayjs;
  days?: number | null;
  halfDays?: number | null;
  evenings?: number | null;
  location?: string;
  lecturers: { name?: string; title?: string; organisation?: string }[];
}

const FIELDS = ['title', 'category', 'theme', 'startDate', 'endDate', 'days', 'halfDays', 'evenings', 'location', 'lecturers'] as const;
const blank = (v?: string) => (v?.trim() ? v.trim() : undefined);
const count = (v?: number | null) => (v ? v : undefined);

/**
 * 培训备案 (unit clerk, rules §5 W3): filed before the training starts. The whole form is checked
 * with the API's own schema first, so a mistake is marked on its field before anything is sent.
 */
export function FilingForm({
  open,
  hasDepartment,
  onClose,
  onFiled,
}: {
  open: boolean;
  /** Whether the unit sits under a department, which then keeps its professional filings. */
  hasDepartment: boolean;
  onClose: () => void;
  onFiled: (filing: Filing) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const onError = useErrorHandler();
  const category = Form.useWatch('category', form);
  const startDate = Form.useWatch('startDate', form);
  const today = chinaDateOf(new Date());
  const themes = startDate ? resolveYearPolicy(DEFAULT_POLICY, startDate.year()).publicThemes : [];

  const submit = async (v: Values) => {
    const candidate = {
      title: v.title?.trim() ?? '',
      category: v.category,
      theme: v.category === 'public' ? blank(v.theme) : undefined,
      startDate: v.startDate?.format('YYYY-MM-DD'),
      endDate: v.endDate?.format('YYYY-MM-DD'),
      days: count(v.days),
      halfDays: count(v.halfDays),
      evenings: count(v.evenings),
      location: blank(v.location),
      lecturers: (v.lecturers ?? []).map((l) => ({
        name: l.name?.trim() ?? '',
        ...(blank(l.title) ? { title: blank(l.title) } : {}),
        ...(blank(l.organisation) ? { organisation: blank(l.organisation) } : {}),
      })),
    };
    const parsed = NewFilingSchema.safeParse(candidate);
    if (!parsed.success) {
      // Issue paths are form paths: ['endDate'], ['lecturers', 0, 'name'].
      const fields = parsed.error.issues.map((issue) => ({
        name: (issue.path.length > 0 ? issue.path : ['title']) as (string | number)[],
        errors: [issue.message],
      }));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    setSaving(true);
    try {
      const filing = await filingsApi.file(parsed.data as NewFiling);
      form.resetFields();
      onFiled(filing);
    } catch (err) {
      if (!showFieldErrors(form, err, FIELDS)) onError(err);
    } finally {
      setSaving(false);
    }
  };

  const recipient =
    category === 'public'
      ? '公需科目培训报人社部门确认。'
      : hasDepartment
        ? '专业科目培训报主管部门确认。'
        : '本单位无主管部门，专业科目培训报人社部门确认。';

  return (
    <Modal
      open={open}
      title="新建培训备案"
      okText="提交备案"
      cancelText="取消"
      width={760}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="线下培训须在开始前备案"
        description={`${recipient}确认后，培训结束时录入出勤人员，学时直接计入（来源：备案培训）。`}
      />
      <Form
        form={form}
        name="new-filing"
        layout="vertical"
        initialValues={{ category: 'professional', lecturers: [{}] }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="title" label="培训名称" rules={[{ required: true, whitespace: true, message: '请填写培训名称' }]}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="category" label="科目类别" rules={[{ required: true }]}>
              <Radio.Group
                aria-label="科目类别"
                options={(['professional', 'public'] as const).map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {category === 'public' && (
              <Form.Item
                name="theme"
                label="公需科目主题"
                extra={themes.length > 0 ? `${startDate!.year()}年度公需科目须注明以上主题之一` : undefined}
              >
                {themes.length > 0 ? (
                  <Select
                    aria-label="公需科目主题"
                    allowClear
                    placeholder="请选择本年度主题"
                    options={themes.map((t) => ({ value: t, label: t }))}
                  />
                ) : (
                  <Input maxLength={100} placeholder="该年度未规定主题，可不填" />
                )}
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="startDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]} extra="须为今天或以后">
              <DatePicker
                format="YYYY-MM-DD"
                placeholder="年-月-日"
                style={{ width: '100%' }}
                disabledDate={(d) => d.format('YYYY-MM-DD') < today}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="endDate" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
              <DatePicker
                format="YYYY-MM-DD"
                placeholder="年-月-日"
                style={{ width: '100%' }}
                disabledDate={(d) => d.format('YYYY-MM-DD') < (startDate ? startDate.format('YYYY-MM-DD') : today)}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={8}>
            <Form.Item name="days" label="全天（天）" extra="每天10学时">
              <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="halfDays" label="半天（次）" extra="每次4学时">
              <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="evenings" label="晚上（次）" extra="每次2学时">
              <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="location" label="培训地点">
          <Input maxLength={200} placeholder="可不填" autoComplete="off" />
        </Form.Item>
        <Typography.Text strong>授课人</Typography.Text>
        <Form.List name="lecturers">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写授课人姓名' }]}>
                    <Input aria-label={`授课人${i + 1}姓名`} placeholder="姓名" maxLength={50} autoComplete="off" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'title']}>
                    <Input aria-label={`授课人${i + 1}职称或职务`} placeholder="职称或职务（可不填）" maxLength={100} autoComplete="off" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'organisation']}>
                    <Input aria-label={`授课人${i + 1}单位`} placeholder="所在单位（可不填）" maxLength={100} autoComplete="off" />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined aria-label={`删除授课人${i + 1}`} onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 50}>
                添加授课人
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

import { Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space, type FormRule } from 'antd';
import type { ReactNode } from 'react';
import type { Activity, ActivityKind, Rule } from '../../../../shared/hours/schemas.js';
import { CATEGORY_LABELS, RULE_LABELS } from '../../../../shared/hours/notes.js';
import { DEFAULT_POLICY, resolveYearPolicy } from '../../../../shared/policy.js';
import { fieldsOf, parseDraft, toDraft, type ActivityDraft, type DraftField } from './activity-draft.js';
import {
  AID_LEVEL_LABELS,
  ASSESSMENT_LABELS,
  AUTHOR_ROLE_LABELS,
  AWARD_LEVEL_LABELS,
  DOMESTIC_CN_LABELS,
  fieldLabel,
  INVENTOR_ROLE_LABELS,
  KIND_OPTIONS,
  optionsOf,
  PATENT_TYPE_LABELS,
  PROJECT_ROLE_LABELS,
  SPONSOR_LABELS,
} from './labels.js';
import { issueMessage } from './issue-message.js';

const RULE_OF_KIND: Record<ActivityKind, Rule> = {
  training: 'C1',
  practice: 'C1',
  academic_event: 'C1',
  overseas_exchange: 'C1',
  online_course: 'ONLINE',
  research_project: 'C2',
  book: 'C3a',
  paper: 'C3b',
  patent: 'C4',
  award: 'C5',
  computer_exam: 'C6',
  aid_assignment: 'C7',
  degree_course: 'C8',
  qualification_exam: 'C9',
};

const RADIO_CHOICES: Partial<Record<DraftField, Record<string, string>>> = {
  category: CATEGORY_LABELS,
  sponsor: SPONSOR_LABELS,
  role: PROJECT_ROLE_LABELS,
  authorRole: AUTHOR_ROLE_LABELS,
  inventorRole: INVENTOR_ROLE_LABELS,
  patentType: PATENT_TYPE_LABELS,
  level: AWARD_LEVEL_LABELS,
  domesticCN: DOMESTIC_CN_LABELS,
  assessmentPassed: ASSESSMENT_LABELS,
  provincialOrAbove: AID_LEVEL_LABELS,
};

const OPTIONAL = new Set<DraftField>(['title', 'provider', 'theme', 'days', 'halfDays', 'evenings']);

const HINTS: Partial<Record<DraftField, string>> = {
  days: '全天10学时，半天4学时，晚上2学时；三项至少填一项',
  hours: '按课程时长填写，最多一位小数',
  rank: '本人在获奖人员中的名次（从1起）',
  endDate: '满6个月（如1月1日至6月30日）且考核合格，视为完成当年学时',
  provider: '施教机构、主办单位或刊物名称；用于提示重复记录',
};

interface Props {
  /** The activity being edited, or undefined to add a new one. */
  initial?: Activity;
  /** The kind a new activity starts with (the last one added). */
  defaultKind: ActivityKind;
  onSubmit(activity: Activity): void;
  onCancel?(): void;
  /** The submit button's words: the calculator adds to its list, the records screens save. */
  submitLabel?: string;
  cancelLabel?: string;
  /** True while the caller is saving: the submit button spins and cannot be pressed again. */
  submitting?: boolean;
}

/**
 * Enter one activity. The fields follow the kind (rules §7), required ones are checked as the person
 * types, and on submit the draft goes through the shared ActivitySchema, the API's own contract.
 */
export function ActivityForm({ initial, defaultKind, onSubmit, onCancel, submitLabel, cancelLabel, submitting }: Props) {
  const [form] = Form.useForm<ActivityDraft>();
  const kind = Form.useWatch('kind', form) ?? initial?.kind ?? defaultKind;
  const category = Form.useWatch('category', form);
  const date = Form.useWatch('date', form);

  const submit = (draft: ActivityDraft) => {
    const parsed = parseDraft(draft);
    if (!parsed.ok) {
      const candidate = parsed.candidate;
      form.setFields(
        parsed.issues.map((issue) => ({
          name: (issue.path[0] as DraftField | undefined) ?? 'kind',
          errors: [issueMessage(issue, candidate, draft.kind)],
        })),
      );
      return;
    }
    onSubmit(initial?.id ? { ...parsed.activity, id: initial.id } : parsed.activity);
    if (!initial) form.resetFields();
    form.setFieldValue('kind', parsed.activity.kind);
  };

  const themes = date ? resolveYearPolicy(DEFAULT_POLICY, date.year()).publicThemes : [];

  const renderField = (field: DraftField): ReactNode => {
    const label = fieldLabel(field, kind);
    const rules: FormRule[] = OPTIONAL.has(field)
      ? []
      : [{ required: true, message: RADIO_CHOICES[field] ? `请选择${label}` : `请填写${label}` }];
    const item = (control: ReactNode, extra?: ReactNode) => (
      <Form.Item key={field} name={field} label={label} rules={rules} extra={extra ?? HINTS[field]}>
        {control}
      </Form.Item>
    );
    if (field === 'date' || field === 'startDate' || field === 'endDate') {
      return item(<DatePicker format="YYYY-MM-DD" placeholder="年-月-日" style={{ width: '100%' }} />);
    }
    const choices = RADIO_CHOICES[field];
    if (choices) return item(<Radio.Group aria-label={label} options={optionsOf(choices)} />);
    if (field === 'theme') {
      if (category !== 'public') return null;
      // rules §3 R2: in a year with themes (2023) a public item names one of them.
      return themes.length > 0
        ? item(
            <Select allowClear placeholder="请选择本年度主题" options={themes.map((t) => ({ value: t, label: t }))} />,
            `${date!.year()}年度公需科目须注明以上主题之一`,
          )
        : item(<Input placeholder="该年度未规定主题，可不填" maxLength={100} />);
    }
    if (field === 'title' || field === 'provider') {
      return item(<Input placeholder="可不填" maxLength={200} />);
    }
    const decimal = field === 'hours';
    const min = OPTIONAL.has(field) ? 0 : decimal ? 0.1 : 1;
    return item(<InputNumber min={min} step={decimal ? 0.5 : 1} style={{ width: '100%' }} />);
  };

  return (
    <Form
      form={form}
      name="activity"
      layout="vertical"
      preserve={false}
      initialValues={initial ? toDraft(initial) : { kind: defaultKind }}
      onFinish={submit}
      requiredMark
    >
      <Form.Item
        name="kind"
        label="活动类型"
        rules={[{ required: true, message: '请选择活动类型' }]}
        extra={RULE_LABELS[RULE_OF_KIND[kind]]}
      >
        <Select showSearch={{ optionFilterProp: 'keywords' }} options={KIND_OPTIONS} />
      </Form.Item>
      {fieldsOf(kind).map(renderField)}
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {submitLabel ?? (initial ? '保存修改' : '添加到列表')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{cancelLabel ?? '取消修改'}</Button>}
      </Space>
    </Form>
  );
}

import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { SubjectMinimum, YearPolicySettings } from '../../../../shared/policy.js';
import { rulesApi, type FilingWindow, type RuleYear } from '../../api/endpoints.js';
import { ReasonItem, useSaveFailure } from './rule-form.js';

interface Values {
  publicThemes: string[];
  hasWindow: boolean;
  window?: [Dayjs, Dayjs];
  requiredHours: number;
  /** 公需科目最少学时: none, or hours that are required (hard) or only expected ("一般", soft). */
  publicMode: MinimumMode;
  publicHours?: number;
  professionalMode: Exclude<MinimumMode, 'none'>;
  professionalHours: number;
  source: string;
  reason: string;
}

type MinimumMode = 'none' | 'hard' | 'soft';
const modeOf = (m: SubjectMinimum | null): MinimumMode => (m ? (m.hard ? 'hard' : 'soft') : 'none');
const MODE_OPTIONS = [
  { value: 'hard', label: '须达到（不足即未达标）' },
  { value: 'soft', label: '一般要求（不足仅提示，可书面认可）' },
];

function fieldOf(path: string): keyof Values | undefined {
  const [head, next] = path.split('.');
  if (head === 'settings') {
    if (next === 'publicThemes') return 'publicThemes';
    if (next === 'filingWindow') return 'window';
    if (next === 'requiredHours') return 'requiredHours';
    if (next === 'minPublicHours') return 'publicHours';
    if (next === 'minProfessionalHours') return 'professionalHours';
    return undefined;
  }
  if (head === 'source' || head === 'reason') return head;
  return undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What to keep: a field the office kept before stays kept; a built-in value the office did not touch
 * stays built in (not pinned), so a later change of the built-in value still reaches this year.
 */
function settingsOf(rule: RuleYear, v: Values): YearPolicySettings {
  const kept = rule.policy.settings ?? {};
  const themes = v.publicThemes.map((t) => t.trim()).filter(Boolean);
  const window: FilingWindow | null =
    v.hasWindow && v.window ? { from: v.window[0].format('MM-DD'), to: v.window[1].format('MM-DD') } : null;
  const minPublic: SubjectMinimum | null = v.publicMode === 'none' ? null : { hours: v.publicHours ?? 0, hard: v.publicMode === 'hard' };
  const minProfessional: SubjectMinimum = { hours: v.professionalHours, hard: v.professionalMode === 'hard' };
  return {
    ...('publicThemes' in kept || !same(themes, rule.policy.publicThemes) ? { publicThemes: themes } : {}),
    ...('minPublicHours' in kept || !same(minPublic, rule.policy.minPublicHours) ? { minPublicHours: minPublic } : {}),
    ...('minProfessionalHours' in kept || !same(minProfessional, rule.policy.minProfessionalHours)
      ? { minProfessionalHours: minProfessional }
      : {}),
    ...('filingWindow' in kept || !same(window, rule.policy.filingWindow) ? { filingWindow: window } : {}),
    ...('requiredHours' in kept || v.requiredHours !== rule.policy.requiredHours ? { requiredHours: v.requiredHours } : {}),
  };
}

/**
 * 编辑年度政策 (hr office): the year's public themes, filing window, required hours and the public and
 * professional minimums (湘人社办函〔2025〕37号: 公需不少于30、专业不少于60), with the notice they come from.
 */
export function PolicyDialog({
  rule,
  onClose,
  onSaved,
  onConflict,
}: {
  /** Undefined while closed. */
  rule?: RuleYear;
  onClose: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const failed = useSaveFailure(onConflict);
  const hasWindow = Form.useWatch('hasWindow', form);
  const publicMode = Form.useWatch('publicMode', form);

  const submit = async () => {
    if (!rule) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await rulesApi.putPolicy(rule.year, {
        settings: settingsOf(rule, v),
        source: v.source.trim(),
        reason: v.reason.trim(),
        expectedVersion: rule.policy.kept?.version ?? 0,
      });
      onSaved();
    } catch (err) {
      failed(err, form, fieldOf);
    } finally {
      setSaving(false);
    }
  };

  const year = rule?.year ?? new Date().getFullYear();
  const monthDay = (md: string) => dayjs(`${year}-${md}`);
  return (
    <Modal
      open={rule !== undefined}
      title={rule ? `编辑${rule.year}年度政策` : ''}
      okText="保存年度政策"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {rule && (
        <Form<Values>
          form={form}
          layout="vertical"
          aria-label="年度政策"
          initialValues={{
            publicThemes: rule.policy.publicThemes,
            hasWindow: rule.policy.filingWindow !== null,
            window: rule.policy.filingWindow ? [monthDay(rule.policy.filingWindow.from), monthDay(rule.policy.filingWindow.to)] : undefined,
            requiredHours: rule.policy.requiredHours,
            publicMode: modeOf(rule.policy.minPublicHours),
            publicHours: rule.policy.minPublicHours?.hours ?? 30,
            professionalMode: modeOf(rule.policy.minProfessionalHours) as Values['professionalMode'],
            professionalHours: rule.policy.minProfessionalHours.hours,
            source: rule.policy.source,
          }}
        >
          <Typography.Paragraph type="secondary">
            按省人社厅当年的通知填写。修改只影响此后的计算：已确认的年度和已出具的认定单保留原来的政策。
          </Typography.Paragraph>
          <Form.Item
            name="publicThemes"
            label="公需科目主题"
            extra="输入一个主题后按回车；留空表示该年度不设主题（不检查公需科目主题）"
            rules={[
              { type: 'array', max: 20, message: '主题不能超过20个' },
              {
                validator: async (_, value?: string[]) => {
                  if (value?.some((t) => t.trim().length > 100)) throw new Error('每个主题不能超过100个字符');
                },
              },
            ]}
          >
            <Select
              mode="tags"
              aria-label="公需科目主题"
              open={false}
              suffixIcon={null}
              tokenSeparators={['，', ',', '、', '；', ';', '\n']}
              placeholder="如：数字化建设与发展"
            />
          </Form.Item>
          <Form.Item name="hasWindow" label="报送受理期">
            <Radio.Group
              options={[
                { value: false, label: '不设受理期' },
                { value: true, label: '设定受理期' },
              ]}
            />
          </Form.Item>
          {hasWindow && (
            <Form.Item
              name="window"
              label="受理期（每年）"
              rules={[{ required: true, message: '请选择受理期起止日期' }]}
              style={{ marginTop: -8 }}
            >
              <DatePicker.RangePicker
                aria-label="受理期"
                format="M月D日"
                placeholder={['开始日期', '截止日期']}
                defaultPickerValue={[monthDay('07-01'), monthDay('07-01')]}
              />
            </Form.Item>
          )}
          <Form.Item name="requiredHours" label="每年学时要求" rules={[{ required: true, message: '请填写每年须完成的学时' }]}>
            <InputNumber aria-label="每年学时要求" min={1} max={300} precision={0} suffix="学时" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="公需科目最少学时" style={{ marginBottom: 0 }}>
            <Space wrap align="start">
              <Form.Item name="publicMode" noStyle>
                <Select
                  aria-label="公需科目要求"
                  style={{ width: 260 }}
                  options={[{ value: 'none', label: '不设最少学时' }, ...MODE_OPTIONS]}
                />
              </Form.Item>
              {publicMode !== 'none' && (
                <Form.Item name="publicHours" rules={[{ required: true, message: '请填写公需科目最少学时' }]}>
                  <InputNumber aria-label="公需科目最少学时" min={1} max={300} precision={0} suffix="学时" style={{ width: 140 }} />
                </Form.Item>
              )}
            </Space>
          </Form.Item>
          <Form.Item label="专业科目最少学时" style={{ marginBottom: 0 }}>
            <Space wrap align="start">
              <Form.Item name="professionalMode" noStyle>
                <Select aria-label="专业科目要求" style={{ width: 260 }} options={MODE_OPTIONS} />
              </Form.Item>
              <Form.Item name="professionalHours" rules={[{ required: true, message: '请填写专业科目最少学时' }]}>
                <InputNumber aria-label="专业科目最少学时" min={1} max={300} precision={0} suffix="学时" style={{ width: 140 }} />
              </Form.Item>
            </Space>
          </Form.Item>
          <Form.Item
            name="source"
            label="依据文件"
            rules={[
              { required: true, whitespace: true, message: '请填写依据文件' },
              { min: 2, message: '请填写依据文件' },
            ]}
          >
            <Input maxLength={100} placeholder="如：湘人社办函〔2025〕37号" />
          </Form.Item>
          <ReasonItem placeholder={`如：省人社厅公布${rule.year}年度公需科目主题`} />
        </Form>
      )}
    </Modal>
  );
}

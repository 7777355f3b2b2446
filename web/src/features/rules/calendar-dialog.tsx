import { Alert, Button, DatePicker, Descriptions, Form, Grid, Input, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { rulesApi, type CalendarYearView } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { dayText, describeDates, fullDateText, isWeekend, parseDateLines, toDateLines } from './date-lines.js';
import { ORIGIN_TAGS } from './labels.js';
import { ReasonItem, useSaveFailure } from './rule-form.js';

/**
 * The year the revised holiday regulation (every statutory holiday must be in an arrangement) applies
 * from: shared/working-days.ts CURRENT_HOLIDAY_REGULATION_FROM, not imported because that module
 * brings the lunar calendar and the package's data into the site.
 */
const STATUTORY_CHECKED_FROM = 2025;

interface Values {
  document: string;
  publishedOn: Dayjs;
  holidays: string;
  workdays: string;
  reason: string;
}

/** A server detail path → the field it belongs to. */
function fieldOf(path: string): keyof Values | undefined {
  const [head, next] = path.split('.');
  if (head === 'source') return next === 'publishedOn' ? 'publishedOn' : 'document';
  if (head === 'holidays' || head === 'workdays' || head === 'reason') return head;
  return undefined;
}

/**
 * 载入/更正放假安排 (hr office) or 查看放假安排 (read-only): the State Council notice's number and
 * date, the days off and the weekend days worked in lieu, typed or pasted one a line or as ranges.
 * The year's statutory holidays are shown ticked off as the dates are typed.
 */
export function CalendarDialog({
  year,
  revision,
  readOnly,
  onClose,
  onSaved,
  onConflict,
}: {
  /** Undefined while closed. */
  year?: number;
  /** Changes after every save, so a dialog opened again never starts from what was read before. */
  revision: number;
  readOnly: boolean;
  onClose: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const onError = useErrorHandler();
  const view = useResource(year === undefined ? undefined : `calendar|${year}|${revision}`, () => rulesApi.calendar(year!), onError);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const failed = useSaveFailure(onConflict);
  const data = view.data;
  const editing = !readOnly && data !== undefined;
  const title =
    year === undefined
      ? ''
      : readOnly
        ? `${year}年放假安排`
        : data?.origin === 'assumed'
          ? `载入${year}年放假安排`
          : `更正${year}年放假安排`;

  const submit = async () => {
    if (!data) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await rulesApi.putCalendar({
        year: data.year,
        holidays: parseDateLines(v.holidays, data.year).dates,
        workdays: parseDateLines(v.workdays ?? '', data.year).dates,
        source: { document: v.document.trim(), publishedOn: v.publishedOn.format('YYYY-MM-DD') },
        reason: v.reason.trim(),
        expectedVersion: data.kept?.version ?? 0,
      });
      onSaved();
    } catch (err) {
      failed(err, form, fieldOf);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={year !== undefined}
      title={title}
      width={720}
      onCancel={onClose}
      destroyOnHidden
      footer={
        editing
          ? [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button key="ok" type="primary" loading={saving} onClick={() => void submit().catch(() => undefined)}>
                保存放假安排
              </Button>,
            ]
          : [
              <Button key="close" onClick={onClose}>
                关闭
              </Button>,
            ]
      }
    >
      {!data ? <Skeleton active /> : editing ? <CalendarForm form={form} view={data} /> : <CalendarView view={data} />}
    </Modal>
  );
}

function StatutoryChecklist({ view, holidays }: { view: CalendarYearView; holidays?: ReadonlySet<string> }) {
  return (
    <div aria-label="法定节假日">
      <Typography.Text type="secondary">
        {view.year}年法定节假日{holidays && view.year >= STATUTORY_CHECKED_FROM ? '（须全部列入放假日期）' : ''}：
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        {view.statutoryHolidays.map((h) => {
          const color = holidays ? (holidays.has(h.date) ? 'success' : 'error') : undefined;
          return (
            <Tag key={h.date} color={color} style={{ marginBottom: 4 }}>
              {holidays ? (holidays.has(h.date) ? '✓ ' : '缺 ') : ''}
              {h.name} {dayText(h.date, true)}
            </Tag>
          );
        })}
      </div>
    </div>
  );
}

function CalendarView({ view }: { view: CalendarYearView }) {
  const origin = ORIGIN_TAGS[view.origin];
  const phone = !Grid.useBreakpoint().sm;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions
        column={1}
        size="small"
        bordered
        layout={phone ? 'vertical' : 'horizontal'}
        items={[
          { key: 'origin', label: '来源', children: <Tag color={origin.color}>{origin.label}</Tag> },
          ...(view.source
            ? [{ key: 'source', label: '依据', children: `${view.source.document}（${fullDateText(view.source.publishedOn)}发布）` }]
            : []),
          ...(view.origin === 'assumed'
            ? []
            : [
                { key: 'holidays', label: `放假日期（${view.holidays.length}天）`, children: describeDates(view.holidays) || '无' },
                { key: 'workdays', label: `调休上班日（${view.workdays.length}天）`, children: describeDates(view.workdays) || '无' },
              ]),
        ]}
      />
      {view.origin === 'assumed' && (
        <Alert
          type="warning"
          showIcon
          title={`${view.year}年尚无官方放假安排：公示结束日期按周末和下列法定节假日推算，调休上班日未计入。`}
        />
      )}
      <StatutoryChecklist view={view} />
    </Space>
  );
}

function CalendarForm({ form, view }: { form: ReturnType<typeof Form.useForm<Values>>[0]; view: CalendarYearView }) {
  const year = view.year;
  const holidaysText = Form.useWatch('holidays', form) ?? '';
  const workdaysText = Form.useWatch('workdays', form) ?? '';
  const holidays = parseDateLines(holidaysText, year);
  const workdays = parseDateLines(workdaysText, year);
  const yearStart = dayjs(`${year}-01-01`);
  const outsideYear = (d: Dayjs) => d.year() !== year;

  const append = (field: 'holidays' | 'workdays', line: string) => {
    const current = (form.getFieldValue(field) as string | undefined)?.trimEnd() ?? '';
    form.setFieldValue(field, current ? `${current}\n${line}` : line);
    void form.validateFields([field]).catch(() => undefined);
  };

  const checkDates = (field: 'holidays' | 'workdays') => async (_: unknown, value?: string) => {
    const parsed = parseDateLines(value ?? '', year);
    if (parsed.unrecognised.length) throw new Error(`无法识别为日期：${parsed.unrecognised.join('、')}`);
    if (parsed.invalid.length) throw new Error(`日期或日期段有误：${parsed.invalid.join('、')}`);
    if (field === 'holidays' && parsed.dates.length === 0) throw new Error('请填写放假日期');
    const outside = parsed.dates.filter((d) => !d.startsWith(`${year}-`));
    if (outside.length) throw new Error(`不在${year}年内：${outside.join('、')}`);
    if (field === 'workdays') {
      const weekdays = parsed.dates.filter((d) => !isWeekend(d));
      if (weekdays.length) throw new Error(`调休上班日须为周六或周日：${weekdays.map((d) => dayText(d, true)).join('、')}`);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      aria-label="放假安排"
      initialValues={{
        document: view.source?.document,
        publishedOn: view.source ? dayjs(view.source.publishedOn) : undefined,
        holidays: toDateLines(view.holidays),
        workdays: toDateLines(view.workdays),
      }}
    >
      <Typography.Paragraph type="secondary">
        按国务院办公厅当年的放假通知填写。保存后，此后发布的公示按此安排计算结束日期；已发布的公示不受影响。
      </Typography.Paragraph>
      <Space wrap align="start" style={{ width: '100%' }} size={[16, 0]}>
        <Form.Item
          name="document"
          label="通知文号"
          rules={[
            { required: true, whitespace: true, message: '请填写通知文号' },
            { min: 2, message: '请填写通知文号' },
          ]}
          style={{ minWidth: 280 }}
        >
          <Input maxLength={100} placeholder="如：国办发明电〔2025〕7号" />
        </Form.Item>
        <Form.Item name="publishedOn" label="发布日期" rules={[{ required: true, message: '请选择发布日期' }]}>
          <DatePicker aria-label="发布日期" placeholder="选择日期" />
        </Form.Item>
      </Space>
      <Form.Item
        name="holidays"
        label="放假日期"
        required
        rules={[{ validator: checkDates('holidays') }]}
        extra={
          <Space orientation="vertical" size={4} style={{ marginTop: 4, width: '100%' }}>
            {holidays.dates.length > 0 && (
              <span data-testid="holidays-preview">
                已识别 {holidays.dates.length} 天：{describeDates(holidays.dates)}
              </span>
            )}
            <StatutoryChecklist view={view} holidays={new Set(holidays.dates)} />
          </Space>
        }
      >
        <Input.TextArea
          aria-label="放假日期"
          rows={5}
          placeholder={`每行一个日期或日期段，如：\n${year}-01-01\n${year}-02-05 至 ${year}-02-11\n也可写作 2月5日至11日`}
        />
      </Form.Item>
      <div style={{ marginTop: -8, marginBottom: 16 }}>
        <DatePicker.RangePicker
          size="small"
          aria-label="选择放假日期段"
          placeholder={['放假开始', '放假结束']}
          defaultPickerValue={[yearStart, yearStart]}
          disabledDate={outsideYear}
          value={null}
          onChange={(range) => {
            const [from, to] = range ?? [];
            if (!from || !to) return;
            const a = from.format('YYYY-MM-DD');
            const b = to.format('YYYY-MM-DD');
            append('holidays', a === b ? a : `${a} 至 ${b}`);
          }}
        />
        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
          选择后加入上面的列表
        </Typography.Text>
      </div>
      <Form.Item
        name="workdays"
        label="调休上班日"
        rules={[{ validator: checkDates('workdays') }]}
        extra={
          workdays.dates.length > 0 ? (
            <span data-testid="workdays-preview">
              已识别 {workdays.dates.length} 天：{workdays.dates.map((d) => dayText(d, true)).join('、')}
            </span>
          ) : (
            '通知中“××日（星期六）上班”的日期；没有调休时留空'
          )
        }
      >
        <Input.TextArea aria-label="调休上班日" rows={2} placeholder={`每行一个日期，如：${year}-02-20`} />
      </Form.Item>
      <div style={{ marginTop: -8, marginBottom: 16 }}>
        <DatePicker
          size="small"
          aria-label="选择调休上班日"
          placeholder="加入调休上班日"
          defaultPickerValue={yearStart}
          disabledDate={(d) => outsideYear(d) || (d.day() !== 0 && d.day() !== 6)}
          value={null}
          onChange={(d: Dayjs | null) => d && append('workdays', d.format('YYYY-MM-DD'))}
        />
      </div>
      <ReasonItem placeholder={`如：国务院办公厅公布${year}年部分节假日安排`} />
    </Form>
  );
}

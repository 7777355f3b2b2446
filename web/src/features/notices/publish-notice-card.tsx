import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { noticeBatchLabel, type Application, type Notice } from '../../../../shared/applications.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { chinaToday } from '../../components/china-date.js';
import { ExceptionReasonsDialog, needingReasons } from '../../components/exception-reasons-dialog.js';
import { appliedLabel } from '../../components/workflow-view.js';
import { FlagTag } from '../../components/year-findings.js';
import { calendarAssumptionText } from '../../components/calendar-assumption.js';

/** The API's limit: a notice is published in one transaction of three items per application (the frozen copy too). */
const MAX_PER_NOTICE = 32;

interface Values {
  startDate: Dayjs;
  contact: string;
  title?: string;
}

/**
 * 发布本单位公示 (unit reviewer): pick applications that passed the initial review, a start date —
 * the end date (the 5th working day by the official calendar, rules §5) is asked of the API as the
 * date changes and shown before publishing — and the contact for objections.
 */
export function PublishNoticeCard({
  unitId,
  unitName,
  preselect,
  openNotices,
  nextBatchNo,
  onPublished,
}: {
  unitId: string;
  unitName: string;
  preselect: readonly string[];
  /** The unit's notices open now: publishing beside one starts the next batch. */
  openNotices: readonly Notice[];
  /** The 第N批 a notice starting in this year would get (the API numbers it; this is the preview). */
  nextBatchNo: (year: number) => number;
  onPublished: (notice: Notice) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<string[]>();
  const today = chinaToday();
  const [start, setStart] = useState(today);

  const approved = useResource(`approved|${unitId}`, () => certificationApi.applications({ unitId, limit: 200 }), onError);
  const candidates = useMemo(() => (approved.data?.items ?? []).filter((a) => a.state === 'unit_approved'), [approved.data]);
  const selected = picked ?? preselect.filter((id) => candidates.some((a) => a.id === id));
  const end = useResource(start, () => certificationApi.noticeEnd(start), onError);
  // With a notice open, the form stays folded until the reviewer chooses to start the next batch
  // (arriving from an application's 发布公示 is that choice already).
  const [starting, setStarting] = useState(preselect.length > 0);
  const batchNo = nextBatchNo(Number(start.slice(0, 4)));
  const batchName = `${start.slice(0, 4)}年第${batchNo}批`;

  const [asking, setAsking] = useState<Application[]>();
  const publish = async (reasons?: Record<string, string>) => {
    const values = await form.validateFields();
    if (selected.length === 0) {
      message.warning('请选择要公示的申请');
      return;
    }
    // A short year or incomplete evidence: each such application needs its reason first (issue 14).
    const flagged = needingReasons(candidates.filter((a) => selected.includes(a.id)));
    if (flagged.length && !reasons) {
      setAsking(flagged);
      return;
    }
    setBusy(true);
    try {
      const notice = await certificationApi.publishNotice({
        applicationIds: selected,
        ...(reasons ? { reasons } : {}),
        startDate: values.startDate.format('YYYY-MM-DD'),
        contact: values.contact.trim(),
        ...(values.title?.trim() ? { title: values.title.trim() } : {}),
      });
      message.success(`已发布${noticeBatchLabel(notice) || ''}公示，${notice.startDate} 至 ${notice.endDate}`);
      setPicked([]);
      setStarting(false);
      approved.reload();
      setAsking(undefined);
      onPublished(notice);
    } catch (err) {
      if (!showFieldErrors(form, err, ['startDate', 'contact', 'title'])) onError(err);
      approved.reload();
      if (reasons) throw err;
    } finally {
      setBusy(false);
    }
  };

  const running = openNotices
    .map((n) => `${noticeBatchLabel(n) || n.title}（${n.startDate} 至 ${n.endDate}，${n.applicationIds.length}人）`)
    .join('、');
  if (!approved.loading && candidates.length === 0) {
    return (
      <Card title="发布本单位公示">
        <Empty
          description={
            openNotices.length
              ? `${running}正在公示。目前没有初审通过、待公示的申请，暂不能发布第${batchNo}批：申请须先经单位初审通过；已在公示中的人员不能重复公示，公示期满且无异议后自动进入下一环节。`
              : '没有初审通过、待公示的申请。申请经单位初审通过后，即可在此发布公示。'
          }
        />
      </Card>
    );
  }
  if (openNotices.length && !starting) {
    return (
      <Card title="发布本单位公示">
        <Alert
          type="info"
          showIcon
          title={`${running}正在公示`}
          description={`已发布的公示不能增减人员（公示内容以发布时为准）。另有 ${candidates.length} 人初审通过、待公示，可作为${batchName}另行公示，公示期重新计算。`}
          action={
            <Button type="primary" onClick={() => setStarting(true)}>
              发布第{batchNo}批公示
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Card title={`发布本单位公示（${batchName}）`}>
      <Table<Application>
        aria-label="待公示的申请"
        rowKey="id"
        size="small"
        loading={approved.loading}
        dataSource={candidates}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setPicked(keys as string[]),
          getCheckboxProps: (a) => ({ 'aria-label': `选择 ${a.personName}` }),
        }}
        locale={{ emptyText: <Empty description="没有初审通过、待公示的申请" /> }}
        columns={[
          { title: '申报人', render: (_, a) => <Link to={`/applications/${encodeURIComponent(a.id)}`}>{a.personName}</Link> },
          { title: '申报', render: (_, a) => appliedLabel(a) },
          { title: '核认年度', render: (_, a) => (a.span ? `${a.span.from}—${a.span.to}` : '—') },
          { title: '达标情况', render: (_, a) => <FlagTag app={a} /> },
        ]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        aria-label="公示信息"
        style={{ marginTop: 16, maxWidth: 640 }}
        initialValues={{ startDate: dayjs(today) }}
      >
        <Form.Item name="title" label="公示标题">
          <Input aria-label="公示标题" placeholder={`${unitName}专业技术人员继续教育学时核认公示`} maxLength={100} />
        </Form.Item>
        <Form.Item name="startDate" label="公示开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker
            aria-label="公示开始日期"
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') < today}
            onChange={(d: Dayjs | null) => d && setStart(d.format('YYYY-MM-DD'))}
          />
        </Form.Item>
        <Form.Item label="公示结束日期" tooltip="自开始日期当天或之后的第一个工作日起算，第5个工作日（按法定节假日与调休）">
          <Space orientation="vertical" size={4}>
            <Typography.Text strong data-testid="notice-end-date">
              {end.loading ? '计算中…' : end.data ? `${end.data.endDate}（${end.data.workingDays}个工作日）` : '—'}
            </Typography.Text>
            {end.data && !end.data.calendarComplete && (
              <Alert
                type="warning"
                showIcon
                data-testid="calendar-assumption"
                title={calendarAssumptionText(end.data.yearsWithoutOfficialData ?? [], end.data.workingDays)}
              />
            )}
            <Typography.Text type="secondary">公示期满次日零时（北京时间）自动结束；期间有异议的申请须先处理异议。</Typography.Text>
          </Space>
        </Form.Item>
        <Form.Item
          name="contact"
          label="异议受理联系方式"
          rules={[
            { required: true, whitespace: true, message: '请填写异议受理联系方式' },
            { min: 2, message: '请填写异议受理联系方式' },
          ]}
        >
          <Input aria-label="异议受理联系方式" placeholder="如：人事科 0731-8888 8888，院行政楼 302 室" maxLength={200} />
        </Form.Item>
        <Button
          type="primary"
          loading={busy}
          disabled={selected.length === 0 || selected.length > MAX_PER_NOTICE}
          onClick={() => void publish().catch(() => undefined)}
        >
          发布第{batchNo}批公示{selected.length ? `（${selected.length}人）` : ''}
        </Button>
        {selected.length > MAX_PER_NOTICE && (
          <Typography.Text type="danger" style={{ marginLeft: 12 }}>
            一次公示最多 {MAX_PER_NOTICE} 人，请分批发布
          </Typography.Text>
        )}
      </Form>
      <ExceptionReasonsDialog
        open={!!asking}
        title="发布公示：须说明继续办理的理由"
        okText="发布公示"
        apps={asking ?? []}
        onSubmit={(reasons) => publish(reasons)}
        onClose={() => setAsking(undefined)}
      />
    </Card>
  );
}

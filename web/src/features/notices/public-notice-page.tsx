import { CONTACT_HINT, isContact } from '../../../../shared/contact.js';
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, describeError } from '../../api/client.js';
import { certificationApi, type PublicNotice } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { chinaToday } from '../../components/china-date.js';
import { TITLE_LEVEL_APPLIED_LABELS } from '../../components/workflow-view.js';
import '../../components/a4-sheet.css';
import { publicCalendarAssumptionText } from '../../components/calendar-assumption.js';
import { NoticeYearsTable } from '../../components/notice-years.js';
import './notices.css';
import { noticeBatchLabel } from '../../../../shared/applications.js';

interface ObjectionValues {
  applicationId: string;
  name?: string;
  contact: string;
  text: string;
}

/** 提出异议: anyone, no login; the name may stay empty, a contact is needed to hear back. */
function ObjectionForm({ notice }: { notice: PublicNotice }) {
  const [form] = Form.useForm<ObjectionValues>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<string>();

  const submit = async (values: ObjectionValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const lodged = await certificationApi.lodgeObjection(notice.id, {
        applicationId: values.applicationId,
        ...(values.name?.trim() ? { name: values.name.trim() } : {}),
        contact: values.contact.trim(),
        text: values.text.trim(),
      });
      form.resetFields();
      setSent(lodged.receiptNo);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? '提交过于频繁，请稍后再试' : describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="提出异议" id="objection">
      {sent && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={`异议已受理，受理编号 ${sent}`}
          description="请记下受理编号，查询时告知单位。单位将核实后通过您留下的联系方式回复；异议处理完毕前，该申请不会进入下一环节。"
          closable={{ onClose: () => setSent(undefined) }}
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      <Form<ObjectionValues> form={form} layout="vertical" aria-label="提出异议" onFinish={(v) => void submit(v)} style={{ maxWidth: 640 }}>
        <Form.Item name="applicationId" label="异议对象" rules={[{ required: true, message: '请选择异议对象' }]}>
          <Select
            aria-label="异议对象"
            placeholder="选择公示人员"
            options={notice.entries.map((e) => ({ value: e.applicationId, label: `${e.name}（${e.idNumberMasked}）` }))}
          />
        </Form.Item>
        <Form.Item name="name" label="您的姓名" extra="可不填写">
          <Input aria-label="您的姓名" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="contact"
          label="联系方式"
          rules={[
            { required: true, whitespace: true, message: '请填写联系方式' },
            {
              validator: async (_, value?: string) => {
                if (value?.trim() && !isContact(value)) throw new Error(CONTACT_HINT);
              },
            },
          ]}
        >
          <Input aria-label="联系方式" placeholder="手机、带区号的固定电话或电子邮箱" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="text"
          label="异议内容"
          rules={[
            { required: true, whitespace: true, message: '请写明异议内容' },
            { min: 5, message: '请写明异议内容（至少5个字）' },
          ]}
        >
          <Input.TextArea aria-label="异议内容" rows={5} maxLength={2000} showCount placeholder="请写明对哪一年度、哪项学时有异议及理由" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          提交异议
        </Button>
      </Form>
    </Card>
  );
}

/**
 * 公示详情 (`/notices/:id`, no login while open): each person with, per year, the public and
 * professional content and hours; IDs masked. Afterwards only signed-in users of the region see it.
 */
export function PublicNoticePage() {
  const { id = '' } = useParams();
  const notice = useResource(id, () => certificationApi.publicNotice(id));

  if (notice.error) {
    const gone = notice.error instanceof ApiError && notice.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'error'}
        title={gone ? '公示不存在或已结束' : '加载失败'}
        subTitle={gone ? '公示期结束后，名单仅对本地区登录用户开放。' : describeError(notice.error)}
        extra={<Link to="/notices">查看正在公示的名单</Link>}
      />
    );
  }
  const n = notice.data;
  if (!n) return <Skeleton active />;
  const ended = chinaToday() > n.endDate;
  const batch = noticeBatchLabel(n);

  return (
    <Space
      orientation="vertical"
      size="middle"
      className="public-notice"
      style={{ width: '100%', maxWidth: 1100, margin: '0 auto', display: 'flex' }}
    >
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {n.title}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'unit', label: '公示单位', children: n.unitName },
            ...(batch
              ? [{ key: 'batch', label: '批次', children: `${batch}（共${n.entries.length}人）` }]
              : [{ key: 'count', label: '人数', children: `${n.entries.length}人` }]),
            { key: 'dates', label: '公示期', children: `${n.startDate} 至 ${n.endDate}${ended ? '（已结束）' : ''}` },
            { key: 'contact', label: '异议受理', children: n.contact },
          ]}
        />
        {!n.calendarComplete && <Alert type="warning" showIcon title={publicCalendarAssumptionText()} />}
        <Space style={{ marginTop: 12 }}>
          <Link to={`/notices/${encodeURIComponent(n.id)}/print`}>
            <PrinterOutlined /> 打印张贴版
          </Link>
          {!ended && <a href="#objection">提出异议</a>}
        </Space>
      </Card>
      {n.entries.map((e) => (
        <Card key={e.applicationId} size="small">
          {/* Name, masked ID and what is applied for as wrapping lines, not a card header that cuts them off on a phone. */}
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {e.name}（{e.idNumberMasked}）
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            申报{TITLE_LEVEL_APPLIED_LABELS[e.titleLevel]} · 核认年度 {e.span ? `${e.span.from}—${e.span.to}` : '—'}
          </Typography.Paragraph>
          <NoticeYearsTable entry={e} className="doc-table" />
        </Card>
      ))}
      {!ended && <ObjectionForm notice={n} />}
    </Space>
  );
}

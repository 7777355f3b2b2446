import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { CompletionResult, CompletionStatus, PostingListItem, Submission } from '../../../../shared/bases.js';
import { CATEGORY_LABELS, KIND_LABELS } from '../../../../shared/hours/notes.js';
import { basesApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { CursorPager, useCursorPages } from '../../components/cursor-pages.js';
import { amountLabel, COMPLETION_STATUS_COLORS, COMPLETION_STATUS_LABELS, creditLabel } from './labels.js';

const PAGE_SIZE = 20;
const when = (at?: string) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

function StatusTag({ status }: { status: CompletionStatus }) {
  return <Tag color={COMPLETION_STATUS_COLORS[status]}>{COMPLETION_STATUS_LABELS[status]}</Tag>;
}

/**
 * A base's postings log for the hr office: the stored records (已记录, 待匹配) with what each did for
 * the person, and every request with its per-record answers, duplicates and rejections included.
 */
export function PostingsLog({ baseId, canResolve = false }: { baseId: string; canResolve?: boolean }) {
  return (
    <Tabs
      items={[
        { key: 'postings', label: '报送记录', children: <Postings baseId={baseId} canResolve={canResolve} /> },
        { key: 'submissions', label: '报送日志（逐次请求）', children: <Submissions baseId={baseId} /> },
      ]}
    />
  );
}

/** Why a record waits, in words: the hr office checks it with the base and the unit. */
const MATCH_ERROR_LABELS: Record<string, string> = { name_mismatch: '姓名不符', outside_base_units: '非本基地所属单位人员' };

function Postings({ baseId, canResolve }: { baseId: string; canResolve: boolean }) {
  const onError = useErrorHandler();
  const [resolving, setResolving] = useState<PostingListItem>();
  const [status, setStatus] = useState<'recorded' | 'unmatched'>();
  const [externalId, setExternalId] = useState<string>();
  const [tick, setTick] = useState(0);
  const queryKey = JSON.stringify({ baseId, status, externalId });
  const pages = useCursorPages(queryKey);
  const postings = useResource(
    `${queryKey}|${pages.cursor ?? ''}|${tick}`,
    () => basesApi.postings(baseId, { status, externalId, cursor: pages.cursor, limit: PAGE_SIZE }),
    onError,
    { keepPrevious: true },
  );

  return (
    <>
      <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }} aria-label="报送记录筛选">
        <Form.Item label="状态">
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={(['recorded', 'unmatched'] as const).map((s) => ({ value: s, label: COMPLETION_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item label="记录编号">
          <Input.Search
            aria-label="记录编号"
            allowClear
            placeholder="基地的 externalId"
            enterButton="查询"
            style={{ width: 280 }}
            onSearch={(v) => setExternalId(v.trim() || undefined)}
          />
        </Form.Item>
        <Form.Item>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            刷新
          </Button>
        </Form.Item>
      </Form>
      <Table<PostingListItem>
        aria-label="报送记录"
        rowKey="recordId"
        size="small"
        loading={postings.loading}
        dataSource={postings.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description="没有符合条件的报送记录" /> }}
        columns={[
          { title: '记录编号', render: (_, p) => <Typography.Text code>{p.externalId}</Typography.Text> },
          {
            title: '人员',
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                {p.name}
                <Typography.Text code>{p.idNumberMasked}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '课程',
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                {`${KIND_LABELS[p.kind]}「${p.courseTitle}」`}
                <Typography.Text type="secondary">
                  {[
                    CATEGORY_LABELS[p.category] + (p.theme ? `（${p.theme}）` : ''),
                    p.startDate === p.endDate ? p.endDate : `${p.startDate} 至 ${p.endDate}`,
                    amountLabel(p),
                  ].join(' · ')}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '考核',
            render: (_, p) => (p.assessment === 'passed' ? '合格' : <Typography.Text type="danger">不合格</Typography.Text>),
          },
          {
            title: '状态',
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                <span>
                  <StatusTag status={p.status} />
                  {p.matchError && (
                    <Tooltip title={p.matchError.message}>
                      <Typography.Text type="danger">{MATCH_ERROR_LABELS[p.matchError.code] ?? '待核实'}</Typography.Text>
                    </Tooltip>
                  )}
                </span>
                <Typography.Text type="secondary">{creditLabel(p)}</Typography.Text>
              </Space>
            ),
          },
          ...(canResolve
            ? [
                {
                  title: '操作',
                  render: (_: unknown, p: PostingListItem) =>
                    p.status === 'unmatched' && p.matchError && p.assessment === 'passed' ? (
                      <Button size="small" onClick={() => setResolving(p)}>
                        核实计入
                      </Button>
                    ) : null,
                },
              ]
            : []),
          {
            title: '报送 / 匹配时间',
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                {when(p.postedAt)}
                {p.matchedAt && <Typography.Text type="secondary">匹配 {when(p.matchedAt)}</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={postings.data?.cursor} loading={postings.loading} />
      {resolving && (
        <ResolveDialog
          baseId={baseId}
          posting={resolving}
          onClose={() => setResolving(undefined)}
          onDone={() => {
            setResolving(undefined);
            setTick((t) => t + 1);
          }}
        />
      )}
    </>
  );
}

/** 核实计入: the hr office has checked a waiting record with the base and the unit, and credits it. */
function ResolveDialog({
  baseId,
  posting,
  onClose,
  onDone,
}: {
  baseId: string;
  posting: PostingListItem;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const submit = async (v: { reason: string }) => {
    setSaving(true);
    try {
      await basesApi.resolveUnmatched(baseId, { externalId: posting.externalId, reason: v.reason.trim() });
      message.success('已核实并计入该人员的学时');
      onDone();
    } catch (err) {
      if (!showFieldErrors(form, err, ['reason'])) onError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="核实后计入"
      okText="确认计入"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {posting.matchError?.message}。计入后，该记录作为施教机构报送的学时记入身份证号码 {posting.idNumberMasked} 的已登记人员名下。
      </Typography.Paragraph>
      <Form form={form} name="resolve-unmatched" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label="核实情况"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写核实情况（至少2个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder="如：经与基地和所在单位核实，报送姓名为曾用名" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Submissions({ baseId }: { baseId: string }) {
  const onError = useErrorHandler();
  const [status, setStatus] = useState<CompletionStatus>();
  const [tick, setTick] = useState(0);
  const pages = useCursorPages(baseId);
  const submissions = useResource(`${baseId}|${pages.cursor ?? ''}|${tick}`, () => basesApi.submissions(baseId, pages.cursor), onError, {
    keepPrevious: true,
  });
  const rows = (submissions.data?.items ?? []).filter((s) => !status || s.counts[status] > 0);
  const results = (s: Submission) => s.results.map((r, index) => ({ ...r, index })).filter((r) => !status || r.status === status);

  return (
    <>
      <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }} aria-label="报送日志筛选">
        <Form.Item label="结果" tooltip="只显示本页中含该结果的请求及其相应记录">
          <Select
            aria-label="结果"
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={(Object.keys(COMPLETION_STATUS_LABELS) as CompletionStatus[]).map((s) => ({
              value: s,
              label: COMPLETION_STATUS_LABELS[s],
            }))}
          />
        </Form.Item>
        <Form.Item>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            刷新
          </Button>
        </Form.Item>
      </Form>
      <Table<Submission>
        aria-label="报送日志"
        rowKey="id"
        size="small"
        loading={submissions.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description="没有报送请求" /> }}
        expandable={{
          expandedRowRender: (s) => (
            <Table<CompletionResult & { index: number }>
              aria-label="逐条结果"
              rowKey="index"
              size="small"
              pagination={false}
              dataSource={results(s)}
              columns={[
                { title: '序号', width: 70, render: (_, r) => r.index + 1 },
                {
                  title: '记录编号',
                  render: (_, r) => (r.externalId === null ? '（无效）' : <Typography.Text code>{r.externalId}</Typography.Text>),
                },
                { title: '结果', render: (_, r) => <StatusTag status={r.status} /> },
                {
                  title: '原因',
                  render: (_, r) =>
                    r.error ? (
                      <Space orientation="vertical" size={0}>
                        <span>
                          {r.error.message} <Typography.Text type="secondary">（{r.error.code}）</Typography.Text>
                        </span>
                        {r.error.details?.map((d, i) => (
                          <Typography.Text key={i} type="secondary">
                            {d.path}：{d.message}
                          </Typography.Text>
                        ))}
                      </Space>
                    ) : r.status === 'duplicate' ? (
                      '该记录编号此前已报送，未重复计入'
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: '时间', render: (_, s) => when(s.at) },
          { title: '密钥', render: (_, s) => <Typography.Text code>{s.keyPrefix}</Typography.Text> },
          {
            title: 'Idempotency-Key',
            render: (_, s) => (
              <Typography.Text code ellipsis style={{ maxWidth: 260 }}>
                {s.idempotencyKey}
              </Typography.Text>
            ),
          },
          { title: '条数', align: 'right', render: (_, s) => s.results.length },
          {
            title: '结果',
            render: (_, s) => (
              <Space size={4} wrap>
                {(Object.keys(s.counts) as CompletionStatus[])
                  .filter((k) => s.counts[k] > 0)
                  .map((k) => (
                    <Tag key={k} color={COMPLETION_STATUS_COLORS[k]}>
                      {COMPLETION_STATUS_LABELS[k]} {s.counts[k]}
                    </Tag>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={submissions.data?.cursor} loading={submissions.loading} />
    </>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Progress, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import {
  EXPORT_KIND_LABELS,
  EXPORT_STATUS_LABELS,
  exportPercent,
  type ExportJob,
  type ExportKind,
  type ExportStatus,
} from '../../../../shared/exports.js';
import { api } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { recentYears } from '../../components/list-search.js';

const STATUS_COLORS: Record<ExportStatus, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' };
/** How often the list is read again while an export is still being written. */
const POLL_MS = 1_000;

/**
 * Excel导出: a department's or the whole city's yearly summary, or the list of everyone short of the
 * year's hours, as .xlsx. The file is written by a background job on the server (it may take minutes for
 * a city); this screen starts it, shows its progress, and offers the download when it is done.
 */
export function ExportsPage() {
  const { principal } = useSession();
  const onError = useErrorHandler();
  const orgs = useResource('organisations', () => api.organisations(), onError);
  const [kind, setKind] = useState<ExportKind>('summary');
  const [orgId, setOrgId] = useState<string>();
  // The last complete year by default: this year's hours are still coming in.
  const [year, setYear] = useState(dayjs().year() - 1);
  const [starting, setStarting] = useState(false);
  const [downloading, setDownloading] = useState<string>();

  // The whole of one's own organisation first (for the hr office: 全部单位), then each department, then each unit.
  const options = useMemo(() => {
    const items = orgs.data?.items ?? [];
    const own = items.find((o) => o.id === principal?.orgId);
    const rank = { hr_office: 0, department: 1, unit: 2 } as const;
    return [...items]
      .sort((a, b) => rank[a.kind] - rank[b.kind] || a.name.localeCompare(b.name, 'zh-CN'))
      .map((o) => ({
        value: o.id,
        label:
          o.id === own?.id && o.kind !== 'unit' ? `${o.name}（全部单位）` : o.kind === 'department' ? `${o.name}（所属全部单位）` : o.name,
      }));
  }, [orgs.data, principal?.orgId]);
  const scope = orgId ?? options[0]?.value;

  const [tick, setTick] = useState(0);
  const jobs = useResource(`exports|${tick}`, () => api.exports(), onError, { keepPrevious: true });
  const active = (jobs.data?.items ?? []).some((j) => j.status === 'queued' || j.status === 'running');
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setTick((t) => t + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [active, jobs.data]);

  const start = async () => {
    if (!scope) return;
    setStarting(true);
    try {
      await api.startExport({ kind, orgId: scope, year });
      setTick((t) => t + 1);
    } catch (err) {
      onError(err);
    } finally {
      setStarting(false);
    }
  };

  const download = async (job: ExportJob) => {
    setDownloading(job.id);
    try {
      const { url } = await api.exportDownload(job.id);
      // The link answers with Content-Disposition: attachment and the file's name: the browser saves it.
      const link = document.createElement('a');
      link.href = url;
      document.body.appendChild(link);
      link.click();
      link.remove();
    } catch (err) {
      onError(err);
    } finally {
      setDownloading(undefined);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Excel导出
      </Typography.Title>
      <Card title="新建导出">
        <Form layout="vertical" style={{ maxWidth: 560 }} aria-label="新建导出">
          <Form.Item label="导出内容">
            <Radio.Group
              aria-label="导出内容"
              value={kind}
              onChange={(e) => setKind(e.target.value as ExportKind)}
              options={(Object.keys(EXPORT_KIND_LABELS) as ExportKind[]).map((k) => ({ value: k, label: EXPORT_KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item label="范围" extra="所选部门或单位下全部单位的人员，每人一行；身份证号码脱敏。">
            <Select
              aria-label="范围"
              loading={orgs.loading}
              value={scope}
              onChange={(v: string) => setOrgId(v)}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item label="年度">
            <Select
              aria-label="年度"
              style={{ width: 120 }}
              value={year}
              onChange={(y: number) => setYear(y)}
              options={recentYears().map((y) => ({ value: y, label: `${y}年` }))}
            />
          </Form.Item>
          <Button type="primary" icon={<DownloadOutlined />} loading={starting} disabled={!scope} onClick={() => void start()}>
            开始导出 Excel
          </Button>
        </Form>
      </Card>
      <Card title="最近的导出">
        <Typography.Paragraph type="secondary">
          导出在后台进行，完成后可下载 .xlsx 文件；文件保留 7 天。本组织的工作人员都能看到并下载这里的导出。
        </Typography.Paragraph>
        <Table<ExportJob>
          aria-label="最近的导出"
          rowKey="id"
          size="middle"
          loading={jobs.loading && !jobs.data}
          dataSource={jobs.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="还没有导出" /> }}
          columns={[
            { title: '内容', render: (_, j) => `${j.orgName} ${j.year}年度${EXPORT_KIND_LABELS[j.kind]}` },
            {
              title: '进度',
              width: 280,
              render: (_, j) =>
                j.status === 'failed' ? (
                  <Alert type="error" showIcon title={j.error ?? '导出失败，请重新导出'} />
                ) : (
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    <Progress
                      percent={exportPercent(j)}
                      size="small"
                      status={j.status === 'succeeded' ? 'success' : 'active'}
                      aria-label="导出进度"
                    />
                    <Typography.Text type="secondary">
                      {j.unitsTotal > 0 ? `${j.unitsDone} / ${j.unitsTotal} 个单位，` : ''}
                      {j.rows} 行
                    </Typography.Text>
                  </Space>
                ),
            },
            { title: '状态', render: (_, j) => <Tag color={STATUS_COLORS[j.status]}>{EXPORT_STATUS_LABELS[j.status]}</Tag> },
            { title: '发起人', render: (_, j) => j.ownerName },
            { title: '时间', render: (_, j) => dayjs(j.createdAt).format('YYYY-MM-DD HH:mm') },
            {
              title: '操作',
              render: (_, j) =>
                j.status === 'succeeded' ? (
                  <Button size="small" icon={<DownloadOutlined />} loading={downloading === j.id} onClick={() => void download(j)}>
                    下载 Excel
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Progress, Radio, Row, Space, Table, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import * as z from 'zod';
import type { ImportType } from '../../../../shared/imports.js';
import { api, XLSX_MEDIA_TYPE, type ImportView } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { saveFile } from '../../app/save-file.js';
import { useSession } from '../../app/session.js';
import { IMPORT_TYPE_LABELS, ImportStateTag, ImportStatusCard } from './import-status.js';

/** `/imports?id=…`: the import on screen is URL state, so a link (or a reload) shows it again. */
const ImportsSearchSchema = z.object({ id: z.string().trim().min(1).max(100).optional().catch(undefined) });

/** The API's own limit (functions/http/app.ts MAX_UPLOAD_BYTES): refused here before the upload. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Excel 导入: download the template, upload a filled one (with upload progress), and follow the import.
 * The server validates the whole file first and answers with per-row errors, or commits it in chunks;
 * a run that stops at its time budget is resumed from here until it is done, and a failed or finished
 * import can be resumed or rolled back.
 */
export function ImportsPage() {
  const { principal } = useSession();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [params, setParams] = useSearchParams();
  const { id } = ImportsSearchSchema.parse(Object.fromEntries(params));
  const [type, setType] = useState<ImportType>('people');
  const [file, setFile] = useState<File>();
  const [uploading, setUploading] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [live, setLive] = useState<ImportView>();
  const canImport = principal?.role === 'unit_clerk' || principal?.role === 'hr_officer';

  const history = useResource('imports', () => api.imports(), onError, { keepPrevious: true });
  const reloadHistory = history.reload;
  const selected = useResource(id && live?.id !== id ? id : undefined, () => api.importStatus(id!), onError);
  const view = live?.id === id ? live : selected.data;

  const show = useCallback(
    (v: ImportView) => {
      setLive(v);
      setParams({ id: v.id }, { replace: true });
    },
    [setParams],
  );

  // One driver at a time: a second click while chunks are being written does nothing.
  const driving = useRef(false);
  const drive = useCallback(
    async (start: () => Promise<ImportView>) => {
      if (driving.current) return;
      driving.current = true;
      setBusy(true);
      try {
        let v = await start();
        show(v);
        // The API writes for a bounded time per request and hands back a resumable import.
        while (v.status === 'committing' && v.resumable) {
          v = await api.resumeImport(v.id);
          show(v);
        }
        while (v.status === 'rolling_back' && v.rollbackable) {
          v = await api.rollbackImport(v.id);
          show(v);
        }
        if (v.status === 'committed') message.success('导入完成');
        if (v.status === 'rolled_back') message.success('已撤销本次导入');
      } catch (err) {
        onError(err);
      } finally {
        driving.current = false;
        setBusy(false);
        reloadHistory();
      }
    },
    [reloadHistory, message, onError, show],
  );

  const upload = () => {
    if (!file) return;
    setUploading(0);
    void drive(async () => {
      try {
        return await api.startImport(type, file, (f) => setUploading(Math.round(f * 100)));
      } finally {
        setUploading(undefined);
        setFile(undefined);
      }
    });
  };

  const refresh = async () => {
    if (!view) return;
    try {
      show(await api.importStatus(view.id));
    } catch (err) {
      onError(err);
    }
  };

  const template = async () => {
    try {
      const { blob, fileName } = await api.importTemplate(type);
      saveFile(blob, fileName ?? `${IMPORT_TYPE_LABELS[type]}导入模板.xlsx`);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Excel 导入
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {canImport && (
          <Col xs={24} lg={10}>
            <Card title="上传文件">
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <Radio.Group
                  aria-label="导入类型"
                  value={type}
                  onChange={(e) => setType(e.target.value as ImportType)}
                  options={[
                    { value: 'people', label: IMPORT_TYPE_LABELS.people },
                    { value: 'history', label: IMPORT_TYPE_LABELS.history },
                  ]}
                />
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {type === 'people'
                    ? '按模板“人员信息”表每人一行。整个文件先全部校验，有任何错误都不写入。'
                    : '“历史学时”表填写2018—2022年等以前年度纸质登记手册的学时合计，“认定单”表填写已开具的学时认定单；人员须已登记。'}
                </Typography.Paragraph>
                <Button icon={<DownloadOutlined />} onClick={() => void template()}>
                  下载导入模板
                </Button>
                <Upload
                  accept={`.xlsx,${XLSX_MEDIA_TYPE}`}
                  maxCount={1}
                  fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
                  beforeUpload={(f) => {
                    if (!f.name.toLowerCase().endsWith('.xlsx')) message.warning('请上传 .xlsx 文件（可用导入模板另存）');
                    else if (f.size > MAX_BYTES) message.warning('文件不能超过 4 MB，请分成多个文件导入');
                    else setFile(f);
                    return false;
                  }}
                  onRemove={() => setFile(undefined)}
                >
                  <Button icon={<UploadOutlined />}>选择 .xlsx 文件</Button>
                </Upload>
                <Button type="primary" disabled={!file || busy} loading={uploading !== undefined} onClick={upload}>
                  上传并导入
                </Button>
                {uploading !== undefined && (
                  <div>
                    <Typography.Text>{uploading < 100 ? '正在上传…' : '上传完成，正在校验…'}</Typography.Text>
                    <Progress aria-label="上传进度" percent={uploading} status="active" />
                  </div>
                )}
              </Space>
            </Card>
          </Col>
        )}
        <Col xs={24} lg={canImport ? 14 : 24}>
          <Card title="导入结果">
            {view ? (
              <ImportStatusCard
                view={view}
                busy={busy}
                canAct={canImport}
                onResume={() => void drive(() => api.resumeImport(view.id))}
                onRollback={() => void drive(() => api.rollbackImport(view.id))}
                onRefresh={() => void refresh()}
              />
            ) : (
              <Empty description={selected.loading ? '加载中…' : '上传文件后在此查看校验结果和导入进度'} />
            )}
          </Card>
        </Col>
      </Row>
      <Card title="导入记录">
        <Table<ImportView>
          aria-label="导入记录"
          rowKey="id"
          size="small"
          loading={history.loading}
          dataSource={history.data?.items ?? []}
          pagination={false}
          rowClassName={(r) => (r.id === id ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({ onClick: () => setParams({ id: r.id }), style: { cursor: 'pointer' } })}
          columns={[
            { title: '时间', width: 170, render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
            { title: '类型', width: 170, render: (_, r) => IMPORT_TYPE_LABELS[r.type] },
            { title: '文件', render: (_, r) => r.fileName ?? '—' },
            { title: '导入人', width: 160, render: (_, r) => r.createdByName ?? r.createdBy },
            { title: '状态', width: 100, render: (_, r) => <ImportStateTag state={r.status} /> },
            { title: '错误', width: 80, align: 'right', render: (_, r) => (r.errorCount ? `${r.errorCount}处` : '—') },
          ]}
        />
      </Card>
    </Space>
  );
}

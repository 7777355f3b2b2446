import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, List, Progress, Select, Space, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import type { EvidenceFileView, EvidenceStatus } from '../../../../shared/evidence-files.js';
import { EVIDENCE_SETS, MATERIAL_TYPE_LABELS, type MaterialType } from '../../../../shared/evidence.js';
import { EVIDENCE_CONTENT_TYPES, MAX_EVIDENCE_BYTES, type EvidenceContentType } from '../../../../shared/file-type.js';
import type { ActivityKind } from '../../../../shared/hours/schemas.js';
import { api, type ActivityWithEvidence } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { EvidenceThumbnail, EvidenceViewer, isImage } from './evidence-viewer.js';
import { postPresignedForm } from './presigned-post.js';

const FILE_STATUS = {
  pending: { color: 'processing', label: '待检查' },
  accepted: { color: 'success', label: '已接收' },
  rejected: { color: 'error', label: '未通过' },
} as const;

/** The material types that can fill a slot of one of the kind's evidence sets (rules §4), in the notice's order. */
function materialsOf(kind: ActivityKind): MaterialType[] {
  return [...new Set(EVIDENCE_SETS[kind].flatMap((set) => set.requirements.flatMap((r) => r.anyOf)))];
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What an activity's evidence amounts to: complete (by which set), the base's own record, or what is missing. */
export function EvidenceSummary({ evidence }: { evidence: EvidenceStatus }) {
  if (evidence.selfEvidenced) return <Alert type="info" showIcon title={evidence.message} />;
  if (evidence.complete) return <Alert type="success" showIcon title={evidence.message} />;
  return (
    <Alert
      type="warning"
      showIcon
      title="证明材料不全"
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {evidence.sets.map((set) => (
            <li key={set.name}>
              {evidence.sets.length > 1 ? `${set.name}还需：` : '还需：'}
              {set.missing.join('、')}
            </li>
          ))}
          {evidence.sets.length > 1 && <li>任一方式的材料齐全即可。</li>}
        </ul>
      }
    />
  );
}

interface Stage {
  step: 'request' | 'upload' | 'check';
  percent: number;
}

/**
 * 证明材料 of one activity: the files with their check results, accepted images inline and PDFs in a
 * viewer, hints on what is missing, and an upload that asks the API for a presigned form, posts the
 * file to storage with a progress bar, then has the API check it (size, type by content, SHA-256).
 */
export function EvidencePanel({
  personId,
  record,
  canUpload,
  onChanged,
}: {
  personId: string;
  record: ActivityWithEvidence;
  canUpload: boolean;
  onChanged(): void;
}) {
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const files = useResource(`${personId}/${record.id}`, () => api.evidence(personId, record.id), onError);
  const [viewing, setViewing] = useState<EvidenceFileView>();
  const [file, setFile] = useState<File>();
  const [stage, setStage] = useState<Stage>();
  const materials = useMemo(() => materialsOf(record.activity.kind), [record.activity.kind]);
  const [form] = Form.useForm<{ materialType: MaterialType }>();
  const evidence = files.data?.evidence ?? record.evidence;

  const checkFile = (f: File): string | undefined => {
    if (!(EVIDENCE_CONTENT_TYPES as readonly string[]).includes(f.type)) return '只接受 PDF、JPEG 或 PNG 文件';
    if (f.size === 0) return '文件为空';
    if (f.size > MAX_EVIDENCE_BYTES) return '文件不能超过 20 MB';
    return undefined;
  };

  const upload = async ({ materialType }: { materialType: MaterialType }) => {
    if (!file) return;
    setStage({ step: 'request', percent: 0 });
    try {
      const { file: pending, upload: grant } = await api.requestUpload(personId, record.id, {
        materialType,
        fileName: file.name,
        contentType: file.type as EvidenceContentType,
        size: file.size,
      });
      setStage({ step: 'upload', percent: 0 });
      await postPresignedForm(grant, file, (fraction) => setStage({ step: 'upload', percent: Math.round(fraction * 100) }));
      setStage({ step: 'check', percent: 100 });
      try {
        await api.confirmUpload(personId, record.id, pending.id);
      } finally {
        // Accepted or rejected, the list shows the file's outcome (a rejection keeps its reason).
        files.reload();
        onChanged();
      }
      setFile(undefined);
      form.resetFields();
    } catch (err) {
      onError(err);
    } finally {
      setStage(undefined);
    }
  };

  const recheck = async (f: EvidenceFileView) => {
    try {
      await api.confirmUpload(personId, record.id, f.id);
    } catch (err) {
      onError(err);
    } finally {
      files.reload();
      onChanged();
    }
  };

  const download = async (f: EvidenceFileView) => {
    try {
      const { url } = await api.evidenceDownload(personId, record.id, f.id);
      window.location.assign(url);
    } catch (err) {
      onError(err);
    }
  };

  const items = files.data?.items ?? [];
  const images = items.filter((f) => f.status === 'accepted' && isImage(f));
  const stageLabel = stage && { request: '准备上传…', upload: '正在上传…', check: '正在检查文件…' }[stage.step];

  return (
    <Space
      orientation="vertical"
      size="small"
      style={{ width: '100%' }}
      role="region"
      aria-label={`证明材料：${record.activity.title ?? ''}`}
    >
      <EvidenceSummary evidence={evidence} />
      <List<EvidenceFileView>
        size="small"
        loading={files.loading && !files.data}
        dataSource={items}
        locale={{ emptyText: '尚未上传证明材料' }}
        renderItem={(f) => (
          <List.Item
            actions={[
              f.status === 'accepted' && (
                <Button key="view" size="small" type="link" onClick={() => setViewing(f)} aria-label={`查看 ${f.fileName}`}>
                  查看
                </Button>
              ),
              f.status === 'accepted' && (
                <Button key="download" size="small" type="link" onClick={() => void download(f)} aria-label={`下载 ${f.fileName}`}>
                  下载
                </Button>
              ),
              f.status === 'pending' && canUpload && (
                <Button key="recheck" size="small" type="link" onClick={() => void recheck(f)}>
                  重新检查
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Typography.Text>{f.fileName}</Typography.Text>
                  <Tag color={FILE_STATUS[f.status].color}>{FILE_STATUS[f.status].label}</Tag>
                </Space>
              }
              description={
                <>
                  {MATERIAL_TYPE_LABELS[f.materialType]} · {formatSize(f.size ?? f.declaredSize)}
                  {f.status === 'pending' && ' · 上传未完成或尚未检查'}
                  {f.rejection && (
                    <Typography.Text type="danger" style={{ display: 'block' }}>
                      未通过原因：{f.rejection.message}
                    </Typography.Text>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      {images.length > 0 && (
        <Space wrap aria-label="图片材料">
          {images.map((f) => (
            <EvidenceThumbnail key={f.id} personId={personId} file={f} />
          ))}
        </Space>
      )}
      {canUpload && (
        <Form
          form={form}
          layout="inline"
          name={`evidence-${record.id}`}
          onFinish={(v) => void upload(v)}
          initialValues={{ materialType: undefined }}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="materialType" label="材料类型" rules={[{ required: true, message: '请选择材料类型' }]}>
            <Select
              aria-label="材料类型"
              style={{ width: 260 }}
              placeholder="请选择"
              options={materials.map((m) => ({ value: m, label: MATERIAL_TYPE_LABELS[m] }))}
            />
          </Form.Item>
          <Form.Item label="文件" required>
            <Upload
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              maxCount={1}
              fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
              beforeUpload={(f) => {
                const problem = checkFile(f);
                if (problem) message.warning(problem);
                else setFile(f);
                return false;
              }}
              onRemove={() => setFile(undefined)}
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" disabled={!file} loading={stage !== undefined}>
              上传
            </Button>
          </Form.Item>
        </Form>
      )}
      {canUpload && (
        <Typography.Text type="secondary">PDF、JPEG 或 PNG，每个文件不超过 20 MB；上传后系统检查文件实际类型与大小。</Typography.Text>
      )}
      {stage && (
        <div>
          <Typography.Text>{stageLabel}</Typography.Text>
          <Progress percent={stage.percent} status="active" aria-label="上传进度" />
        </div>
      )}
      <EvidenceViewer personId={personId} file={viewing} onClose={() => setViewing(undefined)} />
    </Space>
  );
}

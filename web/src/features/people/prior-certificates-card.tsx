import { CheckCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { EvidenceContentType } from '../../../../shared/file-type.js';
import { EVIDENCE_CONTENT_TYPES, MAX_EVIDENCE_BYTES } from '../../../../shared/file-type.js';
import { isOwnSystemCertificateNumber, PRIOR_CERTIFICATE_STATUS_LABELS } from '../../../../shared/history.js';
import { api, type NewPriorCertificate, type PriorCertificateView } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { showFieldErrors, useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { postPresignedForm } from '../../components/evidence/presigned-post.js';

const STATUS_COLORS = { verified: 'success', unverified: 'warning', revoked: 'error' } as const;

function StatusTag({ c }: { c: PriorCertificateView }) {
  const how =
    c.verification?.method === 'system'
      ? '（与本系统认定单一致）'
      : c.verification?.method === 'scan'
        ? `（${c.verification.byName ?? c.verification.by ?? ''}对照扫描件核验）`
        : '';
  return (
    <Tooltip title={c.status === 'unverified' ? '未核验的认定单不计入任何年度，须由录入人以外的单位审核人对照扫描件核验' : how}>
      <Tag color={STATUS_COLORS[c.status]}>{PRIOR_CERTIFICATE_STATUS_LABELS[c.status]}</Tag>
    </Tooltip>
  );
}

/**
 * 已有学时认定单 (rules §3 revised): a number of this system (HN-…) is entered alone and its years are
 * read from the issued certificate; a paper-era one is entered with its years and its scan, stays 未核验
 * — covering no year — until a unit reviewer other than the account that entered it checks it.
 */
export function PriorCertificatesCard({ personId, onChanged }: { personId: string; onChanged: () => void }) {
  const { principal } = useSession();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const list = useResource(`prior-certificates|${personId}`, () => api.priorCertificates(personId), onError);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploadFor, setUploadFor] = useState<string>();
  const items = list.data?.items ?? [];
  const isClerk = principal?.role === 'unit_clerk';
  const isReviewer = principal?.role === 'unit_reviewer';

  const changed = () => {
    list.reload();
    onChanged();
  };

  const uploadScan = async (number: string, file: File) => {
    if (!(EVIDENCE_CONTENT_TYPES as readonly string[]).includes(file.type)) return void message.error('只接受 PDF、JPEG 或 PNG 文件');
    if (file.size === 0 || file.size > MAX_EVIDENCE_BYTES) return void message.error('文件为空或超过 20 MB');
    setBusy(number);
    try {
      const grant = await api.requestScanUpload(personId, number, {
        fileName: file.name,
        contentType: file.type as EvidenceContentType,
        size: file.size,
      });
      await postPresignedForm(grant.upload, file, () => undefined);
      await api.confirmScanUpload(personId, number, grant.file.id);
      message.success('扫描件已上传，等待单位审核人核验');
    } catch (err) {
      onError(err);
    } finally {
      setBusy(undefined);
      list.reload();
    }
  };

  const verify = async (c: PriorCertificateView) => {
    setBusy(c.number);
    try {
      await api.verifyPriorCertificate(personId, c.number);
      message.success(`认定单 ${c.number} 已核验，所列年度以其为准`);
      changed();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const download = async (number: string, fileId: string) => {
    try {
      window.location.assign((await api.scanDownload(personId, number, fileId)).url);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Card
      title="已有学时认定单"
      loading={list.loading && !list.data}
      extra={
        isClerk && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记认定单
          </Button>
        )
      }
    >
      <Table<PriorCertificateView>
        aria-label="已有学时认定单"
        rowKey="number"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: <Empty description="未登记已有的学时认定单" /> }}
        columns={[
          { title: '编号', dataIndex: 'number' },
          {
            title: '年度与学时',
            render: (_, c) => c.years.map((y) => `${y.year}年 公需${y.publicHours} 专业${y.professionalHours}`).join('；'),
          },
          { title: '状态', render: (_, c) => <StatusTag c={c} /> },
          {
            title: '扫描件',
            render: (_, c) =>
              c.scans.length === 0 ? (
                '—'
              ) : (
                <Space orientation="vertical" size={0}>
                  {c.scans.map((f) =>
                    f.status === 'accepted' ? (
                      <Typography.Link key={f.id} onClick={() => void download(c.number, f.id)}>
                        {f.fileName}
                      </Typography.Link>
                    ) : (
                      <Typography.Text key={f.id} type={f.status === 'rejected' ? 'danger' : 'secondary'}>
                        {f.fileName}（{f.status === 'rejected' ? (f.rejection?.message ?? '未通过检查') : '待检查'}）
                      </Typography.Text>
                    ),
                  )}
                </Space>
              ),
          },
          {
            title: '操作',
            render: (_, c) => {
              if (c.status !== 'unverified') return null;
              if (isClerk && !isOwnSystemCertificateNumber(c.number, principal!.tenant)) {
                return (
                  <Button
                    size="small"
                    icon={<UploadOutlined />}
                    loading={busy === c.number}
                    onClick={() => {
                      setUploadFor(c.number);
                      fileInput.current?.click();
                    }}
                  >
                    上传扫描件
                  </Button>
                );
              }
              if (isReviewer) {
                const own = c.createdBy === principal!.userId;
                return (
                  <Tooltip title={own ? '录入人不能核验自己录入的认定单' : '对照扫描件核对编号、年度和学时无误后核验'}>
                    <Button
                      size="small"
                      type="primary"
                      icon={<CheckCircleOutlined />}
                      disabled={own}
                      loading={busy === c.number}
                      onClick={() => void verify(c)}
                    >
                      核验
                    </Button>
                  </Tooltip>
                );
              }
              return null;
            },
          },
        ]}
      />
      <input
        ref={fileInput}
        type="file"
        accept={EVIDENCE_CONTENT_TYPES.join(',')}
        aria-label="选择认定单扫描件"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file && uploadFor) void uploadScan(uploadFor, file);
        }}
      />
      <AddPriorCertificateDialog
        open={adding}
        personId={personId}
        tenant={principal?.tenant ?? ''}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          changed();
        }}
      />
    </Card>
  );
}

function AddPriorCertificateDialog({
  open,
  personId,
  tenant,
  onClose,
  onAdded,
}: {
  open: boolean;
  personId: string;
  tenant: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const [form] = Form.useForm<NewPriorCertificate>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const number = Form.useWatch('number', form) ?? '';
  const system = isOwnSystemCertificateNumber(number, tenant);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const added = await api.addPriorCertificate(
        personId,
        system ? { number: values.number.trim() } : { number: values.number.trim(), years: values.years },
      );
      message.success(
        added.verification?.status === 'verified'
          ? `已登记认定单 ${added.number}，所列年度以其为准`
          : `已登记认定单 ${added.number}（未核验）：请上传扫描件，由单位审核人核验后计入`,
      );
      form.resetFields();
      onAdded();
    } catch (err) {
      if (!showFieldErrors(form, err, ['number', 'years'])) onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登记已有的学时认定单"
      okText="登记"
      okButtonProps={{ loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" aria-label="登记已有的学时认定单" initialValues={{ years: [{}] }}>
        <Form.Item
          name="number"
          label="认定单编号"
          rules={[{ required: true, whitespace: true, message: '请填写认定单编号' }]}
          extra={
            system
              ? '本系统出具的认定单：只填编号，须为该人员已出具、未撤销的认定单，年度和学时自动取自认定单。'
              : '纸质认定单：填写所列各年度学时，登记后上传扫描件，由录入人以外的单位审核人核验后方计入。'
          }
        >
          <Input maxLength={100} placeholder="如 HN-430100-2024-000123，或纸质认定单上的编号" />
        </Form.Item>
        {!system && (
          <Form.List name="years">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'year']} label="年度" rules={[{ required: true, message: '年度' }]}>
                      <InputNumber min={1990} max={2100} precision={0} aria-label="年度" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'publicHours']} label="公需学时" rules={[{ required: true, message: '公需学时' }]}>
                      <InputNumber min={0} max={10000} step={0.5} aria-label="公需学时" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'professionalHours']} label="专业学时" rules={[{ required: true, message: '专业学时' }]}>
                      <InputNumber min={0} max={10000} step={0.5} aria-label="专业学时" />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button type="link" onClick={() => remove(field.name)}>
                        删除
                      </Button>
                    )}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
                  增加年度
                </Button>
              </>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}

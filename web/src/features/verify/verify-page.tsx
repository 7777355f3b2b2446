import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, List, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, describeError } from '../../api/client.js';
import { certificationApi, type CertificateVerification } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { CERTIFICATE_KIND_LABELS } from '../../../../shared/workflow.js';
import { documentDate } from '../../components/china-date.js';

/** 学时认定单 HN-430100-2026-000001, 合格证明 HN-430100-2026-Z000001. */
const NUMBER_PATTERN = /^HN-\d{6}-\d{4}-Z?\d{6}$/;

/** 输入编号与校验码: for a certificate in hand without a camera. */
function VerifyForm({ number, code }: { number?: string; code?: string }) {
  const navigate = useNavigate();
  return (
    <Form
      layout="vertical"
      aria-label="核验认定单"
      initialValues={{ number, code }}
      onFinish={(v: { number: string; code: string }) =>
        navigate(`/verify/${encodeURIComponent(v.number.trim().toUpperCase())}?code=${encodeURIComponent(v.code.trim())}`)
      }
    >
      <Form.Item
        name="number"
        label="认定单编号"
        rules={[
          { required: true, message: '请填写认定单编号' },
          {
            pattern: NUMBER_PATTERN,
            message: '编号格式应为 HN-地区代码-年度-序号，如 HN-430100-2026-000001（合格证明的序号前有 Z）',
            transform: (v: string) => v?.trim().toUpperCase(),
          },
        ]}
      >
        <Input aria-label="认定单编号" placeholder="HN-430100-2026-000001" />
      </Form.Item>
      <Form.Item name="code" label="校验码" rules={[{ required: true, whitespace: true, message: '请填写认定单上印制的校验码' }]}>
        <Input aria-label="校验码" placeholder="认定单二维码旁的校验码" />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined />}>
        核验
      </Button>
    </Form>
  );
}

function Verified({ v }: { v: CertificateVerification }) {
  const valid = v.status === 'valid';
  const label = CERTIFICATE_KIND_LABELS[v.kind];
  // 认定单真实有效 for the 学时认定单, as it always said; 合格证明真实有效 for the mid-level one.
  const short = v.kind === 'mid_level' ? label : '认定单';
  return (
    <>
      <Result
        status={valid ? 'success' : 'warning'}
        title={valid ? `${short}真实有效` : `${short}已撤销`}
        subTitle={valid ? `该${label}由人社部门出具，现为有效状态。` : `该${label}确由人社部门出具，但已被撤销，不再作为学时证明。`}
      />
      <Descriptions
        bordered
        column={1}
        size="small"
        items={[
          { key: 'title', label: '证明名称', children: <span data-testid="verified-title">{v.title}</span> },
          { key: 'number', label: '编号', children: v.number },
          { key: 'status', label: '状态', children: valid ? <Tag color="success">有效</Tag> : <Tag color="error">已撤销</Tag> },
          { key: 'holder', label: '持有人', children: v.holder },
          { key: 'issuer', label: '出具单位', children: v.issuer },
          { key: 'issued', label: '出具日期', children: documentDate(v.issuedAt) },
          { key: 'span', label: '核认年度', children: v.span ? `${v.span.from}—${v.span.to}年` : '—' },
        ]}
      />
      <Typography.Paragraph strong style={{ marginTop: 16 }} data-testid="verified-conclusion">
        {v.conclusion}
      </Typography.Paragraph>
      {/* A list rather than a wide table: the page opens on a phone from the QR code (390 px). */}
      <List
        aria-label="各年度学时"
        size="small"
        bordered
        dataSource={v.years}
        renderItem={(y) => (
          <List.Item data-testid={`verified-year-${y.year}`}>
            <div style={{ width: '100%' }}>
              <Space wrap size={4} style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>{y.year}年</Typography.Text>
                {y.compliant ? <Tag color="success">{y.deemedComplete ? '视同完成' : '达标'}</Tag> : <Tag color="error">未达标</Tag>}
              </Space>
              <div>
                公需 {y.publicHours} 学时 · 专业 {y.professionalHours} 学时 · 合计 {y.totalHours} 学时
              </div>
              {y.shortfalls.map((m) => (
                <Typography.Text key={m} type="danger" style={{ display: 'block' }}>
                  {m}
                </Typography.Text>
              ))}
              {!y.evidenceComplete && <Typography.Text type="warning">佐证材料不齐全</Typography.Text>}
            </div>
          </List.Item>
        )}
      />
    </>
  );
}

/**
 * 认定单核验 (`/verify/:number?code=…`, no login): genuine and valid, genuine but revoked, or not
 * found. A wrong code and an unknown number get the same answer (rules §7), so numbers cannot be walked.
 */
export function VerifyPage() {
  const { number } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code')?.trim() || undefined;
  const key = number && code ? `${number}|${code}` : undefined;
  const result = useResource(key, () => certificationApi.verifyCertificate(number!, code!));

  let body;
  if (!key) body = <VerifyForm number={number} code={code} />;
  else if (result.error) {
    const notFound = result.error instanceof ApiError && result.error.status === 404;
    body = (
      <>
        <Result
          status={notFound ? 'error' : 'warning'}
          title={notFound ? '未查到该认定单' : '暂时无法核验'}
          subTitle={
            notFound
              ? '编号或校验码不正确，或认定单不存在。请核对认定单上印制的编号与校验码。'
              : result.error instanceof ApiError && result.error.status === 429
                ? '核验过于频繁，请稍后再试。'
                : describeError(result.error)
          }
        />
        <VerifyForm number={number} code={code} />
      </>
    );
  } else if (!result.data) body = <Skeleton active />;
  else body = <Verified v={result.data} />;

  return (
    <Card style={{ maxWidth: 720, margin: '0 auto' }} title={<span style={{ whiteSpace: 'normal' }}>学时认定单、合格证明 · 真伪核验</span>}>
      {body}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        核验结果仅显示证明状态、脱敏姓名与各年度学时及达标情况，不显示其他个人信息。
      </Typography.Paragraph>
    </Card>
  );
}

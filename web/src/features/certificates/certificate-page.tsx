import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Result, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { ReasonDialog } from '../../components/reason-dialog.js';
import { CERTIFICATE_KIND_LABELS } from '../../../../shared/workflow.js';
import { A4Sheet } from '../../components/a4-sheet.js';
import { CertificateSheet } from './certificate-sheet.js';

/**
 * 学时认定单 (`/certificates/:number`): the certificate on its A4 sheet, ready to print; the hr office
 * may revoke it with a reason, after which it prints marked 已撤销 and verifies as revoked.
 */
export function CertificatePage() {
  const { number = '' } = useParams();
  const { principal } = useSession();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [revoking, setRevoking] = useState(false);
  const certificate = useResource(number, () => certificationApi.certificate(number));

  if (certificate.error) {
    const notFound = certificate.error instanceof ApiError && certificate.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '证明不存在或不在管辖范围内' : '加载失败'}
        extra={<Link to="/applications">返回核认申请</Link>}
      />
    );
  }
  const c = certificate.data;
  if (!c) return <Skeleton active style={{ padding: 24 }} />;
  const label = CERTIFICATE_KIND_LABELS[c.kind];

  const revoke = async (reason: string) => {
    try {
      await certificationApi.revokeCertificate(c.number, reason);
      message.success(`${label}已撤销`);
      setRevoking(false);
      certificate.reload();
    } catch (err) {
      onError(err);
      throw err;
    }
  };

  return (
    <A4Sheet
      label={`${label} ${c.number}`}
      back={{ to: `/applications/${encodeURIComponent(c.applicationId)}`, label: '返回申请' }}
      tools={
        principal?.role === 'hr_officer' &&
        c.status === 'valid' && (
          <Button danger icon={<StopOutlined />} onClick={() => setRevoking(true)}>
            撤销{label}
          </Button>
        )
      }
      notice={
        c.status === 'revoked' && (
          <Alert
            type="error"
            showIcon
            title={`该${label}已于 ${dayjs(c.revokedAt).format('YYYY-MM-DD HH:mm')} 撤销`}
            description={c.revokedReason ? `理由：${c.revokedReason}` : undefined}
          />
        )
      }
    >
      <CertificateSheet certificate={c} origin={window.location.origin} />
      <ReasonDialog
        open={revoking}
        title={`撤销${label} ${c.number}`}
        okText="撤销"
        danger
        placeholder="请写明撤销理由；撤销后公开核验将显示“已撤销”"
        onSubmit={revoke}
        onClose={() => setRevoking(false)}
      />
    </A4Sheet>
  );
}

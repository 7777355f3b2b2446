import { Alert, Image, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { EvidenceFileView } from '../../../../shared/evidence-files.js';
import { api } from '../../api/endpoints.js';

/**
 * An accepted file as an object URL. Downloads are presigned GETs served as attachments (issue 4), so
 * the bytes are fetched and shown from a blob of the checked type: the browser renders them instead
 * of saving them, and nothing but the detected type decides how.
 */
export function useEvidenceObjectUrl(personId: string, file: EvidenceFileView | undefined) {
  const [state, setState] = useState<{ fileId?: string; url?: string; error?: string }>({});
  const fileId = file?.status === 'accepted' ? file.id : undefined;
  const activityId = file?.activityId;
  const type = file?.detectedType ?? file?.declaredType;
  useEffect(() => {
    if (!fileId || !activityId) return;
    let revoked = false;
    let objectUrl: string | undefined;
    api
      .evidenceDownload(personId, activityId, fileId)
      .then(({ url }) => fetch(url))
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const blob = new Blob([await response.arrayBuffer()], { type });
        if (revoked) return;
        objectUrl = URL.createObjectURL(blob);
        setState({ fileId, url: objectUrl });
      })
      .catch(() => {
        if (!revoked) setState({ fileId, error: '材料加载失败，请稍后重试或直接下载' });
      });
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [personId, activityId, fileId, type]);
  return fileId !== undefined && state.fileId === fileId ? state : {};
}

export const isImage = (file: EvidenceFileView) => (file.detectedType ?? file.declaredType).startsWith('image/');

/** An accepted image, inline; a click opens antd's zoomable preview. */
export function EvidenceThumbnail({ personId, file }: { personId: string; file: EvidenceFileView }) {
  const { url, error } = useEvidenceObjectUrl(personId, file);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!url) return <Spin size="small" />;
  return <Image src={url} alt={file.fileName} width={120} height={120} style={{ objectFit: 'cover' }} />;
}

/** A PDF (or image) in a viewer dialog: the browser's own PDF reader in a frame. */
export function EvidenceViewer({ personId, file, onClose }: { personId: string; file?: EvidenceFileView; onClose(): void }) {
  const { url, error } = useEvidenceObjectUrl(personId, file);
  return (
    <Modal open={file !== undefined} title={file?.fileName} footer={null} onCancel={onClose} width="min(960px, 95vw)" destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {!error && !url && <Spin />}
      {url && file && isImage(file) && <img src={url} alt={file.fileName} style={{ maxWidth: '100%' }} />}
      {url && file && !isImage(file) && (
        <iframe title={`材料预览：${file.fileName}`} src={url} style={{ width: '100%', height: '75vh', border: 0 }} />
      )}
    </Modal>
  );
}

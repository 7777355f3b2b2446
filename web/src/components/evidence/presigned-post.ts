import { ApiError } from '../../api/client.js';

/** S3's error codes for a refused form POST, in the words of the upload screen. */
const S3_ERRORS: Record<string, string> = {
  EntityTooLarge: '文件超过 20 MB，未上传',
  EntityTooSmall: '文件为空，未上传',
  AccessDenied: '上传链接已失效，请重新上传',
  ExpiredToken: '上传链接已过期，请重新上传',
  RequestTimeTooSkewed: '本机时间与服务器相差过大，请校准时间后重试',
};

function s3ErrorCode(body: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
}

/**
 * POSTs a file to the presigned form the API handed out (fields first, `file` last, as S3 requires),
 * reporting upload progress from 0 to 1. XMLHttpRequest, because fetch has no upload progress. A
 * refusal becomes an ApiError, so it reaches the one error handler like any API failure.
 */
export function postPresignedForm(
  upload: { url: string; fields: Record<string, string> },
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(upload.fields)) form.append(key, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
        return;
      }
      const code = s3ErrorCode(xhr.responseText ?? '');
      reject(
        new ApiError(xhr.status, 'upload_failed', (code && S3_ERRORS[code]) ?? `文件上传失败（${code ?? `HTTP ${xhr.status}`}），请重试`),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', '文件上传中断，请检查网络后重试'));
    xhr.onabort = () => reject(new ApiError(0, 'upload_aborted', '已取消上传'));
    xhr.open('POST', upload.url);
    xhr.send(form);
  });
}

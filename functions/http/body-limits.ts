import { IMPORT_UPLOAD_PATH } from './routes/imports.js';

/**
 * Request body limits, refused with 413 before parsing. Each is sized from its contract's maxima so that
 * no valid request is ever refused: the largest valid body, written compactly as JSON.stringify writes it,
 * with every string at its maximum length and every character one that JSON escapes to 6 bytes (a
 * control character; anything else takes at most 3 bytes of UTF-8 per UTF-16 unit). Insignificant
 * whitespace and escapes JSON.stringify would not write are not counted. test/functions/hours-preview
 * and base-api post these largest bodies; docs/decisions.md has the arithmetic.
 */
export interface BodyLimit {
  bytes: number;
  /** As the 413 message and the OpenAPI document say it. */
  label: string;
}

const MB = 1024 * 1024;

/**
 * `POST /v1/hours/preview`: 1,000 activities of at most 3,762 bytes (a C1 activity with id 100, title
 * 200, provider 200 and theme 100 characters, days, halfDays and evenings at 1000) = 3.76 MB.
 */
export const PREVIEW_BODY_LIMIT: BodyLimit = { bytes: 4 * MB, label: '4 MB' };
/**
 * The cost any one anonymous preview may have, in CPU milliseconds on the bench machine: the largest
 * bodies the limits above allow, in the shapes that work the engine hardest, measured by `npm run bench`
 * (bench/preview-worst.ts; about 100–200 ms in December 2026). The bench fails its target past it.
 */
export const PREVIEW_CPU_BUDGET_MS = 500;
/**
 * `POST /v1/base/completions`: 500 records of at most 3,753 bytes (externalId 128, name 50, courseTitle
 * 200, theme 100, certificateNo 100 characters, every optional field present) = 1.88 MB.
 */
export const BASE_BATCH_BODY_LIMIT: BodyLimit = { bytes: 2 * MB, label: '2 MB' };
/** An Excel import carries the file itself; Lambda takes 6 MB, and a binary body arrives base64-encoded (×4/3). */
export const UPLOAD_BODY_LIMIT: BodyLimit = { bytes: 4 * MB, label: '4 MB' };
/** Every other body: the portal's own forms, the largest a 1,000-person attendance list (about 0.3 MB). */
export const DEFAULT_BODY_LIMIT: BodyLimit = { bytes: 1 * MB, label: '1 MB' };

export const PREVIEW_PATH = '/v1/hours/preview';
export const BASE_COMPLETIONS_PATH = '/v1/base/completions';

export function bodyLimitFor(method: string, path: string): BodyLimit {
  if (method === 'POST') {
    if (path === PREVIEW_PATH) return PREVIEW_BODY_LIMIT;
    if (path === BASE_COMPLETIONS_PATH) return BASE_BATCH_BODY_LIMIT;
    if (path === IMPORT_UPLOAD_PATH) return UPLOAD_BODY_LIMIT;
  }
  return DEFAULT_BODY_LIMIT;
}

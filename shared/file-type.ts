/**
 * Evidence file types (rules §4: "Files: PDF, JPEG, PNG, at most 20 MB each, type checked by content").
 * The declared type and the file name only route the upload; what a file *is* comes from its first
 * bytes, checked here. Pure: the caller reads the bytes.
 */

export const EVIDENCE_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type EvidenceContentType = (typeof EVIDENCE_CONTENT_TYPES)[number];

/** 20 MB, in bytes (the notice's limit is per file). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export const EVIDENCE_TYPE_LABELS: Record<EvidenceContentType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

const SIGNATURES: readonly { type: EvidenceContentType; bytes: readonly number[] }[] = [
  // "%PDF-" at offset 0. PDF readers tolerate junk before the header; we do not, so a polyglot
  // with an executable in front cannot pass as a PDF.
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // SOI marker followed by the first marker's 0xFF (JFIF, Exif and raw variants alike).
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // The full 8-byte PNG signature, which also catches line-ending conversion damage.
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** How many leading bytes `detectEvidenceType` needs to see. */
export const SNIFF_BYTES = Math.max(...SIGNATURES.map((s) => s.bytes.length));

/** The evidence type a file's leading bytes show, or undefined when they match none. */
export function detectEvidenceType(head: Uint8Array): EvidenceContentType | undefined {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b))?.type;
}

const EXTENSIONS: Record<EvidenceContentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

/**
 * The name a file is stored under for display and download: the last path segment of what the
 * browser sent, without control characters, at most 200 characters. Never used in a storage key.
 */
export function cleanFileName(name: string): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return base.slice(-200) || '文件';
}

/** The download name: the uploaded name, with the extension of what the content really is. */
export function downloadFileName(name: string, type: EvidenceContentType): string {
  const lower = name.toLowerCase();
  if (EXTENSIONS[type].some((ext) => lower.endsWith(ext))) return name;
  return `${name}${EXTENSIONS[type][0]}`;
}

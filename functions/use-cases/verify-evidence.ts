import { createHash } from 'node:crypto';
import { EVIDENCE_KEY_PREFIX } from '../../shared/contract.js';
import { ConflictError } from '../../shared/errors.js';
import { auditEvent } from './audit-event.js';
import type { EvidenceFile, EvidenceRejectionCode } from '../../shared/evidence-files.js';
import { detectEvidenceType, MAX_EVIDENCE_BYTES, SNIFF_BYTES, type EvidenceContentType } from '../../shared/file-type.js';
import type { AuditEvent } from '../../shared/records.js';
import type { EvidenceFileRepository, EvidenceStore } from '../ports/evidence.js';

/**
 * The check every evidence object passes before it counts (rules §4): its real size, its type by
 * content, and its SHA-256. One function for both callers: the confirm route (the browser, after its
 * upload) and the S3 ObjectCreated job (in AWS), whichever comes first; the other finds the verdict.
 */
export interface VerifyEvidenceDeps {
  evidenceFiles: EvidenceFileRepository;
  evidenceStore: EvidenceStore;
  clock: () => Date;
  newId: () => string;
}

/** Who recorded the verdict: a signed-in user (confirm) or the system (the S3 event). */
export type EvidenceActor = Pick<AuditEvent, 'actor' | 'actorName' | 'role'>;

export const SYSTEM_EVIDENCE_CHECK: EvidenceActor = { actor: 'system:evidence-check', actorName: '证明材料自动检查', role: 'system' };

export type Verification =
  | { outcome: 'accepted'; file: EvidenceFile }
  | { outcome: 'rejected'; file: EvidenceFile }
  /** Nothing uploaded yet under the key: the file stays pending. */
  | { outcome: 'missing'; file: EvidenceFile };

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

const REJECTIONS: Record<EvidenceRejectionCode, (size: number) => string> = {
  file_empty: () => '文件为空，已删除，请重新上传',
  file_too_large: (size) => `文件大小为 ${mb(size)} MB，超过 20 MB 的上限，已删除，请压缩或拆分后重新上传`,
  file_type_not_allowed: () => '文件内容不是 PDF、JPEG 或 PNG，已删除，请上传 PDF、JPEG 或 PNG 格式的文件',
  file_replaced: () => '文件通过检查后又被重新上传覆盖，已删除，请重新上传',
};

type Verdict =
  { ok: true; size: number; sha256: string; type: EvidenceContentType } | { ok: false; code: EvidenceRejectionCode; size: number };

/**
 * Streams the object once: sniffs its first bytes, hashes it, counts it. Stops early on a wrong
 * type or once past the limit, so a large non-evidence object is never read in full.
 */
async function inspect(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Verdict> {
  const hash = createHash('sha256');
  const head = new Uint8Array(SNIFF_BYTES);
  let headLength = 0;
  let size = 0;
  let type: EvidenceContentType | undefined;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) return { ok: false, code: 'file_too_large', size };
    if (headLength < SNIFF_BYTES) {
      const take = chunk.subarray(0, SNIFF_BYTES - headLength);
      head.set(take, headLength);
      headLength += take.byteLength;
      if (headLength === SNIFF_BYTES) {
        type = detectEvidenceType(head);
        if (!type) return { ok: false, code: 'file_type_not_allowed', size };
      }
    }
    hash.update(chunk);
  }
  if (size === 0) return { ok: false, code: 'file_empty', size };
  // Shorter than the longest signature: judge on what there is.
  type ??= detectEvidenceType(head.subarray(0, headLength));
  if (!type) return { ok: false, code: 'file_type_not_allowed', size };
  return { ok: true, size, sha256: hash.digest('hex'), type };
}

export async function verifyEvidenceObject(deps: VerifyEvidenceDeps, file: EvidenceFile, actor: EvidenceActor): Promise<Verification> {
  if (file.status === 'accepted') return { outcome: 'accepted', file };
  if (file.status === 'rejected') {
    // The verdict was recorded before the object was removed; finish a removal that failed then.
    await deps.evidenceStore.remove(file.key);
    return { outcome: 'rejected', file };
  }

  const object = await deps.evidenceStore.head(file.key);
  if (!object) return { outcome: 'missing', file };
  let verdict: Verdict;
  if (object.size > MAX_EVIDENCE_BYTES) {
    // In AWS the POST policy already refuses this; s3rver and direct writes do not, so check here.
    verdict = { ok: false, code: 'file_too_large', size: object.size };
  } else if (object.size === 0) {
    verdict = { ok: false, code: 'file_empty', size: 0 };
  } else {
    const body = await deps.evidenceStore.read(file.key, object);
    if (!body) return { outcome: 'missing', file };
    verdict = await inspect(body, MAX_EVIDENCE_BYTES);
  }

  const at = deps.clock().toISOString();
  const settled: EvidenceFile = verdict.ok
    ? {
        ...file,
        status: 'accepted',
        size: verdict.size,
        detectedType: verdict.type,
        sha256: verdict.sha256,
        ...(object.versionId ? { versionId: object.versionId } : {}),
        version: file.version + 1,
        updatedAt: at,
        updatedBy: actor.actor,
      }
    : {
        ...file,
        status: 'rejected',
        rejection: { code: verdict.code, message: REJECTIONS[verdict.code](verdict.size) },
        version: file.version + 1,
        updatedAt: at,
        updatedBy: actor.actor,
      };
  const audit = auditEvent(
    deps,
    actor,
    {
      entity: 'evidence',
      entityId: file.id,
      action: verdict.ok ? 'accept' : 'reject',
      from: 'pending',
      to: settled.status,
      ...(settled.rejection ? { reason: settled.rejection.message } : {}),
      after: verdict.ok ? { size: verdict.size, detectedType: verdict.type, sha256: verdict.sha256 } : undefined,
    },
    at,
  );

  try {
    await deps.evidenceFiles.settle(settled, file.version, audit);
  } catch (err) {
    // The other checker recorded its verdict first: report that one (and finish its removal).
    if (!(err instanceof ConflictError)) throw err;
    const current = await deps.evidenceFiles.get(file.personId, file.id);
    if (!current || current.status === 'pending') throw err;
    return verifyEvidenceObject(deps, current, actor);
  }
  // Removed only after the verdict is stored: if removal fails, the next confirm or event retries it.
  if (!verdict.ok) await deps.evidenceStore.remove(file.key);
  return { outcome: settled.status === 'accepted' ? 'accepted' : 'rejected', file: settled };
}

/** The key layout of evidence objects; the server alone makes keys (never from a file name). */
export function evidenceObjectKey(personId: string, activityId: string, fileId: string): string {
  return `${EVIDENCE_KEY_PREFIX}${personId}/${activityId}/${fileId}`;
}

export function parseEvidenceObjectKey(key: string): { personId: string; activityId: string; fileId: string } | undefined {
  if (!key.startsWith(EVIDENCE_KEY_PREFIX)) return undefined;
  const m = /^([^/]+)\/([^/]+)\/([^/]+)$/.exec(key.slice(EVIDENCE_KEY_PREFIX.length));
  return m ? { personId: m[1]!, activityId: m[2]!, fileId: m[3]! } : undefined;
}

export type ObjectCreatedOutcome = Verification['outcome'] | 'orphan_removed' | 'later_version_removed' | 'replaced' | 'ignored';

/**
 * An upload form is single-use (issue 12): S3 cannot revoke a presigned POST before it expires, so a
 * write to the key of a file already accepted — the form replayed — is undone here. In the versioned
 * bucket the accepted version is pinned (downloads name it) and any other version of the key is deleted
 * for good. Without versions (the local S3 server) the key holds whatever came last: it is checked
 * against the accepted hash, and a different object makes the file rejected (`file_replaced`) and is
 * removed, so the replaced bytes are never served.
 */
export async function recheckAcceptedObject(
  deps: VerifyEvidenceDeps,
  file: EvidenceFile,
  actor: EvidenceActor,
  writtenVersionId?: string,
): Promise<'accepted' | 'later_version_removed' | 'replaced'> {
  if (file.versionId) {
    const later = writtenVersionId ?? (await deps.evidenceStore.head(file.key))?.versionId;
    if (!later || later === file.versionId) return 'accepted';
    await deps.evidenceStore.removeVersion(file.key, later);
    return 'later_version_removed';
  }
  const object = await deps.evidenceStore.head(file.key);
  const body = object && object.size <= MAX_EVIDENCE_BYTES ? await deps.evidenceStore.read(file.key, object) : undefined;
  const verdict = body ? await inspect(body, MAX_EVIDENCE_BYTES) : undefined;
  if (verdict?.ok && verdict.sha256 === file.sha256) return 'accepted';
  if (!object) return 'accepted'; // nothing there to serve, nothing written over it
  const at = deps.clock().toISOString();
  const rejected: EvidenceFile = {
    ...file,
    status: 'rejected',
    rejection: { code: 'file_replaced', message: REJECTIONS.file_replaced(object.size) },
    version: file.version + 1,
    updatedAt: at,
    updatedBy: actor.actor,
  };
  const audit = auditEvent(
    deps,
    actor,
    {
      entity: 'evidence',
      entityId: file.id,
      action: 'reject',
      from: 'accepted',
      to: 'rejected',
      reason: rejected.rejection!.message,
    },
    at,
  );
  try {
    await deps.evidenceFiles.settle(rejected, file.version, audit, 'accepted');
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err; // another checker got there first
  }
  await deps.evidenceStore.remove(file.key);
  return 'replaced';
}

/**
 * An object arrived in the evidence bucket (the S3 ObjectCreated event in AWS): run the same check
 * as confirm, as the system. An object under our prefix with no file record was not issued by us
 * (records are written before any upload form), so it is removed.
 */
export async function checkCreatedEvidenceObject(deps: VerifyEvidenceDeps, key: string, versionId?: string): Promise<ObjectCreatedOutcome> {
  const ids = parseEvidenceObjectKey(key);
  if (!ids) return 'ignored';
  const file = await deps.evidenceFiles.get(ids.personId, ids.fileId);
  if (!file || file.activityId !== ids.activityId || file.key !== key) {
    await deps.evidenceStore.remove(key);
    return 'orphan_removed';
  }
  if (file.status === 'accepted') return recheckAcceptedObject(deps, file, SYSTEM_EVIDENCE_CHECK, versionId);
  return (await verifyEvidenceObject(deps, file, SYSTEM_EVIDENCE_CHECK)).outcome;
}

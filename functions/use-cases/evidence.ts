import { NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { MATERIAL_TYPE_LABELS } from '../../shared/evidence.js';
import {
  evidenceStatus,
  isMaterialForKind,
  toEvidenceFileView,
  type EvidenceFile,
  type EvidenceFileView,
  type EvidenceStatus,
  type EvidenceUploadRequest,
} from '../../shared/evidence-files.js';
import { cleanFileName, downloadFileName, MAX_EVIDENCE_BYTES } from '../../shared/file-type.js';
import type { ActivityRecord } from '../../shared/records.js';
import type { Principal } from '../auth/principal.js';
import type { EvidenceFileRepository, EvidenceStore, PresignedUpload } from '../ports/evidence.js';
import type { OrganisationRepository } from '../ports/organisations.js';
import type { ActivityRepository, PeopleRepository } from '../ports/records.js';
import { auditBy, principalActor } from './audit-event.js';
import { assertMayEditRecords, loadPersonInScope } from './scope.js';
import { evidenceObjectKey, recheckAcceptedObject, verifyEvidenceObject } from './verify-evidence.js';

/**
 * Evidence files of an activity (rules §4): the server hands out a presigned POST under a key of its
 * own making, the stored object is checked (verify-evidence.ts) before it counts, and downloads are
 * short-lived presigned GETs for people the caller may see.
 */
export interface EvidenceDeps {
  organisations: OrganisationRepository;
  people: PeopleRepository;
  activities: ActivityRepository;
  evidenceFiles: EvidenceFileRepository;
  evidenceStore: EvidenceStore;
  clock: () => Date;
  newId: () => string;
}

/** Long enough to start a 20 MB upload on a slow line; the policy is checked when the POST arrives. */
export const UPLOAD_EXPIRES_SECONDS = 5 * 60;
export const DOWNLOAD_EXPIRES_SECONDS = 5 * 60;
/** Files an activity may hold (pending and accepted): enough for every set, not a file store. */
export const MAX_FILES_PER_ACTIVITY = 30;

/** RFC 6266 / 5987: the UTF-8 name, percent-encoded, so Chinese names survive every browser. */
export function attachmentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}

async function loadActivity(deps: EvidenceDeps, personId: string, activityId: string): Promise<ActivityRecord> {
  const record = await deps.activities.get(personId, activityId);
  if (!record) throw new NotFoundError('activity_not_found', '活动记录不存在');
  return record;
}

/** Clerks attach evidence to their people's activities; a person only to the activities they entered. */
function assertMayAttach(principal: Principal, record: ActivityRecord) {
  assertMayEditRecords(principal);
  if (principal.role === 'person' && record.createdBy !== principal.userId) {
    throw new RuleViolationError('not_own_entry', '只能为本人录入的活动上传证明材料');
  }
}

async function loadFile(deps: EvidenceDeps, personId: string, activityId: string, fileId: string): Promise<EvidenceFile> {
  const file = await deps.evidenceFiles.get(personId, fileId);
  if (!file || file.activityId !== activityId) throw new NotFoundError('evidence_not_found', '证明材料不存在');
  return file;
}

export interface UploadGrant {
  file: EvidenceFileView;
  upload: PresignedUpload & { expiresAt: string; maxBytes: number };
}

export async function requestEvidenceUpload(
  deps: EvidenceDeps,
  principal: Principal,
  personId: string,
  activityId: string,
  input: EvidenceUploadRequest,
): Promise<UploadGrant> {
  await loadPersonInScope(deps, principal, personId);
  const record = await loadActivity(deps, personId, activityId);
  assertMayAttach(principal, record);
  if (record.status === 'withdrawn') throw new RuleViolationError('activity_withdrawn', '该活动已撤回，不能再上传证明材料');
  if (!isMaterialForKind(record.activity.kind, input.materialType)) {
    throw new RuleViolationError('material_not_for_kind', `“${MATERIAL_TYPE_LABELS[input.materialType]}”不是该类活动所列的证明材料`, [
      { path: 'materialType', message: '该材料类型不适用于此活动' },
    ]);
  }
  const held = (await deps.evidenceFiles.listForPerson(personId)).filter((f) => f.activityId === activityId && f.status !== 'rejected');
  if (held.length >= MAX_FILES_PER_ACTIVITY) {
    throw new RuleViolationError('too_many_files', `每项活动最多上传 ${MAX_FILES_PER_ACTIVITY} 个文件`);
  }

  const now = deps.clock();
  const fileId = deps.newId();
  const file: EvidenceFile = {
    id: fileId,
    personId,
    activityId,
    materialType: input.materialType,
    fileName: cleanFileName(input.fileName),
    declaredType: input.contentType,
    declaredSize: input.size,
    status: 'pending',
    key: evidenceObjectKey(personId, activityId, fileId),
    version: 1,
    createdAt: now.toISOString(),
    createdBy: principal.userId,
    updatedAt: now.toISOString(),
    updatedBy: principal.userId,
  };
  // The record first: an object that arrives always finds its pending file (the S3 event relies on it).
  await deps.evidenceFiles.create(
    file,
    auditBy(deps, principal, {
      entity: 'evidence',
      entityId: fileId,
      action: 'upload_requested',
      to: 'pending',
      after: toEvidenceFileView(file),
    }),
  );
  const upload = await deps.evidenceStore.presignUpload({
    key: file.key,
    contentType: input.contentType,
    maxBytes: MAX_EVIDENCE_BYTES,
    expiresInSeconds: UPLOAD_EXPIRES_SECONDS,
  });
  return {
    file: toEvidenceFileView(file),
    upload: {
      ...upload,
      expiresAt: new Date(now.getTime() + UPLOAD_EXPIRES_SECONDS * 1000).toISOString(),
      maxBytes: MAX_EVIDENCE_BYTES,
    },
  };
}

/**
 * The browser's "upload finished": checks the stored object. Accepted → the file; rejected → 422
 * with the reason (the object is gone); nothing uploaded yet → 422, and the file stays pending.
 * Idempotent: an accepted file answers the same again.
 */
export async function confirmEvidenceUpload(
  deps: EvidenceDeps,
  principal: Principal,
  personId: string,
  activityId: string,
  fileId: string,
): Promise<EvidenceFileView> {
  await loadPersonInScope(deps, principal, personId);
  const record = await loadActivity(deps, personId, activityId);
  assertMayAttach(principal, record);
  const file = await loadFile(deps, personId, activityId, fileId);
  const result = await verifyEvidenceObject(deps, file, principalActor(principal));
  if (result.outcome === 'missing') {
    throw new RuleViolationError('evidence_not_uploaded', '尚未收到上传的文件，请先完成上传再确认');
  }
  if (result.outcome === 'rejected') {
    const rejection = result.file.rejection!;
    throw new RuleViolationError(rejection.code, rejection.message);
  }
  return toEvidenceFileView(result.file);
}

export async function listEvidence(
  deps: EvidenceDeps,
  principal: Principal,
  personId: string,
  activityId: string,
): Promise<{ items: EvidenceFileView[]; evidence: EvidenceStatus }> {
  await loadPersonInScope(deps, principal, personId);
  const record = await loadActivity(deps, personId, activityId);
  const files = (await deps.evidenceFiles.listForPerson(personId))
    .filter((f) => f.activityId === activityId)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id.localeCompare(b.id)));
  return { items: files.map(toEvidenceFileView), evidence: evidenceStatus(record, files) };
}

export async function createEvidenceDownload(
  deps: EvidenceDeps,
  principal: Principal,
  personId: string,
  activityId: string,
  fileId: string,
): Promise<{ url: string; expiresAt: string }> {
  await loadPersonInScope(deps, principal, personId);
  const file = await loadFile(deps, personId, activityId, fileId);
  if (file.status !== 'accepted' || !file.detectedType) {
    throw new RuleViolationError('evidence_not_accepted', '该文件尚未通过检查，不能下载');
  }
  // Without object versions (the local S3 server) nothing pins the checked bytes: check them again.
  if (!file.versionId && (await recheckAcceptedObject(deps, file, principalActor(principal))) === 'replaced') {
    throw new RuleViolationError('file_replaced', '文件通过检查后又被重新上传覆盖，已删除，请重新上传');
  }
  const url = await deps.evidenceStore.presignDownload({
    key: file.key,
    versionId: file.versionId,
    contentType: file.detectedType,
    contentDisposition: attachmentDisposition(downloadFileName(file.fileName, file.detectedType)),
    expiresInSeconds: DOWNLOAD_EXPIRES_SECONDS,
  });
  return { url, expiresAt: new Date(deps.clock().getTime() + DOWNLOAD_EXPIRES_SECONDS * 1000).toISOString() };
}

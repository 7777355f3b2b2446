import { createHash } from 'node:crypto';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { toEvidenceFileView, type EvidenceFile, type EvidenceFileView } from '../../shared/evidence-files.js';
import { cleanFileName, downloadFileName, MAX_EVIDENCE_BYTES, type EvidenceContentType } from '../../shared/file-type.js';
import {
  isOwnSystemCertificateNumber,
  priorCertificateStatus,
  type PriorCertificateVerification,
  type StoredPriorCertificate,
} from '../../shared/history.js';
import type { Principal } from '../auth/principal.js';
import type { EvidenceFileRepository, EvidenceStore } from '../ports/evidence.js';
import { auditBy, principalActor } from './audit-event.js';
import { attachmentDisposition, DOWNLOAD_EXPIRES_SECONDS, UPLOAD_EXPIRES_SECONDS, type UploadGrant } from './evidence.js';
import { matchIssuedCertificate, type HistoryDeps } from './history.js';
import { recomputeBooks } from './recompute-books.js';
import { loadPersonInScope } from './scope.js';
import { evidenceObjectKey, verifyEvidenceObject } from './verify-evidence.js';

/**
 * Paper-era prior certificates (rules §3 revised): recorded with the scan of the paper 学时认定单 as
 * evidence, `unverified` and covering no year until a unit reviewer other than the account that
 * entered it confirms it against the scan. Scans are evidence files like an activity's (the same
 * presigned upload, content check and short-lived download), owned by the certificate.
 */
export interface PriorCertificateDeps extends HistoryDeps {
  evidenceFiles: EvidenceFileRepository;
  evidenceStore: EvidenceStore;
}

/** Scans a certificate may hold (pending and accepted): a few pages, not a file store. */
export const MAX_SCANS_PER_CERTIFICATE = 10;

/**
 * The owner id of a certificate's scans, in the place of an activity id: the number is free text
 * (paper-era offices numbered as they liked), and storage keys carry ids only.
 */
export function scanOwnerId(number: string): string {
  return `prior-certificate-${createHash('sha256').update(number).digest('hex').slice(0, 24)}`;
}

export interface PriorCertificateView extends StoredPriorCertificate {
  status: PriorCertificateVerification['status'];
  scans: EvidenceFileView[];
}

async function loadCertificate(deps: PriorCertificateDeps, principal: Principal, personId: string, number: string) {
  await loadPersonInScope(deps, principal, personId);
  const certificate = (await deps.history.listForPerson(personId)).certificates.find((c) => c.number === number);
  if (!certificate) throw new NotFoundError('certificate_not_found', '认定单不存在');
  return certificate;
}

const scansOf = (files: EvidenceFile[], number: string) =>
  files
    .filter((f) => f.activityId === scanOwnerId(number))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

/** A person's prior certificates with their verification status and scans. */
export async function listPriorCertificates(
  deps: PriorCertificateDeps,
  principal: Principal,
  personId: string,
): Promise<PriorCertificateView[]> {
  await loadPersonInScope(deps, principal, personId);
  const [history, files] = await Promise.all([deps.history.listForPerson(personId), deps.evidenceFiles.listForPerson(personId)]);
  return history.certificates.map((c) => ({
    ...c,
    status: priorCertificateStatus(c),
    scans: scansOf(files, c.number).map(toEvidenceFileView),
  }));
}

function assertPaperAwaitingCheck(certificate: StoredPriorCertificate, tenant: string) {
  if (isOwnSystemCertificateNumber(certificate.number, tenant)) {
    throw new RuleViolationError('system_certificate', '本系统出具的认定单以系统记录为准，无需上传扫描件');
  }
  if (priorCertificateStatus(certificate) === 'verified') throw new RuleViolationError('already_verified', '该认定单已核验');
}

/** The clerk uploads the scan of a paper certificate: a presigned POST, as for an activity's evidence. */
export async function requestScanUpload(
  deps: PriorCertificateDeps,
  principal: Principal,
  personId: string,
  number: string,
  input: { fileName: string; contentType: EvidenceContentType; size: number },
): Promise<UploadGrant> {
  if (principal.role !== 'unit_clerk') throw new ForbiddenError('role_not_allowed', '只有单位经办人可以上传认定单扫描件');
  const certificate = await loadCertificate(deps, principal, personId, number);
  assertPaperAwaitingCheck(certificate, deps.config.tenant);
  const held = scansOf(await deps.evidenceFiles.listForPerson(personId), number).filter((f) => f.status !== 'rejected');
  if (held.length >= MAX_SCANS_PER_CERTIFICATE) {
    throw new RuleViolationError('too_many_files', `每份认定单最多上传 ${MAX_SCANS_PER_CERTIFICATE} 个扫描件`);
  }
  const now = deps.clock();
  const fileId = deps.newId();
  const owner = scanOwnerId(number);
  const file: EvidenceFile = {
    id: fileId,
    personId,
    activityId: owner,
    materialType: 'certificate_scan',
    fileName: cleanFileName(input.fileName),
    declaredType: input.contentType,
    declaredSize: input.size,
    status: 'pending',
    key: evidenceObjectKey(personId, owner, fileId),
    version: 1,
    createdAt: now.toISOString(),
    createdBy: principal.userId,
    updatedAt: now.toISOString(),
    updatedBy: principal.userId,
  };
  await deps.evidenceFiles.create(
    file,
    auditBy(deps, principal, {
      entity: 'evidence',
      entityId: fileId,
      action: 'upload_requested',
      to: 'pending',
      after: { ...toEvidenceFileView(file), certificateNumber: number },
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
    upload: { ...upload, expiresAt: new Date(now.getTime() + UPLOAD_EXPIRES_SECONDS * 1000).toISOString(), maxBytes: MAX_EVIDENCE_BYTES },
  };
}

async function loadScan(deps: PriorCertificateDeps, personId: string, number: string, fileId: string) {
  const file = await deps.evidenceFiles.get(personId, fileId);
  if (!file || file.activityId !== scanOwnerId(number)) throw new NotFoundError('evidence_not_found', '扫描件不存在');
  return file;
}

/** The upload finished: the same content check as any evidence (type by content, size, SHA-256). */
export async function confirmScanUpload(
  deps: PriorCertificateDeps,
  principal: Principal,
  personId: string,
  number: string,
  fileId: string,
): Promise<EvidenceFileView> {
  if (principal.role !== 'unit_clerk') throw new ForbiddenError('role_not_allowed', '只有单位经办人可以上传认定单扫描件');
  await loadCertificate(deps, principal, personId, number);
  const file = await loadScan(deps, personId, number, fileId);
  const result = await verifyEvidenceObject(deps, file, principalActor(principal));
  if (result.outcome === 'missing') throw new RuleViolationError('evidence_not_uploaded', '尚未收到上传的文件，请先完成上传再确认');
  if (result.outcome === 'rejected') throw new RuleViolationError(result.file.rejection!.code, result.file.rejection!.message);
  return toEvidenceFileView(result.file);
}

export async function createScanDownload(
  deps: PriorCertificateDeps,
  principal: Principal,
  personId: string,
  number: string,
  fileId: string,
): Promise<{ url: string; expiresAt: string }> {
  await loadCertificate(deps, principal, personId, number);
  const file = await loadScan(deps, personId, number, fileId);
  if (file.status !== 'accepted' || !file.detectedType)
    throw new RuleViolationError('evidence_not_accepted', '该文件尚未通过检查，不能下载');
  const url = await deps.evidenceStore.presignDownload({
    key: file.key,
    versionId: file.versionId,
    contentType: file.detectedType,
    contentDisposition: attachmentDisposition(downloadFileName(file.fileName, file.detectedType)),
    expiresInSeconds: DOWNLOAD_EXPIRES_SECONDS,
  });
  return { url, expiresAt: new Date(deps.clock().getTime() + DOWNLOAD_EXPIRES_SECONDS * 1000).toISOString() };
}

/**
 * A unit reviewer confirms a prior certificate. A number of this system is matched again against the
 * person's issued certificates (an imported one is verified this way). A paper one needs an accepted
 * scan, and a reviewer other than the account that entered it (rules §3, §6 separation of duties).
 */
export async function verifyPriorCertificate(
  deps: PriorCertificateDeps,
  principal: Principal,
  personId: string,
  number: string,
): Promise<StoredPriorCertificate> {
  if (principal.role !== 'unit_reviewer') throw new ForbiddenError('role_not_allowed', '只有单位审核人可以核验学时认定单');
  const certificate = await loadCertificate(deps, principal, personId, number);
  if (priorCertificateStatus(certificate) === 'verified') throw new RuleViolationError('already_verified', '该认定单已核验');
  const at = deps.clock().toISOString();
  const audit = (verification: PriorCertificateVerification) =>
    auditBy(deps, principal, {
      entity: 'person',
      entityId: personId,
      action: 'verify_prior_certificate',
      from: priorCertificateStatus(certificate),
      to: 'verified',
      before: { number, verification: certificate.verification ?? { status: 'unverified' } },
      after: { number, verification },
    });
  let saved: StoredPriorCertificate;
  if (isOwnSystemCertificateNumber(number, deps.config.tenant)) {
    const issued = await matchIssuedCertificate(deps, personId, number);
    const verification: PriorCertificateVerification = {
      status: 'verified',
      method: 'system',
      by: principal.userId,
      byName: principal.name,
      at,
    };
    const years = issued.years.map((y) => ({
      year: y.year,
      publicHours: y.publicHours,
      professionalHours: y.professionalHours,
      ...(y.deemedComplete ? { deemedComplete: true } : {}),
    }));
    saved = await deps.history.verifyCertificate(certificate, verification, audit(verification), years);
  } else {
    if (certificate.createdBy === principal.userId) {
      throw new ForbiddenError('same_account', '录入该认定单的账号不能核验它，须由其他单位审核人核验');
    }
    const scans = scansOf(await deps.evidenceFiles.listForPerson(personId), number);
    // A scan still pending (no S3 event yet, locally) is checked now, as its confirm would.
    for (const scan of scans.filter((f) => f.status === 'pending')) {
      await verifyEvidenceObject(deps, scan, principalActor(principal));
    }
    const accepted = (await deps.evidenceFiles.listForPerson(personId)).some(
      (f) => f.activityId === scanOwnerId(number) && f.status === 'accepted',
    );
    if (!accepted) throw new RuleViolationError('scan_required', '须先上传认定单扫描件并通过检查，再对照扫描件核验');
    const verification: PriorCertificateVerification = {
      status: 'verified',
      method: 'scan',
      by: principal.userId,
      byName: principal.name,
      at,
    };
    saved = await deps.history.verifyCertificate(certificate, verification, audit(verification));
  }
  await recomputeBooks(deps, personId);
  return saved;
}

// Response shapes come from the shared zod schemas the routes answer with (docs/decisions.md: one contract):
// a change to a route's schema changes these types, and the site's typecheck with it.
import type { Account, Invitation, Principal } from '../../../shared/accounts.js';
import type { PublicNotice, PublicNoticeListItem } from '../../../shared/notices.js';
import type { Page } from '../../../shared/paging.js';
import type { PersonListItem, StoredPerson } from '../../../shared/person.js';
import type { OrganisationCompliance } from '../../../shared/aggregates.js';
import type { Role } from '../../../shared/contract.js';
import type { Workbench } from '../../../shared/workbench.js';
import type { EvidenceFileView, EvidenceStatus, EvidenceUploadRequest } from '../../../shared/evidence-files.js';
import type { CreateExport, ExportJob } from '../../../shared/exports.js';
import type { ImportStatus, ImportType } from '../../../shared/imports.js';
import type { PriorCertificateVerification, StoredPriorCertificate } from '../../../shared/history.js';
import type { Activity, PreviewRequest, PreviewResponse } from '../../../shared/hours/schemas.js';
import type { Organisation, OrganisationKind } from '../../../shared/organisation.js';
import type { Person } from '../../../shared/person.js';
import type { ActivityRecord, AuditEvent, BookStatus, RegistrationBook } from '../../../shared/records.js';
import type { Application, ApplicationYear, Batch, Certificate, Notice, Objection } from '../../../shared/applications.js';
import type { ApplicationState, CertificateKind } from '../../../shared/workflow.js';
import type { ApiKeySummary, NewBase, PostingListItem, Submission, TrainingBase } from '../../../shared/bases.js';
import type { AttendanceEntry, AttendanceResult, Filing, FilingStatus, NewFiling } from '../../../shared/filings.js';
import type { UnitType } from '../../../shared/organisation.js';
import type { TransferRequest, TransferRequestListItem } from '../../../shared/transfers.js';
import type { MidLevelPolicy, YearPolicySettings } from '../../../shared/policy.js';
import { queryString, request, requestFile, uploadFile } from './client.js';

export type { Account, Invitation, Page, PersonListItem, Principal, PublicNotice, PublicNoticeListItem, StoredPerson };

export interface PeopleQuery {
  unitId?: string;
  q?: string;
  year?: number;
  compliance?: 'compliant' | 'short';
  cursor?: string;
  limit?: number;
}

export interface OrganisationsQuery {
  parentId?: string;
  q?: string;
  kind?: OrganisationKind;
  cursor?: string;
  limit?: number;
}

export interface UnitMove {
  unitId: string;
  /** Named by the server: a clerk may not list other units. */
  unitName: string;
  from: string;
  by: string;
  reason?: string;
}

export type NewPerson = Omit<Person, 'id'>;
export type PersonChange = Partial<Pick<Person, 'name' | 'titleSeries' | 'titleLevel' | 'education' | 'doctorateYear'>> & {
  version: number;
};

/** An activity as the activity list returns it: the record with its evidence status (rules §4). */
export type ActivityWithEvidence = ActivityRecord & { evidence: EvidenceStatus };

export interface EvidenceUpload {
  file: EvidenceFileView;
  upload: { url: string; fields: Record<string, string>; expiresAt: string; maxBytes: number };
}

/** A prior 学时认定单 as GET …/prior-certificates lists it: its verification and its scans (rules §3). */
export type PriorCertificateView = StoredPriorCertificate & { status: PriorCertificateVerification['status']; scans: EvidenceFileView[] };
export interface NewPriorCertificate {
  number: string;
  years?: { year: number; publicHours: number; professionalHours: number }[];
}

/** An Excel import as the API shows it: its status and what may be done next (resume, rollback). */
export type ImportView = ImportStatus & { resumable: boolean; rollbackable: boolean };

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const person = (id: string) => `/v1/people/${encodeURIComponent(id)}`;
const activity = (personId: string, activityId: string) => `${person(personId)}/activities/${encodeURIComponent(activityId)}`;
const evidence = (personId: string, activityId: string) => `${activity(personId, activityId)}/evidence`;
const priorCertificate = (personId: string, number: string) => `${person(personId)}/prior-certificates/${encodeURIComponent(number)}`;

export const api = {
  me: () => request<Principal>('GET', '/v1/me'),
  /** First sign-in: binds the signed-in identity to the account the invitation opens. */
  acceptInvitation: (code: string) => request<Principal>('POST', '/v1/invitations/accept', { code }),
  /**
   * A page of the organisations under the user: the children of `parentId`, those matching `q` (a name
   * fragment or a 统一社会信用代码), or with neither the user's own first and its subtree in tree order.
   */
  organisations: (query: OrganisationsQuery = {}) => request<Page<Organisation>>('GET', `/v1/organisations${queryString({ ...query })}`),
  /** The public calculator (rules §7), no login. */
  previewHours: (body: PreviewRequest) => request<PreviewResponse>('POST', '/v1/hours/preview', body),

  // POST: the query may hold a resident ID, which must never travel in a URL (access logs).
  people: (query: PeopleQuery) => request<Page<PersonListItem> & { total: number | null }>('POST', '/v1/people/search', query),
  /** The role's to-do counts (GET /v1/workbench). */
  workbench: () => request<Workbench>('GET', '/v1/workbench'),
  /** 达标统计 from the maintained counts: an organisation and those directly under it, every year. */
  compliance: (org?: string) =>
    request<{ organisation: OrganisationCompliance; children: OrganisationCompliance[] }>(
      'GET',
      `/v1/statistics/compliance${queryString({ org })}`,
    ),
  /** 201 with the person, or 202 when the registration needs the hr office (issue 12: no registration oracle). */
  createPerson: (body: NewPerson) =>
    request<StoredPerson | { status: 'referred_to_hr_office'; message: string }>('POST', '/v1/people', body),
  person: (id: string) => request<{ person: StoredPerson; unitName: string; unitHistory: UnitMove[] }>('GET', person(id)),
  /** Units of the tenant by name, for choosing one outside the caller's scope (a transfer's receiving unit). */
  lookupUnits: (q: string) =>
    request<{ items: { id: string; name: string; parentName?: string }[] }>('GET', `/v1/units/lookup${queryString({ q })}`),
  updatePerson: (id: string, body: PersonChange) => request<StoredPerson>('PATCH', person(id), body),

  activities: (personId: string) => request<{ items: ActivityWithEvidence[] }>('GET', `${person(personId)}/activities`),
  addActivity: (personId: string, value: Activity) =>
    request<ActivityRecord>('POST', `${person(personId)}/activities`, { activity: value }),
  updateActivity: (personId: string, activityId: string, value: Activity, version: number) =>
    request<ActivityRecord>('PUT', activity(personId, activityId), { activity: value, version }),
  withdrawActivity: (personId: string, activityId: string, version: number, reason: string) =>
    request<ActivityRecord>('POST', `${activity(personId, activityId)}/withdraw`, { version, reason }),
  /** 待单位确认的本人填报 (rules §6): a unit's own entries waiting for a clerk or reviewer. */
  ownEntries: (unitId: string, cursor?: string) =>
    request<Page<ActivityRecord & { personName: string }>>(
      'GET',
      `/v1/units/${encodeURIComponent(unitId)}/own-entries${queryString({ cursor, limit: 50 })}`,
    ),
  acceptActivity: (personId: string, activityId: string, version: number) =>
    request<ActivityRecord>('POST', `${activity(personId, activityId)}/accept`, { version }),

  books: (personId: string) => request<{ items: RegistrationBook[] }>('GET', `${person(personId)}/books`),
  confirmYear: (personId: string, year: number, version: number, reason?: string) =>
    request<RegistrationBook>('POST', `${person(personId)}/books/${year}/confirm`, reason ? { version, reason } : { version }),
  reopenYear: (personId: string, year: number, version: number, reason: string) =>
    request<RegistrationBook>('POST', `${person(personId)}/books/${year}/reopen`, { version, reason }),
  audit: (personId: string) => request<{ items: AuditEvent[] }>('GET', `${person(personId)}/audit`),

  evidence: (personId: string, activityId: string) =>
    request<{ items: EvidenceFileView[]; evidence: EvidenceStatus }>('GET', evidence(personId, activityId)),
  requestUpload: (personId: string, activityId: string, body: EvidenceUploadRequest) =>
    request<EvidenceUpload>('POST', `${evidence(personId, activityId)}/uploads`, body),
  confirmUpload: (personId: string, activityId: string, fileId: string) =>
    request<EvidenceFileView>('POST', `${evidence(personId, activityId)}/${encodeURIComponent(fileId)}/confirm`),
  evidenceDownload: (personId: string, activityId: string, fileId: string) =>
    request<{ url: string; expiresAt: string }>('GET', `${evidence(personId, activityId)}/${encodeURIComponent(fileId)}/download`),

  priorCertificates: (personId: string) => request<{ items: PriorCertificateView[] }>('GET', `${person(personId)}/prior-certificates`),
  addPriorCertificate: (personId: string, body: NewPriorCertificate) =>
    request<StoredPriorCertificate>('POST', `${person(personId)}/prior-certificates`, body),
  requestScanUpload: (personId: string, number: string, body: Omit<EvidenceUploadRequest, 'materialType'>) =>
    request<EvidenceUpload>('POST', `${priorCertificate(personId, number)}/scans`, body),
  confirmScanUpload: (personId: string, number: string, fileId: string) =>
    request<EvidenceFileView>('POST', `${priorCertificate(personId, number)}/scans/${encodeURIComponent(fileId)}/confirm`),
  scanDownload: (personId: string, number: string, fileId: string) =>
    request<{ url: string; expiresAt: string }>(
      'GET',
      `${priorCertificate(personId, number)}/scans/${encodeURIComponent(fileId)}/download`,
    ),
  verifyPriorCertificate: (personId: string, number: string) =>
    request<StoredPriorCertificate>('POST', `${priorCertificate(personId, number)}/verify`, {}),

  /** 单位年度学时汇总 (.xlsx, IDs masked). */
  unitSummary: (unitId: string, year: number) =>
    requestFile(`/v1/units/${encodeURIComponent(unitId)}/summary.xlsx${queryString({ year })}`),
  /** A multi-unit .xlsx export, written by a background job (issue 19): start it, watch it, fetch its link. */
  startExport: (body: CreateExport) => request<ExportJob>('POST', '/v1/exports', body),
  exports: () => request<Page<ExportJob>>('GET', `/v1/exports${queryString({ limit: 10 })}`),
  exportStatus: (id: string) => request<ExportJob>('GET', `/v1/exports/${encodeURIComponent(id)}`),
  exportDownload: (id: string) =>
    request<{ url: string; fileName: string; expiresAt: string }>('GET', `/v1/exports/${encodeURIComponent(id)}/download`),
  importTemplate: (type: ImportType) => requestFile(`/v1/imports/templates/${type}`),
  startImport: (type: ImportType, file: File, onProgress?: (fraction: number) => void) =>
    uploadFile<ImportView>(`/v1/imports${queryString({ type, fileName: file.name })}`, file, XLSX_MEDIA_TYPE, onProgress),
  imports: (cursor?: string) => request<Page<ImportView>>('GET', `/v1/imports${queryString({ cursor, limit: 20 })}`),
  importStatus: (id: string) => request<ImportView>('GET', `/v1/imports/${encodeURIComponent(id)}`),
  resumeImport: (id: string) => request<ImportView>('POST', `/v1/imports/${encodeURIComponent(id)}/resume`),
  rollbackImport: (id: string) => request<ImportView>('POST', `/v1/imports/${encodeURIComponent(id)}/rollback`),
};

/* Certification (W2, rules §5 and §7): applications, the public notice, batches and certificates. */

export interface ApplicationsQuery {
  unitId?: string;
  state?: ApplicationState;
  kind?: CertificateKind;
  cursor?: string;
  limit?: number;
}

/** An application's detail (GET /v1/applications/{id}): the application and its audit trail. */
export interface ApplicationDetail {
  application: Application;
  history: AuditEvent[];
}

export interface NoticeEnd {
  start: string;
  endDate: string;
  workingDays: number;
  /** False when a year of the notice has no official holiday arrangement: the end date was counted conservatively. */
  calendarComplete: boolean;
  /** Those years (rules §5 unknown years): weekends and statutory holidays counted as days off, days worked in lieu unknown. */
  yearsWithoutOfficialData: number[];
}

/** One line of a batch's 汇总人员名单 (GET /v1/batches/{id}/summary). */
export interface BatchSummaryRow {
  no: number;
  name: string;
  idNumberMasked: string;
  unit: string;
  titleLevel: string;
  /** 学时认定单 or 合格证明. */
  kind: string;
  /** Whether the application's route held a public notice. */
  notice: boolean;
  span: string;
  /** Per year: hours, 达标 or the shortfall, and incomplete evidence. */
  years: string;
  /** 公示期满无异议, 公示期满，异议已核实处理, or 按规定无需公示. */
  noticeOutcome: string;
  /** The reasons given for moving it on over short years or incomplete evidence (who, date, reason). */
  exceptionReasons: string;
  state: ApplicationState;
}

/** The public verification answer (rules §7): no personal data beyond the masked name. */
export interface CertificateVerification {
  number: string;
  kind: CertificateKind;
  /** The document's heading, e.g. 长沙市专业技术人员继续教育合格证明. */
  title: string;
  status: 'valid' | 'revoked';
  issuedAt: string;
  issuer: string;
  holder: string;
  span: { from: number; to: number } | null;
  years: (Pick<
    ApplicationYear,
    'year' | 'publicHours' | 'professionalHours' | 'totalHours' | 'deemedComplete' | 'compliant' | 'evidenceComplete'
  > & {
    /** The hard requirements of the year's policy it misses (e.g. 全年不足90学时（…）). */
    shortfalls: string[];
  })[];
  /** The certificate's conclusion in words (without the reviewers' reasons). */
  conclusion: string;
}

const application = (id: string) => `/v1/applications/${encodeURIComponent(id)}`;
const certificate = (number: string) => `/v1/certificates/${encodeURIComponent(number)}`;

export const certificationApi = {
  applications: (query: ApplicationsQuery) => request<Page<Application>>('GET', `/v1/applications${queryString({ ...query })}`),
  createApplication: (body: { personId: string; applicationYear: number; titleLevel: Application['titleLevel'] }) =>
    request<Application>('POST', '/v1/applications', body),
  application: (id: string) => request<ApplicationDetail>('GET', application(id)),
  submit: (id: string, version: number) => request<Application>('POST', `${application(id)}/submit`, { version }),
  review: (id: string, version: number, decision: 'approve' | 'return', reason?: string) =>
    request<Application>('POST', `${application(id)}/review`, reason ? { version, decision, reason } : { version, decision }),
  resolveObjection: (id: string, version: number, decision: 'uphold' | 'dismiss', reason: string) =>
    request<Application>('POST', `${application(id)}/objection`, { version, decision, reason }),
  withdraw: (id: string, version: number, reason: string) =>
    request<Application>('POST', `${application(id)}/withdraw`, { version, reason }),
  file: (id: string, version: number, reason?: string) =>
    request<Application>('POST', `${application(id)}/file`, reason ? { version, reason } : { version }),
  issueCertificate: (id: string, version: number, reason?: string) =>
    request<Certificate & { holderIdNumber?: string }>(
      'POST',
      `${application(id)}/certificate`,
      reason ? { version, reason } : { version },
    ),

  publishNotice: (body: {
    applicationIds: string[];
    startDate: string;
    contact: string;
    title?: string;
    reasons?: Record<string, string>;
  }) => request<Notice>('POST', '/v1/notices', body),
  unitNotices: (unitId: string) => request<{ items: Notice[] }>('GET', `/v1/notices${queryString({ unitId })}`),
  objections: (noticeId: string) => request<{ items: Objection[] }>('GET', `/v1/notices/${encodeURIComponent(noticeId)}/objections`),
  noticeEnd: (start: string, workingDays = 5) =>
    request<NoticeEnd>('GET', `/v1/public/calendar/notice-end${queryString({ start, workingDays })}`),
  publicNotices: (cursor?: string) =>
    request<{ items: PublicNoticeListItem[]; cursor: string | null }>('GET', `/v1/public/notices${queryString({ cursor })}`),
  publicNotice: (id: string) => request<PublicNotice>('GET', `/v1/public/notices/${encodeURIComponent(id)}`),
  lodgeObjection: (noticeId: string, body: { applicationId: string; name?: string; contact: string; text: string }) =>
    request<{ id: string; receiptNo: string; status: 'open' }>(
      'POST',
      `/v1/public/notices/${encodeURIComponent(noticeId)}/objections`,
      body,
    ),

  submitBatch: (body: { applicationIds: string[]; sealReference: string }) => request<Batch>('POST', '/v1/batches', body),
  batches: (status: Batch['status']) => request<{ items: Batch[] }>('GET', `/v1/batches${queryString({ status })}`),
  acceptBatch: (id: string, reasons?: Record<string, string>) =>
    request<Batch>('POST', `/v1/batches/${encodeURIComponent(id)}/accept`, reasons && Object.keys(reasons).length ? { reasons } : {}),
  cancelBatch: (id: string, reason: string) => request<Batch>('POST', `/v1/batches/${encodeURIComponent(id)}/cancel`, { reason }),
  batchSummary: (id: string) => request<{ batch: Batch; rows: BatchSummaryRow[] }>('GET', `/v1/batches/${encodeURIComponent(id)}/summary`),
  /** 汇总人员名单 as .xlsx (IDs masked). */
  batchSummaryXlsx: (id: string) => requestFile(`/v1/batches/${encodeURIComponent(id)}/summary.xlsx`),
  openFilingException: (body: { until: string; reason: string }) =>
    request<{ until: string; reason: string }>('POST', '/v1/filing-exceptions', body),

  /** With the holder's full resident ID: the certificate goes to the title committee (public pages mask it). */
  certificate: (number: string) => request<Certificate & { holderIdNumber?: string }>('GET', certificate(number)),
  revokeCertificate: (number: string, reason: string) => request<Certificate>('POST', `${certificate(number)}/revoke`, { reason }),
  verifyCertificate: (number: string, code: string) =>
    request<CertificateVerification>('GET', `/v1/public/certificates/${encodeURIComponent(number)}${queryString({ code })}`),
};

/* Training bases (rules §5 W4, §6): the hr office's registration, API keys and postings log. */

/** A key as issued: the whole key appears in this one answer and nowhere else. */
export type NewApiKey = ApiKeySummary & { key: string };

export interface PostingsQuery {
  status?: 'recorded' | 'unmatched';
  externalId?: string;
  cursor?: string;
  limit?: number;
}

const base = (id: string) => `/v1/bases/${encodeURIComponent(id)}`;

export const basesApi = {
  bases: () => request<{ items: TrainingBase[] }>('GET', '/v1/bases'),
  register: (body: NewBase) => request<{ base: TrainingBase; apiKey: NewApiKey }>('POST', '/v1/bases', body),
  base: (id: string) => request<{ base: TrainingBase; keys: ApiKeySummary[] }>('GET', base(id)),
  createKey: (id: string, label?: string) => request<NewApiKey>('POST', `${base(id)}/keys`, label ? { label } : {}),
  revokeKey: (id: string, prefix: string) => request<ApiKeySummary>('POST', `${base(id)}/keys/${encodeURIComponent(prefix)}/revoke`),
  postings: (id: string, query: PostingsQuery) =>
    request<Page<PostingListItem>>('GET', `${base(id)}/completions${queryString({ ...query })}`),
  submissions: (id: string, cursor?: string) =>
    request<Page<Submission>>('GET', `${base(id)}/submissions${queryString({ cursor, limit: 20 })}`),
  /** The hr office credits a waiting record to the person registered under its ID, after checking it. */
  resolveUnmatched: (id: string, body: { externalId: string; reason: string }) =>
    request<PostingListItem>('POST', `${base(id)}/completions/resolve`, body),
};

/* Training filings (线下培训备案, rules §5 W3). */

export interface FilingsQuery {
  box?: 'inbox' | 'unit';
  unitId?: string;
  status?: FilingStatus;
  cursor?: string;
  limit?: number;
}

const filing = (id: string) => `/v1/filings/${encodeURIComponent(id)}`;

export const filingsApi = {
  file: (body: NewFiling) => request<Filing>('POST', '/v1/filings', body),
  filings: (query: FilingsQuery) => request<Page<Filing>>('GET', `/v1/filings${queryString({ ...query })}`),
  filing: (id: string) => request<Filing>('GET', filing(id)),
  acknowledge: (id: string, version: number) => request<Filing>('POST', `${filing(id)}/acknowledge`, { version }),
  returnFiling: (id: string, version: number, reason: string) => request<Filing>('POST', `${filing(id)}/return`, { version, reason }),
  attendance: (id: string, version: number, entries: AttendanceEntry[]) =>
    request<{ filing: Filing; results: AttendanceResult[] }>('POST', `${filing(id)}/attendance`, { version, entries }),
};

/* The organisation tree and accounts administered down it (rules §6), and people moving between units. */

export interface NewAccount {
  role: Role;
  orgId: string;
  name: string;
  /** Login name; a `person` account takes the person's id instead. */
  id?: string;
  personId?: string;
  email?: string;
}

export interface NewOrganisation {
  kind: 'department' | 'unit';
  name: string;
  parentId: string;
  unitType?: UnitType;
  creditCode?: string;
}

export const administrationApi = {
  createOrganisation: (body: NewOrganisation) => request<Organisation>('POST', '/v1/organisations', body),
  accounts: (orgId: string) => request<{ items: Account[] }>('GET', `/v1/accounts${queryString({ orgId })}`),
  createAccount: (body: NewAccount) => request<Account & { invitation: Invitation }>('POST', '/v1/accounts', body),
  reissueInvitation: (id: string) => request<Invitation>('POST', `/v1/accounts/${encodeURIComponent(id)}/invitation`),
  revokeInvitation: (id: string) => request<void>('DELETE', `/v1/accounts/${encodeURIComponent(id)}/invitation`),
  disableAccount: (id: string) => request<Account>('POST', `/v1/accounts/${encodeURIComponent(id)}/disable`),
  enableAccount: (id: string) => request<Account>('POST', `/v1/accounts/${encodeURIComponent(id)}/enable`),
  /** 调动: the sending unit's clerk moves the person; the unit history keeps the move. */
  transferPerson: (personId: string, body: { toUnitId: string; version: number; reason?: string }) =>
    request<StoredPerson>('POST', `${person(personId)}/transfer`, body),
  /** 调入申请: registrations of people of other units, for the hr office or the person's current unit. */
  transferRequests: () => request<{ items: TransferRequestListItem[] }>('GET', '/v1/transfer-requests'),
  resolveTransferRequest: (id: string, body: { decision: 'accept' | 'decline'; version: number; reason: string }) =>
    request<TransferRequest>('POST', `/v1/transfer-requests/${encodeURIComponent(id)}/resolve`, body),
};

/* The yearly rules the hr office keeps (rules §3 "each year's notice", §5 unknown calendar years). */

/** Where a year's holiday arrangement comes from: loaded by the hr office, built in, or none yet (assumed). */
export type CalendarOrigin = 'loaded' | 'package' | 'assumed';

/** Who last changed a kept rule, and its version (sent back as `expectedVersion` to guard concurrent edits). */
export interface RuleStamp {
  version: number;
  updatedAt: string;
  updatedByName?: string;
  dataVersion?: string;
}

export interface CalendarSource {
  /** The State Council General Office notice, e.g. 国办发明电〔2025〕7号. */
  document: string;
  publishedOn: string;
}

export interface FilingWindow {
  /** MM-DD, every year. */
  from: string;
  to: string;
}

/** One year of GET /v1/rules/years: its arrangement's origin and the policy in force. */
export interface SubjectMinimum {
  hours: number;
  hard: boolean;
}

export interface RuleYear {
  year: number;
  calendar: { origin: CalendarOrigin; source?: CalendarSource; kept?: RuleStamp };
  policy: {
    requiredHours: number;
    minPublicHours: SubjectMinimum | null;
    minProfessionalHours: SubjectMinimum;
    /** The document the year follows; `assumed` while the year's own notice is not entered. */
    basis: string;
    assumed: boolean;
    publicThemes: string[];
    filingWindow: FilingWindow | null;
    source?: string;
    /** What the hr office keeps for the year; fields left out keep the built-in value. */
    settings?: YearPolicySettings;
    kept?: RuleStamp;
  };
}

export interface RuleYears {
  years: RuleYear[];
  tenant: { doctorSpanFromDoctorate: boolean; midLevel: MidLevelPolicy; kept?: RuleStamp };
}

/** GET /v1/rules/calendar/{year}: the arrangement in force and the statutory holidays of the year. */
export interface CalendarYearView {
  year: number;
  origin: CalendarOrigin;
  holidays: string[];
  workdays: string[];
  source?: CalendarSource;
  statutoryHolidays: { date: string; name: string }[];
  kept?: RuleStamp;
}

export interface CalendarYearInput {
  year: number;
  holidays: string[];
  workdays: string[];
  source: CalendarSource;
  reason: string;
  /** The `kept.version` read; 0 when the year had none. */
  expectedVersion: number;
}

export interface YearPolicyInput {
  settings: YearPolicySettings;
  /** The notice the values come from, e.g. 湘人社办函〔2025〕37号. */
  source: string;
  reason: string;
  expectedVersion: number;
}

export interface RuleSaved {
  version: number;
  updatedAt: string;
}

export const rulesApi = {
  years: () => request<RuleYears>('GET', '/v1/rules/years'),
  calendar: (year: number) => request<CalendarYearView>('GET', `/v1/rules/calendar/${year}`),
  putCalendar: (body: CalendarYearInput) => request<RuleSaved>('PUT', `/v1/rules/calendar/${body.year}`, body),
  putPolicy: (year: number, body: YearPolicyInput) => request<RuleSaved>('PUT', `/v1/rules/policy/${year}`, body),
  putTenant: (body: { doctorSpanFromDoctorate?: boolean; midLevel?: MidLevelPolicy; reason: string; expectedVersion: number }) =>
    request<RuleSaved>('PUT', '/v1/rules/tenant', body),
  yearHistory: (year: number) => request<{ items: AuditEvent[] }>('GET', `/v1/rules/years/${year}/history`),
  tenantHistory: () => request<{ items: AuditEvent[] }>('GET', '/v1/rules/tenant/history'),
};

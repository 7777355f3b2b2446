import type { Role } from '../../../shared/contract.js';
import type { EvidenceFileView, EvidenceStatus, EvidenceUploadRequest } from '../../../shared/evidence-files.js';
import type { Activity, PreviewRequest, PreviewResponse } from '../../../shared/hours/schemas.js';
import type { Organisation } from '../../../shared/organisation.js';
import type { Person } from '../../../shared/person.js';
import type { ActivityRecord, AuditEvent, BookStatus, RegistrationBook } from '../../../shared/records.js';
import { queryString, request } from './client.js';

export interface DevUser {
  id: string;
  name: string;
  role: Role;
  organisation: string;
}

export interface Principal {
  userId: string;
  name: string;
  role: Role;
  orgId: string;
  tenant: string;
}

/** A person in lists (GET /v1/people): the resident ID masked, and the year's summary when a year was asked for. */
export interface PersonListItem {
  id: string;
  name: string;
  idNumberMasked: string;
  unitId: string;
  titleSeries?: string;
  titleLevel?: Person['titleLevel'];
  year?: { year: number; totalHours: number; compliant: boolean; status: BookStatus };
}

export interface PeopleQuery {
  unitId?: string;
  q?: string;
  year?: number;
  compliance?: 'compliant' | 'short';
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export type StoredPerson = Person & { version: number; createdAt: string; updatedAt: string };
export interface UnitMove {
  unitId: string;
  from: string;
  by: string;
  reason?: string;
}

export type NewPerson = Omit<Person, 'id'>;
export type PersonChange = Partial<Pick<Person, 'name' | 'titleSeries' | 'titleLevel' | 'education' | 'doctorateYear'>> & {
  version: number;
};

/** An activity as the activity list returns it: the record with its evidence status (SPEC §4). */
export type ActivityWithEvidence = ActivityRecord & { evidence: EvidenceStatus };

export interface EvidenceUpload {
  file: EvidenceFileView;
  upload: { url: string; fields: Record<string, string>; expiresAt: string; maxBytes: number };
}

const person = (id: string) => `/v1/people/${encodeURIComponent(id)}`;
const activity = (personId: string, activityId: string) => `${person(personId)}/activities/${encodeURIComponent(activityId)}`;
const evidence = (personId: string, activityId: string) => `${activity(personId, activityId)}/evidence`;

export const api = {
  devUsers: () => request<{ users: DevUser[]; baseKeys: { base: string; key: string }[] }>('GET', '/v1/dev/users'),
  devToken: (user: string) => request<{ accessToken: string }>('POST', '/v1/dev/token', { user }),
  me: () => request<Principal>('GET', '/v1/me'),
  organisations: () => request<{ items: Organisation[] }>('GET', '/v1/organisations'),
  /** The public calculator (SPEC §7), no login. */
  previewHours: (body: PreviewRequest) => request<PreviewResponse>('POST', '/v1/hours/preview', body),

  people: (query: PeopleQuery) => request<Page<PersonListItem>>('GET', `/v1/people${queryString({ ...query })}`),
  createPerson: (body: NewPerson) => request<StoredPerson>('POST', '/v1/people', body),
  person: (id: string) => request<{ person: StoredPerson; unitHistory: UnitMove[] }>('GET', person(id)),
  updatePerson: (id: string, body: PersonChange) => request<StoredPerson>('PATCH', person(id), body),

  activities: (personId: string) => request<{ items: ActivityWithEvidence[] }>('GET', `${person(personId)}/activities`),
  addActivity: (personId: string, value: Activity) =>
    request<ActivityRecord>('POST', `${person(personId)}/activities`, { activity: value }),
  updateActivity: (personId: string, activityId: string, value: Activity, version: number) =>
    request<ActivityRecord>('PUT', activity(personId, activityId), { activity: value, version }),
  withdrawActivity: (personId: string, activityId: string, version: number, reason: string) =>
    request<ActivityRecord>('POST', `${activity(personId, activityId)}/withdraw`, { version, reason }),
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
};

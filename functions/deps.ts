import type { TokenVerifier } from './auth/token-verifier.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { AccountDirectory } from './ports/accounts.js';
import type { AggregateRepository } from './ports/aggregates.js';
import type { WorkbenchCounts } from './ports/workbench.js';
import type { TransferRequestRepository } from './ports/transfers.js';
import type { BaseRepository, IdempotencyStore, PostingRepository, RateLimitStore } from './ports/bases.js';
import type { EvidenceFileRepository, EvidenceStore } from './ports/evidence.js';
import type { ExportFileStore, ExportJobRepository, ExportLauncher } from './ports/exports.js';
import type { FilingRepository } from './ports/filings.js';
import type { HistoryRepository } from './ports/history.js';
import type { IdentityAdmin } from './ports/identity.js';
import type { ImportChunkWriter, ImportRepository } from './ports/imports.js';
import type { CertificationRepository } from './ports/certification.js';
import type { OrganisationRepository } from './ports/organisations.js';
import type { ActivityRepository, AuditRepository, BookRepository, PeopleRepository } from './ports/records.js';
import type { RulesRepository } from './ports/rules.js';
import type { RegistrationPublisher } from './ports/province.js';

/** Everything the app needs from outside, built once by an entry point (Lambda or local) and passed in. */
export interface AppDeps {
  config: Config;
  tokens: TokenVerifier;
  log: Logger;
  /** Injected so tests and the local stack can move time (notice end dates, token expiry). */
  clock: () => Date;
  /** Injected so tests can make ids predictable; random UUIDs otherwise. */
  newId: () => string;
  organisations: OrganisationRepository;
  accounts: AccountDirectory;
  /** The identity provider's admin API (Cognito, local user store, or an external provider). */
  identity: IdentityAdmin;
  people: PeopleRepository;
  activities: ActivityRepository;
  books: BookRepository;
  audit: AuditRepository;
  /** Prior certificates and paper-era years. */
  history: HistoryRepository;
  imports: ImportRepository;
  /** Writes one import chunk per transaction; tests replace it to fail part-way. */
  importWriter: ImportChunkWriter;
  /** Background .xlsx exports of more than one unit: their jobs, files, and how a run is started. */
  exportJobs: ExportJobRepository;
  exportFiles: ExportFileStore;
  exportLauncher: ExportLauncher;
  evidenceFiles: EvidenceFileRepository;
  /** The private evidence bucket (S3 in AWS, s3rver locally). */
  evidenceStore: EvidenceStore;
  /** Training bases and their API keys. */
  bases: BaseRepository;
  /** Base postings (one per base and externalId), their batched reads and the submissions log. */
  postings: PostingRepository;
  /** Idempotency-Key records of the base API (24 h, TTL). */
  idempotency: IdempotencyStore;
  /** Per-key request counters of the base API (TTL). */
  rateLimits: RateLimitStore;
  /** Units' training filings (W3). */
  filings: FilingRepository;
  /** W2: applications, notices, objections, batches and certificates. */
  certification: CertificationRepository;
  /** The yearly rules the hr office keeps: official calendar years, year policies, tenant switches. */
  rules: RulesRepository;
  /** Registrations of people of other units, waiting for the hr office or the current unit. */
  transfers: TransferRequestRepository;
  /** Publishes registrations to the province's routing directory (issue 17); absent without a province stack. */
  registrations?: RegistrationPublisher;
  /** Compliance counts per organisation and year, maintained with every book and person write. */
  aggregates: AggregateRepository;
  /** The workbench's to-do counts, each a bounded count on an index. */
  workbench: WorkbenchCounts;
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppDeps } from '../../deps.js';
import { createAccountDirectory } from './accounts.js';
import { createActivityRepository } from './activities.js';
import { createAggregateRepository } from './aggregates.js';
import { createAuditRepository } from './audit.js';
import { createBaseRepository } from './bases.js';
import { createBookRepository } from './books.js';
import { createCertificationRepository } from './certification.js';
import { createEvidenceFileRepository } from './evidence-files.js';
import { createFilingRepository } from './filings.js';
import { createHistoryRepository } from './history.js';
import { createImportChunkWriter } from './import-writer.js';
import { createIdempotencyStore } from './idempotency.js';
import { createImportRepository } from './imports.js';
import { createExportJobRepository } from './exports.js';
import { createOrganisationRepository } from './organisations.js';
import { createPeopleRepository } from './people.js';
import { createPostingRepository } from './postings.js';
import { createRateLimitStore } from './rate-limits.js';
import { createRulesRepository } from './rules.js';
import { createTransferRequestRepository } from './transfers.js';
import { createWorkbenchCounts } from './workbench.js';

/** Every repository on one table: the one place entry points (Lambda, local, tests) wire them. */
export function createRepositories(
  db: DynamoDBDocumentClient,
  tableName: string,
): Pick<
  AppDeps,
  | 'organisations'
  | 'people'
  | 'activities'
  | 'books'
  | 'audit'
  | 'accounts'
  | 'evidenceFiles'
  | 'history'
  | 'imports'
  | 'importWriter'
  | 'exportJobs'
  | 'bases'
  | 'postings'
  | 'idempotency'
  | 'rateLimits'
  | 'filings'
  | 'certification'
  | 'rules'
  | 'transfers'
  | 'aggregates'
  | 'workbench'
> {
  return {
    organisations: createOrganisationRepository(db, tableName),
    accounts: createAccountDirectory(db, tableName),
    people: createPeopleRepository(db, tableName),
    activities: createActivityRepository(db, tableName),
    books: createBookRepository(db, tableName),
    audit: createAuditRepository(db, tableName),
    evidenceFiles: createEvidenceFileRepository(db, tableName),
    history: createHistoryRepository(db, tableName),
    imports: createImportRepository(db, tableName),
    importWriter: createImportChunkWriter(db, tableName),
    exportJobs: createExportJobRepository(db, tableName),
    bases: createBaseRepository(db, tableName),
    postings: createPostingRepository(db, tableName),
    idempotency: createIdempotencyStore(db, tableName),
    rateLimits: createRateLimitStore(db, tableName),
    filings: createFilingRepository(db, tableName),
    certification: createCertificationRepository(db, tableName),
    rules: createRulesRepository(db, tableName),
    transfers: createTransferRequestRepository(db, tableName),
    aggregates: createAggregateRepository(db, tableName),
    workbench: createWorkbenchCounts(db, tableName),
  };
}

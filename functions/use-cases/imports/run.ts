import { chinaDateOf } from '../../../shared/calendar.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../../shared/errors.js';
import type { StoredLegacyYear, StoredPriorCertificate } from '../../../shared/history.js';
import {
  MAX_REPORTED_ERRORS,
  type ImportFailure,
  type ImportRowError,
  type ImportState,
  type ImportStatus,
  type ImportType,
} from '../../../shared/imports.js';
import type { Principal } from '../../auth/principal.js';
import type { Logger } from '../../log.js';
import type { HistoryRepository } from '../../ports/history.js';
import {
  ImportChunkRejectedError,
  ImportClaimLostError,
  type ChunkPlan,
  type ChunkRejection,
  type ImportChunk,
  type ImportChunkWriter,
  type ImportRecord,
  type ImportRepository,
} from '../../ports/imports.js';
import type { OrganisationRepository } from '../../ports/organisations.js';
import type { StoredPerson } from '../../ports/records.js';
import { auditBy } from '../audit-event.js';
import { recomputeBooks, type RecomputeDeps } from '../recompute-books.js';
import { matchAfterRegistration, type MatchingDeps } from '../base-records.js';
import { loadScope, visibleOrganisation, type Scope } from '../scope.js';
import { chunkHistory, chunkPeople } from './chunks.js';
import type { SheetTable } from './sheet-table.js';
import { groupYears, validateHistoryFile } from './validate-history.js';
import { validatePeopleFile, type ReferredRow } from './validate-people.js';
import type { TransferRequestRepository } from '../../ports/transfers.js';
import { assertLookupBudget, recordFailedLookups, REFERRED_TO_HR, type LookupDeps } from '../lookups.js';
import { referRegistration } from '../transfers.js';

export interface ImportDeps extends RecomputeDeps, MatchingDeps, LookupDeps {
  transfers: TransferRequestRepository;
  organisations: OrganisationRepository;
  history: HistoryRepository;
  imports: ImportRepository;
  importWriter: ImportChunkWriter;
  clock: () => Date;
  newId: () => string;
  log: Logger;
}

/** A file may hold at most this many data rows (a 4 MB upload holds far more; a run must end in time). */
export const MAX_IMPORT_ROWS = 10_000;

/** A run that has not advanced for this long is taken to have died (a Lambda timeout): it may be taken over. */
export const STALLED_AFTER_MS = 60_000;

/**
 * A run stops taking new chunks this long after its request began, and hands the import back still
 * `committing` (or `rolling_back`) but unclaimed, for the client to resume: the Lambda has 20 s
 * (infra/constructs/api.ts), and a run killed by its timeout would be resumable only once stalled.
 */
export const RUN_BUDGET_MS = 14_000;

/** The status as the API shows it: what may be done next, never the run's claim. */
export interface ImportView extends ImportStatus {
  resumable: boolean;
  rollbackable: boolean;
}

const MAY_IMPORT = ['unit_clerk', 'hr_officer'] as const;

function assertMayImport(principal: Principal) {
  if (!(MAY_IMPORT as readonly string[]).includes(principal.role)) {
    throw new ForbiddenError('role_not_allowed', '只有单位经办人或人社部门可以导入');
  }
}

/** Part-way and nobody working on it: paused at its time budget, or its run died (stalled). */
function isIdle(record: ImportRecord, now: Date): boolean {
  if (record.status !== 'committing' && record.status !== 'rolling_back') return false;
  return !record.runId || now.getTime() - Date.parse(record.updatedAt) > STALLED_AFTER_MS;
}

function mayResume(record: ImportRecord, now: Date): boolean {
  if (record.chunkCount === 0 || record.failure?.stage === 'validation') return false;
  return record.status === 'failed' || isIdle(record, now);
}

function mayRollback(record: ImportRecord, now: Date): boolean {
  if (record.chunkCount === 0 || record.failure?.stage === 'validation') return false;
  return record.status === 'failed' || record.status === 'committed' || isIdle(record, now);
}

export function viewOf(record: ImportRecord, now: Date): ImportView {
  const { runId: _run, ...status } = record;
  return { ...status, resumable: mayResume(record, now), rollbackable: mayRollback(record, now) };
}

/** Errors in sheet order, then by row: the order a clerk fixes a file in. */
function sortErrors(errors: ImportRowError[], sheetOrder: string[]): ImportRowError[] {
  const rank = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  return [...errors].sort((a, b) => rank(a.sheet) - rank(b.sheet) || a.row - b.row);
}

/**
 * Starts an import: the status record first (`validating`), then the whole file is validated; a file
 * with any error is `failed` with its errors and nothing written. A valid file is stored as chunks and
 * committed at once, in this request; GET /v1/imports/{id} shows its progress meanwhile.
 */
export async function startImport(
  deps: ImportDeps,
  principal: Principal,
  input: { type: ImportType; sheets: SheetTable[]; fileName?: string },
): Promise<ImportView> {
  assertMayImport(principal);
  const startedAt = deps.clock().getTime();
  const scope = await loadScope(deps, principal);
  const rowCount = input.sheets.reduce((n, s) => n + Math.max(0, s.rows.length - 1), 0);
  if (rowCount > MAX_IMPORT_ROWS) {
    throw new RuleViolationError('too_many_rows', `一个文件最多导入${MAX_IMPORT_ROWS}行，请分成多个文件`);
  }

  // Before any ID of the file is looked at, so a refusal says nothing about them (issue 12).
  await assertLookupBudget(deps, principal);

  const now = deps.clock();
  const record: ImportRecord = {
    id: deps.newId(),
    type: input.type,
    status: 'validating',
    orgId: principal.orgId,
    ...(input.fileName ? { fileName: input.fileName } : {}),
    createdBy: principal.userId,
    createdByName: principal.name,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    counts: { rows: 0, people: 0, legacyYears: 0, certificates: 0 },
    chunkCount: 0,
    chunksCommitted: 0,
    errors: [],
    errorCount: 0,
    version: 1,
  };
  await deps.imports.create(
    record,
    auditBy(deps, principal, {
      entity: 'import',
      entityId: record.id,
      action: 'create',
      after: { type: record.type, fileName: record.fileName },
    }),
  );

  const today = chinaDateOf(now);
  let validated: Awaited<ReturnType<typeof validatePeople>>;
  try {
    validated =
      input.type === 'people'
        ? await validatePeople(deps, scope, input.sheets, today)
        : await validateHistory(deps, scope, input.sheets, today);
  } catch (err) {
    // Not left `validating` for ever: the record says validation did not finish, and nothing was written.
    const failure: ImportFailure = {
      stage: 'validation',
      code: 'validation_error',
      message: '校验未能完成（系统错误），未导入任何数据，请稍后重新上传',
    };
    await deps.imports.update(record.id, { status: 'failed', failure, updatedAt: deps.clock().toISOString() }, { version: record.version });
    throw err;
  }
  const at = deps.clock().toISOString();
  await recordFailedLookups(deps, principal, '导入学时历史', validated.notFound);

  if (validated.errors.length) {
    const changes: Partial<ImportRecord> = {
      status: 'failed',
      counts: validated.counts,
      errors: sortErrors(
        validated.errors,
        input.sheets.map((s) => s.name),
      ).slice(0, MAX_REPORTED_ERRORS),
      errorCount: validated.errors.length,
      failure: {
        stage: 'validation',
        code: 'invalid_rows',
        message: `文件有${validated.errors.length}处错误，未导入任何数据，请改正后重新上传`,
      },
      updatedAt: at,
    };
    await deps.imports.update(record.id, changes, { version: record.version });
    return viewOf({ ...record, ...changes, version: record.version + 1 }, deps.clock());
  }

  // Rows of people registered outside the importer's scope become transfer requests (issue 12).
  for (const r of validated.referred) {
    await referRegistration(deps, principal, { person: r.person, requestedName: r.requestedName, toUnitId: r.toUnitId, source: 'import' });
  }
  await recordFailedLookups(
    deps,
    principal,
    '导入人员',
    validated.referred.map((r) => r.person.idNumber),
  );
  const referred = validated.referred.map((r) => ({ sheet: r.sheet, row: r.row, column: '身份证号码', message: REFERRED_TO_HR.message }));

  await deps.imports.saveChunks(record.id, validated.chunks);
  const runId = deps.newId();
  const claim: Partial<ImportRecord> = {
    status: 'committing',
    counts: validated.counts,
    ...(referred.length ? { referred } : {}),
    chunkCount: validated.chunks.length,
    runId,
    updatedAt: at,
  };
  if (!(await deps.imports.update(record.id, claim, { version: record.version }))) {
    throw new ConflictError('import_in_progress', '该导入正在处理中');
  }
  return run(deps, principal, { ...record, ...claim, version: record.version + 1 } as ImportRecord, 'commit', startedAt);
}

async function validatePeople(deps: ImportDeps, scope: Scope, sheets: SheetTable[], today: string) {
  const v = await validatePeopleFile(deps, scope, sheets, today);
  return {
    errors: v.errors,
    chunks: chunkPeople(v.items),
    counts: { rows: v.rowCount, people: v.items.length, legacyYears: 0, certificates: 0 },
    referred: v.referred,
    notFound: [] as string[],
  };
}

async function validateHistory(deps: ImportDeps, scope: Scope, sheets: SheetTable[], today: string) {
  const v = await validateHistoryFile(deps, scope, sheets, today);
  return {
    errors: v.errors,
    chunks: chunkHistory(v.items),
    counts: { rows: v.rowCount, people: v.items.length, legacyYears: v.legacyYears, certificates: v.certificates },
    referred: [] as ReferredRow[],
    notFound: v.notFound ?? [],
  };
}

async function loadImport(deps: ImportDeps, principal: Principal, importId: string) {
  const scope = await loadScope(deps, principal);
  const record = await deps.imports.get(importId);
  // Another organisation's import answers like a missing one.
  if (!record || !(await visibleOrganisation(scope, record.orgId))) throw new NotFoundError('import_not_found', '导入记录不存在');
  return record;
}

export async function getImport(deps: ImportDeps, principal: Principal, importId: string): Promise<ImportView> {
  return viewOf(await loadImport(deps, principal, importId), deps.clock());
}

export async function listImports(deps: ImportDeps, principal: Principal, query: { limit: number; cursor?: string }) {
  const page = await deps.imports.listByOrg(principal.orgId, query);
  const now = deps.clock();
  return { items: page.items.map((r) => viewOf(r, now)), cursor: page.cursor };
}

/** Continues a failed (or stalled) import from its last committed chunk. */
export async function resumeImport(deps: ImportDeps, principal: Principal, importId: string): Promise<ImportView> {
  assertMayImport(principal);
  const startedAt = deps.clock().getTime();
  const record = await loadImport(deps, principal, importId);
  if (!mayResume(record, deps.clock())) {
    if (record.status === 'committing' || record.status === 'rolling_back') {
      throw new ConflictError('import_in_progress', '该导入正在处理中，请稍后刷新');
    }
    throw new RuleViolationError('import_not_resumable', `该导入当前状态（${record.status}）不能继续`);
  }
  return run(deps, principal, await claim(deps, principal, record, 'committing', 'resume'), 'commit', startedAt);
}

/** Removes what an import wrote, chunk by chunk from the last, each removal audited. */
export async function rollbackImport(deps: ImportDeps, principal: Principal, importId: string): Promise<ImportView> {
  assertMayImport(principal);
  const startedAt = deps.clock().getTime();
  const record = await loadImport(deps, principal, importId);
  if (!mayRollback(record, deps.clock())) {
    if (record.status === 'committing' || record.status === 'rolling_back') {
      throw new ConflictError('import_in_progress', '该导入正在处理中，请稍后刷新');
    }
    throw new RuleViolationError('import_not_rollbackable', `该导入当前状态（${record.status}）不能撤销`);
  }
  return run(deps, principal, await claim(deps, principal, record, 'rolling_back', 'rollback'), 'rollback', startedAt);
}

async function claim(
  deps: ImportDeps,
  principal: Principal,
  record: ImportRecord,
  status: ImportState,
  action: string,
): Promise<ImportRecord> {
  const changes: Partial<ImportRecord> = {
    status,
    runId: deps.newId(),
    updatedAt: deps.clock().toISOString(),
    failure: undefined,
    errors: [],
    errorCount: 0,
  };
  const audit = auditBy(deps, principal, {
    entity: 'import',
    entityId: record.id,
    action,
    from: record.status,
    to: status,
    after: { chunksCommitted: record.chunksCommitted, chunkCount: record.chunkCount },
  });
  // Two people pressing the button at once: the version lets exactly one of them in.
  if (!(await deps.imports.update(record.id, changes, { version: record.version }, audit))) {
    throw new ConflictError('import_in_progress', '该导入正在由他人处理，请稍后刷新');
  }
  const { failure: _f, ...rest } = { ...record, ...changes };
  return { ...rest, version: record.version + 1 } as ImportRecord;
}

/**
 * Moves the cursor chunk by chunk: up to `chunkCount` (commit) or down to 0 (rollback). Each chunk's
 * transaction also moves the cursor, so a chunk lands (or leaves) exactly once; derived data (books)
 * is recomputed after it. A run that stopped between the two left the boundary chunk's recompute
 * undone, so a new run first redoes it; recomputes are idempotent.
 */
async function run(
  deps: ImportDeps,
  principal: Principal,
  record: ImportRecord,
  direction: 'commit' | 'rollback',
  startedAt: number,
): Promise<ImportView> {
  const runId = record.runId!;
  const status = direction === 'commit' ? 'committing' : 'rolling_back';
  let position = record.chunksCommitted;
  let current = -1;
  try {
    for (const index of [position - 1, position]) {
      if (index >= 0 && index < record.chunkCount) await afterChunk(deps, await chunkAt(deps, record.id, index), direction);
    }
    while (direction === 'commit' ? position < record.chunkCount : position > 0) {
      current = direction === 'commit' ? position : position - 1;
      const chunk = await chunkAt(deps, record.id, current);
      const at = deps.clock().toISOString();
      const plan = planFor(deps, principal, record, chunk, direction, at);
      if (direction === 'commit') await deps.importWriter.commit({ importId: record.id, runId, at }, plan);
      else await deps.importWriter.rollback({ importId: record.id, runId, at }, plan);
      position = direction === 'commit' ? position + 1 : position - 1;
      await afterChunk(deps, chunk, direction);
      const more = direction === 'commit' ? position < record.chunkCount : position > 0;
      if (more && deps.clock().getTime() - startedAt > RUN_BUDGET_MS) {
        // Out of time: let go of the claim, so that resume (or rollback) can continue at once.
        const pause: Partial<ImportRecord> = { runId: undefined, updatedAt: deps.clock().toISOString() };
        if (!(await deps.imports.update(record.id, pause, { runId, status }))) throw new ImportClaimLostError();
        return getImportView(deps, record.id);
      }
    }
    const done: Partial<ImportRecord> = {
      status: direction === 'commit' ? 'committed' : 'rolled_back',
      updatedAt: deps.clock().toISOString(),
    };
    if (!(await deps.imports.update(record.id, done, { runId, status }))) throw new ImportClaimLostError();
  } catch (err) {
    if (err instanceof ImportClaimLostError) {
      deps.log.warn('import run superseded', { importId: record.id });
    } else {
      await recordFailure(deps, record, { runId, status }, direction, current, err);
    }
  }
  return getImportView(deps, record.id);
}

async function getImportView(deps: ImportDeps, importId: string) {
  const record = await deps.imports.get(importId);
  if (!record) throw new NotFoundError('import_not_found', '导入记录不存在');
  return viewOf(record, deps.clock());
}

async function chunkAt(deps: ImportDeps, importId: string, index: number): Promise<ImportChunk> {
  const chunk = await deps.imports.getChunk(importId, index);
  if (!chunk) throw new Error(`import chunk ${index} missing`);
  return chunk;
}

/** Books are derived from history: recompute the people a history chunk touched. */
async function afterChunk(deps: ImportDeps, chunk: ImportChunk, direction: 'commit' | 'rollback') {
  if (chunk.type === 'people') {
    // Registered by import like by hand: base records that waited for these IDs are credited now
    // (rules §5 W4). Matching is idempotent, so a redone chunk credits nothing twice.
    if (direction === 'commit') for (const row of chunk.rows) await matchAfterRegistration(deps, row.person);
    return;
  }
  for (const g of chunk.groups) await recomputeBooks(deps, g.personId);
}

function planFor(
  deps: ImportDeps,
  principal: Principal,
  record: ImportRecord,
  chunk: ImportChunk,
  direction: 'commit' | 'rollback',
  at: string,
): ChunkPlan {
  const reason = `Excel 导入（${record.id}）`;
  const audit = (personId: string, action: string, after?: unknown) =>
    auditBy(deps, principal, { entity: 'person', entityId: personId, action, reason, ...(after === undefined ? {} : { after }) });
  if (chunk.type === 'people') {
    // A rollback removes the unit-history item written at commit, keyed by the commit time.
    const createdAt = direction === 'commit' ? at : (chunk.committedAt ?? at);
    return {
      type: 'people',
      chunk,
      people: chunk.rows.map(({ person: p }) => {
        const person: StoredPerson = { ...p, version: 1, activityRevision: 0, createdAt, updatedAt: createdAt };
        return { person, audit: direction === 'commit' ? audit(p.id, 'import', person) : audit(p.id, 'import_rollback') };
      }),
    };
  }
  return {
    type: 'history',
    chunk,
    groups: chunk.groups.map((g) => {
      const stamp = { personId: g.personId, importId: record.id, createdAt: at, createdBy: principal.userId };
      const legacyYears: StoredLegacyYear[] = g.legacyYears.map((l) => ({ ...l, ...stamp, source: 'legacy_import' }));
      const certificates: StoredPriorCertificate[] = g.certificates.map((c) => ({ ...c, ...stamp, source: 'prior_certificate' }));
      const summary = { legacyYears: g.legacyYears.map((l) => l.year), certificates: g.certificates.map((c) => c.number) };
      return {
        personId: g.personId,
        legacyYears,
        certificates,
        years: groupYears(g),
        audit: audit(g.personId, direction === 'commit' ? 'history_import' : 'history_import_rollback', summary),
      };
    }),
  };
}

const REJECTION_MESSAGES: Record<ChunkRejection, string> = {
  id_number_exists: '该身份证号码已在导入期间被登记',
  person_changed: '该人员导入后已被修改或已有学时记录，不能撤销',
  person_missing: '该人员已不存在',
  legacy_year_exists: '该人员该年度的历史学时已在导入期间被导入',
  certificate_exists: '该认定单编号已在导入期间被登记',
  year_locked: '该人员所涉年度已确认（锁定），须先重新打开',
  not_written_by_import: '该记录已不是本次导入写入的内容',
};

async function recordFailure(
  deps: ImportDeps,
  record: ImportRecord,
  expect: { runId: string; status: ImportState },
  direction: 'commit' | 'rollback',
  chunkIndex: number,
  err: unknown,
) {
  const stage = direction;
  let rowErrors: ImportRowError[] = [];
  let failure: ImportFailure;
  const chunk = chunkIndex >= 0 ? `第${chunkIndex + 1}批` : '';
  const next = direction === 'commit' ? '改正后可继续导入，或撤销已写入的部分' : '可处理后再次撤销，或继续导入';
  if (err instanceof ImportChunkRejectedError && chunkIndex >= 0) {
    const c = await chunkAt(deps, record.id, chunkIndex);
    rowErrors = err.failures.flatMap(({ entry, code }) => {
      const rows = c.type === 'people' ? [c.rows[entry]].filter((r) => r !== undefined) : (c.groups[entry]?.rows ?? []);
      return rows.slice(0, 1).map((r) => ({ sheet: r.sheet, row: r.row, column: '身份证号码', message: REJECTION_MESSAGES[code] }));
    });
    failure = {
      stage,
      chunk: chunkIndex,
      code: 'chunk_rejected',
      message: `${chunk}数据未能${direction === 'commit' ? '写入' : '撤销'}：${rowErrors.length}行的数据已变化；${next}`,
    };
  } else {
    // Never the rows themselves: they hold resident IDs.
    deps.log.error('import chunk failed', { importId: record.id, chunk: chunkIndex, direction, err });
    failure = {
      stage,
      chunk: chunkIndex >= 0 ? chunkIndex : undefined,
      code: 'chunk_failed',
      message: `${chunk}处理失败（系统错误）；${next}`,
    };
  }
  const changes: Partial<ImportRecord> = {
    status: 'failed',
    failure,
    errors: rowErrors.slice(0, MAX_REPORTED_ERRORS),
    errorCount: rowErrors.length,
    updatedAt: deps.clock().toISOString(),
  };
  await deps.imports.update(record.id, changes, expect);
}

import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { maskResidentId } from '../../shared/mask.js';
import { BOOK_STATUS_LABELS } from '../../shared/records.js';
import { runExportJob } from '../../functions/jobs/export-runner.js';
import { EXPORTS_PER_HOUR, exportObjectKey } from '../../functions/use-cases/exports/jobs.js';
import { caller, createTestApp, type TestApp, withOverrides } from '../support/services.js';

/**
 * Issue 19 item 3: an export of more than one unit runs as a job that writes the .xlsx to S3, reports
 * progress, and hands out a presigned download to the account that asked (and its organisation's
 * staff) only. Real DynamoDB Local and S3 server; the file is read back with exceljs.
 */
let t: TestApp;
const { call, ok } = caller(() => t);
const YEAR = 2024;
/** People added to one unit so that its people take more than one page (the run reads 200 at a time). */
const BULK = 230;

beforeAll(async () => {
  t = await createTestApp();
  // 张伟 meets 2024's 90 hours; 李娜 has 30; everyone else has no 2024 record.
  await ok('clerk-hospital', 'POST', '/v1/people/person-zhangwei/activities', {
    activity: { kind: 'training', date: `${YEAR}-05-10`, category: 'professional', days: 9, title: '全年进修' },
  });
  await ok('clerk-hospital', 'POST', '/v1/people/person-lina/activities', {
    activity: { kind: 'training', date: `${YEAR}-06-10`, category: 'professional', days: 3, title: '短期培训' },
  });
  const at = '2026-01-01T00:00:00.000Z';
  for (let n = 0; n < BULK; n++) {
    const first17 = `43010219900101${String(n).padStart(3, '0')}`;
    await t.deps.people.create(
      {
        id: `bulk-${n}`,
        idNumber: first17 + residentIdCheckChar(first17),
        name: `批量${String(n).padStart(3, '0')}`,
        unitId: 'unit-construction',
        version: 1,
        activityRevision: 0,
        createdAt: at,
        updatedAt: at,
      },
      { id: `audit-bulk-${n}`, entity: 'person', entityId: `bulk-${n}`, action: 'create', actor: 'test', role: 'system', at },
    );
  }
}, 120_000);

/** Polls the job as `user` until it has finished. */
async function finished(user: string, id: string) {
  for (let i = 0; i < 300; i++) {
    const job = await ok(user, 'GET', `/v1/exports/${id}`);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('export did not finish');
}

/** Downloads through the presigned link (from the S3 server, as a browser would) and reads the sheet back. */
async function downloadRows(user: string, id: string) {
  const link = await ok(user, 'GET', `/v1/exports/${id}/download`);
  const res = await fetch(link.url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(link.fileName);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const rows: (string | number)[][] = [];
  ws.eachRow((row) => rows.push((row.values as (string | number)[]).slice(1)));
  return { link, sheetName: ws.name, header: rows[0]!, rows: rows.slice(1) };
}

/** Everyone now in the units under `orgId`, from the repositories. */
async function peopleUnder(orgId: string) {
  const org = (await t.deps.organisations.get(orgId))!;
  const below = await t.deps.organisations.listBelow(orgId, { limit: 1000 });
  const out: { unitName: string; id: string; name: string; idNumber: string }[] = [];
  for (const unit of [org, ...below.items].filter((o) => o.kind === 'unit')) {
    let cursor: string | undefined;
    do {
      const page = await t.deps.people.listByUnit(unit.id, { limit: 500, cursor });
      out.push(...page.items.map((p) => ({ unitName: unit.name, id: p.id, name: p.name, idNumber: p.idNumber })));
      cursor = page.cursor ?? undefined;
    } while (cursor);
  }
  return out;
}

describe('a multi-unit export', () => {
  it('runs as a job: the tenant summary completes, reports its units, and downloads as a real .xlsx with every person once', async () => {
    const job = await ok('hr-officer', 'POST', '/v1/exports', { kind: 'summary', orgId: 'hr-430100', year: YEAR });
    expect(job).toMatchObject({
      status: 'queued',
      orgName: '长沙市人力资源和社会保障局',
      fileName: `长沙市人力资源和社会保障局${YEAR}年度年度学时汇总.xlsx`,
    });
    const done = await finished('hr-officer', job.id);
    const expected = await peopleUnder('hr-430100');
    expect(done).toMatchObject({ status: 'succeeded', unitsTotal: 4, unitsDone: 4, rows: expected.length });
    expect(expected.length).toBe(8 + BULK);

    const { header, rows, sheetName } = await downloadRows('hr-officer', job.id);
    expect(sheetName).toBe(`${YEAR}年度学时汇总`);
    expect(header).toEqual(['单位', '姓名', '身份证号码', '公需学时', '专业学时', '合计学时', '是否达标', '确认状态']);
    expect(rows).toHaveLength(expected.length);
    // Every person exactly once, IDs masked, never in full.
    expect(rows.map((r) => `${r[0]}|${r[1]}|${r[2]}`).sort()).toEqual(
      expected.map((p) => `${p.unitName}|${p.name}|${maskResidentId(p.idNumber)}`).sort(),
    );
    for (const p of expected) expect(rows.flat()).not.toContain(p.idNumber);
    expect(rows.find((r) => r[1] === '张伟')).toEqual([
      '长沙市中心医院',
      '张伟',
      maskResidentId('430102198503122013'),
      0,
      90,
      90,
      '达标',
      BOOK_STATUS_LABELS.open,
    ]);
    expect(rows.find((r) => r[1] === '李娜')!.slice(3, 7)).toEqual([0, 30, 30, '未达标']);
    expect(rows.find((r) => r[1] === '王芳')!.slice(3)).toEqual([0, 0, 0, '未达标', '无学时记录']);
  });

  it('lists a department’s shortfall only: its own units, people short of the year or with no record, and how much is missing', async () => {
    const job = await ok('reviewer-health', 'POST', '/v1/exports', { kind: 'shortfall', orgId: 'dept-health', year: YEAR });
    const done = await finished('reviewer-health', job.id);
    expect(done).toMatchObject({ status: 'succeeded', unitsTotal: 1 });
    const { header, rows } = await downloadRows('reviewer-health', job.id);
    expect(header).toEqual(['单位', '姓名', '身份证号码', '合计学时', '尚缺学时', '情况', '确认状态']);
    // The hospital's people but 张伟 (compliant); nobody of another department's units.
    expect(rows.map((r) => r[1]).sort()).toEqual(['李娜', '许晴']);
    expect(rows.find((r) => r[1] === '李娜')!.slice(3, 6)).toEqual([30, 60, '未达标']);
    expect(rows.find((r) => r[1] === '许晴')!.slice(3, 6)).toEqual([0, 90, '无学时记录']);
    expect(done.rows).toBe(2);
  });

  it('is idempotent on retry: a re-run writes the same object again, with the same rows, never doubled', async () => {
    const job = await ok('hr-officer', 'POST', '/v1/exports', { kind: 'shortfall', orgId: 'hr-430100', year: YEAR });
    const first = await finished('hr-officer', job.id);
    const before = await downloadRows('hr-officer', job.id);
    // A finished job is left alone by a late retry.
    expect(await runExportJob(t.deps, job.id)).toBe('already_done');
    // A retry after a crash: the job still reads `running` from the run that died.
    const stored = (await t.deps.exportJobs.get(job.id))!;
    expect(await t.deps.exportJobs.update(job.id, { status: 'running', runId: 'dead-run' }, { version: stored.version })).toBe(true);
    expect(await runExportJob(t.deps, job.id)).toBe('succeeded');
    const after = await downloadRows('hr-officer', job.id);
    expect(after.rows).toEqual(before.rows);
    expect((await ok('hr-officer', 'GET', `/v1/exports/${job.id}`)).rows).toBe(first.rows);
    expect(first.rows).toBe(before.rows.length);
    // One object under the job's key, written over: no second file beside it.
    const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: 'exports/' }));
    expect((listed.Contents ?? []).filter((o) => o.Key === exportObjectKey(job.id))).toHaveLength(1);
  });

  it('records a storage failure part-way as a failed job with a zh-CN reason, and throws so that Lambda retries', async () => {
    const job = await ok('hr-officer', 'POST', '/v1/exports', { kind: 'summary', orgId: 'dept-health', year: YEAR });
    await finished('hr-officer', job.id);
    const stored = (await t.deps.exportJobs.get(job.id))!;
    expect(await t.deps.exportJobs.update(job.id, { status: 'running', runId: 'dead-run' }, { version: stored.version })).toBe(true);
    // Storage that takes the upload but fails every part: the zip stream errors mid-file.
    const failing = withOverrides(t.deps.exportFiles, {
      upload: async () => ({
        write: async () => {
          throw new Error('part upload failed');
        },
        complete: async () => undefined,
        abort: async () => undefined,
      }),
    });
    await expect(runExportJob({ ...t.deps, exportFiles: failing }, job.id)).rejects.toThrow('part upload failed');
    expect(await ok('hr-officer', 'GET', `/v1/exports/${job.id}`)).toMatchObject({
      status: 'failed',
      error: '导出失败：读取数据或写入文件时出错，请重新导出',
    });
    expect((await call('hr-officer', 'GET', `/v1/exports/${job.id}/download`)).status).toBe(409);
    // The retry writes it whole again.
    expect(await runExportJob(t.deps, job.id)).toBe('succeeded');
    expect((await downloadRows('hr-officer', job.id)).rows.map((r) => r[1]).sort()).toEqual(['张伟', '李娜', '许晴']);
  });

  it('says in zh-CN why a job failed, and offers no download', async () => {
    const at = new Date().toISOString();
    const base = {
      kind: 'summary' as const,
      orgId: 'dept-gone',
      orgName: '已撤销的部门',
      year: YEAR,
      ownerId: 'hr-officer',
      ownerName: '黄静',
      ownerOrgId: 'hr-430100',
    };
    await t.deps.exportJobs.create(
      {
        ...base,
        id: 'export-gone',
        status: 'queued',
        createdAt: at,
        updatedAt: at,
        unitsTotal: 0,
        unitsDone: 0,
        rows: 0,
        fileName: 'x.xlsx',
        version: 0,
      },
      {
        id: 'audit-export-gone',
        entity: 'export',
        entityId: 'export-gone',
        action: 'export_requested',
        actor: 'hr-officer',
        role: 'hr_officer',
        at,
      },
    );
    expect(await runExportJob(t.deps, 'export-gone')).toBe('failed');
    const job = await ok('hr-officer', 'GET', '/v1/exports/export-gone');
    expect(job).toMatchObject({ status: 'failed', error: '导出失败：要导出的组织已不存在' });
    const download = await call('hr-officer', 'GET', '/v1/exports/export-gone/download');
    expect(download.status).toBe(409);
    expect(download.body.error.code).toBe('export_not_ready');
  });
});

describe('who sees an export', () => {
  let jobId: string;
  beforeAll(async () => {
    jobId = (await ok('reviewer-health', 'POST', '/v1/exports', { kind: 'summary', orgId: 'dept-health', year: YEAR })).id;
    await finished('reviewer-health', jobId);
  });

  it.each(['clerk-school', 'clerk-hospital', 'hr-officer', 'auditor'])(
    '%s, of another organisation, can neither see nor download it: 404',
    async (user) => {
      for (const path of [`/v1/exports/${jobId}`, `/v1/exports/${jobId}/download`]) {
        const res = await call(user, 'GET', path);
        expect(res.status, path).toBe(404);
        expect(res.body.error.code).toBe('export_not_found');
      }
      const list = await ok(user, 'GET', '/v1/exports');
      expect(list.items.map((j: { id: string }) => j.id)).not.toContain(jobId);
    },
  );

  it('the account that asked sees it in its organisation’s list', async () => {
    const list = await ok('reviewer-health', 'GET', '/v1/exports');
    expect(list.items.map((j: { id: string }) => j.id)).toContain(jobId);
  });

  it('a colleague of the same organisation may download what the other officer asked for', async () => {
    const job = await ok('hr-officer', 'POST', '/v1/exports', { kind: 'summary', orgId: 'dept-education', year: YEAR });
    await finished('hr-officer', job.id);
    const { rows } = await downloadRows('hr-officer2', job.id);
    expect(rows.map((r) => r[1]).sort()).toEqual(['刘洋', '王芳']);
  });

  it('an organisation out of the caller’s scope cannot be exported: 404, and no job is made', async () => {
    const res = await call('clerk-school', 'POST', '/v1/exports', { kind: 'summary', orgId: 'dept-health', year: YEAR });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('organisation_not_found');
    expect((await ok('clerk-school', 'GET', '/v1/exports')).items).toEqual([]);
    expect((await call('person-zhangwei', 'POST', '/v1/exports', { kind: 'summary', orgId: 'unit-hospital', year: YEAR })).status).toBe(
      403,
    );
  });

  it('lets an account start at most EXPORTS_PER_HOUR exports an hour: each may read a whole city', async () => {
    const started = [];
    for (let i = 0; i < EXPORTS_PER_HOUR; i++) {
      started.push(await ok('clerk-school', 'POST', '/v1/exports', { kind: 'summary', orgId: 'unit-school', year: YEAR }));
    }
    const refused = await call('clerk-school', 'POST', '/v1/exports', { kind: 'summary', orgId: 'unit-school', year: YEAR });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    // The refused one made no job; another account still has its own hour.
    for (const job of started) await finished('clerk-school', job.id);
    expect((await ok('clerk-school', 'GET', '/v1/exports?limit=50')).items).toHaveLength(EXPORTS_PER_HOUR);
    expect((await call('hr-officer', 'POST', '/v1/exports', { kind: 'summary', orgId: 'unit-school', year: YEAR })).status).toBe(202);
  });

  it('refuses bad input with the shared error shape', async () => {
    const res = await call('hr-officer', 'POST', '/v1/exports', { kind: 'everything', orgId: 'hr-430100', year: 1800 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['kind', 'year']);
  });
});

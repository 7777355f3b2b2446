import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../functions/deps.js';
import { createApp } from '../../functions/http/app.js';
import { deriveOperationId } from '../../functions/http/openapi.js';
import { REPO_ROOT } from '../../infra/bundle.js';

/**
 * The served document, as a base developer's tooling reads it: Redocly's recommended rules
 * (redocly.yaml) with zero errors, and the promises issue 15 made about it checked one by one.
 */

// Serving the document reads nothing from the dependencies.
const deps = { config: { tenant: '430100', release: { version: 'dev', commit: 'unknown' } }, log: console } as unknown as AppDeps;

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
};
let doc: { paths: Record<string, Record<string, Operation>> };
let dir: string;
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

beforeAll(async () => {
  const res = await createApp(deps).request('/v1/openapi.json');
  expect(res.status).toBe(200);
  const text = await res.text();
  doc = JSON.parse(text) as typeof doc;
  dir = mkdtempSync(join(tmpdir(), 'xueshi-openapi-'));
  writeFileSync(join(dir, 'openapi.json'), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('/v1/openapi.json', () => {
  it('passes `redocly lint` (recommended rules, redocly.yaml) with no error', { timeout: 120_000 }, async () => {
    const cli = join(REPO_ROOT, 'node_modules', '.bin', 'redocly');
    const { stdout } = await promisify(execFile)(
      cli,
      ['lint', join(dir, 'openapi.json'), '--config', join(REPO_ROOT, 'redocly.yaml'), '--format', 'json', '--max-problems', '1000'],
      // Offline: no telemetry, no update check.
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string }[];
    };
    expect(report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.length).toBeGreaterThan(80);
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const byKey = Object.fromEntries(operations().map(({ key, op }) => [key, op.operationId]));
    expect(byKey['GET /v1/health']).toBe('getHealth');
    expect(byKey['POST /v1/base/completions']).toBe('postBaseCompletions');
  });

  it('marks the public operations `security: []` and every other one with its scheme', () => {
    for (const { key, op } of operations()) {
      if (op['x-roles']?.includes('public')) expect(op.security, key).toEqual([]);
      else expect(op.security?.length, key).toBeGreaterThan(0);
    }
    expect(
      operations()
        .filter(({ op }) => op.security?.length === 0)
        .map(({ key }) => key),
    ).toEqual(expect.arrayContaining(['GET /v1/health', 'POST /v1/hours/preview', 'GET /v1/public/certificates/{number}']));
  });

  it('documents the Idempotency-Key the base API requires as required, and its replay header', () => {
    const post = doc.paths['/v1/base/completions']!.post!;
    expect(post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header', required: true })]),
    );
    expect(Object.keys(post.responses['200']!.headers ?? {})).toEqual(['Idempotent-Replayed']);
    expect(Object.keys(post.responses['409']!.headers ?? {})).toEqual(['Retry-After']);
  });

  it('documents Retry-After on every 429 and 503, and a 500 and a 503 on every operation', () => {
    for (const { key, op } of operations()) {
      expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(['500', '503']));
      for (const status of ['429', '503']) {
        if (op.responses[status]) expect(Object.keys(op.responses[status]!.headers ?? {}), `${key} ${status}`).toContain('Retry-After');
      }
    }
  });
});

describe('deriveOperationId', () => {
  it('names static segments, a trailing variable, and every variable when the short name is taken', () => {
    expect(deriveOperationId('get', '/v1/people/{personId}', new Set())).toBe('getPeopleByPersonId');
    expect(deriveOperationId('post', '/v1/people/{personId}/activities/{activityId}/evidence/uploads', new Set())).toBe(
      'postPeopleActivitiesEvidenceUploads',
    );
    expect(deriveOperationId('get', '/v1/units/{unitId}/summary.xlsx', new Set())).toBe('getUnitsSummaryXlsx');
    expect(deriveOperationId('get', '/v1/a/{x}/b', new Set(['getAB']))).toBe('getAByXB');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HTTP_ERRORS, RECORD_ERRORS } from '../../web/src/features/base-docs/error-codes.js';

/** The site's base-developer page and docs/base-api.md document the same error codes. */
const guide = readFileSync(new URL('../../docs/base-api.md', import.meta.url), 'utf8');
const section = (heading: string) => {
  const start = guide.indexOf(heading);
  expect(start).toBeGreaterThan(-1);
  const end = guide.indexOf('\n#', start + heading.length);
  return guide.slice(start, end === -1 ? undefined : end);
};

describe('base-API docs page', () => {
  it('lists the HTTP error codes of the guide, each with its status', () => {
    const rows = [...section('## 5. HTTP errors').matchAll(/^\| (\d{3}) \| `([a-z_]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows.length).toBeGreaterThan(10);
    expect(HTTP_ERRORS.map((e) => `${e.status} ${e.code}`)).toEqual(rows);
  });

  it('lists the per-record error codes of the guide', () => {
    const codes = [...section('### Per-record error codes').matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(RECORD_ERRORS.map((e) => e.code)).toEqual(codes);
  });
});

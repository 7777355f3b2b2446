import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { apiBuildOptions, REQUIRE_SHIM } from '../../infra/bundle.js';
import { synth } from './fixture.js';

/**
 * The one test that bundles for real: NodejsFunction runs the local esbuild (never Docker) exactly
 * as `cdk synth` does, and the output is checked as shipped.
 */
describe('the API Lambda bundle', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'xueshi-cdk-out-'));
  const { app } = synth({}, { bundle: true, outdir });
  app.synth();
  // Built right after the synthesis, so both see the same functions/ even while others edit it.
  const direct = buildSync({ ...apiBuildOptions(join(outdir, 'bench.mjs')), write: false }).outputFiles[0]!.text;
  const bundles = readdirSync(outdir)
    .filter((d) => d.startsWith('asset.'))
    .map((d) => join(outdir, d, 'index.mjs'))
    .filter((f) => existsSync(f));
  const code = () => {
    expect(bundles).toHaveLength(1);
    return readFileSync(bundles[0]!, 'utf8');
  };

  it('never contains the local-only dev routes (SPEC §7)', () => {
    expect(code()).not.toContain('/v1/dev/');
  });

  it('is ESM with the require shim, exports the handler and leaves the runtime AWS SDK external', () => {
    const text = code();
    expect(text.startsWith(REQUIRE_SHIM)).toBe(true);
    expect(text).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{\s*handler\s*\}/);
    expect(text).toMatch(/from\s*"@aws-sdk\//);
    console.info(`API bundle: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB minified (target < 600 KB)`);
  });

  it('is byte for byte what infra/bundle.ts builds, so the bench measures the deployed bundle', () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(sha(direct)).toBe(sha(code()));
  });
});

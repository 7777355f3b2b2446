import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../shared/errors.js';
import { ENV } from '../../shared/contract.js';
import { assembleDeps } from '../../functions/assemble.js';
import { loadConfig } from '../../functions/config.js';
import { lazyPort } from '../../functions/lazy-port.js';
import type { TokenVerifier } from '../../functions/auth/token-verifier.js';

const tokens: TokenVerifier = { verify: async () => ({ subject: 'x', name: 'x', claims: {} }) } as unknown as TokenVerifier;

describe('lazyPort', () => {
  it('loads the adapter on the first call only, and not when inspected or awaited', async () => {
    let loads = 0;
    const port = lazyPort<{ kind: 'a'; twice(n: number): Promise<number> }>(
      async () => {
        loads++;
        return { kind: 'a', twice: async (n) => n * 2 };
      },
      { kind: 'a' },
    );
    expect(port.kind).toBe('a');
    expect(await Promise.resolve(port)).toBe(port);
    expect(loads).toBe(0);
    expect(await port.twice(2)).toBe(4);
    expect(await port.twice(5)).toBe(10);
    expect(loads).toBe(1);
  });

  it('tries the load again after it failed', async () => {
    let attempt = 0;
    const port = lazyPort<{ ping(): Promise<string> }>(async () => {
      if (++attempt === 1) throw new Error('disk busy');
      return { ping: async () => 'pong' };
    });
    await expect(port.ping()).rejects.toThrow('disk busy');
    expect(await port.ping()).toBe('pong');
  });
});

describe('assembleDeps', () => {
  const aws = (extra: Record<string, string> = {}) =>
    loadConfig({
      [ENV.TENANT]: '430100',
      [ENV.TABLE_NAME]: 'assemble-test',
      [ENV.EVIDENCE_BUCKET]: 'assemble-test',
      [ENV.OIDC_ISSUER]: 'https://issuer.example',
      [ENV.OIDC_AUDIENCE]: 'client',
      [ENV.CURSOR_SECRET]: 'assemble-test-cursor-secret-0123456789abcdef',
      [ENV.ORIGIN_SECRET]: 'assemble-test-origin-secret-0123456789abcdef',
      ...extra,
    });

  it('picks the identity admin by mode and user pool, without loading any adapter', () => {
    expect(assembleDeps({ config: aws() }).identity.kind).toBe('external');
    expect(assembleDeps({ config: aws({ [ENV.USER_POOL_ID]: 'cn-north-1_pool' }) }).identity.kind).toBe('cognito');
    const local = loadConfig({
      [ENV.MODE]: 'local',
      [ENV.TENANT]: '430100',
      [ENV.TABLE_NAME]: 'assemble-test',
      [ENV.EVIDENCE_BUCKET]: 'assemble-test',
    });
    expect(assembleDeps({ config: local, tokens }).identity.kind).toBe('local');
  });

  it('answers 503 when a function without an export function is asked to start an export', async () => {
    const deps = assembleDeps({ config: aws() });
    await expect(deps.exportLauncher.start('job-1')).rejects.toBeInstanceOf(UnavailableError);
  });

  it('uses the export launcher an environment passes, built with the assembled deps', async () => {
    const started: string[] = [];
    const deps = assembleDeps({
      config: aws(),
      exportLauncher: (d) => ({ start: async (id) => void started.push(`${d.config.tenant}:${id}`) }),
    });
    await deps.exportLauncher.start('job-2');
    expect(started).toEqual(['430100:job-2']);
  });

  it('refuses to assemble without any way to verify tokens', () => {
    const local = loadConfig({
      [ENV.MODE]: 'local',
      [ENV.TENANT]: '430100',
      [ENV.TABLE_NAME]: 'assemble-test',
      [ENV.EVIDENCE_BUCKET]: 'assemble-test',
    });
    expect(() => assembleDeps({ config: local })).toThrow(/token verifier/);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EMPTY_FLEET, type Fleet, resolveFleetConfig } from '../../infra/fleet.js';
import { XueshiStack } from '../../infra/xueshi-stack.js';

/** A built site stand-in, so infra tests never depend on `npm run build:web`. */
export function fakeSiteDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xueshi-site-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>学时通</title><div id="root"></div>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

const SITE = fakeSiteDist();

export const ACCOUNT = '123456789012';
export const GLOBAL_REGION = 'ap-southeast-1';

export const CHINA_CONTEXT = {
  region: 'cn-northwest-1',
  oidcIssuer: 'https://id.hrss.hunan.gov.cn/oidc',
  oidcAudience: 'xueshi-portal',
  siteDomain: 'xueshi-{tenant}.hrss.hunan.gov.cn',
  siteCertificateId: 'ASCAEXAMPLECERTID0001',
};

export interface Synth {
  app: App;
  stacks: XueshiStack[];
  stack: XueshiStack;
  template: Template;
}

/**
 * Synthesises the app as bin/app.ts does, from context (and a fleet, by default one with no settings). Bundling is skipped
 * (`aws:cdk:bundling-stacks: []`) unless `bundle` is set: only one test bundles for real.
 */
export function synth(context: Record<string, string> = {}, opts: { bundle?: boolean; outdir?: string; fleet?: Fleet } = {}): Synth {
  const fullContext: Record<string, unknown> = {
    tenant: '430100',
    account: ACCOUNT,
    region: GLOBAL_REGION,
    siteAssetPath: SITE,
    ...context,
    ...(opts.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
  };
  const app = new App({ context: fullContext, ...(opts.outdir ? { outdir: opts.outdir } : {}) });
  const { stacks: configs } = resolveFleetConfig(app.node.getAllContext(), opts.fleet ?? EMPTY_FLEET, {
    release: { version: '1.2.3', commit: '0123456789abcdef0123456789abcdef01234567' },
  });
  const stacks = configs.map((config) => new XueshiStack(app, config.stackName, { config }));
  const stack = stacks[0]!;
  return { app, stacks, stack, template: Template.fromStack(stack) };
}

/** Every resource of a type, as [logicalId, properties]. */
export function resourcesOf(template: Template, type: string): [string, Record<string, any>][] {
  return Object.entries(template.findResources(type)).map(([id, r]) => [id, (r as { Properties: Record<string, any> }).Properties]);
}

/** The one resource of a type. */
export function onlyResource(template: Template, type: string): Record<string, any> {
  const all = resourcesOf(template, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0]![1];
}

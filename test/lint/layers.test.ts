import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 16 item 4: the layers (STYLE.md) are enforced by eslint.config.js, so each forbidden import is
 * linted here as if it were written at that place, and must be refused by the rule that says why; the
 * allowed neighbours of each rule must pass, so a rule that refuses too much fails too.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The rules that refuse `code` as the file at `filePath` (which need not exist; what it imports must, for import-x). */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.map((m) => m.ruleId ?? 'none');
}

const RESTRICTED = 'no-restricted-imports';
const FEATURES = 'import-x/no-restricted-paths';

describe('the layer rules refuse each forbidden import', () => {
  it.each([
    // adapters talk to AWS and shared/, never to the HTTP layer or the use-cases above them
    ['an adapter importing http/', 'functions/adapters/dynamo/probe.ts', "import { createApp } from '../../http/app.js';"],
    ['an adapter importing a use-case', 'functions/adapters/dynamo/probe.ts', "import { getPerson } from '../../use-cases/people.js';"],
    ['an adapter exporting from a use-case', 'functions/adapters/s3/probe.ts', "export { getPerson } from '../../use-cases/people.js';"],
    // functions/local is the local server and demo data: only entries pull it into a bundle
    ['an adapter importing functions/local', 'functions/adapters/dynamo/probe.ts', "import { seedDemoData } from '../../local/seed.js';"],
    ['a use-case importing functions/local', 'functions/use-cases/probe.ts', "import { seedDemoData } from '../local/seed.js';"],
    [
      'a route importing functions/local',
      'functions/http/routes/probe.ts',
      "import { registerDevRoutes } from '../../local/dev-routes.js';",
    ],
    ['a job importing functions/local', 'functions/jobs/probe.ts', "import { seedDemoData } from '../local/seed.js';"],
    ['the deps assembly importing functions/local', 'functions/probe.ts', "import { seedDemoData } from './local/seed.js';"],
    ['shared/ importing functions/local', 'shared/probe.ts', "import { seedDemoData } from '../functions/local/seed.js';"],
    ['infra importing functions/local', 'infra/probe.ts', "import { seedDemoData } from '../functions/local/seed.js';"],
    // configuration is parsed by the entries and reaches use-cases and routes through deps
    ['a use-case importing config', 'functions/use-cases/probe.ts', "import { loadConfig } from '../config.js';"],
    ['a nested use-case importing config', 'functions/use-cases/certification/probe.ts', "import type { Config } from '../../config.js';"],
    ['http/ importing config', 'functions/http/probe.ts', "import { loadConfig } from '../config.js';"],
    ['a route importing config without an extension', 'functions/http/routes/probe.ts', "import { loadConfig } from '../../config';"],
    // the site runs in the browser and shares only shared/ with the API
    ['the site importing functions/', 'web/src/api/probe.ts', "import { createApp } from '../../../functions/http/app.js';"],
    [
      'a screen importing functions/local',
      'web/src/features/people/probe.tsx',
      "import { seedDemoData } from '../../../../functions/local/seed.js';",
    ],
    // the rules that were there before, kept
    ['shared/ importing the AWS SDK', 'shared/probe.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
    [
      'a use-case importing an adapter',
      'functions/use-cases/probe.ts',
      "import { createRepositories } from '../adapters/dynamo/repositories.js';",
    ],
    ['http/ importing an adapter', 'functions/http/probe.ts', "import { createRepositories } from '../adapters/dynamo/repositories.js';"],
    ['infra importing shared/ beyond the contract', 'infra/probe.ts', "import { maskResidentId } from '../shared/mask.js';"],
  ])('%s', async (_name, filePath, code) => {
    expect(await refusals(filePath, code)).toContain(RESTRICTED);
  });
});

describe('a feature folder imports no other feature folder', () => {
  it.each([
    ['a named import', 'web/src/features/dashboard/probe.tsx', "import { PeopleListPage } from '../people/people-list-page.js';"],
    ['a re-export', 'web/src/features/exports/probe.ts', "export { SOURCE_LABELS } from '../people/labels.js';"],
    ['a lazy import', 'web/src/features/filings/probe.tsx', "export const load = () => import('../applications/inbox-page.js');"],
    ['a stylesheet', 'web/src/features/certificates/probe.tsx', "import '../notices/notices.css';"],
    [
      'shared components importing a feature',
      'web/src/components/probe.tsx',
      "import { PeopleListPage } from '../features/people/people-list-page.js';",
    ],
  ])('%s is refused', async (_name, filePath, code) => {
    expect(await refusals(filePath, code)).toContain(FEATURES);
  });
});

describe('the rules leave the allowed imports alone', () => {
  it.each([
    ['an entry importing functions/local', 'functions/lambda-probe.ts', "import { seedDemoData } from './local/seed.js';"],
    ['the local server importing config', 'functions/local/probe.ts', "import { loadConfig } from '../config.js';"],
    ['a test importing functions/local', 'test/functions/probe.test.ts', "import { seedDemoData } from '../../functions/local/seed.js';"],
    ['the bench importing functions/local', 'bench/probe.ts', "import { seedDemoData } from '../functions/local/seed.js';"],
    ['a script importing functions/local', 'scripts/probe.ts', "import { seedDemoData } from '../functions/local/seed.js';"],
    ['a use-case taking config through deps', 'functions/use-cases/probe.ts', "import type { AppDeps } from '../deps.js';"],
    [
      'an adapter importing the SDK and shared/',
      'functions/adapters/dynamo/probe.ts',
      "import '@aws-sdk/lib-dynamodb';\nimport '../../../shared/errors.js';",
    ],
    [
      'a job importing an adapter named local-*',
      'functions/jobs/probe.ts',
      "import { createLocalUserRepository } from '../adapters/dynamo/local-users.js';",
    ],
    [
      'a feature importing shared components',
      'web/src/features/dashboard/probe.tsx',
      "import { parsePeopleSearch } from '../../components/list-search.js';",
    ],
    ['a feature importing its own folder', 'web/src/features/dashboard/probe.tsx', "import { DashboardPage } from './dashboard-page.js';"],
    ['the app shell importing a feature', 'web/src/app/probe.tsx', "import { HomePage } from '../features/home/home-page.js';"],
  ])('%s', async (_name, filePath, code) => {
    expect(await refusals(filePath, code)).toEqual([]);
  });
});

describe('no import cycles', () => {
  it('refuses a module importing one that imports it back (web)', async () => {
    // activity-summary.ts imports labels.ts: labels.ts importing activity-summary.ts closes a cycle.
    const code = "import { summariseActivity } from './activity-summary.js';\nexport const probe = summariseActivity;";
    expect(await refusals('web/src/components/activities/labels.ts', code)).toContain('import-x/no-cycle');
  });

  it('follows extensionless imports too (shared/)', async () => {
    // records.ts imports './policy' without an extension: policy.ts importing records.ts closes a cycle.
    const code = "import { ActivitySourceSchema } from './records';\nexport const probe = ActivitySourceSchema;";
    expect(await refusals('shared/policy.ts', code)).toContain('import-x/no-cycle');
  });
});

describe('React hooks', () => {
  it('refuses a hook called conditionally', async () => {
    const code = [
      "import { useState } from 'react';",
      'export function Probe({ on }: { on: boolean }) {',
      '  if (on) {',
      '    const [n] = useState(0);',
      '    return n;',
      '  }',
      '  return null;',
      '}',
    ].join('\n');
    expect(await refusals('web/src/features/home/probe.tsx', code)).toContain('react-hooks/rules-of-hooks');
  });
});

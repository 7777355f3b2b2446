// Lint enforces the architecture (STYLE.md): which layer may import which. Style is left to tsc.
import { readdirSync } from 'node:fs';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const aws = { group: ['@aws-sdk/*'], message: 'Only functions/adapters (and local wiring) talk to AWS.' };
const hono = { group: ['hono', 'hono/*', '@hono/*'], message: 'HTTP belongs in functions/http.' };
const node = { group: ['node:*'], message: 'shared/ is pure and also runs in the browser.' };
// functions/local is the local server and its demo data: only entry points (the Lambda handlers, the local
// server itself, scripts, bench, tests) may pull it into a bundle.
const local = { group: ['**/local/**'], message: 'Only entry points import functions/local.' };
// Config is parsed once by the entry points and reaches the code through deps (functions/deps.ts).
const config = { group: ['**/config', '**/config.js'], message: 'Read configuration through deps, not functions/config.ts.' };
const layer = (name, pattern) => ({ group: pattern, message: `This layer may not import ${name}.` });
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// One zone a feature: web/src/features/X imports nothing from another feature folder; what two features share
// lives in web/src/components. Read from the folder so a new feature is covered without editing this file.
const features = readdirSync(new URL('./web/src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featureZones = features.map((feature) => ({
  target: `./web/src/features/${feature}`,
  from: './web/src/features',
  except: [`./${feature}`],
  message: 'A feature imports no other feature: move what they share to web/src/components.',
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'cdk.out/**', '.data/**', '.test-data/**', 'bench/out/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      // Sources import each other as `.js` (web, functions) or with no extension (shared, tests); the files on
      // disk are .ts/.tsx. An import that does not resolve is skipped by no-cycle, so both forms must resolve.
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } }),
      ],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      // A cycle makes load order matter and lazy chunks drag each other in. External packages are not followed.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...restrict(aws, hono, node, layer('functions/web/infra', ['**/functions/**', '**/web/**', '**/infra/**'])),
      'no-restricted-globals': ['error', { name: 'process', message: 'shared/ reads no environment: pass values in.' }],
    },
  },
  {
    // Everything under functions/ except its entry points; the layers below narrow this further.
    files: ['functions/**/*.ts'],
    ignores: ['functions/lambda*.ts', 'functions/local/**'],
    rules: restrict(local),
  },
  {
    files: ['functions/adapters/**/*.ts'],
    rules: restrict(local, layer('http or use-cases', ['**/http/**', '**/use-cases/**'])),
  },
  {
    files: ['functions/use-cases/**/*.ts', 'functions/ports/**/*.ts'],
    rules: restrict(aws, hono, local, config, layer('adapters or http', ['**/adapters/**', '**/http/**'])),
  },
  {
    files: ['functions/http/**/*.ts'],
    rules: restrict(aws, local, config, layer('adapters', ['**/adapters/**'])),
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: restrict(aws, hono, layer('functions or infra', ['**/functions/**', '**/infra/**'])),
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...featureZones,
            { target: './web/src/components', from: './web/src/features', message: 'Shared components import no feature.' },
          ],
        },
      ],
    },
  },
  { files: ['web/src/**/*.tsx', 'web/src/**/*.ts'], ...reactHooks.configs.flat.recommended },
  {
    files: ['infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('runtime code', ['**/functions/**', '**/web/src/**']),
            { regex: '^(\\.\\./)+shared/(?!contract(\\.js)?$)', message: 'infra imports only shared/contract.ts from the runtime.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name=/^(it|test|describe)$/][property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
);

// Lint enforces the architecture (STYLE.md): which layer may import which. Style is left to tsc.
import tseslint from 'typescript-eslint';

const aws = { group: ['@aws-sdk/*'], message: 'Only functions/adapters (and local wiring) talk to AWS.' };
const hono = { group: ['hono', 'hono/*', '@hono/*'], message: 'HTTP belongs in functions/http.' };
const node = { group: ['node:*'], message: 'shared/ is pure and also runs in the browser.' };
const layer = (name, pattern) => ({ group: pattern, message: `This layer may not import ${name}.` });

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'cdk.out/**', '.data/**', '.test-data/**', 'bench/out/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [aws, hono, node, layer('functions/web/infra', ['**/functions/**', '**/web/**', '**/infra/**'])] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'shared/ reads no environment: pass values in.' }],
    },
  },
  {
    files: ['functions/use-cases/**/*.ts', 'functions/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [aws, hono, layer('adapters or http', ['**/adapters/**', '**/http/**'])] }],
    },
  },
  {
    files: ['functions/http/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [aws, layer('adapters', ['**/adapters/**'])] }] },
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [aws, hono, layer('functions or infra', ['**/functions/**', '**/infra/**'])] }],
    },
  },
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
        { selector: "MemberExpression[object.name=/^(it|test|describe)$/][property.name=/^(only|skip)$/]", message: 'No focused or skipped tests.' },
      ],
    },
  },
);

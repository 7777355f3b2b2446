import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local and one S3 server for the whole run; each test file makes its own table.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // Browser tests poll the page; the 1 s default is too short on a loaded 2-core machine.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // The JSON report is what .ci/run counts for its closing `N passed, N failed` line.
    reporters: ['default', ['json', { outputFile: '.test-data/vitest.json' }]],
  },
});

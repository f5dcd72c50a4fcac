import { defineConfig, type ViteUserConfig } from 'vitest/config';

type TestOptions = NonNullable<ViteUserConfig['test']>;

/**
 * The test settings every workspace shares. Each test file opens its own databases, servers or
 * processes; two workers match the 2-core machines CI runs on. A workspace passes only what differs.
 */
export function workspaceTestConfig(overrides: TestOptions = {}): ViteUserConfig {
  return defineConfig({
    test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000, maxWorkers: 2, ...overrides },
  });
}

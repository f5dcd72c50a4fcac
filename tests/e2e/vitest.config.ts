import { workspaceTestConfig } from '../../vitest.base.js';

export default workspaceTestConfig({
  // Every test starts real processes (CLIs, the API, the deploy script); one file at a time keeps
  // their timings meaningful on a small CI machine.
  fileParallelism: false,
  testTimeout: 120_000,
  hookTimeout: 120_000,
});

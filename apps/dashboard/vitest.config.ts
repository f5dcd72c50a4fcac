import { workspaceTestConfig } from '../../vitest.base.js';

export default workspaceTestConfig({
  include: ['test/**/*.test.{ts,tsx}'],
  // The browser suite builds the app, starts an API and drives Chromium: give its hooks room.
  testTimeout: 60_000,
  hookTimeout: 120_000,
});

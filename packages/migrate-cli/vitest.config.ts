import { workspaceTestConfig } from '../../vitest.base.js';

export default workspaceTestConfig();

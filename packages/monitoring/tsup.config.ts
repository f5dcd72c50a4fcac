import { defineConfig } from 'tsup';
import { cliPackageBuild } from '../../tsup.base.js';

export default defineConfig(cliPackageBuild());

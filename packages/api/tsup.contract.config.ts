import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

/**
 * `@jobsearchai/api/contract`, built after the main build (see the build script) and on its own:
 * bundled together with index.ts, its declarations would import the schemas from index.d.ts,
 * which brings the server's types along; alone, they refer to zod and nothing else.
 */
export default defineConfig(packageBuild({ entry: ['src/contract.ts'], clean: false }));

import type { Options } from 'tsup';

// One build shape for every package: ESM for Node >= 20.19, dependencies left external
// so code that reads files beside its source (migrations, the demo board) keeps working.
export function packageBuild(overrides: Options = {}): Options {
  return {
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    skipNodeModulesBundle: true,
    ...overrides,
  };
}

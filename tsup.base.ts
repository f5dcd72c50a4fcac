import type { Options } from 'tsup';

// One build shape for every package: ESM for Node >= 20.19, dependencies left external.
export function packageBuild(overrides: Options = {}): Options {
  return {
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    ...overrides,
  };
}

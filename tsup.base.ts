import type { Options } from 'tsup';

// One build shape for every package: ESM, dependencies left external. The target stays node20 although
// the packages need Node 22.12: a bin file must still parse on an older Node to say that it is too old.
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

/**
 * A package with a bin: `src/cli.ts` checks the Node version and only then loads `src/program.ts`,
 * built as its own file and left as an import (not bundled into the bin), so that nothing that
 * crashes an older Node is loaded before the check.
 */
export function cliPackageBuild(extraEntries: string[] = []): Options {
  return packageBuild({
    entry: ['src/index.ts', 'src/cli.ts', 'src/program.ts', ...extraEntries],
    external: ['./program.js'],
    // A command's modules (and the packages they import) load when the command runs, not for --help.
    splitting: true,
  });
}

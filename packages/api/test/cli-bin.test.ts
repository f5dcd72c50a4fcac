import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AS_IF_NODE_20, olderNode, runBin, staticImports } from '@jobsearchai/core/testing';
import { describe, expect, it } from 'vitest';

// The bin as shipped (turbo builds before it tests).
const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
const TOO_OLD =
  /^jobsearch-api needs Node\.js 22\.12 or newer \(this is v\d+\.\d+\.\d+\): install Node 22, 24 or 26, or run it through `npm start`\/scripts\/bootstrap\.sh, which brings Node 24\.\n$/;
const OLD_NODE = olderNode();

describe('the built jobsearch-api bin', () => {
  it('imports only the version guard before the check', () => {
    expect(staticImports(BIN)).toEqual(['@jobsearchai/core/cli']);
  });

  it('prints the package version', async () => {
    expect(await runBin(BIN, ['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('on an older Node exits 2 with one line naming the fix', async () => {
    expect(await runBin(BIN, ['--version'], { nodeOptions: AS_IF_NODE_20 })).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(TOO_OLD),
    });
  });

  // The CI images' system Node is 20, on which better-sqlite3 would crash had the program loaded.
  it.skipIf(OLD_NODE === null)('on a real older Node too', async () => {
    expect(await runBin(BIN, ['--help'], { node: OLD_NODE! })).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(TOO_OLD),
    });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkNodeVersion, isSupportedNode } from '../../src/cli/index.js';

afterEach(() => {
  process.exitCode = 0;
});

describe('the Node version guard', () => {
  it('accepts 22.12 and newer', () => {
    for (const version of ['22.12.0', 'v22.12.0', '22.22.1', '24.0.0', '26.12.1'])
      expect(isSupportedNode(version), version).toBe(true);
    for (const version of ['22.11.0', '20.20.2', 'v18.19.0', '8.0.0'])
      expect(isSupportedNode(version), version).toBe(false);
  });

  it('on an older Node prints one line naming the version and the fix, and sets exit code 2', () => {
    let stderr = '';
    const ok = checkNodeVersion('jobsearch-migrate', {
      version: '20.20.2',
      stderr: { write: (text: string) => (stderr += text) },
    });
    expect(ok).toBe(false);
    expect(process.exitCode).toBe(2);
    expect(stderr).toBe(
      'jobsearch-migrate needs Node.js 22.12 or newer (this is v20.20.2): install Node 22, 24 or 26, or run it through `npm start`/scripts/bootstrap.sh, which brings Node 24.\n',
    );
  });

  it('says nothing on a supported Node', () => {
    let stderr = '';
    expect(
      checkNodeVersion('jobsearch-api', { version: '24.22.3', stderr: { write: (text: string) => (stderr += text) } }),
    ).toBe(true);
    expect(stderr).toBe('');
    expect(process.exitCode).toBe(0);
  });
});

describe('@jobsearchai/core/cli stays light', () => {
  it('imports nothing but its own files, errors.ts and defaults.ts (which import nothing)', () => {
    const src = fileURLToPath(new URL('../../src/', import.meta.url));
    const specifiers = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]);
    const imported = readdirSync(`${src}cli`).flatMap((file) => specifiers(`${src}cli/${file}`));
    expect(imported.length).toBeGreaterThan(5);
    expect(
      imported.filter(
        (specifier) =>
          !/^\.\/[\w-]+\.js$/.test(specifier!) && specifier !== '../errors.js' && specifier !== '../defaults.js',
      ),
    ).toEqual([]);
    expect(specifiers(`${src}errors.ts`)).toEqual([]);
    expect(specifiers(`${src}defaults.ts`)).toEqual([]);
  });
});

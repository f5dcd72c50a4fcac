import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snakeCaseRecord, titleCaseRecord } from './harness/legacy-files.js';
import { expectSuccess, freePort, REPO_ROOT, runProgram, startProgram, type Finished } from './harness/processes.js';

/**
 * The packages as a team gets them from npm: every public package is packed with `pnpm pack`
 * (workspace: versions replaced, prepack checks run), the tarballs are installed with npm into an
 * empty folder outside the repository, and the bins, the dashboard, the require() error and a
 * strict TypeScript consumer are tried there. Nothing in that folder can reach the workspace.
 */

const PACKAGES = ['core', 'migrate-cli', 'api', 'bench', 'monitoring'] as const;
type PackageDir = (typeof PACKAGES)[number];

/** Every public entry point a consumer may import (core's /internal is exported but not a stable API). */
const ENTRY_POINTS = [
  '@jobsearchai/core',
  '@jobsearchai/core/store',
  '@jobsearchai/core/alerts',
  '@jobsearchai/core/legacy-import',
  '@jobsearchai/core/backup',
  '@jobsearchai/core/copy',
  '@jobsearchai/core/sources',
  '@jobsearchai/core/demo-board',
  '@jobsearchai/core/matchers',
  '@jobsearchai/core/pipeline',
  '@jobsearchai/core/cv',
  '@jobsearchai/core/cli',
  '@jobsearchai/core/testing',
  '@jobsearchai/migrate-cli',
  '@jobsearchai/api',
  '@jobsearchai/api/contract',
  '@jobsearchai/bench',
  '@jobsearchai/monitoring',
];

/** Entry points that hold types only (an empty module at run time, by design). */
const TYPES_ONLY = new Set(['@jobsearchai/api/contract']);

interface Manifest {
  name: string;
  version: string;
  license?: string;
  repository?: { url?: string; directory?: string };
  homepage?: string;
  bugs?: { url?: string };
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const rootManifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const rootDevVersion = (name: string): string => {
  const version = rootManifest.devDependencies?.[name];
  if (!version) throw new Error(`the root package.json pins no ${name}`);
  return version;
};

/** How this machine reaches the registry (trusted certificates, proxy, mirror): npm needs it, the bins do not. */
function registryEnv(): NodeJS.ProcessEnv {
  const names = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'];
  const npmSettings = Object.keys(process.env).filter((name) =>
    /^npm_config_(registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy)$/i.test(name),
  );
  return Object.fromEntries(
    [...names, ...npmSettings].filter((name) => process.env[name]).map((name) => [name, process.env[name]]),
  );
}

let work: string;
let consumer: string;
const tarballs = new Map<PackageDir, string>();

const installed = (name: PackageDir) => join(consumer, 'node_modules/@jobsearchai', name);
const bin = (name: string) => join(consumer, 'node_modules/.bin', name);
const runBin = (name: string, args: string[], timeoutMs = 120_000): Promise<Finished> =>
  runProgram(bin(name), args, { cwd: consumer, timeoutMs });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'jobsearch-packaging-'));
  consumer = join(work, 'consumer');
  await mkdir(join(work, 'tarballs'));
  await mkdir(consumer);
  for (const name of PACKAGES) {
    const packed = expectSuccess(
      await runProgram('pnpm', ['pack', '--pack-destination', join(work, 'tarballs')], {
        cwd: join(REPO_ROOT, 'packages', name),
        timeoutMs: 60_000,
      }),
      `pnpm pack in packages/${name}`,
    );
    const tarball = packed.stdout.match(/\S+\.tgz/)?.[0];
    if (!tarball) throw new Error(`pnpm pack named no tarball:\n${packed.stdout}`);
    tarballs.set(name, tarball);
  }
  await writeFile(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'packaging-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  // The TypeScript and Node types the repository builds with, so the strict check below tests the
  // packages' declarations rather than a compiler change.
  expectSuccess(
    await runProgram(
      'npm',
      [
        'install',
        '--no-fund',
        '--no-audit',
        '--prefer-offline',
        '--loglevel=error',
        ...tarballs.values(),
        `typescript@${rootDevVersion('typescript')}`,
        `@types/node@${rootDevVersion('@types/node')}`,
      ],
      // Generous: npm shares two cores with the rest of the suite and downloads the packages' dependencies.
      { cwd: consumer, env: registryEnv(), timeoutMs: 900_000 },
    ),
    'npm install of the tarballs',
  );
}, 1_000_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it.each(PACKAGES)('%s carries a README, a LICENSE, its repository and no source maps or tests', (name) => {
    const dir = installed(name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    const files = filesUnder(dir);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/ES modules only/);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toMatchObject({ directory: `packages/${name}` });
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs?.url).toMatch(/^https:\/\//);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => /(^|\/)(test|tests|__tests__)\/|\.test\.[cm]?[jt]s$/.test(file))).toEqual([]);
    // pnpm pack replaced the workspace: ranges with the packed versions.
    expect(Object.values(manifest.dependencies ?? {}).filter((range) => range.startsWith('workspace:'))).toEqual([]);
  });

  it('ships the built dashboard inside the api package, without its source maps', () => {
    const files = filesUnder(join(installed('api'), 'dist/dashboard'));
    expect(files).toContain('index.html');
    expect(files.some((file) => /^assets\/.+\.js$/.test(file))).toBe(true);
  });

  it('says in one error that require() cannot load them, naming import()', async () => {
    for (const name of ['@jobsearchai/core', '@jobsearchai/core/store', '@jobsearchai/api/contract']) {
      const result = await runProgram(process.execPath, ['--input-type=commonjs', '-e', `require('${name}')`], {
        cwd: consumer,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/is an ES module package \(ESM only\) and cannot be loaded with require\(\)/);
      expect(result.stderr).toContain('await import(');
    }
  });

  it("loads every public entry point with import, and core's README example runs", async () => {
    await writeFile(
      join(consumer, 'entry-points.mjs'),
      `${ENTRY_POINTS.map((entry, i) => `import * as m${i} from '${entry}';`).join('\n')}
const empty = [${ENTRY_POINTS.map((entry, i) => `['${entry}', m${i}]`)
        .filter((_, i) => !TYPES_ONLY.has(ENTRY_POINTS[i] ?? ''))
        .join(', ')}]
  .filter(([, m]) => Object.keys(m).length === 0).map(([entry]) => entry);
if (empty.length > 0) throw new Error('no exports: ' + empty.join(', '));
const { openStore } = await import('@jobsearchai/core/store');
const store = await openStore({ url: 'file:./readme-example.db', migrate: true });
console.log(JSON.stringify(await store.schemaStatus()));
await store.close();
`,
    );
    const result = expectSuccess(
      await runProgram(process.execPath, ['entry-points.mjs'], { cwd: consumer, timeoutMs: 60_000 }),
      'node entry-points.mjs',
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ current: true });
  });

  it('type-checks a consumer of every entry point under strict nodenext without skipLibCheck', async () => {
    await writeFile(
      join(consumer, 'consumer.ts'),
      `${ENTRY_POINTS.map((entry, i) => `import * as m${i} from '${entry}';`).join('\n')}
import { openStore } from '@jobsearchai/core/store';
import { createApp, type ApiConfig } from '@jobsearchai/api';
import type { RunRecord } from '@jobsearchai/api/contract';

export const modules = [${ENTRY_POINTS.map((_, i) => `m${i}`).join(', ')}];
export async function schemaIsCurrent(url: string): Promise<boolean> {
  const store = await openStore({ url, migrate: false, create: false });
  try {
    return (await store.schemaStatus()).current;
  } finally {
    await store.close();
  }
}
export type AppFactory = typeof createApp;
export type Port = ApiConfig['port'];
export const runStatus = (run: RunRecord): string => run.status;
`,
    );
    await writeFile(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2023',
          types: ['node'],
          noEmit: true,
        },
        files: ['consumer.ts'],
      }),
    );
    expectSuccess(await runBin('tsc', ['-p', 'tsconfig.json'], 180_000), 'strict tsc over the consumer');
  }, 200_000);
});

describe('the installed bins', () => {
  it('jobsearch-migrate init, migrate, validate and status on SQLite', async () => {
    const db = `file:${join(consumer, 'jobsearchai.db')}`;
    await mkdir(join(consumer, 'job_matches'));
    const records = [
      ...Array.from({ length: 12 }, (_, i) => snakeCaseRecord(i + 1)),
      ...Array.from({ length: 8 }, (_, i) => titleCaseRecord(i + 100)),
    ];
    await writeFile(join(consumer, 'job_matches/job_matches_20251101_080000.json'), JSON.stringify(records));

    expectSuccess(await runBin('jobsearch-migrate', ['init', '--db', db, '--json']), 'jobsearch-migrate init');
    const migrated = JSON.parse(
      expectSuccess(
        await runBin('jobsearch-migrate', [
          'migrate',
          '--db',
          db,
          '--search-term',
          'IT',
          '--cv-key',
          '0123456789abcdef',
          '--yes',
          '--json',
        ]),
        'jobsearch-migrate migrate',
      ).stdout,
    ) as { ok: boolean; totals: { records: number; migrated: number } };
    expect(migrated).toMatchObject({ ok: true, totals: { records: 20, migrated: 20 } });
    const validated = JSON.parse(
      expectSuccess(await runBin('jobsearch-migrate', ['validate', '--db', db, '--json']), 'jobsearch-migrate validate')
        .stdout,
    ) as { ok: boolean; discrepancies: number };
    expect(validated).toMatchObject({ ok: true, discrepancies: 0 });
    const status = JSON.parse(
      expectSuccess(await runBin('jobsearch-migrate', ['status', '--db', db, '--json']), 'jobsearch-migrate status')
        .stdout,
    ) as { schema: { current: boolean }; counts: { jobMatches: number } };
    expect(status).toMatchObject({ schema: { current: true }, counts: { jobMatches: 20 } });

    // The monitor reads the same database: a fresh, healthy installation.
    const monitor = await runBin('jobsearch-monitor', ['--once', '--json', '--db', db]);
    expect(monitor.stderr).not.toMatch(/\n\s+at /);
    expect(monitor.code, monitor.stdout + monitor.stderr).toBe(0);
    expect(JSON.parse(monitor.stdout)).toBeTypeOf('object');
  });

  it('jobsearch-api serve --demo serves the bundled dashboard at / and at client routes', async () => {
    const port = await freePort();
    const api = startProgram(
      bin('jobsearch-api'),
      ['serve', '--demo', '--port', String(port), '--db', 'file:demo.db'],
      {
        cwd: consumer,
      },
    );
    try {
      await api.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+ \(dashboard at /, 90_000);
      expect(api.output()).not.toMatch(/No dashboard/);
      const url = `http://127.0.0.1:${port}`;
      for (const path of ['/', '/runs']) {
        const page = await fetch(`${url}${path}`, { headers: { accept: 'text/html' } });
        expect(page.status, path).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/text\/html/);
        const html = await page.text();
        expect(html).toMatch(/<!doctype html>/i);
        const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
        expect(script, `${path} names its script`).toBeDefined();
        const asset = await fetch(`${url}${script}`);
        expect(asset.status).toBe(200);
        expect(asset.headers.get('content-type')).toMatch(/javascript/);
        await asset.body?.cancel();
      }
      const runs = await fetch(`${url}/api/runs`);
      expect(runs.status).toBe(200);
      await runs.body?.cancel();
    } finally {
      await api.stop();
    }
  });

  it('jobsearch-bench dedup, migrate and soak run from the installed package', async () => {
    const dedup = expectSuccess(
      await runBin('jobsearch-bench', ['dedup', '--pages', '2', '--per-page', '5', '--scenarios', 'repeat', '--json']),
      'jobsearch-bench dedup',
    );
    expect(JSON.parse(dedup.stdout)).toBeTypeOf('object');
    const migrate = JSON.parse(
      expectSuccess(
        await runBin('jobsearch-bench', ['migrate', '--records', '300', '--json']),
        'jobsearch-bench migrate',
      ).stdout,
    ) as { cli: { inserted?: number; skipped?: string } };
    // The CLI arm ran jobsearch-migrate (bench can only resolve the one installed beside it); the
    // generated files repeat some URLs, so fewer rows than records are inserted.
    expect(migrate.cli.skipped).toBeUndefined();
    expect(migrate.cli.inserted).toBeGreaterThan(200);
    const soak = JSON.parse(
      expectSuccess(
        await runBin('jobsearch-bench', ['soak', '--rows', '200', '--duration', '1', '--connections', '2', '--json']),
        'jobsearch-bench soak',
      ).stdout,
    ) as { throughput: { requests: number }; errors: { errors: number; non2xx: number } };
    expect(soak.throughput.requests).toBeGreaterThan(0);
    expect(soak.errors).toMatchObject({ errors: 0, non2xx: 0 });
  });
});

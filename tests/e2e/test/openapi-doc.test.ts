import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runProgram, startApi, type LongRunning } from './harness/processes.js';

/**
 * docs/openapi.json is committed so that readers of the docs (and API clients) have the document
 * without running a server. It must be exactly what the API serves; `pnpm docs:openapi` rewrites it.
 */

const DOCUMENT = join(REPO_ROOT, 'docs', 'openapi.json');
const SCRIPT = join(REPO_ROOT, 'scripts', 'write-openapi.mjs');
const STALE = 'docs/openapi.json is stale: run `pnpm docs:openapi` and commit the result';

type OpenApi = { info: { version: string }; paths: Record<string, Record<string, { operationId: string }>> };

const committedText = readFileSync(DOCUMENT, 'utf8');
const committed = JSON.parse(committedText) as OpenApi;

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const line = left.findIndex((text, i) => text !== right[i]);
  const at = line === -1 ? Math.min(left.length, right.length) : line;
  return `first difference at line ${at + 1}: committed ${JSON.stringify(left[at] ?? '(end of file)')}, generated ${JSON.stringify(right[at] ?? '(end of file)')}`;
}

describe('docs/openapi.json', () => {
  it('is what scripts/write-openapi.mjs generates from the current routes', async () => {
    const generated = await runProgram(process.execPath, [SCRIPT, '--stdout'], { cwd: REPO_ROOT, timeoutMs: 60_000 });
    expect(generated.code, generated.stderr).toBe(0);
    if (generated.stdout !== committedText)
      throw new Error(`${STALE} (${firstDifference(committedText, generated.stdout)}).`);
  });

  it("passes the script's own --check", async () => {
    const check = await runProgram(process.execPath, [SCRIPT, '--check'], { cwd: REPO_ROOT, timeoutMs: 60_000 });
    expect(check.code, `${check.stdout}${check.stderr}`).toBe(0);
  });

  describe('against a running API', () => {
    let dir: string;
    let api: (LongRunning & { url: string }) | undefined;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'jobsearch-openapi-e2e-'));
      api = await startApi({ cwd: dir, args: ['--init'] });
    });
    afterAll(async () => {
      await api?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('equals GET /api/openapi.json', async () => {
      const response = await fetch(`${api!.url}/api/openapi.json`);
      expect(response.status).toBe(200);
      expect(await response.json(), STALE).toEqual(committed);
    });
  });

  it('has every operation in docs/tech-spec.md, and the tech spec names no other', () => {
    const spec = readFileSync(join(REPO_ROOT, 'docs', 'tech-spec.md'), 'utf8');
    const operations = Object.entries(committed.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.filter((operation) => !spec.includes(`\`${operation}\``))).toEqual([]);
    const named = new Set(
      [...spec.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`?\s]*)`/g)].map((m) => `${m[1]} ${m[2]}`),
    );
    expect([...named].filter((operation) => !operations.includes(operation))).toEqual([]);
  });
});

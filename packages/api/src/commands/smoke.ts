import { errorMessage } from '@jobsearchai/core';
import type { CommandEnv } from '../cli/command-env.js';
import { CliExit, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '@jobsearchai/core/cli';

export interface SmokeOptions {
  url: string;
  timeoutMs: number;
  json: boolean;
}

export interface SmokeCheckResult {
  name: string;
  path: string;
  ok: boolean;
  status: number | null;
  ms: number;
  message: string;
}

interface SmokeCheck {
  name: string;
  path: string;
  /** Returns a problem, or null when the answer is right. */
  verify(status: number, body: string, contentType: string): string | null;
}

const CHECKS: SmokeCheck[] = [
  {
    name: 'health',
    path: '/api/health',
    verify: (status, body) => expectJson(status, body, (json) => json.status === 'ok', 'status "ok"'),
  },
  {
    name: 'ready',
    path: '/api/ready',
    verify: (status, body) => expectJson(status, body, (json) => json.status === 'ready', 'status "ready"'),
  },
  {
    name: 'matches',
    path: '/api/matches?limit=1',
    verify: (status, body) => expectJson(status, body, (json) => Array.isArray(json.items), 'an items list'),
  },
  {
    name: 'stats',
    path: '/api/stats',
    verify: (status, body) =>
      expectJson(status, body, (json) => typeof json.totals === 'object' && json.totals !== null, 'totals'),
  },
  {
    name: 'metrics',
    path: '/metrics',
    verify: (status, body, contentType) => {
      if (status !== 200) return `HTTP ${status}`;
      if (!contentType.startsWith('text/plain'))
        return `content type ${contentType || 'missing'}, expected text/plain (Prometheus)`;
      return /^jobsearch_\w+/m.test(body) ? null : 'no jobsearch_* metric in the answer';
    },
  },
];

/** Post-deployment check of a running API: every check is tried; exit 1 if any failed. */
export async function smokeCommand(
  options: SmokeOptions,
  io: CommandEnv,
): Promise<{ results: SmokeCheckResult[]; exitCode: number }> {
  let base: URL;
  try {
    base = new URL(options.url);
  } catch {
    throw new CliExit(
      EXIT_USAGE,
      `--url "${options.url}" is not a URL; give the API's base URL, e.g. http://127.0.0.1:3000.`,
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new CliExit(EXIT_USAGE, `--url must be http:// or https://, got ${base.protocol}`);
  const results: SmokeCheckResult[] = [];
  for (const check of CHECKS) results.push(await runCheck(base, check, options.timeoutMs));
  const failed = results.filter((result) => !result.ok);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ url: base.origin, ok: failed.length === 0, checks: results }, null, 2)}\n`);
  } else {
    for (const r of results)
      io.stdout.write(
        `${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(8)} ${String(r.ms).padStart(5)} ms  ${r.path}${r.ok ? '' : `: ${r.message}`}\n`,
      );
    io.stdout.write(
      failed.length === 0
        ? `All ${results.length} checks passed for ${base.origin}.\n`
        : `${failed.length} of ${results.length} checks failed for ${base.origin}.\n`,
    );
  }
  return { results, exitCode: failed.length === 0 ? EXIT_OK : EXIT_FAILED };
}

async function runCheck(base: URL, check: SmokeCheck, timeoutMs: number): Promise<SmokeCheckResult> {
  const started = performance.now();
  const result = (ok: boolean, status: number | null, message: string): SmokeCheckResult => ({
    name: check.name,
    path: check.path,
    ok,
    status,
    ms: Math.round(performance.now() - started),
    message,
  });
  try {
    const response = await fetch(new URL(check.path, base), {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json, text/plain' },
    });
    const body = await response.text();
    const problem = check.verify(response.status, body, response.headers.get('content-type') ?? '');
    return problem === null
      ? result(true, response.status, 'ok')
      : result(false, response.status, withDetail(problem, body));
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : describeFetchError(error);
    return result(false, null, reason);
  }
}

function expectJson(
  status: number,
  body: string,
  test: (json: Record<string, unknown>) => boolean,
  expected: string,
): string | null {
  if (status !== 200) return `HTTP ${status}`;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'the answer is not JSON';
  }
  return typeof json === 'object' && json !== null && test(json as Record<string, unknown>)
    ? null
    : `the answer lacks ${expected}`;
}

/** A problem+json answer says what is wrong: show its code and detail. */
function withDetail(problem: string, body: string): string {
  try {
    const json = JSON.parse(body) as { code?: unknown; detail?: unknown };
    if (typeof json.detail === 'string')
      return `${problem} ${typeof json.code === 'string' ? json.code : ''}: ${json.detail}`.replace(/\s+:/, ':');
  } catch {
    // not JSON: the status says enough
  }
  return problem;
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (is the server running on this address?)';
  if (cause?.code === 'ENOTFOUND') return 'unknown host';
  return cause?.message ?? errorMessage(error);
}

import { afterEach, describe, expect, it } from 'vitest';
import {
  CliExit,
  EXIT_CODE_BY_ERROR,
  exitCodeOf,
  portNumber,
  runCli,
  setUpProgram,
  wholeNumber,
} from '../../src/cli/index.js';
import { JobSearchError, type JobSearchErrorCode } from '../../src/errors.js';

afterEach(() => {
  // runCli sets the exit code of the process it runs in: the test runner's, here.
  process.exitCode = 0;
});

function capture() {
  let text = '';
  return { stderr: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

async function exitOf(main: () => Promise<number>, onError?: (error: unknown, code: number) => void) {
  const io = capture();
  await runCli({ name: 'jobsearch-test', main, stderr: io.stderr, ...(onError ? { onError } : {}) });
  return { code: process.exitCode, stderr: io.text() };
}

describe('exit codes', () => {
  it('maps usage and environment errors to 2, failures of the work to 1', () => {
    const usage: JobSearchErrorCode[] = [
      'INVALID_INPUT',
      'NOT_FOUND',
      'CONFLICT',
      'DB_LOCKED',
      'DB_UNAVAILABLE',
      'DB_SCHEMA',
      'IO_ERROR',
      'CANCELLED',
    ];
    for (const code of usage) expect(exitCodeOf(new JobSearchError(code, 'x')), code).toBe(2);
    const failed: JobSearchErrorCode[] = [
      'DUPLICATE_KEY',
      'DB_ERROR',
      'SOURCE_ERROR',
      'LLM_ERROR',
      'BUDGET_EXHAUSTED',
      'INTERNAL',
    ];
    for (const code of failed) expect(exitCodeOf(new JobSearchError(code, 'x')), code).toBe(1);
    expect(Object.keys(EXIT_CODE_BY_ERROR).sort()).toEqual([...usage, ...failed].sort());
    expect(exitCodeOf(new TypeError('bug'))).toBe(1);
    expect(exitCodeOf(new CliExit(2, 'bad --url'))).toBe(2);
  });
});

describe('runCli', () => {
  it('sets the exit code a command returns', async () => {
    expect(await exitOf(async () => 1)).toEqual({ code: 1, stderr: '' });
    expect(await exitOf(async () => 0)).toEqual({ code: 0, stderr: '' });
  });

  it('prints one line per error, no stack trace, and exits by the table', async () => {
    const locked = await exitOf(async () => {
      throw new JobSearchError('DB_LOCKED', 'The database is locked by another process.\nWait and try again.');
    });
    expect(locked).toEqual({
      code: 2,
      stderr: 'jobsearch-test: The database is locked by another process. Wait and try again.\n',
    });

    const bug = await exitOf(async () => {
      throw new TypeError('x is not a function');
    });
    expect(bug).toEqual({ code: 1, stderr: 'jobsearch-test: unexpected error: TypeError: x is not a function\n' });

    const missed = await exitOf(async () => {
      throw new CliExit(1, '2 target(s) missed');
    });
    expect(missed).toEqual({ code: 1, stderr: 'jobsearch-test: 2 target(s) missed\n' });
  });

  it('lets the CLI see the error first (for --json output)', async () => {
    const seen: [string, number][] = [];
    await exitOf(
      async () => {
        throw new JobSearchError('NOT_FOUND', 'No backup at x.db.');
      },
      (error, code) => seen.push([(error as JobSearchError).code, code]),
    );
    expect(seen).toEqual([['NOT_FOUND', 2]]);
  });

  it('adds nothing to what commander printed itself: help and version exit 0, usage errors 2', async () => {
    // What commander throws under exitOverride() (core does not depend on commander; the CLIs' own tests run it).
    const commanderError = (code: string, exitCode: number) =>
      Object.assign(new Error('(printed)'), { name: 'CommanderError', code, exitCode });
    const fail = (error: Error) => exitOf(async () => Promise.reject(error));
    expect(await fail(commanderError('commander.version', 0))).toEqual({ code: 0, stderr: '' });
    expect(await fail(commanderError('commander.helpDisplayed', 0))).toEqual({ code: 0, stderr: '' });
    expect(await fail(commanderError('commander.unknownOption', 1))).toEqual({ code: 2, stderr: '' });
    expect(await fail(commanderError('commander.invalidArgument', 2))).toEqual({ code: 2, stderr: '' });
    // The parsers' own error outside commander is not mistaken for one commander printed.
    const parserError = await exitOf(async () => wholeNumber(1, 9)('10'));
    expect(parserError).toEqual({
      code: 1,
      stderr: 'jobsearch-test: unexpected error: InvalidOptionValue: Expected a whole number from 1 to 9.\n',
    });
  });

  it('sets up --version and thrown parse errors on a commander-like program', () => {
    const calls: string[] = [];
    const fake = {
      version(v: string) {
        calls.push(`version ${v}`);
        return this;
      },
      exitOverride() {
        calls.push('exitOverride');
        return this;
      },
      showHelpAfterError(m: string) {
        calls.push(`help ${m}`);
        return this;
      },
    };
    expect(setUpProgram(fake, '1.2.3')).toBe(fake);
    expect(calls).toEqual(['version 1.2.3', 'exitOverride', 'help (add --help for usage)']);
  });
});

describe('wholeNumber', () => {
  it('accepts digits within the range and rejects everything else', () => {
    const parse = wholeNumber(1, 50);
    expect(parse('1')).toBe(1);
    expect(parse(' 50 ')).toBe(50);
    for (const bad of ['0', '51', '-1', '1.5', '1e1', '', 'ten', '0x10'])
      expect(() => parse(bad), bad).toThrow('Expected a whole number from 1 to 50.');
    expect(() => wholeNumber(10)('9')).toThrow('Expected a whole number of at least 10.');
    expect(() => parse('x')).toThrow(expect.objectContaining({ code: 'commander.invalidArgument', exitCode: 2 }));
    expect(portNumber('0')).toBe(0);
  });
});

import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLogger, createLogger, listLogFiles, pruneLogFiles, redactSecrets } from '../src/logger.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobsearch-logs-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function memoryLogger(level = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger({ name: 'test', level, destination });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

function localDay(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('createLogger', () => {
  it('writes one JSON object per line with name, level, ISO time and message; INFO by default', () => {
    const { logger, records } = memoryLogger();
    logger.debug('not shown');
    logger.info({ runId: 7 }, 'search started');
    const [record, ...rest] = records();
    expect(rest).toHaveLength(0);
    expect(record).toMatchObject({ name: 'test', level: 30, runId: 7, msg: 'search started' });
    expect(String(record?.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('redacts API keys, tokens, passwords and authorization headers at any depth', () => {
    const { logger, lines, records } = memoryLogger();
    logger.info(
      {
        apiKey: 'key-top-level-1',
        OPENAI_API_KEY: 'sk-proj-abcdefghijklmnopqrstuvwxyz',
        config: {
          openai: { api_key: 'key-nested-2', model: 'gpt-4o-mini' },
          webhook: { url: 'x', webhookUrl: 'https://hooks.slack.com/services/T0/B0/secret3' },
        },
        req: {
          method: 'POST',
          headers: {
            authorization: 'Bearer tok-4',
            cookie: 'sid=cookie-5',
            'x-api-key': 'key-6',
            accept: 'application/json',
          },
        },
        res: { headers: { 'set-cookie': ['a=cookie-7', 'b=cookie-8'] } },
        users: [{ name: 'ada', password: 'pw-9' }],
        accessToken: 'tok-10',
        API_TOKEN: 12345678,
        tokensIn: 812,
        promptTokens: 100,
      },
      'calling the LLM',
    );
    const line = lines[0]!;
    for (const secret of [
      'key-top-level-1',
      'sk-proj-abc',
      'key-nested-2',
      'secret3',
      'tok-4',
      'cookie-5',
      'key-6',
      'cookie-7',
      'cookie-8',
      'pw-9',
      'tok-10',
      '12345678',
    ]) {
      expect(line).not.toContain(secret);
    }
    const record = records()[0] as {
      apiKey: unknown;
      config: { openai: unknown };
      req: { headers: Record<string, unknown> };
      res: { headers: Record<string, unknown> };
      users: unknown[];
      tokensIn: unknown;
      promptTokens: unknown;
    };
    expect(record.apiKey).toBe('[redacted]');
    expect(record.config.openai).toEqual({ api_key: '[redacted]', model: 'gpt-4o-mini' });
    expect(record.req.headers).toMatchObject({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-api-key': '[redacted]',
      accept: 'application/json',
    });
    expect(record.res.headers['set-cookie']).toBe('[redacted]');
    expect(record.users[0]).toEqual({ name: 'ada', password: '[redacted]' });
    // Token counts are not secrets.
    expect(record.tokensIn).toBe(812);
    expect(record.promptTokens).toBe(100);
  });

  it('redacts secrets inside messages, errors, URLs and child bindings', () => {
    const { logger, lines } = memoryLogger();
    const child = logger.child({ auth: { token: 'child-tok-1' } });
    child.error(
      new Error('401 from https://user:hunter2@api.example.com/v1?api_key=qs-key-2&x=1 with Bearer abcdefghijkl'),
      'LLM call failed',
    );
    logger.warn('retrying with key sk-abcdefghijklmnopqrstuv');
    const text = lines.join('\n');
    for (const secret of ['child-tok-1', 'hunter2', 'qs-key-2', 'abcdefghijkl', 'sk-abcdefghijklmnopqrstuv']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('https://user:***@api.example.com/v1?api_key=[redacted]&x=1');
    expect(text).toContain('Bearer [redacted]');
  });

  it('leaves ordinary text alone', () => {
    const line =
      '{"level":30,"msg":"found 12 postings","searchTerm":"IT","url":"https://www.ostjob.ch/job/a/1?page=2","tokensOut":40,"title":"Basic German required, task-management-and-reporting"}';
    expect(redactSecrets(line)).toBe(line);
  });

  it('rotates by size into dated, numbered files and keeps at most `files` of them', async () => {
    const logDir = tempDir();
    const logger = createLogger({ name: 'monitor', logDir, rotateSize: '2k', files: 3 });
    const padding = 'x'.repeat(150);
    // Written in flushed batches, as a running service writes: pino-roll checks the size after each write to disk.
    for (let batch = 0; batch < 40; batch++) {
      for (let i = 0; i < 10; i++) logger.info({ i: batch * 10 + i, padding }, 'tick');
      await new Promise<void>((resolve, reject) => logger.flush((error) => (error ? reject(error) : resolve())));
    }
    await closeLogger(logger);

    const files = listLogFiles(logDir, 'monitor');
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.length).toBeLessThanOrEqual(3);
    for (const file of files) expect(file).toMatch(new RegExp(`^monitor\\.${localDay()}\\.\\d+\\.log$`));
    // ~80 KB at 2 KB a file: the numbers prove that more files were written than kept.
    const numbers = files.map((file) => Number(/\.(\d+)\.log$/.exec(file)![1]));
    expect(Math.max(...numbers)).toBeGreaterThan(4);
    // The newest lines survive, complete and parseable.
    const kept = files.flatMap((file) =>
      readFileSync(join(logDir, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { i: number }),
    );
    expect(kept.map((record) => record.i)).toContain(399);
  });

  it('bounds the files of a component across restarts and leaves other components alone', async () => {
    const logDir = tempDir();
    const old = new Date(Date.now() - 10 * 86_400_000);
    for (let n = 1; n <= 8; n++) {
      const file = join(logDir, `api.2026-01-0${n}.1.log`);
      writeFileSync(file, '{"msg":"old"}\n');
      utimesSync(file, old, new Date(old.getTime() + n * 1000));
    }
    writeFileSync(join(logDir, 'migrate.2026-01-01.1.log'), '{"msg":"other component"}\n');
    writeFileSync(join(logDir, 'notes.txt'), 'not a log file\n');

    const logger = createLogger({ name: 'api', logDir, files: 4 });
    // Before the first line: the three newest old files remain, room for the current one.
    expect(listLogFiles(logDir, 'api')).toEqual([
      'api.2026-01-06.1.log',
      'api.2026-01-07.1.log',
      'api.2026-01-08.1.log',
    ]);
    logger.info('started');
    await closeLogger(logger);
    const files = listLogFiles(logDir, 'api');
    expect(files).toHaveLength(4);
    expect(files.at(-1)).toMatch(new RegExp(`^api\\.${localDay()}\\.\\d+\\.log$`));
    expect(listLogFiles(logDir, 'migrate')).toEqual(['migrate.2026-01-01.1.log']);
    expect(readFileSync(join(logDir, 'notes.txt'), 'utf8')).toContain('not a log file');
  });

  it('prunes oldest first, by modification time then by number', () => {
    const logDir = tempDir();
    const at = new Date('2026-01-01T00:00:00Z');
    for (const n of [9, 10, 11]) {
      writeFileSync(join(logDir, `x.2026-01-01.${n}.log`), '');
      utimesSync(join(logDir, `x.2026-01-01.${n}.log`), at, at);
    }
    expect(pruneLogFiles(logDir, 'x', 1)).toEqual(['x.2026-01-01.9.log', 'x.2026-01-01.10.log']);
    expect(listLogFiles(logDir, 'x')).toEqual(['x.2026-01-01.11.log']);
  });

  it('rejects a file count below 2', () => {
    expect(() => createLogger({ name: 'x', logDir: tempDir(), files: 1 })).toThrow(/at least 2/);
  });
});

import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import pino, { type Logger } from 'pino';
import { JobSearchError } from './errors.js';

export type { Logger };

export interface LoggerOptions {
  /** Component name, e.g. 'api', 'migrate', 'monitor'; also the log file's name. */
  name: string;
  /** Default 'info' (production and everywhere else; LOG_LEVEL is passed in by each component's config). */
  level?: string;
  /** One directory for every component's logs; nothing is written to files without it. */
  logDir?: string;
  /** Rotation: a new file each day and whenever a file reaches this size ('20m', '512k'). */
  rotateSize?: string;
  /** At most this many files (at least 2) per component are kept in `logDir`, the current one included. */
  files?: number;
  /** Where to write when there is no log directory (default stderr, keeping stdout for command output). */
  destination?: NodeJS.WritableStream;
}

export const DEFAULT_ROTATE_SIZE = '20m';
export const DEFAULT_LOG_FILES = 14;

const CENSOR = '[redacted]';

/**
 * JSON keys whose values are secrets wherever they appear in a log line, at any depth and in any
 * letter case: API keys, tokens, passwords, authorization and cookie headers, webhook URLs (a
 * Slack webhook URL is itself a credential).
 */
const SECRET_KEY =
  '(?:x[-_]?)?api[-_]?(?:key|token)|openai[-_]?api[-_]?key|(?:(?:access|refresh|id|auth|bearer|session|csrf)[-_]?)?token|password|passwd|(?:client[-_]?)?secret|(?:proxy[-_]?)?authorization|(?:set[-_]?)?cookie|webhook[-_]?url';
const JSON_STRING = '"(?:[^"\\\\]|\\\\.)*"';
const SECRET_PROPERTY = new RegExp(
  `([{,]"(?:${SECRET_KEY})":)(?:${JSON_STRING}|-?\\d[\\d.eE+-]*|\\[\\s*(?:${JSON_STRING}\\s*,?\\s*)*\\])`,
  'gi',
);
/** Secrets that show up inside free text: error messages, URLs, stack traces. */
const SECRET_TEXT: readonly [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{6,}/g, `Bearer ${CENSOR}`],
  [/\bsk-[A-Za-z0-9_-]{16,}/g, CENSOR],
  [/(\/\/[^/\s:@"]+:)[^@/\s"]+@/g, '$1***@'],
  [/([?&](?:api[-_]?key|access[-_]?token|token|key|password|secret)=)[^&\s"#]+/gi, `$1${CENSOR}`],
];

/** Removes secrets from one serialized log line (applied to every line before it is written). */
export function redactSecrets(line: string): string {
  let out = line.replace(SECRET_PROPERTY, `$1"${CENSOR}"`);
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** The writer thread of each file logger, so that `closeLogger` can end it. */
type Transport = ReturnType<typeof pino.transport>;
const transports = new WeakMap<Logger, Transport>();

/**
 * JSON logs (pino) for every component: to a rotated file `<logDir>/<name>.<date>.<n>.log`, else
 * to stderr. Files roll daily and at `rotateSize`; at most `files` per component are kept, also
 * across restarts (short-lived CLI processes would otherwise never reach a roll that cleans up).
 */
export function createLogger(options: LoggerOptions): Logger {
  const base: pino.LoggerOptions = {
    name: options.name,
    level: options.level ?? 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: { streamWrite: redactSecrets },
  };
  if (!options.logDir) return pino(base, options.destination ?? process.stderr);
  const files = options.files ?? DEFAULT_LOG_FILES;
  if (!Number.isInteger(files) || files < 2)
    throw new JobSearchError(
      'INVALID_INPUT',
      `The number of log files to keep must be a whole number of at least 2, got ${files}.`,
    );
  mkdirSync(options.logDir, { recursive: true });
  // Leave room for the file this process opens (or appends to).
  pruneLogFiles(options.logDir, options.name, files - 1);
  const transport = pino.transport({
    target: 'pino-roll',
    options: {
      file: join(options.logDir, options.name),
      extension: '.log',
      frequency: 'daily',
      dateFormat: 'yyyy-MM-dd',
      size: options.rotateSize ?? DEFAULT_ROTATE_SIZE,
      // pino-roll lists the folder while the new file may still be opening, so it can keep one more.
      limit: { count: files - 1, removeOtherLogFiles: true },
      mkdir: true,
    },
  });
  const logger = pino(base, transport);
  transports.set(logger, transport);
  return logger;
}

/** The rotated files of one component in `logDir`, oldest first. */
export function listLogFiles(logDir: string, name: string): string[] {
  const pattern = new RegExp(
    `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:\\d{4}-\\d{2}-\\d{2}\\.)?\\d+\\.log$`,
  );
  let entries: string[];
  try {
    entries = readdirSync(logDir).filter((file) => pattern.test(file));
  } catch {
    return [];
  }
  return entries
    .map((file) => ({ file, key: sortKey(file), mtime: statSync(join(logDir, file)).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime || a.key.localeCompare(b.key))
    .map(({ file }) => file);
}

/** Deletes the oldest files of a component so that at most `keep` remain. */
export function pruneLogFiles(logDir: string, name: string, keep: number): string[] {
  const files = listLogFiles(logDir, name);
  const removed = files.slice(0, Math.max(0, files.length - keep));
  for (const file of removed) {
    try {
      unlinkSync(join(logDir, file));
    } catch {
      // Another process of the same component may have removed it first.
    }
  }
  return removed;
}

/** `api.2026-01-02.10.log` sorts after `api.2026-01-02.9.log`. */
function sortKey(file: string): string {
  return file.replace(/\.(\d+)\.log$/, (_, n: string) => `.${n.padStart(10, '0')}.log`);
}

/**
 * Flushes and, for a file logger, ends its writer thread; resolves once every line is on disk.
 * CLIs call it before they exit.
 */
export async function closeLogger(logger: Logger): Promise<void> {
  const transport = transports.get(logger);
  if (!transport) {
    logger.flush();
    return;
  }
  transports.delete(logger);
  const closed = once(transport, 'close');
  // pino unrefs the writer thread (also when it becomes ready after end()): without a hold, a
  // short-lived CLI's event loop empties before 'close' arrives and the process exits with this
  // await, and the exit code its caller was about to set, unsettled. end() gives up after 10 s.
  const hold = setInterval(() => undefined, 60_000);
  try {
    transport.end();
    await closed;
  } finally {
    clearInterval(hold);
  }
}

/** A logger that discards everything, for libraries called without one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** Component name, e.g. 'api', 'migrate', 'monitor'; also the log file's name. */
  name: string;
  level?: string;
  /** One directory for every component's logs; nothing is written to files without it. */
  logDir?: string;
  /** Rotation: a new file per day or when this size is reached; older files beyond `files` are removed. */
  rotateSize?: string;
  files?: number;
  /** Where to write when there is no log directory (default stderr, keeping stdout for command output). */
  destination?: NodeJS.WritableStream;
}

/** Never logged: keys that carry secrets, wherever they appear. */
export const REDACT_PATHS = [
  'apiKey', '*.apiKey', 'token', '*.token', 'password', '*.password', 'authorization', '*.authorization',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'OPENAI_API_KEY', '*.OPENAI_API_KEY', 'API_TOKEN', '*.API_TOKEN',
];

/** JSON logs (pino) for every component: to a rotated file in `logDir`, else to stderr. */
export function createLogger(options: LoggerOptions): Logger {
  const base = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (!options.logDir) return pino(base, options.destination ?? process.stderr);
  mkdirSync(options.logDir, { recursive: true });
  const transport = pino.transport({
    target: 'pino-roll',
    options: {
      file: join(options.logDir, options.name),
      extension: '.log',
      frequency: 'daily',
      size: options.rotateSize ?? '20m',
      limit: { count: options.files ?? 14 },
      mkdir: true,
    },
  });
  return pino(base, transport);
}

/** A logger that discards everything, for libraries called without one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@jobsearchai/core';

export interface MemoryLogger {
  logger: Logger;
  records(): Record<string, unknown>[];
  messages(): string[];
}

/** core's logger writing JSON lines into memory, so tests can read what an operator would see. */
export function memoryLogger(level = 'debug'): MemoryLogger {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger({ name: 'monitor', level, destination });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, records, messages: () => records().map((r) => String(r.msg)) };
}

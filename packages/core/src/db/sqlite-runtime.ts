import { createRequire } from 'node:module';

/**
 * better-sqlite3 up to 12.x wraps its objects in Node's `ObjectWrap`, whose destructor on Node 24
 * asserts a current environment that V8's garbage collector does not provide: the process aborts
 * (`Assertion failed: (env) != nullptr` in `Statement::~Statement`) at a random GC, not only at
 * exit. 13.x fixes it but needs Node 22, and 12.x is the last major that runs on Node 20.
 * Returns why SQLite cannot be used on this runtime, or null when it can.
 */
export function sqliteRuntimeProblem(nodeVersion: string, driverVersion: string): string | null {
  const nodeMajor = Number(/^v?(\d+)/.exec(nodeVersion)?.[1]);
  const driverMajor = Number(/^(\d+)/.exec(driverVersion)?.[1]);
  if (!(nodeMajor >= 24) || !(driverMajor <= 12)) return null;
  return (
    `SQLite cannot be used on Node.js ${nodeVersion} with better-sqlite3 ${driverVersion}: its statements abort the process ` +
    'during garbage collection ("Assertion failed: (env) != nullptr", fixed in better-sqlite3 13, which needs Node.js 22 or newer). ' +
    'Run JobSearchAI on Node.js 20 or 22, or use PostgreSQL (DATABASE_URL=postgresql://…).'
  );
}

/** The installed better-sqlite3's version (the one Prisma's adapter loads: the workspace pins one). */
export function betterSqliteVersion(): string {
  return (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version;
}

import { describe, expect, it } from 'vitest';
import { betterSqliteVersion, sqliteRuntimeProblem } from '../../src/db/sqlite-runtime.js';

describe('sqliteRuntimeProblem', () => {
  it('refuses better-sqlite3 12 on Node 24 and later, saying what to run instead', () => {
    const problem = sqliteRuntimeProblem('v24.21.0', '12.11.1');
    expect(problem).toMatch(/SQLite cannot be used on Node\.js v24\.21\.0 with better-sqlite3 12\.11\.1/);
    expect(problem).toMatch(/Run JobSearchAI on Node\.js 20 or 22, or use PostgreSQL/);
    expect(sqliteRuntimeProblem('v25.1.0', '11.10.0')).not.toBeNull();
  });

  it('accepts Node 20 and 22 with better-sqlite3 12, and any Node with 13', () => {
    expect(sqliteRuntimeProblem('v20.19.0', '12.11.1')).toBeNull();
    expect(sqliteRuntimeProblem('v22.23.3', '12.11.1')).toBeNull();
    expect(sqliteRuntimeProblem('v24.21.0', '13.2.0')).toBeNull();
  });

  it('reads the installed driver version', () => {
    expect(betterSqliteVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

import type Database from 'better-sqlite3';
import { mapDriverError } from './map-driver-error.js';
import type { SqlDriver, SqlValue } from './sql-driver.js';

type Statement = Database.Statement<unknown[], unknown>;

/**
 * better-sqlite3 is synchronous and there is one connection per store. A transaction therefore
 * owns the whole connection: while one is open, every statement from outside it waits on this
 * mutex, so no unrelated write can slip into (and be rolled back with) it.
 */
export class AsyncMutex {
  #tail: Promise<void> = Promise.resolve();
  #held = false;

  get held(): boolean {
    return this.#held;
  }

  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#held = true;
    try {
      return await fn();
    } finally {
      this.#held = false;
      release();
    }
  }
}

interface Shared {
  mutex: AsyncMutex;
  statements: Map<string, Statement>;
}

export class SqliteDriver implements SqlDriver {
  readonly provider = 'sqlite' as const;
  readonly inTransaction: boolean;
  readonly #db: Database.Database;
  readonly #shared: Shared;

  constructor(db: Database.Database, shared?: Shared) {
    this.#db = db;
    this.#shared = shared ?? { mutex: new AsyncMutex(), statements: new Map() };
    this.inTransaction = shared !== undefined;
  }

  get database(): Database.Database {
    return this.#db;
  }

  /** Cached prepared statement: the store runs the same few hundred statements over and over. */
  prepare(sql: string): Statement {
    let stmt = this.#shared.statements.get(sql);
    if (!stmt) {
      stmt = this.#db.prepare(sql);
      this.#shared.statements.set(sql, stmt);
    }
    return stmt;
  }

  #guarded<T>(work: () => T): Promise<T> {
    if (!this.inTransaction && this.#shared.mutex.held) return this.#shared.mutex.run(() => this.#now(work));
    try {
      return Promise.resolve(this.#now(work));
    } catch (error) {
      // Callers always get a rejected promise, never a synchronous throw.
      return Promise.reject(error);
    }
  }

  #now<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw mapDriverError(error);
    }
  }

  query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#guarded(() => this.prepare(sql).all(...params.map(toSqlite)) as T[]);
  }

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.#guarded(() => this.prepare(sql).run(...params.map(toSqlite)).changes);
  }

  script(sql: string): Promise<void> {
    return this.#guarded(() => {
      this.#db.exec(sql);
    });
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.#shared.mutex.run(async () => {
      this.#now(() => this.prepare('BEGIN IMMEDIATE').run());
      try {
        const result = await fn(new SqliteDriver(this.#db, this.#shared));
        this.#now(() => this.prepare('COMMIT').run());
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
        throw error;
      }
    });
  }
}

function toSqlite(value: SqlValue): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

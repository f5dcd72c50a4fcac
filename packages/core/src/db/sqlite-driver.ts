import type Database from 'better-sqlite3';
import { mapDriverError } from './map-driver-error.js';
import { QueryObservers } from './query-observers.js';
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
  observers: QueryObservers;
}

export class SqliteDriver implements SqlDriver {
  readonly provider = 'sqlite' as const;
  readonly inTransaction: boolean;
  readonly #db: Database.Database;
  readonly #shared: Shared;

  constructor(db: Database.Database, shared?: Shared) {
    this.#db = db;
    this.#shared = shared ?? { mutex: new AsyncMutex(), statements: new Map(), observers: new QueryObservers() };
    this.inTransaction = shared !== undefined;
  }

  get observers(): QueryObservers {
    return this.#shared.observers;
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

  /**
   * Times `work` (synchronous: the statement itself, busy waits included) when anyone observes;
   * also used by the store's bulk writes that run prepared statements directly.
   */
  observed<T>(sql: string, work: () => T): T {
    const observers = this.#shared.observers;
    if (observers.size === 0) return work();
    const started = performance.now();
    let failed = true;
    try {
      const result = work();
      failed = false;
      return result;
    } finally {
      observers.notify(sql, (performance.now() - started) / 1000, failed);
    }
  }

  query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#guarded(() => this.observed(sql, () => this.prepare(sql).all(...params.map(toSqlite)) as T[]));
  }

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.#guarded(() => this.observed(sql, () => this.prepare(sql).run(...params.map(toSqlite)).changes));
  }

  /**
   * One statement with a shorter (or longer) busy timeout than the connection's, restored at
   * once: the driver is synchronous, so no other statement runs in between.
   */
  executeWithBusyTimeout(busyTimeoutMs: number, sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.#guarded(() => {
      const previous = Number(this.#db.pragma('busy_timeout', { simple: true }));
      this.#db.pragma(`busy_timeout = ${Math.max(0, Math.round(busyTimeoutMs))}`);
      try {
        return this.observed(sql, () => this.prepare(sql).run(...params.map(toSqlite)).changes);
      } finally {
        this.#db.pragma(`busy_timeout = ${previous}`);
      }
    });
  }

  script(sql: string): Promise<void> {
    return this.#guarded(() =>
      this.observed('script', () => {
        this.#db.exec(sql);
      }),
    );
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.#shared.mutex.run(async () => {
      this.#now(() => this.observed('BEGIN IMMEDIATE', () => this.prepare('BEGIN IMMEDIATE').run()));
      try {
        const result = await fn(new SqliteDriver(this.#db, this.#shared));
        this.#now(() => this.observed('COMMIT', () => this.prepare('COMMIT').run()));
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

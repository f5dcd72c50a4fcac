/**
 * An optional hook on every statement a store runs: what the API's
 * `jobsearch_db_query_duration_seconds` histogram is made of. Core only measures; the observer
 * (the metrics library) decides what to do with it, so core needs no metrics dependency.
 */
export interface QueryObservation {
  /** Low-cardinality name of the statement: `select_job_matches`, `insert_app_events`, `begin`, … (`statementOperation`). */
  operation: string;
  seconds: number;
  /** The statement threw (a locked database, a constraint); its time still counts. */
  failed: boolean;
}

export type QueryObserver = (observation: QueryObservation) => void;

/** The observers of one connection (pool), shared by the drivers of its transactions. */
export class QueryObservers {
  readonly #observers = new Set<QueryObserver>();

  get size(): number {
    return this.#observers.size;
  }

  /** Returns the function that removes it. */
  add(observer: QueryObserver): () => void {
    this.#observers.add(observer);
    return () => void this.#observers.delete(observer);
  }

  notify(sql: string, seconds: number, failed: boolean): void {
    const observation: QueryObservation = { operation: statementOperation(sql), seconds, failed };
    for (const observer of this.#observers) {
      try {
        observer(observation);
      } catch {
        // A broken observer must never fail the statement it watched.
      }
    }
  }
}

const OPERATIONS = new Map<string, string>();
// The store runs a few hundred distinct statements; more means SQL built at runtime: stop caching.
const MAX_CACHED = 2000;
const TABLE_AFTER: Record<string, RegExp> = {
  select: /\bFROM\s+"?([A-Za-z_][A-Za-z0-9_]*)/i,
  with: /\bFROM\s+"?([A-Za-z_][A-Za-z0-9_]*)/i,
  delete: /\bFROM\s+"?([A-Za-z_][A-Za-z0-9_]*)/i,
  insert: /\bINTO\s+"?([A-Za-z_][A-Za-z0-9_]*)/i,
  update: /^\s*UPDATE\s+"?([A-Za-z_][A-Za-z0-9_]*)/i,
};

/**
 * The statement's verb and its first table (`select_job_matches`, `update_search_runs`), or the
 * verb alone (`begin`, `commit`, `pragma`): table names are a closed set, so the label never
 * carries values from the data. `with` queries are named `select_` after their first table.
 */
export function statementOperation(sql: string): string {
  let operation = OPERATIONS.get(sql);
  if (operation !== undefined) return operation;
  const verb = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toLowerCase();
  if (!verb) operation = 'other';
  else {
    const table = TABLE_AFTER[verb]?.exec(sql)?.[1]?.toLowerCase();
    operation = (table ? `${verb === 'with' ? 'select' : verb}_${table}` : verb).slice(0, 48);
  }
  if (OPERATIONS.size < MAX_CACHED) OPERATIONS.set(sql, operation);
  return operation;
}

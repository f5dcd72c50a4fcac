/**
 * Internal, not a stable API: the statements and row encoding core's store runs, for the
 * benchmarks' raw baselines, which must time exactly what the store executes without the store
 * around it. Anything here may change in any release; applications use `./store`.
 */
export { MATCH_LIST_COLUMNS, MATCH_WRITE_COLUMNS, matchValues } from './store/match-columns.js';
export { newPostingsSql } from './store/matches-read.js';
export { matchInsertSql } from './store/matches-write.js';
export { deleteMatchesSql, UNDO_DELETE_CHUNK } from './store/import-undo.js';

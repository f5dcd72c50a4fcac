// `@jobsearchai/core/legacy-import`: reading the legacy installation's JSON files and importing them.
export * from './import/index.js';
export * from './legacy/index.js';

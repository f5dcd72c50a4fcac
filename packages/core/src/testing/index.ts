export * from './test-databases.js';
export * from './llm-stub-server.js';
export * from './sql-for-tests.js';
export * from './cli-bin.js';
export * from './legacy-database.js';
export * from './webhook-receiver.js';

export * from './test-databases.js';
export * from './llm-stub-server.js';

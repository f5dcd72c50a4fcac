// `@jobsearchai/core`: what every package needs and nothing heavy (errors, config, logger, cv_key,
// URL normalisation, the store's types). The rest is loaded by purpose through sub-paths:
// /store, /legacy-import, /backup, /sources, /demo-board, /matchers, /pipeline, /cv, /cli, /testing.
export * from './applications.js';
export * from './config.js';
export * from './cv/cv-key.js';
export * from './db/database-url.js';
export * from './defaults.js';
export type { Provider } from './db/sql-driver.js';
export * from './errors.js';
// The one webhook POST, shared by monitoring's alerts and the match alerts (no dependencies).
export { postWebhook, type WebhookPost } from './alerts/webhook.js';
export * from './logger.js';
export * from './matchers/model-table.js';
export type * from './store/types.js';
export type * from './store/application-types.js';
export * from './time.js';
export * from './url/index.js';

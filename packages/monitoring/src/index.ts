// Metrics library: used by the API (HTTP, DB errors), the pipeline (run progress) and the migration.
export {
  createMetrics,
  metricsText,
  METRICS_CONTENT_TYPE,
  MIGRATION_OUTCOMES,
  type CreateMetricsOptions,
  type DbErrorKind,
  type JobSearchMetrics,
  type MetricHandles,
  type MigrationOutcome,
} from './metrics/create-metrics.js';
export { httpMethodLabel, routeLabel, statusLabel, modelLabel } from './metrics/labels.js';

// The monitoring agent, for embedding and tests; the CLI is `jobsearch-monitor`.
export { monitor, type MonitorOptions, type MonitorResult } from './commands/monitor.js';
export { MonitorAgent, type MonitorAgentOptions, type TickResult } from './agent/monitor-agent.js';
export { createAgentMetrics, type AgentMetrics } from './agent/agent-metrics.js';
export { startMetricsServer, type MetricsServer, type MetricsServerOptions } from './agent/metrics-server.js';
export {
  collectSnapshot,
  type CollectInput,
  type CollectOutput,
  type CollectedSnapshot,
} from './collect/collect-snapshot.js';
export type * from './collect/types.js';
export { evaluateRules, type RuleResult, type Severity } from './alerts/rules.js';
export { trackAlerts, type AlertNotification, type AlertState, type NotificationKind } from './alerts/alert-tracker.js';
export { alertText } from './alerts/notifier.js';
export {
  ZMonitoringConfig,
  loadMonitoringConfig,
  parseMonitoringConfig,
  type MonitoringConfig,
  type RuleName,
  type RulesConfig,
} from './config/monitoring-config.js';
export {
  resolveMonitorSettings,
  type MonitorFlags,
  type MonitorSettings,
} from './config/monitor-settings.js';
export { databaseIdentity, stateFileName, stateHome } from './config/state-location.js';

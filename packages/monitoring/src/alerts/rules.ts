import type { MonitoringConfig, RuleName } from '../config/monitoring-config.js';
import type { HealthSnapshot } from '../collect/types.js';

export type Severity = 'warning' | 'critical';

/**
 * One rule's verdict for one tick. `unknown` (its data could not be collected) leaves an alert as
 * it was; a minimum-traffic guard yields `ok`, so rate rules stay quiet at low volume.
 */
export interface RuleResult {
  /** The alert's identity: the rule, plus the disk role for diskFree. */
  key: string;
  rule: RuleName;
  severity: Severity;
  state: 'firing' | 'ok' | 'unknown';
  message: string;
}

const MIB = 1024 * 1024;

export function evaluateRules(
  snapshot: Omit<HealthSnapshot, 'alerts' | 'status'>,
  config: MonitoringConfig,
): RuleResult[] {
  const rules = config.rules;
  const results: RuleResult[] = [];
  const add = (rule: RuleName, state: RuleResult['state'], message: string, key: string = rule) => {
    if (rules[rule].enabled) results.push({ key, rule, severity: rules[rule].severity, state, message });
  };
  const unknown = (rule: RuleName, what: string) => add(rule, 'unknown', `${what} could not be collected`);

  const { size, probe, errors, dedup, evaluations, llm, backup, connections } = snapshot;

  if (!size) unknown('databaseSize', 'The database size');
  else {
    const limit = rules.databaseSize.maxMb;
    const mb = size.bytes / MIB;
    const growth = size.growthBytesPerDay === null ? '' : `, ${signed(size.growthBytesPerDay / MIB)} MB/day`;
    add('databaseSize', mb > limit ? 'firing' : 'ok', `Database size ${fmt(mb)} MB (limit ${fmt(limit)} MB${growth})`);
  }

  if (!probe) unknown('slowQuery', 'The query latency probe');
  else {
    const limit = rules.slowQuery.p95Ms;
    const worst = Math.max(probe.dedupLookupP95Ms, probe.listQueryP95Ms);
    add(
      'slowQuery',
      worst > limit ? 'firing' : 'ok',
      `Query latency p95: dedup lookup ${fmt(probe.dedupLookupP95Ms)} ms, list query ${fmt(probe.listQueryP95Ms)} ms (limit ${fmt(limit)} ms)`,
    );
  }

  if (!errors) {
    unknown('errorsPerHour', 'The error counts');
    unknown('dbLocked', 'The error counts');
    unknown('errorRate', 'The error counts');
  } else {
    const locked = errors.byKind.db_locked ?? 0;
    add(
      'dbLocked',
      locked > rules.dbLocked.max ? 'firing' : 'ok',
      `${locked} database-locked errors in the last hour (limit ${rules.dbLocked.max}): another process kept a write open`,
    );
    const limit = rules.errorsPerHour.max;
    add(
      'errorsPerHour',
      errors.total > limit ? 'firing' : 'ok',
      `${errors.total} errors in the last hour${describeKinds(errors.byKind)} (limit ${limit})`,
    );
    const rate = rules.errorRate;
    if (errors.operations < rate.minOperations) {
      add(
        'errorRate',
        'ok',
        `Error rate not judged: ${errors.operations} operations in the last hour (minimum ${rate.minOperations})`,
      );
    } else {
      const pct = errors.errorPercent ?? 0;
      add(
        'errorRate',
        pct > rate.maxPercent ? 'firing' : 'ok',
        `Error rate ${fmt(pct)} % (${errors.total} errors in ${errors.operations} LLM calls and page fetches in the last hour; limit ${fmt(rate.maxPercent)} %)`,
      );
    }
  }

  if (!dedup) unknown('dedupReduction', 'The run ledger');
  else {
    const rule = rules.dedupReduction;
    if (dedup.repeatRunPostings < rule.minPostings || dedup.repeatReductionPercent === null) {
      add(
        'dedupReduction',
        'ok',
        `Dedup reduction not judged: ${dedup.repeatRunPostings} postings on ${dedup.repeatRuns} repeat runs (minimum ${rule.minPostings})`,
      );
    } else {
      const pct = dedup.repeatReductionPercent;
      add(
        'dedupReduction',
        pct < rule.minPercent ? 'firing' : 'ok',
        `Dedup reduction on ${dedup.repeatRuns} repeat runs: ${fmt(pct)} % of LLM calls saved in ${dedup.windowHours} h (minimum ${fmt(rule.minPercent)} %)`,
      );
    }
  }

  if (!evaluations) unknown('noEvaluation', 'The last evaluation time');
  else {
    const hours = rules.noEvaluation.hours;
    const stale = evaluations.hoursSinceLastSuccess === null || evaluations.hoursSinceLastSuccess > hours;
    const last = evaluations.lastSuccessAt === null ? 'never' : `${fmt(evaluations.hoursSinceLastSuccess ?? 0)} h ago`;
    const firing = stale && evaluations.runsExpectingEvaluations > 0;
    add(
      'noEvaluation',
      firing ? 'firing' : 'ok',
      `Last successful evaluation: ${last}; ${evaluations.runsExpectingEvaluations} of ${evaluations.runsInWindow} runs in ${fmt(hours)} h had postings to evaluate or failed`,
    );
  }

  const deliveries = snapshot.alertDeliveries;
  if (!deliveries) unknown('alertDeliveries', 'The match alert outbox');
  else {
    const rule = rules.alertDeliveries;
    const waiting = deliveries.pending + deliveries.sending + deliveries.retrying;
    const overdue = deliveries.oldestDueMinutes ?? 0;
    const firing =
      deliveries.failedInWindow > rule.maxFailed || waiting > rule.maxWaiting || overdue > rule.maxDueMinutes;
    add(
      'alertDeliveries',
      firing ? 'firing' : 'ok',
      `Match alerts: ${deliveries.failedInWindow} given up in ${fmt(deliveries.windowHours)} h (limit ${rule.maxFailed}), ${deliveries.retrying} retrying, ${waiting} waiting (limit ${rule.maxWaiting}), oldest due ${deliveries.oldestDueMinutes === null ? 'none' : `${fmt(overdue)} min ago`} (limit ${fmt(rule.maxDueMinutes)} min)`,
    );
  }

  if (!llm) unknown('llmErrorRatio', 'The LLM usage');
  else {
    const rule = rules.llmErrorRatio;
    if (llm.ratioCalls < rule.minCalls) {
      add(
        'llmErrorRatio',
        'ok',
        `LLM error ratio not judged: ${llm.ratioCalls} calls in ${fmt(llm.ratioWindowHours)} h (minimum ${rule.minCalls})`,
      );
    } else {
      const pct = llm.errorPercent ?? 0;
      add(
        'llmErrorRatio',
        pct > rule.maxPercent ? 'firing' : 'ok',
        `LLM error ratio ${fmt(pct)} % (${llm.ratioFailed} of ${llm.ratioCalls} calls in ${fmt(llm.ratioWindowHours)} h failed; limit ${fmt(rule.maxPercent)} %)`,
      );
    }
  }

  for (const disk of snapshot.disks) {
    const limit = rules.diskFree.minPercent;
    add(
      'diskFree',
      disk.freePercent < limit ? 'firing' : 'ok',
      `Disk free at the ${disk.role} path ${disk.path}: ${fmt(disk.freePercent)} % (${fmt(disk.freeBytes / MIB / 1024)} GB; minimum ${fmt(limit)} %)`,
      `diskFree:${disk.role}`,
    );
  }

  if (!backup) unknown('backupAge', 'The backup folder');
  else {
    const limit = rules.backupAge.maxHours;
    const age = backup.databaseAgeHours;
    // A fresh install has had no time for its first backup yet; it is due once the database is `limit` hours old.
    if (backup.hoursSinceLastBackup === null && age !== null && age <= limit)
      add(
        'backupAge',
        'ok',
        `No backup yet in ${backup.dir}; the database is ${fmt(age)} h old, its first backup is due within ${fmt(limit - age)} h (limit ${fmt(limit)} h)`,
      );
    else if (backup.hoursSinceLastBackup === null)
      add(
        'backupAge',
        'firing',
        `No backup found in ${backup.dir} (expected one at least every ${fmt(limit)} h${age === null ? '' : `; the database is ${fmt(age)} h old`})`,
      );
    else
      add(
        'backupAge',
        backup.hoursSinceLastBackup > limit ? 'firing' : 'ok',
        `Last backup ${backup.latestFile} ${fmt(backup.hoursSinceLastBackup)} h ago (limit ${fmt(limit)} h)`,
      );
  }

  // No model section: the offline matcher, which no provider can retire.
  const { model } = snapshot;
  if (model) {
    const retiring = model.state === 'retiring' || model.state === 'retired';
    const instead = model.replacement ? `; switch OPENAI_MODEL to ${model.replacement}` : '';
    add(
      'modelShutdown',
      retiring ? 'firing' : 'ok',
      retiring
        ? model.state === 'retired'
          ? `Model ${model.id} was shut down on ${model.shutdown}: searches fail${instead}`
          : `Model ${model.id} shuts down on ${model.shutdown} (in ${model.daysLeft} days)${instead}`
        : model.state === 'unknown'
          ? `Model ${model.id} is not in the model table: no shutdown known, its cost unpriced`
          : `Model ${model.id}: no shutdown announced within ${rules.modelShutdown.withinDays} days`,
    );
  }

  if (snapshot.database.provider === 'postgresql') {
    if (!connections) unknown('connections', 'The connection counts');
    else {
      const limit = rules.connections.maxPercent;
      add(
        'connections',
        connections.usedPercent > limit ? 'firing' : 'ok',
        `PostgreSQL connections: ${connections.server} of ${connections.max} (${fmt(connections.usedPercent)} %; this database ${connections.database}, ${connections.active} active; limit ${fmt(limit)} %)`,
      );
    }
  }

  const problems = [
    ...(snapshot.database.reachable ? [] : [`database unreachable: ${snapshot.database.error ?? 'unknown error'}`]),
    ...snapshot.collectorErrors.filter((e) => e.collector !== 'database').map((e) => `${e.collector}: ${e.message}`),
  ];
  add(
    'collection',
    problems.length > 0 ? 'firing' : 'ok',
    problems.length > 0 ? `Monitoring cannot collect: ${problems.join('; ')}` : 'All collectors succeeded',
  );
  return results;
}

function describeKinds(byKind: Record<string, number>): string {
  const parts = Object.entries(byKind)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${n}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) >= 10 ? 1 : 2);
}

function signed(n: number): string {
  return `${n >= 0 ? '+' : ''}${fmt(n)}`;
}

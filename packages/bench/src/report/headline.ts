import type { DedupResult } from '../dedup/dedup-types.js';
import type { MigrateBenchResult } from '../migrate/migrate-types.js';
import type { QueryResult } from '../query/query-types.js';
import type { SoakResult } from '../soak/soak-types.js';
import type { CostSavings } from './cost-savings.js';
import type { Headline } from './compare.js';
import type { Skipped } from './results-types.js';
import { rowsLabel } from './targets.js';

/** The figures compared from one results file to the next, keyed so that runs line up. */
export function headlineOf(parts: {
  dedup: DedupResult;
  query: QueryResult;
  migrate: MigrateBenchResult | Skipped;
  soak: SoakResult | Skipped;
  costSavings: CostSavings | null;
}): Headline {
  const h: Headline = {};
  for (const s of parts.dedup.scenarios) {
    h[`dedup.${s.name}.llmCallsReduction`] = {
      label: `${s.name}: LLM calls saved`,
      value: s.reductions.llmCalls,
      unit: '%',
      better: 'higher',
    };
    h[`dedup.${s.name}.pagesReduction`] = {
      label: `${s.name}: pages saved`,
      value: s.reductions.pages,
      unit: '%',
      better: 'higher',
    };
    h[`dedup.${s.name}.pipelineWallMs`] = {
      label: `${s.name}: pipeline run 2 wall time`,
      value: s.pipeline.run2.wallMs,
      unit: 'ms',
      better: 'lower',
    };
  }
  for (const size of parts.query.sqlite) {
    const n = rowsLabel(size.rows);
    const ops = size.operations;
    h[`query.sqlite.${size.rows}.lookup.p95`] = {
      label: `SQLite ${n}: lookup p95`,
      value: ops.lookup.store.p95Us,
      unit: 'µs',
      better: 'lower',
    };
    h[`query.sqlite.${size.rows}.pageCheck.p95`] = {
      label: `SQLite ${n}: 10-URL check p95`,
      value: ops.pageCheck.store.p95Us,
      unit: 'µs',
      better: 'lower',
    };
    h[`query.sqlite.${size.rows}.list.p95`] = {
      label: `SQLite ${n}: list p95`,
      value: ops.list.store.p95Us,
      unit: 'µs',
      better: 'lower',
    };
    h[`query.sqlite.${size.rows}.listLocation.p95`] = {
      label: `SQLite ${n}: list + location p95`,
      value: ops.listLocation.store.p95Us,
      unit: 'µs',
      better: 'lower',
    };
    h[`query.sqlite.${size.rows}.listByDate.p50`] = {
      label: `SQLite ${n}: list by date p50`,
      value: size.dateSorts.listByDate.p50Us,
      unit: 'µs',
      better: 'lower',
    };
    h[`query.sqlite.${size.rows}.listByDateAllCvs.p50`] = {
      label: `SQLite ${n}: list by date, all CVs, p50`,
      value: size.dateSorts.listByDateAllCvs.p50Us,
      unit: 'µs',
      better: 'lower',
    };
    h[`query.sqlite.${size.rows}.bulkInsert`] = {
      label: `SQLite ${n}: bulk insert`,
      value: size.seeding.recordsPerSecond,
      unit: 'rec/s',
      better: 'higher',
    };
    h[`query.sqlite.${size.rows}.bytesPerRow`] = {
      label: `SQLite ${n}: bytes per row`,
      value: size.bytesPerRow,
      unit: 'B',
      better: 'lower',
    };
  }
  const pg = parts.query.postgres;
  if (pg && !('skipped' in pg)) {
    const n = rowsLabel(pg.rows);
    h[`query.postgres.${pg.rows}.pageCheck.p95`] = {
      label: `PostgreSQL ${n}: 10-URL check p95`,
      value: pg.operations.pageCheck.p95Us,
      unit: 'µs',
      better: 'lower',
    };
    h[`query.postgres.${pg.rows}.list.p95`] = {
      label: `PostgreSQL ${n}: list p95`,
      value: pg.operations.list.p95Us,
      unit: 'µs',
      better: 'lower',
    };
    h[`query.postgres.${pg.rows}.bulkInsert`] = {
      label: `PostgreSQL ${n}: bulk insert`,
      value: pg.seeding.recordsPerSecond,
      unit: 'rec/s',
      better: 'higher',
    };
  }
  const migrate = parts.migrate;
  if (!('skipped' in migrate)) {
    if (!('skipped' in migrate.cli))
      h['migrate.cli'] = {
        label: 'Migration end to end (CLI)',
        value: migrate.cli.recordsPerSecond,
        unit: 'rec/s',
        better: 'higher',
      };
    h['migrate.core'] = {
      label: 'Migration, core import path',
      value: migrate.core.recordsPerSecond,
      unit: 'rec/s',
      better: 'higher',
    };
    h['migrate.raw'] = {
      label: 'Migration, raw better-sqlite3 loop',
      value: migrate.raw.recordsPerSecond,
      unit: 'rec/s',
      better: 'higher',
    };
  }
  const soak = parts.soak;
  if (!('skipped' in soak)) {
    h['soak.rps'] = {
      label: 'API under load: throughput',
      value: soak.throughput.requestsPerSecond,
      unit: 'req/s',
      better: 'higher',
    };
    h['soak.p99'] = { label: 'API under load: p99', value: soak.latencyMs.p99, unit: 'ms', better: 'lower' };
    h['soak.rssGrowth'] = {
      label: 'API under load: RSS growth',
      value: soak.rssMb.growth,
      unit: 'MB',
      better: 'lower',
    };
  }
  const model = parts.costSavings?.byModel[0];
  if (model)
    h['cost.savedPerMonth'] = {
      label: `Cost saved per month (${model.model})`,
      value: model.savedPerMonthUsd,
      unit: 'USD',
      better: 'higher',
    };
  return h;
}

import { basename } from 'node:path';
import type { PairedLatency } from '../query/query-types.js';
import type { LatencySummary } from '../stats/percentiles.js';
import type { BenchResults } from './results-types.js';
import { formatUs, rowsLabel } from './targets.js';

const VERDICT = { true: '✅ pass', false: '❌ fail', null: '— not measured' } as const;

/** The human summary of a results file: targets first, then each benchmark's figures. */
export function resultsMarkdown(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `# JobSearchAI benchmarks — ${r.startedAt.slice(0, 10)} (${r.mode})`,
    '',
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node} (${m.arch})`,
    `- Load average at start / end: ${m.loadAverageAtStart.join(' ')} / ${m.loadAverageAtEnd.join(' ')}`,
    `- Commit: ${r.git.commit ?? 'unknown'}${r.git.dirty ? ' (with uncommitted changes)' : ''}`,
    `- Command: \`${r.command}\``,
    `- Duration: ${(r.durationMs / 1000).toFixed(0)} s`,
    '',
    '## Targets',
    '',
    table(
      ['Target', 'Threshold', 'Measured', 'Result', 'Notes'],
      r.targets.map((t) => [
        t.label + (t.seed ? ' (seed)' : ''),
        t.target,
        t.measured ?? '—',
        VERDICT[String(t.pass) as 'true' | 'false' | 'null'],
        t.note ?? '',
      ]),
    ),
    '',
    r.mode === 'quick'
      ? 'A quick run gates on the seed targets only; throughput and size targets are figures of a full run on a quiet machine and are reported here for information.'
      : 'Seed targets hold on any machine; the others are measured at full size.',
    '',
  );
  dedupSection(r, out);
  costSection(r, out);
  querySection(r, out);
  migrateSection(r, out);
  soakSection(r, out);
  comparisonSection(r, out);
  return `${out.join('\n')}\n`;
}

function dedupSection(r: BenchResults, out: string[]): void {
  const c = r.dedup.config;
  out.push(
    '## Deduplication: legacy baseline vs pipeline',
    '',
    `Demo board and LLM stub through the openai SDK (${c.model}); max ${c.pages} pages × ${c.postingsPerPage} postings; ` +
      `${c.concurrency} evaluations at a time in both arms; stub latency ${c.llmLatencyMs} ms per call; ` +
      `the pipeline's evaluations at the ${c.serviceTier} tier. ` +
      'The baseline reproduces the legacy behaviour: no dedup, every page up to max pages, every posting evaluated.',
    '',
    table(
      [
        'Scenario',
        'Change',
        'LLM calls',
        'Pages',
        'Detail pages',
        'Tokens (in/out)',
        'Cost USD',
        'Wall time',
        'Calls saved',
        'Pages saved',
      ],
      r.dedup.scenarios.map((s) => {
        const b = s.baseline.run2;
        const p = s.pipeline.run2;
        return [
          s.name + (s.overlapShare === undefined ? '' : ` (overlap ${Math.round(s.overlapShare * 100)} %)`),
          s.change,
          `${b.llmCalls} → ${p.llmCalls}`,
          `${b.pages} → ${p.pages}`,
          `${b.detailPages} → ${p.detailPages}`,
          `${b.tokens.prompt.toLocaleString('en-US')}/${b.tokens.completion.toLocaleString('en-US')} → ${p.tokens.prompt.toLocaleString('en-US')}/${p.tokens.completion.toLocaleString('en-US')}`,
          `${b.costUsd.toFixed(5)} → ${p.costUsd.toFixed(5)}`,
          `${b.wallMs} → ${p.wallMs} ms`,
          `${s.reductions.llmCalls} %`,
          `${s.reductions.pages} %`,
        ];
      }),
    ),
    '',
    'Run 2 figures, baseline → pipeline. Run 1 (fresh database) is the same in both arms: ' +
      r.dedup.scenarios
        .map((s) => `${s.name} ${s.baseline.run1.llmCalls}/${s.pipeline.run1.llmCalls} calls`)
        .join(', ') +
      '.',
    '',
  );
}

function costSection(r: BenchResults, out: string[]): void {
  const c = r.costSavings;
  if (!c) return;
  out.push(
    '## Cost savings',
    '',
    `Schedule: ${c.schedule.searchTerms} search terms × ${c.schedule.runsPerDay} runs a day × ${c.schedule.daysPerMonth} days = ${c.runsPerMonth} runs a month, ` +
      `each like the \`${c.scenario}\` scenario: ${c.llmCallsPerRun.baseline} → ${c.llmCallsPerRun.pipeline} LLM calls per run, ` +
      `${c.llmCallsPerMonth.saved.toLocaleString('en-US')} calls saved per month. Prices as of ${c.pricesAsOf} (USD per 1M tokens, in / cached in / out); ` +
      `other models priced at the measured token counts. ${Math.round(c.cachedTokenShare * 100)} % of the pipeline's prompt tokens were served from the prompt cache.`,
    '',
    table(
      [
        'Model',
        'Prices',
        'Per run: legacy → pipeline',
        'Saved per run',
        'Per month: legacy → pipeline',
        'Saved per month',
        'Pipeline run at Flex',
      ],
      c.byModel.map((x) => [
        x.model,
        `${x.prices.input} / ${x.prices.cachedInput} / ${x.prices.output}`,
        `$${x.baselinePerRunUsd.toFixed(5)} → $${x.pipelinePerRunUsd.toFixed(5)}`,
        `$${x.savedPerRunUsd.toFixed(5)}`,
        `$${x.baselinePerMonthUsd.toFixed(2)} → $${x.pipelinePerMonthUsd.toFixed(2)}`,
        `$${x.savedPerMonthUsd.toFixed(2)}`,
        x.pipelinePerRunFlexUsd === null ? 'no Flex tier' : `$${x.pipelinePerRunFlexUsd.toFixed(5)}`,
      ]),
    ),
    '',
  );
}

function paired(p: PairedLatency): string[] {
  return [
    `${formatUs(p.store.p50Us)} / ${formatUs(p.store.p95Us)} / ${formatUs(p.store.p99Us)}`,
    `${formatUs(p.raw.p50Us)} / ${formatUs(p.raw.p95Us)} / ${formatUs(p.raw.p99Us)}`,
    `${p.ratioP50}× / ${p.ratioP95}×`,
  ];
}

function single(l: LatencySummary): string {
  return `${formatUs(l.p50Us)} / ${formatUs(l.p95Us)} / ${formatUs(l.p99Us)}`;
}

function querySection(r: BenchResults, out: string[]): void {
  const q = r.query;
  out.push(
    '## Queries (SQLite through the store vs raw better-sqlite3 on the same file)',
    '',
    `Realistic rows (~2.3 KB: German reasoning of 500–1200 characters, scraped posting JSON), 8 search terms × 3 CV keys, every posting under two pairs. ` +
      `Seeded through \`store.insertMatches\` in chunks of ${q.config.chunkRows}. Lookups: half hits, half misses; page check: 10 URLs (8 known, 2 new); ` +
      `list: \`listMatches({ searchTerm, cvKey, minScore: ${q.config.minScore}, limit: ${q.config.limit} })\`, and with \`location: '${q.config.locationFilter}'\`. ` +
      `${q.config.iterations} timed lookups and ${q.config.listIterations} timed lists per size, store and raw alternating.`,
    '',
    table(
      ['Rows', 'Bulk insert (store)', 'Bytes/row', 'File'],
      q.sqlite.map((s) => [
        rowsLabel(s.rows),
        `${s.seeding.recordsPerSecond.toLocaleString('en-US')} rec/s`,
        `${s.bytesPerRow.toLocaleString('en-US')} B (page ${s.pageSize})`,
        `${(s.fileBytes / 1024 ** 2).toFixed(0)} MiB`,
      ]),
    ),
    '',
    table(
      ['Rows', 'Operation', 'Store p50 / p95 / p99', 'Raw p50 / p95 / p99', 'Store ÷ raw (p50 / p95)'],
      q.sqlite.flatMap((s) => [
        [rowsLabel(s.rows), 'lookup (1 URL)', ...paired(s.operations.lookup)],
        [rowsLabel(s.rows), 'page check (10 URLs)', ...paired(s.operations.pageCheck)],
        [rowsLabel(s.rows), 'list', ...paired(s.operations.list)],
        [rowsLabel(s.rows), 'list + location', ...paired(s.operations.listLocation)],
      ]),
    ),
    '',
  );
  out.push(
    `The dashboard's date sort through the store (${q.config.sortSamples} samples each; not paired with raw):`,
    '',
    table(
      ['Rows', 'term + CV, sort date_desc (p50 / p95)', 'term only, sort date_desc (p50 / p95)'],
      q.sqlite.map((s) => [
        rowsLabel(s.rows),
        `${formatUs(s.dateSorts.listByDate.p50Us)} / ${formatUs(s.dateSorts.listByDate.p95Us)}`,
        `${formatUs(s.dateSorts.listByDateAllCvs.p50Us)} / ${formatUs(s.dateSorts.listByDateAllCvs.p95Us)}`,
      ]),
    ),
    '',
  );
  if (q.rawInsert) {
    out.push(
      `Raw better-sqlite3 insert loop (prepared single-row INSERT, one transaction per chunk) on a fresh file: ${q.rawInsert.recordsPerSecond.toLocaleString('en-US')} rec/s over ${rowsLabel(q.rawInsert.rows)} rows; the store's bulk path runs at ${q.rawInsert.storeToRawRatio}× that.`,
      '',
    );
  }
  if (q.storage) {
    const st = q.storage;
    const indexes = Object.entries(st.indexBytesPerRow);
    const indexTotal = indexes.reduce((sum, [, bytes]) => sum + bytes, 0);
    out.push(
      `Where the bytes go at ${rowsLabel(q.sqlite.at(-1)!.rows)} rows (dbstat, per row): table ${st.tableBytesPerRow} B (of which ${st.tableFreeBytesPerRow} B free space in its pages; ` +
        `reasoning ${st.reasoningBytes} B, scraped_data ${st.scrapedDataBytes} B on average), ${indexes.length} indexes ${indexTotal} B: ` +
        indexes.map(([name, bytes]) => `${name} ${bytes}`).join(', ') +
        '.',
      '',
    );
  }
  if (Object.keys(q.queryPlans).length > 0) {
    out.push('Query plans (EXPLAIN QUERY PLAN at the largest size):', '', '```');
    for (const [name, plan] of Object.entries(q.queryPlans)) out.push(`${name}: ${plan.join(' | ')}`);
    out.push('```', '');
  }
  const pg = q.postgres;
  if (pg && 'skipped' in pg) out.push(`PostgreSQL: skipped — ${pg.skipped}`, '');
  else if (pg) {
    out.push(
      `### PostgreSQL, ${rowsLabel(pg.rows)} rows (store)`,
      '',
      `Bulk insert ${pg.seeding.recordsPerSecond.toLocaleString('en-US')} rec/s; ${pg.bytesPerRow.toLocaleString('en-US')} B per row (table, TOAST and indexes).`,
      '',
      table(
        ['Operation', 'p50 / p95 / p99'],
        [
          ['lookup (1 URL)', single(pg.operations.lookup)],
          ['page check (10 URLs)', single(pg.operations.pageCheck)],
          ['list', single(pg.operations.list)],
          ['list + location', single(pg.operations.listLocation)],
        ],
      ),
      '',
    );
  }
}

function migrateSection(r: BenchResults, out: string[]): void {
  out.push('## Migration of legacy JSON files', '');
  const m = r.migrate;
  if ('skipped' in m) {
    out.push(`Skipped — ${m.skipped}`, '');
    return;
  }
  const cli = m.cli;
  out.push(
    `${m.files.records.toLocaleString('en-US')} records in ${m.files.files} files (${(m.files.bytes / 1024 ** 2).toFixed(1)} MiB; ${m.files.repeatedUrls} repeat a posting of an earlier file, ` +
      `${m.files.failedEvaluations} failed legacy evaluations), each way into a fresh SQLite file.`,
    '',
    table(
      ['Path', 'Wall time', 'Records/s', 'Rows inserted', '÷ raw'],
      [
        'skipped' in cli
          ? ['`jobsearch-migrate migrate` (child process)', 'skipped', cli.skipped, '', '']
          : [
              '`jobsearch-migrate migrate` (child process, end to end)',
              `${cli.ms} ms`,
              cli.recordsPerSecond.toLocaleString('en-US'),
              String(cli.inserted),
              `${m.ratios.cliToRaw}×`,
            ],
        [
          'core `importLegacyFile`, in-process',
          `${m.core.ms} ms`,
          m.core.recordsPerSecond.toLocaleString('en-US'),
          String(m.core.inserted),
          `${m.ratios.coreToRaw}×`,
        ],
        [
          'raw better-sqlite3 loop (same parser)',
          `${m.raw.ms} ms`,
          m.raw.recordsPerSecond.toLocaleString('en-US'),
          String(m.raw.inserted),
          '1×',
        ],
      ],
    ),
    '',
  );
  if (!('skipped' in cli))
    out.push(
      `The CLI reported ${cli.reported.recordsPerSecond.toLocaleString('en-US')} rec/s over its own ${cli.reported.durationMs} ms (Node start-up excluded); \`init\` beforehand took ${cli.initMs} ms.`,
      '',
    );
}

function soakSection(r: BenchResults, out: string[]): void {
  out.push('## API soak', '');
  const s = r.soak;
  if ('skipped' in s) {
    out.push(`Skipped — ${s.skipped}`, '');
    return;
  }
  const mix = Object.entries(s.config.mix)
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ');
  out.push(
    `\`jobsearch-api serve\` on ${rowsLabel(s.config.rows)} rows, ${s.config.connections} connections for ${s.config.durationSeconds} s (autocannon), mix per 10 requests: ${mix}. ` +
      `Rate limiting off, log level ${s.config.logLevel}.`,
    '',
    table(
      ['Throughput', 'Latency p50 / p90 / p99 / max', 'Errors', 'Server RSS start → before load → end (peak)'],
      [
        [
          `${s.throughput.requestsPerSecond} req/s (${s.throughput.requests.toLocaleString('en-US')} requests)`,
          `${s.latencyMs.p50} / ${s.latencyMs.p90} / ${s.latencyMs.p99} / ${s.latencyMs.max} ms`,
          `${s.errors.errors} errors, ${s.errors.timeouts} timeouts, ${s.errors.non2xx} non-2xx`,
          `${s.rssMb.afterStart} → ${s.rssMb.beforeLoad} → ${s.rssMb.end} MB (${s.rssMb.peak} MB)`,
        ],
      ],
    ),
    '',
    'Each endpoint alone, one request at a time (before the load):',
    '',
    table(
      ['Endpoint', 'p50 / p95 / p99'],
      Object.entries(s.endpoints).map(([k, v]) => [k, single(v)]),
    ),
    '',
  );
}

function comparisonSection(r: BenchResults, out: string[]): void {
  out.push('## Compared with the previous results', '');
  if (!r.comparison) {
    out.push('No earlier results file of this mode to compare with.', '');
    return;
  }
  out.push(
    `Previous: \`${basename(r.comparison.previousFile)}\`. Changes within ±5 % count as the same (a shared 2-core machine is noisy).`,
    '',
    table(
      ['Metric', 'Before', 'After', 'Change', ''],
      r.comparison.rows.map((row) => [
        row.label,
        row.before === null ? '—' : `${row.before.toLocaleString('en-US')} ${row.unit}`,
        row.after === null ? '—' : `${row.after.toLocaleString('en-US')} ${row.unit}`,
        row.changePercent === null ? '—' : `${row.changePercent > 0 ? '+' : ''}${row.changePercent} %`,
        row.verdict,
      ]),
    ),
    '',
  );
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

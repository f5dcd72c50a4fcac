import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAgentMetrics } from '../src/agent/agent-metrics.js';
import { createMetrics } from '../src/metrics/create-metrics.js';

const doc = (name: string) => readFileSync(fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)), 'utf8');

/** Every metric the API's library and the agent expose. */
function knownMetrics(): Set<string> {
  const names = new Set<string>();
  for (const registry of [createMetrics({ defaultMetrics: false }).registry, createAgentMetrics().registry]) {
    for (const metric of registry.getMetricsAsArray()) names.add(metric.name);
  }
  return names;
}

function referencedMetrics(text: string): string[] {
  const names = new Set(text.match(/\bjobsearch_[a-z0-9_]+/g) ?? []);
  return [...names].map((name) => name.replace(/_(bucket|count|sum)$/, ''));
}

describe('docs name only metrics that exist', () => {
  it.each(['prometheus-alerts.yml', 'monitoring.md'])('%s', (file) => {
    const known = knownMetrics();
    const referenced = referencedMetrics(doc(file));
    expect(referenced.length).toBeGreaterThan(10);
    expect(referenced.filter((name) => !known.has(name))).toEqual([]);
  });
});

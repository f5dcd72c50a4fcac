import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  describeLifecycle,
  MODEL_TABLE,
  modelEntry,
  modelLifecycle,
  SHUTDOWN_WARNING_DAYS,
} from '../../src/matchers/model-table.js';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('the model table', () => {
  it('defaults to a listed model with no announced shutdown, and lists each model once', () => {
    const entry = modelEntry(DEFAULT_MODEL);
    expect(entry).toBeDefined();
    expect(entry?.shutdown).toBeUndefined();
    expect(new Set(MODEL_TABLE.map((m) => m.id)).size).toBe(MODEL_TABLE.length);
  });

  it('names a listed replacement for every model with a shutdown date', () => {
    for (const entry of MODEL_TABLE.filter((m) => m.shutdown !== undefined)) {
      expect(entry.shutdown).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(modelEntry(entry.replacement ?? '')?.shutdown).toBeUndefined();
    }
  });

  it('sources every entry: prices from its model page, shutdowns from the deprecations page, all dated', () => {
    for (const entry of MODEL_TABLE) {
      expect(entry.source).toBe(`https://developers.openai.com/api/docs/models/${entry.id}`);
      expect(entry.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.shutdownSource === undefined).toBe(entry.shutdown === undefined);
      if (entry.shutdownSource)
        expect(entry.shutdownSource).toBe('https://developers.openai.com/api/docs/deprecations');
    }
  });

  it('records the shutdowns announced for the previous small models', () => {
    expect(MODEL_TABLE.filter((m) => m.shutdown !== undefined).map((m) => [m.id, m.shutdown, m.replacement])).toEqual([
      ['gpt-5-mini', '2026-12-11', 'gpt-6.1-terra'],
      ['gpt-5-nano', '2026-12-11', 'gpt-6-luna'],
      ['gpt-4.1-mini', '2027-01-14', 'gpt-6-luna'],
      ['gpt-4o-mini', '2027-01-14', 'gpt-6-luna'],
    ]);
  });

  it('finds a dated snapshot under its alias', () => {
    expect(modelEntry('gpt-4o-mini-2024-07-18')?.id).toBe('gpt-4o-mini');
    expect(modelEntry('mystery-model')).toBeUndefined();
  });
});

describe('modelLifecycle', () => {
  it('is current until the warning window, retiring inside it, retired from the shutdown day on', () => {
    // gpt-4o-mini shuts down on 2027-01-14.
    expect(modelLifecycle('gpt-4o-mini', day('2026-12-05')).state).toBe('current');
    const retiring = modelLifecycle('gpt-4o-mini', day('2026-12-20'));
    expect(retiring).toMatchObject({
      state: 'retiring',
      shutdown: '2027-01-14',
      daysLeft: 25,
      replacement: 'gpt-6-luna',
    });
    expect(modelLifecycle('gpt-4o-mini', day('2027-01-13')).state).toBe('retiring');
    expect(modelLifecycle('gpt-4o-mini', day('2027-01-14'))).toMatchObject({ state: 'retired', daysLeft: 0 });
    expect(modelLifecycle('gpt-4o-mini', day('2027-06-01')).state).toBe('retired');
  });

  it('has gpt-5-mini retiring on the day the table was checked, six days before its shutdown', () => {
    expect(modelLifecycle('gpt-5-mini-2025-08-07', day('2026-12-05'))).toMatchObject({
      state: 'retiring',
      daysLeft: 6,
      replacement: 'gpt-6.1-terra',
    });
  });

  it('warns exactly within the window', () => {
    const shutdown = Date.parse('2027-01-14T00:00:00Z');
    const justOutside = new Date(shutdown - (SHUTDOWN_WARNING_DAYS + 1) * 86_400_000);
    const justInside = new Date(shutdown - SHUTDOWN_WARNING_DAYS * 86_400_000);
    expect(modelLifecycle('gpt-4o-mini', justOutside).state).toBe('current');
    expect(modelLifecycle('gpt-4o-mini', justInside).state).toBe('retiring');
  });

  it('says nothing of unknown or current models, and one line naming the replacement otherwise', () => {
    expect(modelLifecycle('local-llama', day('2030-01-01')).state).toBe('unknown');
    expect(describeLifecycle(modelLifecycle('local-llama', day('2030-01-01')))).toBeUndefined();
    expect(describeLifecycle(modelLifecycle(DEFAULT_MODEL, day('2026-12-05')))).toBeUndefined();
    const retired = describeLifecycle(modelLifecycle('gpt-4.1-mini', day('2027-02-01')));
    expect(retired).toBe(
      "The model gpt-4.1-mini was shut down by its provider on 2027-01-14: set OPENAI_MODEL=gpt-6-luna (the provider's replacement).",
    );
    expect(retired).not.toContain('\n');
  });
});

import { describe, expect, it } from 'vitest';
import {
  describeStopReason,
  formatDuration,
  formatPercent,
  formatTimestamp,
  formatUsd,
  parseTimestamp,
  ratio,
  scoreLevel,
} from '../src/lib/format';

describe('scoreLevel (the legacy badges)', () => {
  it('is high from 8, medium from 6, low below, none for a failed evaluation', () => {
    expect([10, 8, 7, 6, 5, 1, 0].map(scoreLevel)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low', 'low']);
    expect(scoreLevel(null)).toBe('none');
  });
});

describe('timestamps as stored', () => {
  it('reads the formats legacy and new rows carry, zone-less ones as UTC', () => {
    expect(parseTimestamp('2025-11-02 13:15:24')?.toISOString()).toBe('2025-11-02T13:15:24.000Z');
    expect(parseTimestamp('2025-11-02T13:15:24.700803')?.toISOString()).toBe('2025-11-02T13:15:24.700Z');
    expect(parseTimestamp('2026-11-25T14:03:09.123Z')?.toISOString()).toBe('2026-11-25T14:03:09.123Z');
    expect(parseTimestamp('2026-11-25 14:03:09.1+01')?.toISOString()).toBe('2026-11-25T13:03:09.100Z');
    expect(parseTimestamp('02.11.2025')?.toISOString()).toBe('2025-11-02T00:00:00.000Z');
    expect(parseTimestamp('31.02.2025')).toBeNull();
    expect(parseTimestamp('N/A')).toBeNull();
    expect(parseTimestamp(null)).toBeNull();
  });

  it('shows minutes in UTC and keeps text that is no timestamp', () => {
    expect(formatTimestamp('2026-11-25T14:03:59.999Z')).toBe('2026-11-25 14:03');
    expect(formatTimestamp('N/A')).toBe('N/A');
    expect(formatTimestamp(null)).toBe('');
  });
});

describe('numbers', () => {
  it('shows fractions of a cent', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.00042)).toBe('$0.0004');
    expect(formatUsd(1.234)).toBe('$1.23');
  });

  it('has no percentage without a whole', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(formatPercent(ratio(9, 10))).toBe('90 %');
    expect(formatPercent(null)).toBe('–');
  });

  it('formats durations', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(2500)).toBe('2.5 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('says why a run stopped in words', () => {
    expect(describeStopReason('early_exit')).toMatch(/early exit/i);
    expect(describeStopReason('something_new')).toBe('something new');
    expect(describeStopReason(null)).toBe('–');
  });
});

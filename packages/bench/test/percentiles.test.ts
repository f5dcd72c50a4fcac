import { describe, expect, it } from 'vitest';
import { percentChange, percentile, reductionPercent, summarizeLatencies } from '../src/stats/percentiles.js';

describe('percentile', () => {
  it('interpolates between the closest ranks like numpy', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48, 10);
    expect(percentile([0, 10], 25)).toBe(2.5);
  });

  it('does not need sorted input and does not reorder it', () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 50)).toBe(3);
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it('gives the only value of a one-element sample for every p', () => {
    for (const p of [0, 50, 95, 99, 100]) expect(percentile([7], p)).toBe(7);
  });

  it('gives p99 of 1..100 just below the maximum', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBeCloseTo(99.01, 10);
    expect(percentile(values, 95)).toBeCloseTo(95.05, 10);
  });

  it('rejects an empty sample and p outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summarizeLatencies', () => {
  it('reports min, mean, p50, p95, p99 and max rounded to 0.1 µs', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(summarizeLatencies(samples)).toEqual({
      samples: 1000,
      minUs: 1,
      meanUs: 500.5,
      p50Us: 500.5,
      p95Us: 950.1,
      p99Us: 990,
      maxUs: 1000,
    });
  });

  it('is not fooled by one outlier at p50 but shows it at max', () => {
    const summary = summarizeLatencies([...Array.from({ length: 99 }, () => 10), 5000]);
    expect(summary.p50Us).toBe(10);
    expect(summary.maxUs).toBe(5000);
  });
});

describe('reductionPercent and percentChange', () => {
  it('reads 100 → 5 as 95 % fewer and 10 → 2 as 80 % fewer', () => {
    expect(reductionPercent(100, 5)).toBe(95);
    expect(reductionPercent(10, 2)).toBe(80);
    expect(reductionPercent(100, 100)).toBe(0);
    expect(reductionPercent(0, 0)).toBe(0);
    expect(reductionPercent(3, 1)).toBe(66.7);
  });

  it('gives signed relative changes and null when there is no base', () => {
    expect(percentChange(200, 150)).toBe(-25);
    expect(percentChange(200, 300)).toBe(50);
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(0, 5)).toBeNull();
  });
});

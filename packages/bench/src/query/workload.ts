import { Random } from '../util/random.js';
import { rowKey, unknownUrl } from './realistic-rows.js';
import { CV_KEYS, SEARCH_TERMS } from './vocabulary.js';

export interface LookupOp {
  url: string;
  searchTerm: string;
  cvKey: string;
}

export interface PageOp {
  urls: string[];
  searchTerm: string;
  cvKey: string;
}

export interface ListOp {
  searchTerm: string;
  cvKey: string;
}

/** Keys chosen uniformly over the whole data set, so most reads miss the hot cache; half are misses. */
export function lookupOps(rows: number, count: number, seed: number): LookupOp[] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const key = rowKey(random.int(0, rows - 1));
    // A miss: a posting never seen, under a pair that exists.
    const url = i % 2 === 0 ? key.jobUrl : unknownUrl(rows, i);
    return { url, searchTerm: key.searchTerm, cvKey: key.cvKey };
  });
}

/**
 * A results page on a repeat run: 8 postings already evaluated for this (term, cv) — neighbours
 * in time, as on a real listing — and 2 new ones, in shuffled order.
 */
export function pageOps(rows: number, count: number, seed: number): PageOp[] {
  const random = new Random(seed);
  const ops: PageOp[] = [];
  for (let i = 0; i < count; i++) {
    const start = random.int(0, rows - 1);
    const first = rowKey(start);
    const urls = [first.jobUrl];
    for (let j = start + 1; urls.length < 8 && j < start + rows; j++) {
      const key = rowKey(j % rows);
      if (key.searchTerm === first.searchTerm && key.cvKey === first.cvKey && !urls.includes(key.jobUrl))
        urls.push(key.jobUrl);
    }
    urls.push(unknownUrl(rows, 2 * i), unknownUrl(rows, 2 * i + 1));
    for (let k = urls.length - 1; k > 0; k--) {
      const swap = random.int(0, k);
      [urls[k], urls[swap]] = [urls[swap]!, urls[k]!];
    }
    ops.push({ urls, searchTerm: first.searchTerm, cvKey: first.cvKey });
  }
  return ops;
}

export function listOps(count: number, seed: number): ListOp[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => ({ searchTerm: random.pick(SEARCH_TERMS), cvKey: random.pick(CV_KEYS) }));
}

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generatePosting, postingIndexOf } from '../../src/sources/demo-board/posting-generator.js';

describe('generated postings', () => {
  const postings = Array.from({ length: 300 }, (_, index) => generatePosting(42, index));

  test('look like eastern Swiss postings in German and English', () => {
    for (const posting of postings) {
      expect(posting.location).toMatch(/^\d{4} \S/);
      expect(posting.company).toMatch(/ (AG|GmbH)$/);
      expect(posting.postingDate).toMatch(/^\d{2}\.\d{2}\.2026$/);
      expect(posting.workload).toMatch(/^\d+(-\d+)?%$/);
      expect(posting.path).toMatch(/^\/job\/[a-z0-9]+(-[a-z0-9]+)*\/\d{7}$/);
      expect(new Set(posting.skills).size).toBe(posting.skills.length);
      expect(posting.skills.length).toBeGreaterThanOrEqual(3);
      expect(posting.description.join(' ')).toContain(posting.skills[0]!);
    }
    const titles = new Set(postings.map((posting) => posting.title));
    expect(titles).toContain('Informatiker/in EFZ Applikationsentwicklung');
    expect(titles).toContain('Software Engineer');
    expect(new Set(postings.map((posting) => posting.language))).toEqual(new Set(['de', 'en']));
  });

  test('newer postings never carry an older date', () => {
    const days = postings.map((posting) => posting.postingDate.split('.').reverse().join(''));
    expect(days).toEqual([...days].sort());
  });

  test('are a pure function of seed and index, and the URL id leads back to the index', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(1_000_000), (seed, index) => {
        const posting = generatePosting(seed, index);
        expect(generatePosting(seed, index)).toEqual(posting);
        expect(postingIndexOf(posting.id)).toBe(index);
      }),
      { numRuns: 200 },
    );
  });
});

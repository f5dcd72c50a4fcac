import { describe, expect, it } from 'vitest';
import { withContentKeys } from '../src/lib/content-keys';

describe('withContentKeys', () => {
  it('keys each item by its content and keeps the items in order', () => {
    expect(withContentKeys(['SQL', 'Python'], String)).toEqual([
      { key: '1:SQL', item: 'SQL' },
      { key: '1:Python', item: 'Python' },
    ]);
  });

  it('numbers repeated content, so keys stay unique', () => {
    const keys = withContentKeys(['a', 'b', 'a', 'a'], String).map((k) => k.key);
    expect(keys).toEqual(['1:a', '1:b', '2:a', '3:a']);
  });

  it('cannot be fooled by content that looks like a numbered key', () => {
    const keys = withContentKeys(['a', '2:a', 'a', '1:a'], String).map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives an item the same key when the same list renders again, wherever it stands', () => {
    const first = withContentKeys(['x', 'y'], String);
    const again = withContentKeys(['x', 'y'], String);
    expect(again).toEqual(first);
    // Dropping the first item leaves the second with its own key, not the key of the removed one.
    expect(withContentKeys(['y'], String)[0]?.key).toBe(first[1]?.key);
  });

  it('takes the content from the caller, for items that are objects', () => {
    const errors = [
      { name: 'search_term', message: 'Enter a term' },
      { name: 'pages', message: 'Enter a number' },
    ];
    const keys = withContentKeys(errors, (e) => JSON.stringify([e.name, e.message])).map((k) => k.key);
    expect(keys).toEqual(['1:["search_term","Enter a term"]', '1:["pages","Enter a number"]']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJobSearchError } from '../../src/errors.js';
import { normalizeJobUrl, tryNormalizeJobUrl } from '../../src/url/index.js';

describe('normalizeJobUrl — legacy cases (DOMAIN.md §4)', () => {
  it.each([
    ['/job/product-owner/1032053', 'https://www.ostjob.ch/job/product-owner/1032053'],
    ['http://ostjob.ch/job/title/123', 'https://www.ostjob.ch/job/title/123'],
    ['https://ostjob.ch/job/title/123/', 'https://www.ostjob.ch/job/title/123'],
    ['https://www.ostjob.ch/job/t/123?utm_source=x#f', 'https://www.ostjob.ch/job/t/123'],
    ['ostjob.ch/job/title/123', 'https://www.ostjob.ch/job/title/123'],
  ])('%s → %s', (input, canonical) => {
    expect(normalizeJobUrl(input)).toBe(canonical);
  });

  it('keeps an already canonical legacy URL unchanged', () => {
    const url = 'https://www.ostjob.ch/job/senior-data-analyst-80-100/1034904';
    expect(normalizeJobUrl(url)).toBe(url);
  });

  it('drops every query parameter on ostjob hosts, as legacy did', () => {
    expect(normalizeJobUrl('https://www.ostjob.ch/job/t/123?id=5&page=2')).toBe('https://www.ostjob.ch/job/t/123');
    expect(normalizeJobUrl('https://m.ostjob.ch/job/t/123?id=5')).toBe('https://m.ostjob.ch/job/t/123');
  });
});

describe('normalizeJobUrl — rules', () => {
  it('lower-cases scheme and host but keeps the path case', () => {
    expect(normalizeJobUrl('HTTPS://WWW.OSTJOB.CH/job/Product-Owner/1')).toBe(
      'https://www.ostjob.ch/job/Product-Owner/1',
    );
    expect(normalizeJobUrl('Http://Jobs.Example.COM/Posting/7')).toBe('https://jobs.example.com/Posting/7');
  });

  it('upgrades http to https on other hosts too and drops default ports', () => {
    expect(normalizeJobUrl('http://jobs.example.com:80/a')).toBe('https://jobs.example.com/a');
    expect(normalizeJobUrl('http://jobs.example.com:443/a')).toBe('https://jobs.example.com/a');
    expect(normalizeJobUrl('https://jobs.example.com:8443/a')).toBe('https://jobs.example.com:8443/a');
  });

  it('reads scheme-less input as a host', () => {
    expect(normalizeJobUrl('www.example.com/x')).toBe('https://www.example.com/x');
    expect(normalizeJobUrl('localhost:3000/job/1')).toBe('https://localhost:3000/job/1');
    expect(normalizeJobUrl('//cdn.example.com/job/1/')).toBe('https://cdn.example.com/job/1');
  });

  it('resolves every relative form the legacy resolver accepted to the canonical URL', () => {
    const canonical = 'https://www.ostjob.ch/job/product-owner/1032053';
    for (const input of [
      '/job/product-owner/1032053',
      'job/product-owner/1032053',
      './job/product-owner/1032053',
      'ostjob.ch/job/product-owner/1032053',
      'www.ostjob.ch/job/product-owner/1032053',
      'job/product-owner/1032053/',
      'job/product-owner/1032053?utm_source=mail#top',
      ' job/product-owner/1032053 ',
    ]) {
      expect(normalizeJobUrl(input), input).toBe(canonical);
    }
    expect(normalizeJobUrl('job/koch-köchin/1040002')).toBe('https://www.ostjob.ch/job/koch-k%C3%B6chin/1040002');
    expect(normalizeJobUrl('stellen/42', { base: 'https://jobs.example.com/suche/' })).toBe(
      'https://jobs.example.com/suche/stellen/42',
    );
  });

  it('resolves relative paths against the base', () => {
    expect(normalizeJobUrl('./x/1')).toBe('https://www.ostjob.ch/x/1');
    expect(normalizeJobUrl('/stellen/42', { base: 'https://jobs.example.com/suche/' })).toBe(
      'https://jobs.example.com/stellen/42',
    );
    expect(normalizeJobUrl('../b/c/', { base: 'https://jobs.example.com/a/x/y' })).toBe(
      'https://jobs.example.com/a/b/c',
    );
  });

  it('drops tracking parameters and sorts the rest stably on other hosts', () => {
    expect(
      normalizeJobUrl('https://jobs.example.com/view?utm_source=a&id=2&fbclid=x&UTM_Medium=b&gclid=y&b=1&a=z&a=y#top'),
    ).toBe('https://jobs.example.com/view?a=z&a=y&b=1&id=2');
    expect(normalizeJobUrl('https://jobs.example.com/view?ref=abc')).toBe('https://jobs.example.com/view?ref=abc');
  });

  it('gives equivalent query spellings one form', () => {
    const expected = 'https://jobs.example.com/s?flag=&q=a+b';
    expect(normalizeJobUrl('https://jobs.example.com/s?q=a%20b&flag')).toBe(expected);
    expect(normalizeJobUrl('https://jobs.example.com/s?flag=&q=a+b')).toBe(expected);
  });

  it('removes an empty query, a bare root slash, credentials and repeated trailing slashes', () => {
    expect(normalizeJobUrl('https://jobs.example.com/a?')).toBe('https://jobs.example.com/a');
    expect(normalizeJobUrl('https://jobs.example.com/')).toBe('https://jobs.example.com');
    expect(normalizeJobUrl('https://user:secret@jobs.example.com/a')).toBe('https://jobs.example.com/a');
    expect(normalizeJobUrl('https://jobs.example.com/a///?utm_term=x')).toBe('https://jobs.example.com/a');
  });

  it('trims surrounding white space', () => {
    expect(normalizeJobUrl('  https://www.ostjob.ch/job/t/1 \n')).toBe('https://www.ostjob.ch/job/t/1');
  });

  it('is idempotent on hand-picked awkward input', () => {
    for (const input of [
      'https://Bücher.example/ä ö/?z=ü&a=%7e',
      'http://[::1]:80/x/',
      'https://a.example/%2e%2E/b/./c//',
    ]) {
      const once = normalizeJobUrl(input);
      expect(normalizeJobUrl(once)).toBe(once);
    }
  });
});

describe('unusable input', () => {
  it.each([
    '',
    '   ',
    'N/A',
    'siehe Inserat',
    'k/A',
    'n/a',
    'unbekannt',
    'job /1',
    '\u0001javascript:alert(1)',
    'javascript:alert(1)',
    'mailto:jobs@example.com',
    'ftp://example.com/job/1',
    'https://',
    'http://exa mple.com/',
  ])('%j: tryNormalizeJobUrl returns null, normalizeJobUrl throws INVALID_INPUT', (input) => {
    expect(tryNormalizeJobUrl(input)).toBeNull();
    let thrown: unknown;
    try {
      normalizeJobUrl(input);
    } catch (error) {
      thrown = error;
    }
    expect(isJobSearchError(thrown, 'INVALID_INPUT')).toBe(true);
  });

  it('rejects a base that is not an absolute http(s) URL', () => {
    expect(() => tryNormalizeJobUrl('/job/1', { base: 'not a url' })).toThrow(/base URL/);
  });
});

describe('properties', () => {
  const anyInput = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
  );
  const webUrl = fc.webUrl({
    withQueryParameters: true,
    withFragments: true,
    authoritySettings: { withPort: true, withUserInfo: true },
  });

  it('tryNormalizeJobUrl never throws and is idempotent on every result', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const once = tryNormalizeJobUrl(input);
        if (once !== null) expect(tryNormalizeJobUrl(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('every web URL normalises to https with no tracking parameters and sorted parameters', () => {
    const withTracking = fc
      .tuple(webUrl, fc.constantFrom('utm_source', 'utm_campaign', 'UTM_medium', 'fbclid', 'gclid'), fc.string())
      .map(([url, name, value]) => {
        const withoutFragment = url.split('#')[0]!;
        return `${withoutFragment}${withoutFragment.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
      });
    fc.assert(
      fc.property(fc.oneof(webUrl, withTracking), (input) => {
        const result = tryNormalizeJobUrl(input);
        expect(result).not.toBeNull();
        expect(result).toMatch(isLoopback(result!) ? /^https?:\/\// : /^https:\/\//);
        const names = [...new URL(result!).searchParams.keys()];
        expect(
          names.some((name) => name.toLowerCase().startsWith('utm_') || name === 'fbclid' || name === 'gclid'),
        ).toBe(false);
        expect(names).toEqual([...names].sort());
        expect(result!.includes('#')).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same result for legacy paths and URLs whichever way they are spelled', () => {
    const segment = fc.stringMatching(/^[\w-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const path = `/${segments.join('/')}`;
        const canonical = `https://www.ostjob.ch${path}`;
        expect(tryNormalizeJobUrl(path)).toBe(canonical);
        expect(tryNormalizeJobUrl(path, { base: 'HTTP://OSTJOB.CH/other/' })).toBe(canonical);
        expect(tryNormalizeJobUrl(canonical)).toBe(canonical);
        expect(tryNormalizeJobUrl(`HTTPS://ostjob.ch${path}/`)).toBe(canonical);
      }),
    );
  });

  it('every non-null result of arbitrary input starts with https:// (http:// only on loopback)', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = tryNormalizeJobUrl(input);
        if (result !== null) expect(result).toMatch(isLoopback(result) ? /^https?:\/\// : /^https:\/\//);
      }),
      { numRuns: 2000 },
    );
  });
});

function isLoopback(url: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(new URL(url).hostname);
}

describe('loopback hosts', () => {
  it('keep plain http so the links of a local board stay usable, and still drop tracking parameters', () => {
    expect(normalizeJobUrl('http://127.0.0.1:4100/job/x/1/?utm_source=a#top')).toBe('http://127.0.0.1:4100/job/x/1');
    expect(normalizeJobUrl('http://LOCALHOST:80/job/x/1')).toBe('http://localhost/job/x/1');
    expect(normalizeJobUrl('http://example.com/job/x/1')).toBe('https://example.com/job/x/1');
  });
});

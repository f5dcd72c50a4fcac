import { describe, expect, test } from 'vitest';
import { ostjobPreset } from '../../src/sources/index.js';
import { parseDetailsHtml, parseResultsHtml } from '../../src/sources/parse-board-html.js';

const { selectors } = ostjobPreset();
const PAGE = 'https://www.ostjob.ch/job/suche-IT-seite-1';
const DETAIL_URL = 'https://www.ostjob.ch/job/security-engineer/1';

describe('results pages', () => {
  test('cards without a link are skipped, the others kept', () => {
    const parsed = parseResultsHtml(
      `<div class="job-item"><span class="job-title">Anzeige</span></div>
       <div class="job-item"><h2 class="job-title"><a class="job-link" href="/job/dev/2">Dev</a></h2></div>`,
      PAGE,
      selectors,
    );
    expect(parsed).toEqual({
      status: 'ok',
      postings: [expect.objectContaining({ url: 'https://www.ostjob.ch/job/dev/2' })],
    });
  });

  test('cards that all lack title or link mean the selectors no longer match', () => {
    expect(() => parseResultsHtml(`<div class="job-item"><a href="/job/x/1">X</a></div>`, PAGE, selectors)).toThrow(
      expect.objectContaining({ code: 'SOURCE_ERROR', message: expect.stringContaining('selectors no longer match') }),
    );
  });

  test('a common captcha phrase is recognised as a block page without a configured marker', () => {
    const bare = { ...selectors, blockPage: undefined };
    const page = '<h1>Please verify you are not a robot</h1>';
    expect(parseResultsHtml(page, PAGE, bare).status).toBe('blocked');
  });

  test('without an empty-results marker, a page without cards is simply empty', () => {
    const bare = { ...selectors, emptyMarker: undefined };
    expect(parseResultsHtml('<main><p>Nothing here</p></main>', PAGE, bare)).toEqual({ status: 'empty', postings: [] });
    expect(() => parseResultsHtml('<main><p>Nothing here</p></main>', PAGE, selectors)).toThrow(
      expect.objectContaining({ code: 'SOURCE_ERROR' }),
    );
  });
});

describe('detail pages', () => {
  test('a description mentioning captchas is still a posting', () => {
    const details = parseDetailsHtml(
      `<h1 class="job-detail-title">Security Engineer</h1>
       <div class="job-detail-description">Sie schützen unsere Formulare mit Captcha-Lösungen.</div>`,
      DETAIL_URL,
      selectors,
    );
    expect(details.description).toBe('Sie schützen unsere Formulare mit Captcha-Lösungen.');
  });

  test('a captcha page instead of the posting is a SOURCE_ERROR marked blocked', () => {
    expect(() => parseDetailsHtml('<div class="captcha-challenge">Prove it</div>', DETAIL_URL, selectors)).toThrow(
      expect.objectContaining({ code: 'SOURCE_ERROR', details: { url: DETAIL_URL, blocked: true } }),
    );
  });

  test('description keeps line breaks between blocks; one skills element is split at commas', () => {
    const details = parseDetailsHtml(
      `<title>Dev | Board</title>
       <div class="job-detail-description">Intro text<br>second   line<ul><li>first point</li><li><p>nested</p></li></ul></div>
       <ul class="job-detail-skills"><li>SQL, Python; Power BI</li></ul>`,
      DETAIL_URL,
      selectors,
    );
    expect(details.title).toBe('Dev | Board');
    expect(details.description).toBe('Intro text\nsecond line\nfirst point\nnested');
    expect(details.skills).toEqual(['SQL', 'Python', 'Power BI']);
    expect(details.raw).toEqual({
      'Job Title': 'Dev | Board',
      'Job Description': details.description,
      'Required Skills': ['SQL', 'Python', 'Power BI'],
      'Application URL': DETAIL_URL,
    });
  });
});

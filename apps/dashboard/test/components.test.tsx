import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ScoreBadge } from '../src/components/ScoreBadge';
import { validateRunInput } from '../src/views/NewRunForm';
import { humanizeKey, ScrapedData } from '../src/views/ScrapedData';

describe('ScoreBadge', () => {
  it('shows x/10 with the level as its class', () => {
    expect(renderToStaticMarkup(<ScoreBadge score={9} />)).toMatch(/class="badge badge-high"[^>]*>9\/10</);
    expect(renderToStaticMarkup(<ScoreBadge score={6} />)).toMatch(/badge-medium[^>]*>6\/10</);
    expect(renderToStaticMarkup(<ScoreBadge score={3} />)).toMatch(/badge-low[^>]*>3\/10</);
    expect(renderToStaticMarkup(<ScoreBadge score={null} />)).toMatch(/badge-none[^>]*>failed</);
  });
});

describe('ScrapedData', () => {
  it('lists the Title Case record of the scraper with readable keys, skills as a list and the URL as a link', () => {
    const html = renderToStaticMarkup(
      <ScrapedData
        data={{
          'Job Title': 'Data Engineer',
          'Required Skills': ['SQL', 'Python'],
          'Application URL': 'https://www.ostjob.ch/job/x/1',
          overall_match: 8,
        }}
      />,
    );
    expect(html).toContain('<dt>Job Title</dt>');
    expect(html).toContain('<li class="chip">SQL</li><li class="chip">Python</li>');
    expect(html).toContain('href="https://www.ostjob.ch/job/x/1"');
    expect(html).toContain('<dt>Overall match</dt>');
  });

  it('escapes whatever a scraped page contained', () => {
    const html = renderToStaticMarkup(<ScrapedData data={{ 'Job Description': '<script>alert(1)</script>' }} />);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('shows a legacy row holding plain text as it is', () => {
    expect(renderToStaticMarkup(<ScrapedData data="not json" />)).toContain('not json');
  });

  it('humanises snake_case, camelCase and Title Case keys', () => {
    expect(humanizeKey('career_trajectory_alignment')).toBe('Career trajectory alignment');
    expect(humanizeKey('jobTitle')).toBe('Job Title');
    expect(humanizeKey('Company Name')).toBe('Company Name');
  });
});

describe('validateRunInput', () => {
  it('accepts a term, a CV and a page count from 1 to 50', () => {
    expect(validateRunInput('IT', 'path', '', 'cv.pdf', '10')).toEqual({});
    expect(validateRunInput('data-analyst', 'registered', 'a1b2c3d4e5f60718', '', '50')).toEqual({});
  });

  it('says what is wrong with each field', () => {
    expect(validateRunInput(' ', 'path', '', '', '0')).toEqual({
      search_term: expect.stringMatching(/enter/i),
      cv: expect.stringMatching(/path/i),
      max_pages: expect.stringMatching(/1 to 50/),
    });
    expect(validateRunInput('a/b', 'registered', '', '', '2.5')).toMatchObject({
      search_term: expect.stringMatching(/\//),
      cv: expect.any(String),
      max_pages: expect.any(String),
    });
  });
});

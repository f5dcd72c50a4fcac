import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import { JobSearchError } from '../errors.js';
import type { BoardSelectors, PageMarker } from './board-selectors.js';
import type { JobPostingDetails, JobPostingSummary, ResultsPageStatus } from './types.js';

// domhandler's node type, reached through cheerio because it is not a direct dependency.
type AnyNode = Parameters<typeof cheerio.contains>[0];
type Selection = Cheerio<AnyNode>;

// Phrases of block, captcha and rate-limit pages that boards serve with status 200.
const BLOCK_PAGE_HINTS = /captcha|kein roboter|not a robot|unusual traffic|access denied|zugriff verweigert/i;

export interface ParsedResults {
  status: ResultsPageStatus;
  postings: JobPostingSummary[];
}

/** Reads a results page. Throws SOURCE_ERROR when the selectors no longer fit the markup. */
export function parseResultsHtml(html: string, pageUrl: string, selectors: BoardSelectors): ParsedResults {
  const $ = cheerio.load(html);
  const cards = $(selectors.card);
  if (cards.length === 0) {
    if (looksBlocked($, selectors.blockPage)) return { status: 'blocked', postings: [] };
    if (selectors.emptyMarker && !matchesMarker($, selectors.emptyMarker)) {
      throw new JobSearchError(
        'SOURCE_ERROR',
        `${pageUrl} has neither postings (selector "${selectors.card}") nor the empty-results marker: ` +
          "the board's markup changed and the selectors no longer match. Update the source's selectors.",
        { details: { url: pageUrl, selector: selectors.card } },
      );
    }
    return { status: 'empty', postings: [] };
  }
  const postings: JobPostingSummary[] = [];
  cards.each((_, element) => {
    const card = $(element);
    const posting = readCard(card, pageUrl, selectors);
    if (posting) postings.push(posting);
  });
  if (postings.length === 0) {
    throw new JobSearchError(
      'SOURCE_ERROR',
      `${pageUrl} has ${cards.length} cards but none with a title ("${selectors.title}") and a link ` +
        `("${selectors.link}"): the selectors no longer match the board's markup. Update the source's selectors.`,
      { details: { url: pageUrl, cards: cards.length } },
    );
  }
  return { status: 'ok', postings };
}

/** Reads a posting's detail page. Throws SOURCE_ERROR for block pages and changed markup. */
export function parseDetailsHtml(html: string, url: string, selectors: BoardSelectors): JobPostingDetails {
  const $ = cheerio.load(html);
  const root = $.root();
  const detail = selectors.detail;
  const descriptionElement = root.find(detail.description).first();
  const title = firstText(root, detail.title) ?? firstText(root, 'h1') ?? firstText(root, 'title');
  if (descriptionElement.length === 0 || title === undefined) {
    // Only a page that lacks the posting is checked for block hints: a description may well
    // mention captchas.
    if (looksBlocked($, selectors.blockPage)) {
      throw new JobSearchError(
        'SOURCE_ERROR',
        `${url} answered with a block or captcha page instead of the posting; the board is blocking this ` +
          'client. Wait before the next run or lower the request rate (delayMs).',
        { details: { url, blocked: true } },
      );
    }
    throw new JobSearchError(
      'SOURCE_ERROR',
      `${url} has no ${title === undefined ? 'title' : `description ("${detail.description}")`}: ` +
        "the board's markup changed and the detail selectors no longer match. Update the source's selectors.",
      { details: { url } },
    );
  }
  const details: JobPostingDetails = {
    url,
    title,
    company: firstText(root, detail.company),
    location: firstText(root, detail.location),
    postingDate: firstText(root, detail.postingDate),
    salaryRange: firstText(root, detail.salaryRange),
    description: blockText($, descriptionElement) || undefined,
    skills: skillList($, detail.skills),
    raw: {},
  };
  details.raw = legacyRecord(details);
  return details;
}

function readCard(card: Selection, pageUrl: string, selectors: BoardSelectors): JobPostingSummary | undefined {
  const link = card.is(selectors.link) ? card : card.find(selectors.link).first();
  const href = link.attr('href')?.trim();
  const title = firstText(card, selectors.title);
  if (!href || title === undefined) return undefined;
  return {
    url: new URL(href, pageUrl).href,
    title,
    company: firstText(card, selectors.company),
    location: firstText(card, selectors.location),
    postingDate: firstText(card, selectors.postingDate),
    salaryRange: firstText(card, selectors.salaryRange),
    snippet: firstText(card, selectors.snippet),
  };
}

/** The Title Case record the legacy scraper produced; absent fields are left out. */
function legacyRecord(details: JobPostingDetails): Record<string, unknown> {
  const entries: [string, unknown][] = [
    ['Job Title', details.title],
    ['Company Name', details.company],
    ['Job Description', details.description],
    ['Required Skills', details.skills],
    ['Location', details.location],
    ['Salary Range', details.salaryRange],
    ['Posting Date', details.postingDate],
    ['Application URL', details.url],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

function looksBlocked($: CheerioAPI, marker: PageMarker | undefined): boolean {
  return (marker !== undefined && matchesMarker($, marker)) || BLOCK_PAGE_HINTS.test(pageText($));
}

function matchesMarker($: CheerioAPI, marker: PageMarker): boolean {
  if (marker.selector && $(marker.selector).length > 0) return true;
  return marker.text !== undefined && pageText($).toLowerCase().includes(marker.text.toLowerCase());
}

function pageText($: CheerioAPI): string {
  return `${$('title').text()} ${$('body').text()}`;
}

function firstText(scope: Selection, selector: string | undefined): string | undefined {
  if (!selector) return undefined;
  return collapse(scope.find(selector).first().text()) || undefined;
}

function skillList($: CheerioAPI, selector: string | undefined): string[] | undefined {
  if (!selector) return undefined;
  const texts = $(selector)
    .toArray()
    .map((element) => collapse($(element).text()));
  const skills = (texts.length === 1 ? texts[0]!.split(/[,;•]/) : texts).map(collapse).filter(Boolean);
  return skills.length > 0 ? skills : undefined;
}

const BLOCK_ELEMENTS = 'p, li, div, section, article, h1, h2, h3, h4, h5, h6, tr, dt, dd';

/** Text of an element with its paragraphs and list items on lines of their own. */
function blockText($: CheerioAPI, element: Selection): string {
  const copy = element.clone();
  copy.find('br').replaceWith('\n');
  copy.find(BLOCK_ELEMENTS).each((_, block) => {
    $(block).prepend('\n').append('\n');
  });
  return copy.text().split('\n').map(collapse).filter(Boolean).join('\n');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

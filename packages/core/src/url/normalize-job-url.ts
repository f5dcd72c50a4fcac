import { JobSearchError } from '../errors.js';

/**
 * URL normalisation for the dedup key `(job_url, search_term, cv_key)`.
 *
 * The canonical form must equal the legacy one for every well-formed ostjob URL, so keys in an
 * adopted database match (DOMAIN.md §4):
 * - scheme `https` — `http` is upgraded on every host, not only on ostjob: a board that serves a
 *   posting under both schemes serves the same posting, and one key per posting is what dedup needs;
 *   except on loopback hosts (`localhost`, `127.x.x.x`, `[::1]`): a local board such as the bundled
 *   demo board speaks plain http, and its stored links must stay clickable;
 * - host lower case (WHATWG URL does this), `ostjob.ch` becomes `www.ostjob.ch` as in legacy;
 * - default ports, user name and password, fragment and trailing slashes removed;
 * - ostjob: every query parameter removed (legacy behaviour);
 * - other hosts: tracking parameters removed, the rest sorted by name (stable, so repeated names
 *   keep their order) and written in `application/x-www-form-urlencoded` form, which makes
 *   `?q=a%20b` and `?q=a+b` one key;
 * - percent-encoding and dot segments as WHATWG URL normalises them.
 *
 * Input the legacy code mangled is read as a person would read it: `ostjob.ch/job/x/1` and
 * `www.example.com/x` name a host (the first segment holds a dot and ends in a letter-only TLD, or
 * is `localhost` or an IPv4 address, optionally with a port); `//host/x` is https; `/job/x/1`,
 * `./x` and `../x` are paths relative to the base. The legacy code resolved every relative URL
 * against the base, so a path without a leading slash (`job/x/1`) is one too: two or more
 * segments without white space whose first segment is a word of at least two characters. Other
 * scheme-less text (`N/A`, `k/A`, `siehe Inserat`, `unbekannt`) is a placeholder someone typed,
 * not a posting's address: legacy turned it into a link to a page that does not exist.
 *
 * The result is idempotent: normalising a canonical URL returns it unchanged.
 *
 * Two entry points: `tryNormalizeJobUrl` returns null for input that is not a usable http(s)
 * posting URL (empty, another scheme such as `javascript:` or `mailto:`, no host, unparsable) and
 * never throws for any string (only an invalid `base` option, a programming error, throws);
 * `normalizeJobUrl` throws INVALID_INPUT for the same input, for callers where such a URL is an
 * error.
 */

export const DEFAULT_JOB_URL_BASE = 'https://www.ostjob.ch';

export interface NormalizeJobUrlOptions {
  /** Base for relative URLs; must be an absolute http(s) URL. */
  base?: string;
}

/**
 * Query parameters that track a visit, not identify a posting. `ref` stays: some boards use it
 * as the posting's reference.
 */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
]);
const TRACKING_PREFIX = 'utm_';

const LEGACY_HOST = 'www.ostjob.ch';
const LEGACY_APEX = 'ostjob.ch';
const LEGACY_SUBDOMAIN_SUFFIX = '.ostjob.ch';

const CANONICAL_LEGACY_URL = /^https:\/\/www\.ostjob\.ch(?:\/[\w-]+)+$/;
const PLAIN_PATH = /^(?:\/[\w-]+)+$/;
const HTTP_PROTOCOLS = new Set(['http:', 'https:']);
// What the URL parser ignores, removed first so that the scheme and host checks see what it sees.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the WHATWG URL parser strips C0 controls and spaces at both ends; so do we.
const IGNORED_EDGES = /^[\u0000-\u0020\s]+|[\u0000-\u0020\s]+$/g;
const IGNORED_ANYWHERE = /[\t\n\r]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const RELATIVE_PATH = /^\.{0,2}\//;
// `job/<slug>/<id>`: a first segment of one letter (`N/A`, `k/A`) is an abbreviation, not a folder.
const BARE_PATH = /^[\p{L}\p{N}_-]{2,}(?:\/[^\s/?#\\]+)+\/*(?:[?#]\S*)?$/u;
const PLAIN_BARE_PATH = /^[\w-]{2,}(?:\/[\w-]+)+$/;
const FIRST_SEGMENT_END = /[/?#\\]/;
const HOST_LIKE = /^(?:localhost|(?:[\p{L}\p{N}_-]+\.)+\p{L}[\p{L}\p{N}-]*|\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?$/u;

export function tryNormalizeJobUrl(url: string, options: NormalizeJobUrlOptions = {}): string | null {
  const base = options.base ?? DEFAULT_JOB_URL_BASE;
  // Nearly every legacy URL is canonical already or a plain `/job/<slug>/<id>`; parsing them
  // would be most of the time a migration spends reading files.
  if (CANONICAL_LEGACY_URL.test(url)) return url;
  if (base === DEFAULT_JOB_URL_BASE) {
    if (PLAIN_PATH.test(url)) return `${DEFAULT_JOB_URL_BASE}${url}`;
    if (PLAIN_BARE_PATH.test(url)) return `${DEFAULT_JOB_URL_BASE}/${url}`;
  }
  const parsed = parseJobUrl(stripIgnoredCharacters(url), base);
  return parsed === null || !HTTP_PROTOCOLS.has(parsed.protocol) ? null : canonicalForm(parsed);
}

export function normalizeJobUrl(url: string, options: NormalizeJobUrlOptions = {}): string {
  const base = options.base ?? DEFAULT_JOB_URL_BASE;
  const normalized = tryNormalizeJobUrl(url, options);
  if (normalized === null) {
    const shown = url.length > 200 ? `${url.slice(0, 200)}…` : url;
    throw new JobSearchError(
      'INVALID_INPUT',
      `${JSON.stringify(shown)} is not a usable job posting URL: expected an http(s) URL, a host and path such as www.example.com/job/1, or a path such as /job/1 relative to ${base}.`,
      { details: { url: shown } },
    );
  }
  return normalized;
}

function parseJobUrl(text: string, base: string): URL | null {
  if (text === '') return null;
  const firstSegment = text.split(FIRST_SEGMENT_END, 1)[0] ?? '';
  if (HOST_LIKE.test(firstSegment)) return parseOrNull(`https://${text}`);
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined) return HTTP_PROTOCOLS.has(`${scheme}:`) ? parseOrNull(text) : null;
  if (text.startsWith('//')) return parseOrNull(`https:${text}`);
  // `job/x/1` resolves like `./job/x/1`.
  return RELATIVE_PATH.test(text) || BARE_PATH.test(text) ? parseOrNull(text, parseBase(base)) : null;
}

function stripIgnoredCharacters(url: string): string {
  return url.replace(IGNORED_ANYWHERE, '').replace(IGNORED_EDGES, '');
}

function parseOrNull(text: string, base?: URL): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}

// Every record of a file resolves against the same base: parse it once, not once per record.
let lastBase: { text: string; url: URL } | undefined;

function parseBase(base: string): URL {
  if (lastBase?.text === base) return lastBase.url;
  const url = parseOrNull(base);
  if (url === null || !HTTP_PROTOCOLS.has(url.protocol)) {
    throw new JobSearchError('INVALID_INPUT', `The base URL ${JSON.stringify(base)} is not an absolute http(s) URL.`, {
      details: { base },
    });
  }
  lastBase = { text: base, url };
  return url;
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

function canonicalForm(url: URL): string {
  const scheme = url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname) ? 'http' : 'https';
  // Setting the scheme also drops a port that is the scheme's default (`http://x:443/`).
  url.protocol = `${scheme}:`;
  const hostname = url.hostname;
  const isOstjob = hostname === LEGACY_APEX || hostname.endsWith(LEGACY_SUBDOMAIN_SUFFIX);
  if (hostname === LEGACY_APEX) url.hostname = LEGACY_HOST;
  const query = isOstjob ? '' : canonicalQuery(url.searchParams);
  const path = stripTrailingSlashes(url.pathname);
  return `${scheme}://${url.host}${path}${query === '' ? '' : `?${query}`}`;
}

function canonicalQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const [name, value] of params) {
    if (!isTrackingParam(name)) kept.append(name, value);
  }
  kept.sort();
  return kept.toString();
}

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith(TRACKING_PREFIX) || TRACKING_PARAMS.has(lower);
}

function stripTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

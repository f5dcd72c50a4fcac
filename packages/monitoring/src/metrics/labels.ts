/**
 * Label values are a closed set: every distinct value is a new time series in Prometheus, so
 * nothing free-form (URLs, search terms, error messages) ever becomes a label.
 */

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function httpMethodLabel(method: string): string {
  const upper = method.toUpperCase();
  return HTTP_METHODS.has(upper) ? upper : 'OTHER';
}

/** Route patterns look like `/api/matches/:id`; anything else (a raw path, a URL) is not a pattern. */
const ROUTE_PATTERN = /^\/[A-Za-z0-9_\-/:.*]{0,100}$/;

/**
 * The matched route pattern, or `unmatched` for requests no route handled (404s, scanners):
 * raw paths would put every probed URL into its own series.
 */
export function routeLabel(routePattern: string | null | undefined): string {
  if (!routePattern) return 'unmatched';
  if (!ROUTE_PATTERN.test(routePattern)) return 'other';
  // A path segment that is a literal id or hash was not templated by the caller.
  if (routePattern.split('/').some((segment) => /^\d+$/.test(segment) || /^[0-9a-f]{16,}$/i.test(segment)))
    return 'other';
  return routePattern;
}

export function statusLabel(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'other';
}

/** Model names come from configuration (a handful); anything odd-looking is folded into `other`. */
export function modelLabel(model: string | null | undefined): string {
  if (!model) return 'none';
  return /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/.test(model) ? model : 'other';
}

/** Event kinds and rule names are snake_case identifiers written by code, not by users. */
export function identifierLabel(value: string): string {
  return /^[a-z][a-z0-9_]{0,47}$/.test(value) ? value : 'other';
}

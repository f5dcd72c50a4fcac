/**
 * The API token for writes is kept for the browser tab only (sessionStorage): it survives a reload
 * but not closing the tab, and never reaches a URL or localStorage.
 */
const KEY = 'jobsearchai.apiToken';

export function readToken(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled (private mode with strict settings): the token lives in memory only.
  }
}

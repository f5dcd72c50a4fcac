import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CHALLENGE = 'Bearer realm="jobsearch-api"';

/**
 * Guards every write. With API_TOKEN: `Authorization: Bearer <token>` (401 when missing or
 * malformed, 403 when wrong). Without it: loopback clients only. Either way, a browser request
 * from another origin is refused, so a web page cannot make the user's browser start searches.
 */
export function writeGuard(apiToken: string | undefined): RequestHandler {
  const expected = apiToken === undefined ? undefined : digest(apiToken);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, req.headers.host)) {
      throw new HttpProblem(
        403,
        'FORBIDDEN',
        `Writes from another origin (${origin.slice(0, 100)}) are refused; cross-origin requests are not supported.`,
      );
    }
    if (expected === undefined) {
      if (isLoopbackAddress(req.socket.remoteAddress)) {
        next();
        return;
      }
      throw new HttpProblem(
        403,
        'FORBIDDEN',
        'This server has no API_TOKEN, so it accepts writes only from the machine it runs on. Set API_TOKEN on the server and send Authorization: Bearer <token>.',
      );
    }
    const header = req.headers.authorization;
    if (header === undefined) {
      throw new HttpProblem(
        401,
        'UNAUTHORIZED',
        'This request changes data and needs the API token: send Authorization: Bearer <API_TOKEN>.',
        {},
        { 'WWW-Authenticate': CHALLENGE },
      );
    }
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match) {
      throw new HttpProblem(
        401,
        'UNAUTHORIZED',
        'The Authorization header must read "Bearer <API_TOKEN>".',
        {},
        { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_request"` },
      );
    }
    // Digests have equal length, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(match[1]!), expected)) {
      throw new HttpProblem(
        403,
        'FORBIDDEN',
        'The API token is not valid.',
        {},
        { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
      );
    }
    next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

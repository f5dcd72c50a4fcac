import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { HttpProblem } from './problem.js';

/**
 * Security headers. The CSP lets the dashboard load its own scripts, styles, images and API
 * calls and nothing else; inline styles are allowed because chart libraries set style
 * attributes. No upgrade-insecure-requests: the server is often reached over plain HTTP on a LAN.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

/** Requests per minute and client (by IP); 0 turns the limit off. Answers 429 as a problem. */
export function rateLimiter(
  perMinute: number,
  what: string,
  skip: (path: string) => boolean = () => false,
): RequestHandler[] {
  if (perMinute <= 0) return [];
  return [
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      skip: (req) => skip(req.path),
      handler: (_req, res, next) => {
        const retryAfter = res.getHeader('Retry-After');
        next(
          new HttpProblem(
            429,
            'RATE_LIMITED',
            `Too many ${what} from this client (limit ${perMinute} a minute); retry later.`,
            {},
            retryAfter ? {} : { 'Retry-After': '60' },
          ),
        );
      },
    }),
  ];
}

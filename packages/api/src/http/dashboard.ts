import { join } from 'node:path';
import express, { type Router } from 'express';

const HAS_EXTENSION = /\.[A-Za-z0-9]+$/;

/**
 * The dashboard's built files at `/`, with the single-page-app fallback: a GET for a page path
 * (not /api, not /metrics, not a file) answers index.html so client-side routes survive a reload.
 * Vite's hashed assets are cached for a year; index.html never.
 */
export function dashboardRouter(dir: string): Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  router.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'Cache-Control',
          path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  router.use((req, res, next) => {
    const page =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.path.startsWith('/api/') &&
      req.path !== '/api' &&
      req.path !== '/metrics' &&
      !HAS_EXTENSION.test(req.path);
    if (!page || !req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

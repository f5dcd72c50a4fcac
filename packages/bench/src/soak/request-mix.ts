import type autocannon from 'autocannon';
import { Random } from '../util/random.js';
import { CV_KEYS, SEARCH_TERMS } from '../query/vocabulary.js';

export type EndpointKind = 'list' | 'listLocation' | 'listByDate' | 'detail' | 'stats';

/** How many of every ten requests each kind is: mostly dashboard lists and detail views. */
export const MIX: Record<EndpointKind, number> = { list: 4, listLocation: 1, listByDate: 1, detail: 3, stats: 1 };

/** A fresh, random path for one request of `kind` against a database of `rows` rows. */
export function pathFor(kind: EndpointKind, rows: number, random: Random): string {
  const term = encodeURIComponent(random.pick(SEARCH_TERMS));
  const cv = random.pick(CV_KEYS);
  switch (kind) {
    case 'list':
      return `/api/matches?search_term=${term}&cv_key=${cv}&min_score=6&limit=50`;
    case 'listLocation':
      return `/api/matches?search_term=${term}&cv_key=${cv}&min_score=6&location=Gallen&limit=50`;
    case 'listByDate':
      return `/api/matches?search_term=${term}&sort=date_desc&limit=50`;
    case 'detail':
      return `/api/matches/${random.int(1, rows)}`;
    case 'stats':
      return '/api/stats';
  }
}

/** autocannon's request cycle: each connection walks it in order, each request drawing new parameters. */
export function requestCycle(rows: number, seed: number): autocannon.Request[] {
  const random = new Random(seed);
  const kinds = (Object.entries(MIX) as Array<[EndpointKind, number]>).flatMap(([kind, weight]) =>
    Array.from({ length: weight }, () => kind),
  );
  return kinds.map((kind) => ({
    method: 'GET' as const,
    setupRequest: (request: autocannon.Request) => ({ ...request, path: pathFor(kind, rows, random) }),
  }));
}

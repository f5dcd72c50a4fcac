/** CV files as job seekers write them; any byte changed makes a new cv_key. */
export const CV_TEXT = `# Anna Muster

Software-Entwicklerin in St. Gallen, 8 Jahre Erfahrung.

## Kenntnisse
- TypeScript, Node.js, React
- SQL (PostgreSQL, SQLite), Datenmodellierung
- Agile Methoden, Scrum

## Erfahrung
- 2019–heute: Senior Developer, Muster AG, St. Gallen
- 2016–2019: Applikationsentwicklerin, Beispiel GmbH, Zürich
`;

/** The same CV a year later: one more skill and one more job. */
export const UPDATED_CV_TEXT = `${CV_TEXT}- 2025–heute: Tech Lead, Neu AG, Winterthur

## Weiterbildung
- CAS Data Engineering, OST (2025)
`;

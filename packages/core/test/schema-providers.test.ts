// The SQLite and PostgreSQL schemas must describe the same models, and the SQLite history must
// start from the legacy installation's own DDL, so that adopting a legacy database is marking
// the baseline applied.
import { readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LEGACY_DDL } from './db/legacy-ddl.js';

const PRISMA_DIR = fileURLToPath(new URL('../../../prisma/', import.meta.url));
const PROVIDERS = ['sqlite', 'postgresql'] as const;

interface Column {
  name: string;
  type: string;
  constraints: string;
}
interface Table {
  columns: Column[];
  uniqueKeys: string[][];
  foreignKeys: string[];
}
interface Schema {
  tables: Map<string, Table>;
  indexes: Map<string, { table: string; columns: string[] }>;
}

function stripSqlComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

/** Splits on commas outside parentheses. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

const names = (list: string) => list.split(',').map((name) => name.trim().replaceAll('"', ''));

/** Reads the CREATE TABLE and CREATE INDEX statements of the legacy dialect (enough for it, no more). */
function parseSchema(sql: string): Schema {
  const schema: Schema = { tables: new Map(), indexes: new Map() };
  for (const statement of stripSqlComments(sql)
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim())) {
    const table = /^CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"? \((.*)\)$/i.exec(statement);
    if (table) {
      const parsed: Table = { columns: [], uniqueKeys: [], foreignKeys: [] };
      for (const item of splitTopLevel(table[2]!)) {
        const unique = /^UNIQUE ?\((.*)\)$/i.exec(item);
        if (unique) parsed.uniqueKeys.push(names(unique[1]!));
        else if (/^FOREIGN KEY/i.test(item)) parsed.foreignKeys.push(item);
        else {
          const [quotedName = '', type = '', ...rest] = item.split(' ');
          const name = quotedName.replaceAll('"', '');
          const constraints = rest.join(' ');
          parsed.columns.push({ name, type: type.toUpperCase(), constraints });
          if (/\bUNIQUE\b/i.test(constraints)) parsed.uniqueKeys.push([name]);
        }
      }
      schema.tables.set(table[1]!, parsed);
      continue;
    }
    const index = /^CREATE INDEX (?:IF NOT EXISTS )?"?(\w+)"? ON "?(\w+)"? ?\((.*)\)$/i.exec(statement);
    if (index) schema.indexes.set(index[1]!, { table: index[2]!, columns: names(index[3]!) });
    else if (statement !== '') throw new Error(`Unexpected statement in the legacy DDL: ${statement}`);
  }
  return schema;
}

async function readProviderFile(provider: string, name: string): Promise<string> {
  return readFile(join(PRISMA_DIR, provider, name), 'utf8');
}

const baselinePath = join(PRISMA_DIR, 'sqlite', 'migrations', '20251101000000_legacy_baseline', 'migration.sql');

describe('provider schemas', () => {
  it('hold the same schema files, and the same models', async () => {
    const [sqliteFiles, postgresFiles] = await Promise.all(
      PROVIDERS.map(async (provider) =>
        (await readdir(join(PRISMA_DIR, provider))).filter((name) => name.endsWith('.prisma')).sort(),
      ),
    );
    expect(postgresFiles).toEqual(sqliteFiles);
    const modelFiles = sqliteFiles!.filter((name) => name !== 'schema.prisma');
    expect(modelFiles).not.toEqual([]);
    for (const name of modelFiles) {
      const [sqlitePath, postgresPath] = await Promise.all(
        PROVIDERS.map((provider) => realpath(join(PRISMA_DIR, provider, name))),
      );
      const [sqliteModels, postgresModels] = await Promise.all([
        readFile(sqlitePath!, 'utf8'),
        readFile(postgresPath!, 'utf8'),
      ]);
      expect(postgresModels, `${name}: ${sqlitePath} vs ${postgresPath}`).toBe(sqliteModels);
      expect(sqliteModels).toMatch(/^model \w+ \{/m);
    }
  });

  it('have schema.prisma files that differ only in the datasource provider and the client output', async () => {
    const neutral = async (provider: string) => {
      const schema = (await readProviderFile(provider, 'schema.prisma')).replace(/^\s*\/\/.*\n/gm, '');
      const providerLine = new RegExp(`(datasource db \\{\\s*provider\\s*=\\s*)"${provider}"`);
      const outputLine = new RegExp(`(output\\s*=\\s*"[./]*/packages/core/src/generated/)${provider}"`);
      expect(schema).toMatch(providerLine);
      expect(schema).toMatch(outputLine);
      return schema.replace(providerLine, '$1"<provider>"').replace(outputLine, '$1<provider>"');
    };
    expect(await neutral('postgresql')).toBe(await neutral('sqlite'));
  });

  it('lock each migrations folder to its provider', async () => {
    for (const provider of PROVIDERS) {
      expect(await readProviderFile(provider, 'migrations/migration_lock.toml')).toMatch(
        new RegExp(`^provider = "${provider}"$`, 'm'),
      );
    }
  });
});

describe('SQLite legacy baseline migration', () => {
  const legacy = parseSchema(LEGACY_DDL);

  it('reads the legacy DDL completely (guards the parser itself)', () => {
    expect([...legacy.tables.keys()]).toEqual(['job_matches', 'cv_versions', 'scrape_history', 'applications']);
    expect(legacy.tables.get('job_matches')?.columns).toHaveLength(21);
    expect(legacy.tables.get('job_matches')?.uniqueKeys).toEqual([['job_url', 'search_term', 'cv_key']]);
    expect(legacy.tables.get('applications')?.uniqueKeys).toEqual([['job_match_id']]);
    expect(legacy.indexes.size).toBe(7);
  });

  it('creates the legacy tables with the same columns, in order, with the same types', async () => {
    const baseline = parseSchema(await readFile(baselinePath, 'utf8'));
    expect([...baseline.tables.keys()]).toEqual([...legacy.tables.keys()]);
    for (const [name, table] of legacy.tables) {
      const columns = (t: Table | undefined) => t?.columns.map(({ name, type }) => `${name} ${type}`);
      expect(columns(baseline.tables.get(name)), name).toEqual(columns(table));
      expect(baseline.tables.get(name), name).toEqual(table);
    }
  });

  it('keeps the unique key (job_url, search_term, cv_key) and every legacy index', async () => {
    const baseline = parseSchema(await readFile(baselinePath, 'utf8'));
    expect(baseline.tables.get('job_matches')?.uniqueKeys).toEqual([['job_url', 'search_term', 'cv_key']]);
    expect(baseline.indexes).toEqual(legacy.indexes);
  });

  it('is the legacy DDL verbatim, apart from IF NOT EXISTS and comments', async () => {
    const normalize = (sql: string) =>
      stripSqlComments(sql)
        .replace(/ IF NOT EXISTS/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    expect(normalize(await readFile(baselinePath, 'utf8'))).toBe(normalize(LEGACY_DDL));
  });
});

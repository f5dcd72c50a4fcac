import { JobSearchError } from '../errors.js';
import { columnNames, tableNames } from '../db/migrate.js';
import type { SqlDriver } from '../db/sql-driver.js';

/** One table to copy: its columns in the schema's order, its key and what it refers to. */
export interface CopyTable {
  name: string;
  columns: string[];
  /** Primary key columns: rows are read in this order and compared by this key. */
  key: string[];
  /** Tables this one has foreign keys to: they are filled before it. */
  references: string[];
  /** Per column, how its values are compared (the checksum text of a float is its IEEE-754 bits). */
  kinds: ColumnKind[];
}

export type ColumnKind = 'integer' | 'float' | 'boolean' | 'text';

/** Prisma's own history: the target gets it from the migrator, never from the source. */
const MIGRATIONS_TABLE = '_prisma_migrations';

/**
 * Every table of a migrated database, in an order that satisfies its foreign keys (parents
 * first; ties by name, so the order is stable). The list comes from the database the migrations
 * made, never from a list in code: a table a later migration adds is copied without a change here.
 */
export async function copyTables(driver: SqlDriver): Promise<CopyTable[]> {
  const names = (await tableNames(driver)).filter((name) => name !== MIGRATIONS_TABLE).sort();
  const tables: CopyTable[] = [];
  for (const name of names) {
    const columns = await columnNames(driver, name);
    tables.push({
      name,
      columns,
      kinds: await columnKinds(driver, name, columns),
      key: await primaryKey(driver, name),
      references: (await referencedTables(driver, name)).filter((parent) => parent !== name && names.includes(parent)),
    });
  }
  return parentsFirst(tables);
}

/** SQLite's affinity rules on the declared type; PostgreSQL's data types. */
async function columnKinds(driver: SqlDriver, table: string, columns: string[]): Promise<ColumnKind[]> {
  const rows =
    driver.provider === 'sqlite'
      ? await driver.query<{ name: string; type: string }>(`SELECT name, type FROM pragma_table_info(?)`, [table])
      : await driver.query<{ name: string; type: string }>(
          `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
          [table],
        );
  const types = new Map(rows.map((row) => [row.name, row.type.toLowerCase()]));
  return columns.map((column) => {
    const type = types.get(column) ?? '';
    if (type.includes('int')) return 'integer';
    if (/real|floa|doub|numeric|decimal/.test(type)) return 'float';
    if (type.includes('bool')) return 'boolean';
    return 'text';
  });
}

async function primaryKey(driver: SqlDriver, table: string): Promise<string[]> {
  const rows =
    driver.provider === 'sqlite'
      ? await driver.query<{ name: string }>(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`, [table])
      : await driver.query<{ name: string }>(
          `SELECT a.attname AS name FROM pg_index i
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
           WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass AND i.indisprimary
           ORDER BY array_position(i.indkey, a.attnum)`,
          [table],
        );
  if (rows.length === 0) {
    throw new JobSearchError(
      'DB_SCHEMA',
      `Table ${table} has no primary key, so its rows cannot be compared after the copy. It is not part of the JobSearchAI schema: remove it or copy it by hand.`,
    );
  }
  return rows.map((row) => row.name);
}

async function referencedTables(driver: SqlDriver, table: string): Promise<string[]> {
  const rows =
    driver.provider === 'sqlite'
      ? await driver.query<{ name: string }>(`SELECT DISTINCT "table" AS name FROM pragma_foreign_key_list(?)`, [table])
      : await driver.query<{ name: string }>(
          `SELECT DISTINCT c.confrelid::regclass::text AS name FROM pg_constraint c
           WHERE c.contype = 'f' AND c.conrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass`,
          [table],
        );
  return rows.map((row) => row.name.replace(/^"|"$/g, ''));
}

function parentsFirst(tables: CopyTable[]): CopyTable[] {
  const ordered: CopyTable[] = [];
  const placed = new Set<string>();
  let remaining = [...tables];
  while (remaining.length > 0) {
    const ready = remaining.filter((table) => table.references.every((parent) => placed.has(parent)));
    // A cycle of foreign keys (none in the schema today): copy the rest in name order.
    const next = ready.length > 0 ? ready : remaining;
    for (const table of next) {
      ordered.push(table);
      placed.add(table.name);
    }
    remaining = remaining.filter((table) => !placed.has(table.name));
  }
  return ordered;
}

/** The source and the target must have the same tables and columns (both come from the migrations). */
export function assertSameTables(source: CopyTable[], target: CopyTable[]): void {
  const problems: string[] = [];
  const targetByName = new Map(target.map((table) => [table.name, table]));
  for (const table of source) {
    const other = targetByName.get(table.name);
    if (!other) {
      problems.push(`the target has no table ${table.name}`);
      continue;
    }
    const missing = table.columns.filter((column) => !other.columns.includes(column));
    const extra = other.columns.filter((column) => !table.columns.includes(column));
    if (missing.length > 0) problems.push(`${table.name}: the target lacks ${missing.join(', ')}`);
    if (extra.length > 0) problems.push(`${table.name}: the source lacks ${extra.join(', ')}`);
  }
  for (const table of target) {
    if (!source.some((other) => other.name === table.name)) problems.push(`the source has no table ${table.name}`);
  }
  if (problems.length > 0) {
    throw new JobSearchError(
      'DB_SCHEMA',
      `The source and target schemas differ (${problems.join('; ')}). Run the same JobSearchAI version's \`jobsearch-migrate init\` on both, then copy again.`,
      { details: { problems } },
    );
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

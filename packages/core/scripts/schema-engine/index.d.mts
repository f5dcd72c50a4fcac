// Types for the TypeScript tests; the implementation is plain ESM so that the scripts run
// with `node` alone. Keep in step with index.mjs.
export type Provider = 'sqlite' | 'postgresql';

export interface EngineOptions {
  /** A PostgreSQL server where temporary shadow databases may be created and dropped. */
  postgresUrl?: string;
  /** The folder holding the provider folders; defaults to the repository's prisma/. */
  prismaDir?: string;
}

export const PROVIDERS: readonly Provider[];
export const DEFAULT_POSTGRES_URL: string;

export function diffMigrationsAgainstSchema(
  provider: Provider,
  options?: EngineOptions,
): Promise<{ drift: boolean; script: string }>;

export function createMigration(
  provider: Provider,
  name: string,
  options?: EngineOptions & { now?: Date },
): Promise<string>;

export function writeMigration(
  provider: Provider,
  name: string,
  script: string,
  options?: { prismaDir?: string; now?: Date },
): Promise<string>;

export function assertMigrationName(name: string): void;

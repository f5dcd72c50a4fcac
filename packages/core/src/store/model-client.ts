import type { PrismaClient as SqlitePrismaClient } from '../generated/sqlite/client.js';

/**
 * The part of Prisma's model API the store uses. Both generated clients have the same models
 * (one shared models file), but their types are not assignable to each other because the
 * providers' transaction options differ; the store only needs the model delegates.
 */
export type ModelClient = Pick<SqlitePrismaClient, 'cvVersion' | 'legacyImport' | 'appEvent'>;

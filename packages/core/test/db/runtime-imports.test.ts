import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Prisma is the source of the schema, the migrations and the row types only: at runtime every
 * statement goes through core's SQL driver. So no runtime module of core may load Prisma's client,
 * its driver adapters or the generated client; type imports vanish at compile time and are fine.
 */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const PRISMA = /^(@prisma\/|prisma$|\.{1,2}\/(?:.*\/)?generated\/)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file loads at runtime: static imports and re-exports that are not type-only, and dynamic imports. */
function runtimeSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    // Only `import type` / `export type` vanish: with verbatimModuleSyntax, `import { type A }` still loads the module.
    if (match[2] === undefined) found.push(match[4]!);
  }
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  return found;
}

describe('the runtime data path', () => {
  it('finds the imports it checks (the scan itself works)', () => {
    expect(
      runtimeSpecifiers(
        `import pg from 'pg';\nimport type { X } from '@prisma/client';\nimport { type A } from '../generated/sqlite/models.js';\nconst m = await import('@prisma/adapter-pg');`,
      ),
    ).toEqual(['pg', '../generated/sqlite/models.js', '@prisma/adapter-pg']);
    expect(runtimeSpecifiers(`import { PrismaClient } from '../generated/sqlite/client.js';`)).toEqual([
      '../generated/sqlite/client.js',
    ]);
  });

  it('loads no Prisma module: core imports Prisma types only', () => {
    const offenders = sourceFiles(SRC).flatMap((file) =>
      runtimeSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => PRISMA.test(specifier))
        .map((specifier) => `${relative(SRC, file)} → ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});

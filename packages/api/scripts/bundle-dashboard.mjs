// Copies the dashboard's built files into dist/dashboard so the published package serves them
// (an installed package cannot reach apps/dashboard). Source maps stay behind: the dashboard is
// shipped to run, not to debug. turbo builds the dashboard first (see turbo.json).
// `--check` (run by prepack) only verifies that a packed package would carry the dashboard.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../../../apps/dashboard/dist/', import.meta.url));
const target = fileURLToPath(new URL('../dist/dashboard/', import.meta.url));

if (process.argv.includes('--check')) {
  if (!existsSync(`${target}index.html`)) {
    console.error(
      `@jobsearchai/api: ${target}index.html is missing, the package would ship without the dashboard: run \`pnpm exec turbo run build --filter @jobsearchai/api\` first.`,
    );
    process.exit(1);
  }
} else {
  rmSync(target, { recursive: true, force: true });
  if (existsSync(`${source}index.html`)) {
    cpSync(source, target, { recursive: true, filter: (path) => !path.endsWith('.map') });
  } else {
    console.warn(
      `@jobsearchai/api: no built dashboard at ${source}, so dist/ has none: build it with \`pnpm --filter @jobsearchai/dashboard build\` (turbo does this first).`,
    );
  }
}

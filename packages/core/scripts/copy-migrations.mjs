// Ships the SQL migrations inside the published package (dist/ cannot reach the repo's prisma/).
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../prisma/', import.meta.url));
const target = fileURLToPath(new URL('../migrations/', import.meta.url));
rmSync(target, { recursive: true, force: true });
for (const provider of ['sqlite', 'postgresql']) {
  cpSync(`${root}${provider}/migrations`, `${target}${provider}`, { recursive: true });
}

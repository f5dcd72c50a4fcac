import { EXIT_USAGE } from './exit-codes.js';

/**
 * The oldest Node.js the CLIs run on. better-sqlite3 13 (the SQLite driver) crashes Node 20 with a
 * segfault when it opens a database, and the current majors of the other dependencies need 22.12 too.
 */
export const MINIMUM_NODE = { major: 22, minor: 12 } as const;

export function isSupportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MINIMUM_NODE.major || (major === MINIMUM_NODE.major && minor >= MINIMUM_NODE.minor);
}

export function unsupportedNodeMessage(program: string, version: string): string {
  const { major, minor } = MINIMUM_NODE;
  return (
    `${program} needs Node.js ${major}.${minor} or newer (this is v${version.replace(/^v/, '')}): install Node 22, 24 or 26, ` +
    'or run it through `npm start`/scripts/bootstrap.sh, which brings Node 24.'
  );
}

export interface NodeCheckIo {
  version: string;
  stderr: { write(text: string): unknown };
}

/**
 * A bin file's first statement, before it imports the program: on an older Node, prints one line,
 * sets the usage/environment exit code (2) and returns false, so that nothing that could crash
 * that Node is loaded.
 */
export function checkNodeVersion(
  program: string,
  io: NodeCheckIo = { version: process.versions.node, stderr: process.stderr },
): boolean {
  if (isSupportedNode(io.version)) return true;
  io.stderr.write(`${unsupportedNodeMessage(program, io.version)}\n`);
  process.exitCode = EXIT_USAGE;
  return false;
}

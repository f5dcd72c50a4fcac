import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { createAgentMetrics, createMetrics } from '@jobsearchai/monitoring';
import { afterAll, describe, expect, it } from 'vitest';
import { BINS, REPO_ROOT, run, runProgram, type Bin, type Finished } from './harness/processes.js';

/**
 * Every command the documentation shows must exist: the CLIs' subcommands and flags (checked
 * against their own --help), the package scripts, the shell scripts, and every relative link.
 * A failing case is named after the document and line that shows the command.
 */

// ---------------------------------------------------------------------------------------------
// The documents

/** Every Markdown file at the repository root and in docs/ (DEPLOYMENT.md, README.md, the guides). */
const DOCS: readonly string[] = [...markdownIn('.'), ...markdownIn('docs')];

function markdownIn(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => posix.join(dir, name));
}

interface DocText {
  /** `docs/x.md:12` */
  where: string;
  file: string;
  text: string;
}

/** Code-block languages whose lines are shell commands; untyped blocks count too. */
const SHELL_LANGUAGES = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh']);

/**
 * Shell lines of a document: lines of sh/bash/shell/console/untyped fenced blocks (console: only
 * `$ ` prompts; `\` continuations joined), and inline code spans that start with a command this
 * test knows (`jobsearch-…`, `pnpm …`, `npm …`, a script).
 */
function shellLines(file: string): DocText[] {
  const lines = readFileSync(join(REPO_ROOT, file), 'utf8').split('\n');
  const out: DocText[] = [];
  let fence: { char: string; length: number; lang: string } | null = null;
  let pending: { line: number; text: string } | null = null;
  lines.forEach((raw, index) => {
    const open = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(raw);
    if (fence === null) {
      if (open) {
        fence = { char: open[1]![0]!, length: open[1]!.length, lang: open[2]!.toLowerCase() };
        return;
      }
      for (const span of inlineCode(raw)) {
        if (STARTS_LIKE_A_COMMAND.test(span)) out.push({ where: `${file}:${index + 1}`, file, text: span });
      }
      return;
    }
    const close = /^\s*(`{3,}|~{3,})\s*$/.exec(raw);
    if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) {
      fence = null;
      pending = null;
      return;
    }
    if (!SHELL_LANGUAGES.has(fence.lang)) return;
    let text = raw.trim();
    if (fence.lang === 'console') {
      if (pending === null && !text.startsWith('$ ')) return;
      if (pending === null) text = text.slice(2);
    }
    const joined: { line: number; text: string } = pending
      ? { line: pending.line, text: `${pending.text} ${text}` }
      : { line: index + 1, text };
    if (joined.text.endsWith('\\')) {
      pending = { line: joined.line, text: joined.text.slice(0, -1).trim() };
      return;
    }
    pending = null;
    if (joined.text !== '') out.push({ where: `${file}:${joined.line}`, file, text: joined.text });
  });
  return out;
}

const STARTS_LIKE_A_COMMAND =
  /^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:jobsearch-(?:migrate|api|bench|monitor)\b|pnpm\s|npm\s|npx\s|(?:bash\s+)?(?:\.\/)?scripts\/\S+\.sh\b)/;

/** Inline code spans of one line of prose. */
function inlineCode(line: string): string[] {
  return [...line.matchAll(/(`+)(?!`)(.+?)(?<!`)\1(?!`)/g)].map((m) => m[2]!.trim());
}

// ---------------------------------------------------------------------------------------------
// A small shell reader: words, quotes, comments, operators and redirections

const OPERATORS = ['&&', '||', ';', '|', '&', '$(', '(', ')'] as const;

type Token = { word: string } | { op: string };

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let word: string | null = null;
  const flush = () => {
    if (word !== null) tokens.push({ word });
    word = null;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      const stop = end === -1 ? line.length : end;
      word = (word ?? '') + line.slice(i + 1, stop);
      i = stop;
    } else if (/\s/.test(c)) {
      flush();
    } else if (c === '#' && word === null) {
      break; // a comment
    } else if (c === '<' && /^<[^<>\s]+>/.test(line.slice(i))) {
      // `<file>`, `<newest>.db`: a placeholder, part of the word.
      const placeholder = /^<[^<>\s]+>/.exec(line.slice(i))![0];
      word = (word ?? '') + placeholder;
      i += placeholder.length - 1;
    } else if (c === '>' || c === '<') {
      // `2>&1`, `>/dev/null`, `< file`: the fd number, the operator and its target are no arguments.
      if (word !== null && /^\d+$/.test(word)) word = null;
      flush();
      while (line[i + 1] === '>' || line[i + 1] === '&') i++;
      tokens.push({ op: 'redirect' });
    } else {
      const op = OPERATORS.find((candidate) => line.startsWith(candidate, i));
      if (op) {
        flush();
        tokens.push({ op });
        i += op.length - 1;
      } else {
        word = (word ?? '') + c;
      }
    }
  }
  flush();
  return tokens;
}

/** Simple commands of a line: runs of words between operators, redirection targets removed. */
function simpleCommands(line: string): string[][] {
  const commands: string[][] = [[]];
  let skipNext = false;
  for (const token of tokenize(line)) {
    if ('op' in token) {
      if (token.op === 'redirect') skipNext = true;
      else commands.push([]);
      continue;
    }
    if (skipNext) {
      skipNext = false;
      continue;
    }
    commands.at(-1)!.push(token.word);
  }
  return commands.filter((words) => words.length > 0);
}

// ---------------------------------------------------------------------------------------------
// What a doc line asks for

interface BinCheck {
  kind: 'bin';
  bin: Bin;
  args: string[];
}
interface ScriptCheck {
  kind: 'script';
  path: string;
  args: string[];
}
interface PackageScriptCheck {
  kind: 'package-script';
  packageDir: string;
  script: string;
}
interface NodeFileCheck {
  kind: 'node-file';
  path: string;
}
type Check = BinCheck | ScriptCheck | PackageScriptCheck | NodeFileCheck;

interface Case {
  /** `docs/x.md:12` */
  where: string;
  /** The doc line (or inline code) as written. */
  line: string;
  /** What is checked, for the test's name. */
  command: string;
  check: Check;
}

const PREFIXES = new Set(['sudo', 'env', '/usr/bin/env', 'time', 'exec', 'nohup', 'command']);

/** pnpm's own commands; `pnpm <anything else>` runs a package script. */
const PNPM_COMMANDS = new Set([
  'add',
  'audit',
  'bin',
  'config',
  'create',
  'dedupe',
  'deploy',
  'dlx',
  'doctor',
  'env',
  'exec',
  'fetch',
  'i',
  'import',
  'init',
  'install',
  'install-test',
  'it',
  'licenses',
  'link',
  'list',
  'ln',
  'ls',
  'outdated',
  'pack',
  'patch',
  'patch-commit',
  'prune',
  'publish',
  'rb',
  'rebuild',
  'recursive',
  'remove',
  'rm',
  'root',
  'run',
  'setup',
  'store',
  'un',
  'uninstall',
  'unlink',
  'up',
  'update',
  'why',
  'help',
  'approve-builds',
  'cat-file',
  'cat-index',
  'find-hash',
  'self-update',
]);
const NPM_COMMANDS_WITH_SCRIPT = new Map([
  ['start', 'start'],
  ['test', 'test'],
  ['t', 'test'],
  ['restart', 'restart'],
  ['stop', 'stop'],
]);

/** `node packages/api/dist/cli.js …` runs jobsearch-api. */
const DIST_CLIS = new Map<string, Bin>(
  Object.entries(BINS).map(([bin, path]) => [relative(REPO_ROOT, path), bin as Bin]),
);

function binOf(word: string): Bin | undefined {
  const name = word.split('/').at(-1) ?? '';
  return name in BINS ? (name as Bin) : undefined;
}

function checksOfLine(text: string): Check[] {
  const checks: Check[] = [];
  let cwd = '.';
  for (let words of simpleCommands(text)) {
    while (words.length > 0 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!) || PREFIXES.has(words[0]!))) {
      if (words[0] === 'sudo' && words[1] === '-u') words = words.slice(3);
      else words = words.slice(1);
    }
    const [head, ...rest] = words;
    if (head === undefined) continue;
    if (head === 'cd' && rest[0]) {
      // An absolute folder is an installation (a checkout of this repository): its root.
      cwd = isAbsolute(rest[0]) || rest[0].startsWith('~') ? '.' : posix.join(cwd, rest[0]);
      continue;
    }
    const check = checkOf(head, rest, cwd);
    if (check) checks.push(check);
  }
  return checks;
}

function checkOf(head: string, rest: string[], cwd: string): Check | undefined {
  const bin = binOf(head);
  if (bin) return { kind: 'bin', bin, args: rest };
  if (head === 'npx') return rest[0] ? checkOf(rest[0], rest.slice(1), cwd) : undefined;
  if (head === 'node' && rest[0] && /\.(c|m)?js$/.test(rest[0]) && !rest[0].startsWith('-')) {
    // An installed release runs the same files: /opt/jobsearchai/current/packages/api/dist/cli.js.
    const installed = rest[0].match(/(?:^|\/)current\/(packages\/[\w-]+\/dist\/cli\.js)$/)?.[1];
    const distBin = DIST_CLIS.get(installed ?? posix.join(cwd, rest[0]));
    if (distBin) return { kind: 'bin', bin: distBin, args: rest.slice(1) };
    return { kind: 'node-file', path: posix.join(cwd, rest[0]) };
  }
  if ((head === 'bash' || head === 'sh') && rest[0]?.endsWith('.sh'))
    return { kind: 'script', path: posix.join(cwd, rest[0]), args: rest.slice(1) };
  if (/(^|\/)scripts\/[\w.-]+\.sh$/.test(head)) return { kind: 'script', path: posix.join(cwd, head), args: rest };
  if (head === 'pnpm') return pnpmCheck(rest, cwd);
  if (head === 'npm') {
    const [sub, name] = rest;
    if ((sub === 'run' || sub === 'run-script') && name)
      return { kind: 'package-script', packageDir: cwd, script: name };
    const script = sub === undefined ? undefined : NPM_COMMANDS_WITH_SCRIPT.get(sub);
    if (script) return { kind: 'package-script', packageDir: cwd, script };
  }
  return undefined;
}

function pnpmCheck(args: string[], cwd: string): Check | undefined {
  let packageDir = cwd;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const flag = args[i]!;
    if (flag === '--filter' || flag === '-F')
      packageDir = packageDirByName(args[++i] ?? '') ?? `(no package ${args[i]})`;
    else if (flag.startsWith('--filter='))
      packageDir = packageDirByName(flag.slice('--filter='.length)) ?? `(no package ${flag})`;
    else if (flag === '-C' || flag === '--dir') packageDir = posix.join(cwd, args[++i] ?? '');
  }
  const command = args[i];
  if (command === undefined) return undefined;
  if (command === 'exec' || command === 'dlx')
    return args[i + 1] ? checkOf(args[i + 1]!, args.slice(i + 2), cwd) : undefined;
  if (command === 'run') return args[i + 1] ? { kind: 'package-script', packageDir, script: args[i + 1]! } : undefined;
  if (command === 'test' || command === 'start') return { kind: 'package-script', packageDir, script: command };
  if (PNPM_COMMANDS.has(command)) return undefined;
  return { kind: 'package-script', packageDir, script: command };
}

/** Workspace packages by name (packages/*, apps/*, tests/*). */
function packageDirByName(name: string): string | undefined {
  for (const group of ['packages', 'apps', 'tests']) {
    for (const dir of readdirSync(join(REPO_ROOT, group))) {
      const manifest = join(REPO_ROOT, group, dir, 'package.json');
      if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name)
        return posix.join(group, dir);
    }
  }
  return undefined;
}

function describeCheck(check: Check): string {
  switch (check.kind) {
    case 'bin':
      return [check.bin, ...check.args].join(' ');
    case 'script':
      return [check.path, ...check.args].join(' ');
    case 'package-script':
      return `script "${check.script}" of ${check.packageDir}/package.json`;
    case 'node-file':
      return `node ${check.path}`;
  }
}

const CASES: Case[] = DOCS.flatMap((file) =>
  shellLines(file).flatMap((line) =>
    checksOfLine(line.text).map((check) => ({
      where: line.where,
      line: line.text,
      command: describeCheck(check),
      check,
    })),
  ),
);

// ---------------------------------------------------------------------------------------------
// Running --help once per (program, subcommand)

const helpCwd = mkdtempSync(join(tmpdir(), 'jobsearch-docs-'));
afterAll(() => rmSync(helpCwd, { recursive: true, force: true }));

const helpRuns = new Map<string, Promise<Finished>>();

function help(key: string, start: () => Promise<Finished>): Promise<Finished> {
  let result = helpRuns.get(key);
  if (!result) {
    result = start();
    helpRuns.set(key, result);
  }
  return result;
}

function binHelp(bin: Bin, subcommand: string | null): Promise<Finished> {
  return help(`${bin} ${subcommand ?? ''}`, () =>
    run(bin, subcommand ? [subcommand, '--help'] : ['--help'], { cwd: helpCwd, timeoutMs: 30_000 }),
  );
}

/** The subcommands a program's top-level help lists (none for jobsearch-monitor). */
async function subcommandsOf(bin: Bin): Promise<Set<string>> {
  const { stdout } = await binHelp(bin, null);
  const section = stdout.split(/^Commands:\s*$/m)[1] ?? '';
  return new Set([...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!));
}

/** `--flag` as written in docs: `--port=3000`, `[--once]`, `--json,` all name the flag. */
function flagsOf(args: readonly string[]): string[] {
  return args
    .map((arg) => arg.replace(/^[[(]+/, ''))
    .filter((arg) => /^--[a-z0-9]/i.test(arg))
    .map((arg) => arg.split('=')[0]!.replace(/[\])},.:;]+$/, ''));
}

function helpNames(helpText: string, flag: string): boolean {
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s,\\[])${escaped}(?=$|[\\s,=<\\[\\]])`, 'm').test(helpText);
}

function fail(c: Case, problem: string): never {
  throw new Error(`${c.where}: \`${c.line}\`: ${problem}`);
}

async function checkBin(c: Case, check: BinCheck): Promise<void> {
  const subcommands = await subcommandsOf(check.bin);
  // `<command>` and `…` are placeholders, not subcommands.
  const first = check.args[0];
  let subcommand: string | null = null;
  if (subcommands.size > 0 && first !== undefined && /^[a-z]/.test(first)) {
    if (!subcommands.has(first))
      fail(c, `${check.bin} has no subcommand "${first}" (it has: ${[...subcommands].join(', ')})`);
    subcommand = first;
  }
  const result = await binHelp(check.bin, subcommand);
  const shown = `${check.bin}${subcommand ? ` ${subcommand}` : ''} --help`;
  if (result.code !== 0) fail(c, `\`${shown}\` exited ${result.code ?? result.signal}: ${result.stderr.trim()}`);
  const unknown = flagsOf(check.args).filter((flag) => !helpNames(result.stdout, flag));
  if (unknown.length > 0) fail(c, `\`${shown}\` does not list ${unknown.join(', ')}`);
}

async function checkScript(c: Case, check: ScriptCheck): Promise<void> {
  const path = join(REPO_ROOT, check.path);
  if (!existsSync(path)) fail(c, `${check.path} does not exist`);
  // Only the deploy script is safe to start with --help; bootstrap.sh would install everything.
  if (posix.normalize(check.path) !== 'scripts/deploy.sh') return;
  const result = await help('scripts/deploy.sh', () =>
    runProgram('bash', [path, '--help'], { cwd: helpCwd, timeoutMs: 30_000 }),
  );
  if (result.code !== 0)
    fail(c, `\`scripts/deploy.sh --help\` exited ${result.code ?? result.signal}: ${result.stderr.trim()}`);
  const unknown = flagsOf(check.args).filter((flag) => !helpNames(result.stdout, flag));
  if (unknown.length > 0) fail(c, `\`scripts/deploy.sh --help\` does not list ${unknown.join(', ')}`);
}

function checkPackageScript(c: Case, check: PackageScriptCheck): void {
  const manifest = join(REPO_ROOT, check.packageDir, 'package.json');
  if (!existsSync(manifest)) fail(c, `${check.packageDir}/package.json does not exist`);
  const scripts = (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (!(check.script in scripts))
    fail(
      c,
      `${check.packageDir}/package.json has no script "${check.script}" (it has: ${Object.keys(scripts).join(', ')})`,
    );
}

// ---------------------------------------------------------------------------------------------
// The tests

describe('commands shown in the docs', () => {
  it('are found in README.md and the guides (the scanner still reads them)', () => {
    expect(DOCS).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/development-guide.md',
        'docs/TROUBLESHOOTING-GUIDE.md',
        'docs/USER-QUICK-START-GUIDE.md',
      ]),
    );
    const bins = new Set(CASES.flatMap((c) => (c.check.kind === 'bin' ? [c.check.bin] : [])));
    expect([...bins].sort()).toEqual(Object.keys(BINS).sort());
    expect(CASES.filter((c) => c.where.startsWith('README.md:')).length).toBeGreaterThanOrEqual(4);
    expect(CASES.length).toBeGreaterThan(40);
  });

  it.each(CASES)('$where: $command', async (c) => {
    switch (c.check.kind) {
      case 'bin':
        return checkBin(c, c.check);
      case 'script':
        return checkScript(c, c.check);
      case 'package-script':
        return checkPackageScript(c, c.check);
      case 'node-file':
        if (!existsSync(join(REPO_ROOT, c.check.path))) fail(c, `${c.check.path} does not exist`);
    }
  });
});

describe('scripts/*.sh named in the docs', () => {
  const mentions = DOCS.flatMap((file) =>
    readFileSync(join(REPO_ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        [...line.matchAll(/(?<![\w/.-])scripts\/[\w.-]+\.sh\b/g)].map((m) => ({
          where: `${file}:${index + 1}`,
          path: m[0],
        })),
      ),
  );

  it.each(mentions)('$where: $path exists', ({ where, path }) => {
    if (!existsSync(join(REPO_ROOT, path))) throw new Error(`${where}: ${path} does not exist`);
  });
});

// ---------------------------------------------------------------------------------------------
// Links

interface Link {
  where: string;
  target: string;
  /** Repository path the link resolves to. */
  path: string;
}

/** Relative links (inline, images, reference definitions) outside code, resolved against their document. */
function relativeLinks(file: string): Link[] {
  const links: Link[] = [];
  let fence: string | null = null;
  readFileSync(join(REPO_ROOT, file), 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(raw)?.[1];
      if (fence === null && marker) {
        fence = marker;
        return;
      }
      if (fence !== null) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && raw.trim() === marker) fence = null;
        return;
      }
      const prose = raw.replace(/(`+).+?\1/g, '');
      const targets = [
        ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)].map((m) => m[1]!),
        ...[...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)].map((m) => m[1]!),
      ];
      for (const target of targets) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//')) continue;
        const pathPart = decodeURI(target.split('#')[0]!.split('?')[0]!);
        const path = pathPart.startsWith('/') ? pathPart.slice(1) : posix.join(posix.dirname(file), pathPart);
        links.push({ where: `${file}:${index + 1}`, target, path });
      }
    });
  return links;
}

describe('relative links in the docs', () => {
  const links = DOCS.flatMap(relativeLinks);

  it('are found (the link reader still works)', () => {
    expect(links.length).toBeGreaterThan(10);
  });

  it.each(links)('$where: $target', ({ where, target, path }) => {
    const absolute = resolve(REPO_ROOT, path);
    if (!absolute.startsWith(REPO_ROOT) || !existsSync(absolute))
      throw new Error(`${where}: the link ${target} points to ${path}, which does not exist`);
  });
});

// ---------------------------------------------------------------------------------------------
// Metric names

describe('metric names in docs/*.md', () => {
  it('are metrics that the API, the pipeline or the agent expose', () => {
    const known = new Set<string>();
    for (const registry of [createMetrics({ defaultMetrics: false }).registry, createAgentMetrics().registry]) {
      for (const metric of registry.getMetricsAsArray()) known.add(metric.name);
    }
    const unknown = DOCS.filter((file) => dirname(file) === 'docs').flatMap((file) =>
      readFileSync(join(REPO_ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          [...line.matchAll(/\bjobsearch_[a-z0-9_]+/g)]
            .map((m) => m[0].replace(/_(bucket|count|sum)$/, ''))
            .filter((name) => !known.has(name))
            .map((name) => `${file}:${index + 1}: ${name}`),
        ),
    );
    expect(unknown).toEqual([]);
  });
});

/**
 * A file-name pattern as shells know it: `*` any run of characters, `?` one character, `[…]` a
 * set. Matches names, not paths. (node:path's matchesGlob is still experimental on Node 20.)
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[' && glob.indexOf(']', i + 2) !== -1) {
      const end = glob.indexOf(']', i + 2);
      const set = glob
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      source += `[${set}]`;
      i = end;
    } else source += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function isGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

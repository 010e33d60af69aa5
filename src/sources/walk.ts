import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders that never hold the user's infrastructure code; walking them only adds noise. */
const IGNORED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.terraform', '.venv', '__pycache__', '.idea', '.vscode']);

export interface WalkEntry {
  path: string;
  kind: 'file' | 'dir';
}

/**
 * Lists the files below `root` (depth-first, sorted for stable output). `onDir` may claim a
 * directory (a cdk.out assembly) so that its files are not walked one by one.
 */
export async function walk(root: string, onDir: (dir: string) => Promise<boolean>, maxFiles: number): Promise<string[]> {
  const files: string[] = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    if (await onDir(dir)) continue;
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!IGNORED_DIRS.has(e.name)) stack.push(p);
      } else if (e.isFile()) {
        files.push(p);
        if (files.length > maxFiles) throw new Error(`more than ${maxFiles} files below ${root}; narrow the path`);
      } else if (e.isSymbolicLink()) {
        // Links are followed only to files, never to directories (no cycles, no escaping the tree).
        const s = await stat(p).catch(() => undefined);
        if (s?.isFile()) files.push(p);
      }
    }
  }
  return files.sort();
}

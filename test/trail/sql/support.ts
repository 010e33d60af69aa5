import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { duckdbAvailable } from '../../../src/trail/sql/index.js';
import { compileFilterPattern } from '../../../src/trail/pattern/index.js';
import { CIS_METRIC_FILTERS } from '../../../src/trail/cis.js';
import type { Alert } from '../../../src/trail/detect/types.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..', '..', '..');
export const SHARED_CLOUDTRAIL = resolve(REPO, '..', 'shared', 'data', 'cloudtrail');
export const STRATUS = join(SHARED_CLOUDTRAIL, 'stratus');
export const DETECT_FIXTURES = join(REPO, 'test', 'fixtures', 'trail', 'detect');
export const SQL_TRAIL = join(REPO, 'test', 'fixtures', 'trail', 'sql', 'AWSLogs');
export const EDGE_EVENTS = join(REPO, 'test', 'fixtures', 'trail', 'sql', 'edge-events.jsonl');

/** DuckDB is an optional dependency: tests that run SQL skip without it (it is installed in CI). */
export const DUCKDB = await duckdbAvailable();

/** A temporary directory, removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ringfence-sql-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Panther's rule-test events as a JSON Lines trail (the shared file wraps each event in its test
 * case, which is not a trail): one record per line, in the shared file's order.
 */
export function writePantherTrail(dir: string): string {
  const lines = readFileSync(join(SHARED_CLOUDTRAIL, 'panther-test-events.jsonl'), 'utf8').split('\n').filter(Boolean);
  const file = join(dir, 'panther-events.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify((JSON.parse(l) as { event: unknown }).event)).join('\n') + '\n');
  return file;
}

/** What an alert is, for comparing engines: which record, whose, about what, saying what. */
export function alertKey(a: Alert): string {
  return [a.detectionId, a.source.file, a.source.index, a.principal, a.resource.type, a.resource.id, a.resource.arn ?? '', a.summary].join(' | ');
}

/**
 * Every filter pattern the pattern tests use: the string literals of test/trail/pattern/*.test.ts
 * that parse as a pattern (term patterns make that most strings), plus the CIS benchmark patterns
 * and their earlier variants.
 */
export function patternCorpus(): string[] {
  const found = new Set<string>();
  const dir = join(REPO, 'test', 'trail', 'pattern');
  const LITERAL = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.)*)`/g;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(LITERAL)) {
      const text = unquote(m);
      if (text === undefined) continue;
      try {
        compileFilterPattern(text);
        found.add(text);
      } catch {
        // not a pattern CloudWatch accepts: the pattern tests use it to test errors
      }
    }
  }
  for (const c of CIS_METRIC_FILTERS) {
    found.add(c.pattern);
    for (const v of c.variants) found.add(v.pattern);
  }
  return [...found];
}

/** The value of a TypeScript string literal (escapes resolved), or undefined when it cannot be read alone. */
function unquote(m: RegExpMatchArray): string | undefined {
  try {
    if (m[1] !== undefined) return JSON.parse(`"${m[1].replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
    if (m[2] !== undefined) return JSON.parse(`"${m[2]}"`) as string;
    return m[3];
  } catch {
    return undefined;
  }
}

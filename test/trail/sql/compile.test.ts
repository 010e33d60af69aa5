import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { DETECTIONS } from '../../../src/trail/detect/index.js';
import { FilterPatternError } from '../../../src/trail/pattern/index.js';
import { athenaDdl, detectionSql, detectionsSql, duckdbViewSql, patternSql, SqlCompileError } from '../../../src/trail/sql/index.js';
import { toEngineRegex } from '../../../src/trail/sql/js-regex.js';
import { CLOUDTRAIL_COLUMNS } from '../../../src/trail/sql/schema.js';

// What the compiler writes, without running it: each engine's own functions, the refusals and
// notes where SQL cannot do what the evaluator does, and SQL that is at least well formed.

/** Parentheses balance and every quote closes, outside string literals and quoted names. */
function wellFormed(sql: string): boolean {
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const close = sql.indexOf(c, i + 1);
      if (close < 0) return false;
      i = close; // a doubled quote closes and reopens: the scan goes on after it either way
    } else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('detections', () => {
  it.each(['athena', 'duckdb'] as const)('every detection compiles for %s to one well-formed query', (dialect) => {
    const compiled = detectionsSql([], { dialect });
    expect(compiled.map((c) => c.id)).toEqual(DETECTIONS.map((d) => d.id));
    for (const c of compiled) {
      expect(wellFormed(c.sql), c.id).toBe(true);
      expect(c.sql).toMatch(/^WITH (RECURSIVE )?base AS \(/);
      expect(c.usesRaw).toBe(false);
    }
  });

  it("writes each engine's own functions and nothing of the other's", () => {
    for (const c of detectionsSql([], { dialect: 'athena' })) {
      expect(c.sql, c.id).not.toMatch(/lambda |json_type\(|list_filter|list_transform|regexp_matches|[^a-z]_seq\b|WITH RECURSIVE/);
      expect(c.sql).toContain('"$path" AS source_file');
    }
    for (const c of detectionsSql([], { dialect: 'duckdb' })) {
      expect(c.sql, c.id).not.toMatch(/any_match|json_extract_scalar|MATCH_RECOGNIZE|json_format|"\$path"/);
    }
    const athena = detectionSql('s3-bucket-policy-public', { dialect: 'athena' }).sql;
    expect(athena).toContain(`json_extract(requestparameters, '$["bucketPolicy"]')`);
    expect(athena).toContain('TRY(json_parse(');
    const duck = detectionSql('s3-bucket-policy-public', { dialect: 'duckdb' }).sql;
    expect(duck).toContain(`json_extract(requestparameters, '$."bucketPolicy"')`);
    expect(duck).toContain('json_valid(');
  });

  it('writes the one-alert-then-quiet chain as row pattern matching for Athena and a recursive walk for DuckDB', () => {
    expect(detectionSql('access-denied-burst', { dialect: 'athena' }).sql).toMatch(/MATCH_RECOGNIZE \(\s+PARTITION BY _key ORDER BY seq[\s\S]+PATTERN \(A B\*\)\s+DEFINE B AS B\.ms < A\.until_ms/);
    expect(detectionSql('access-denied-burst', { dialect: 'duckdb' }).sql).toMatch(/^WITH RECURSIVE[\s\S]+LATERAL \([\s\S]+c\.ms >= w\.until_ms/);
  });

  it('carries the parameters, the learning period and the training buckets into the SQL', () => {
    const burst = detectionSql('access-denied-burst', { dialect: 'athena', settings: { parameters: { 'access-denied-burst': { threshold: '20', windowMinutes: 5 } } } }).sql;
    expect(burst).toContain('ROWS BETWEEN 19 PRECEDING AND CURRENT ROW');
    expect(burst).toContain('last_ms - first_ms <= 300000');
    const writer = detectionSql('s3-training-data-new-writer', { dialect: 'duckdb', settings: { baselineDays: 7, trainingBuckets: ['s3://acme-data/train/', 'not a bucket!'] } }).sql;
    expect(writer).toContain(`SELECT 'acme-data' AS bucket, 'train/' AS prefix`);
    expect(writer).toContain(`+ ${7 * 86_400_000}`);
    expect(writer).not.toContain('not a bucket');
  });

  it('says where its answers may differ from the in-process engine', () => {
    expect(detectionSql('cloudtrail-logging-stopped', { dialect: 'duckdb' }).notes).toEqual([]);
    expect(detectionSql('cloudtrail-logging-stopped', { dialect: 'athena' }).notes).toEqual([expect.stringMatching(/^Athena has no delivery order/)]);
    const bulk = detectionSql('s3-training-data-bulk-read', { dialect: 'duckdb' }).notes.join('\n');
    expect(bulk).toMatch(/no cap on state/);
    expect(bulk).toMatch(/twelve sub-windows of event time/);
    expect(bulk).toMatch(/256 prefixes per bucket/);
    expect(detectionSql('sagemaker-role-new-passer', { dialect: 'athena' }).notes.join('\n')).toMatch(/learning period starts at the earliest eventtime/);
  });

  it('rejects unknown detections and parameters as usage errors', () => {
    expect(() => detectionSql('no-such-detection', { dialect: 'athena' })).toThrow(UsageError);
    expect(() => detectionSql('access-denied-burst', { dialect: 'athena', settings: { parameters: { 'access-denied-burst': { nope: 1 } } } })).toThrow(/has no parameter "nope"/);
  });

  it('puts the user’s condition (the partitions to read) on every read of the table', () => {
    const where = "timestamp >= '2024/08/01'";
    const passer = detectionSql('sagemaker-role-new-passer', { dialect: 'athena', where }).sql;
    expect(passer).toContain(`WHERE (${where}) AND (eventsource = 'sagemaker.amazonaws.com'`);
    expect(passer).toContain(`IS NOT NULL AND (${where})`);
    expect(patternSql('{ $.eventName = X }', { dialect: 'athena', where }).sql).toContain(`WHERE (${where}) AND `);
  });

  it('reads from the table it is told to, quoting what needs quotes', () => {
    expect(detectionSql('kms-key-disabled-or-deleted', { dialect: 'athena', table: 'security.cloudtrail_logs_pp' }).sql).toContain('FROM security.cloudtrail_logs_pp');
    expect(patternSql('{ $.eventName = X }', { dialect: 'athena', table: 'my-db.Trail Logs' }).sql).toContain('FROM "my-db"."Trail Logs"');
  });
});

describe('filter patterns', () => {
  it('compiles JSON patterns for both engines, with JSON paths in each one’s syntax', () => {
    const p = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && $.requestParameters.x-amz-acl[0] = public-read }';
    const athena = patternSql(p, { dialect: 'athena' });
    expect(athena.sql).toContain(`errorcode LIKE '%UnauthorizedOperation' ESCAPE '\\'`);
    expect(athena.sql).toContain(`json_extract(requestparameters, '$["x-amz-acl"][0]')`);
    expect(athena).toMatchObject({ exact: true, usesRaw: false, notes: [] });
    expect(patternSql(p, { dialect: 'duckdb' }).sql).toContain(`json_extract(requestparameters, '$."x-amz-acl"[0]')`);
    expect(wellFormed(athena.sql)).toBe(true);
  });

  it('escapes LIKE wildcards and quotes of the pattern', () => {
    const sql = patternSql(`{ $.requestParameters.name = "50%_off's*" }`, { dialect: 'athena' }).sql;
    expect(sql).toContain(`LIKE '50\\%\\_off''s%' ESCAPE '\\'`);
  });

  it('refuses term and space-delimited patterns for Athena, whose table keeps no event text', () => {
    expect(() => patternSql('ERROR -DEBUG', { dialect: 'athena' })).toThrow(SqlCompileError);
    expect(() => patternSql('[ip, user, ...]', { dialect: 'athena' })).toThrow(/text of the whole event.*--dialect duckdb/);
    expect(patternSql('ERROR -DEBUG', { dialect: 'duckdb' })).toMatchObject({ usesRaw: true, exact: true });
  });

  it('refuses fields the Athena table has no column for, and reads them from the raw record in DuckDB', () => {
    expect(() => patternSql('{ $.managementEvent IS FALSE }', { dialect: 'athena' })).toThrow(/managementEvent is not a column of the Athena CloudTrail table/);
    expect(() => patternSql('{ $.userIdentity.credentialId = x }', { dialect: 'athena' })).toThrow(SqlCompileError);
    expect(() => patternSql('{ $.userIdentity.* = x }', { dialect: 'athena' })).toThrow(SqlCompileError);
    expect(patternSql('{ $.managementEvent IS FALSE }', { dialect: 'duckdb' }).usesRaw).toBe(true);
    // Inside a JSON-text column every path is readable.
    expect(patternSql('{ $.requestParameters.anything.deep[3].* = x }', { dialect: 'athena' }).usesRaw).toBe(false);
  });

  it('over-approximates IS NULL and NOT EXISTS on a whole column, and says so', () => {
    const c = patternSql('{ $.errorCode IS NULL }', { dialect: 'athena' });
    expect(c.exact).toBe(false);
    expect(c.notes.join()).toMatch(/null or absent/);
    expect(c.sql).toContain('errorcode IS NULL');
    expect(patternSql('{ $.requestParameters.x IS NULL }', { dialect: 'athena' }).exact).toBe(true);
  });

  it('refuses keys no JSON path can name, and rejects invalid patterns as CloudWatch does', () => {
    expect(() => patternSql(`{ $.requestParameters.['a"b'] = x }`, { dialect: 'duckdb' })).toThrow(/quote or backslash/);
    expect(() => patternSql('{ $.a = }', { dialect: 'duckdb' })).toThrow(FilterPatternError);
  });
});

describe('regular expressions', () => {
  it('rewrites JavaScript semantics for RE2 and Java engines', () => {
    expect(toEngineRegex('a.b')).toBe(String.raw`a[^\n\r\x{2028}\x{2029}]b`);
    expect(toEngineRegex('x$')).toBe(String.raw`x\z`);
    expect(toEngineRegex(String.raw`\s`)).toMatch(/^\[\\t\\n\\x\{0B\}.*\\x\{FEFF\}\]$/);
    expect(toEngineRegex(String.raw`\q\/`)).toBe(String.raw`q\/`);
    expect(toEngineRegex('a{2}{x')).toBe(String.raw`a{2}\{x`);
    expect(toEngineRegex('ab', { ignoreCase: true })).toBe('(?i)ab');
    // The evaluator's automaton reads a leading ] as a literal; JavaScript's RegExp (no repetition) an empty class.
    expect(toEngineRegex('[]a]+', { filterPattern: true })).toBe(String.raw`[\]a]+`);
    expect(toEngineRegex('[]a]', { filterPattern: true })).toBe(String.raw`[^\x{0}-\x{10FFFF}]a\]`);
    expect(() => toEngineRegex('a(?=b)')).toThrow(SqlCompileError);
    expect(() => toEngineRegex('a{1001}')).toThrow(/at most 1000/);
  });
});

describe('table definitions', () => {
  it('prints the Athena DDL with every column the compiler reads', () => {
    const ddl = athenaDdl({ table: 'trail', location: 's3://acme-trail/AWSLogs/111122223333/CloudTrail' });
    expect(ddl).toContain('CREATE EXTERNAL TABLE trail (');
    expect(ddl).toContain("LOCATION 's3://acme-trail/AWSLogs/111122223333/CloudTrail/';");
    expect(ddl).toContain('PARTITIONED BY (region STRING, year STRING, month STRING, day STRING)');
    expect(ddl).toContain("ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'");
    for (const f of Object.values(CLOUDTRAIL_COLUMNS)) expect(ddl).toMatch(new RegExp(`\\b${f.column} (STRING|STRUCT|ARRAY)`));
    expect(wellFormed(ddl.split('\n').filter((l) => !l.startsWith('--')).join('\n'))).toBe(true);
  });

  it('prints partition projection when asked', () => {
    const ddl = athenaDdl({ projection: { regions: ['eu-west-1', 'us-east-1'], since: '2024/01/01' } });
    expect(ddl).toContain("'projection.region.values' = 'eu-west-1,us-east-1'");
    expect(ddl).toContain("'projection.timestamp.range' = '2024/01/01,NOW'");
    expect(ddl).toContain('${region}/${timestamp}');
  });

  it('prints a DuckDB view with the same columns over a glob', () => {
    const view = duckdbViewSql('AWSLogs/**/*.json.gz');
    expect(view).toContain("read_json('AWSLogs/**/*.json.gz'");
    for (const f of Object.values(CLOUDTRAIL_COLUMNS)) expect(view).toContain(` AS ${f.column}`);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CloudTrailRecord, SourcedRecord } from '../../../src/trail/record.js';
import { detect, type RunOptions } from '../../../src/trail/detect/engine.js';
import type { Alert, Detection } from '../../../src/trail/detect/types.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..', '..', '..');
export const SHARED_CLOUDTRAIL = resolve(REPO, '..', 'shared', 'data', 'cloudtrail');
export const STRATUS = join(SHARED_CLOUDTRAIL, 'stratus');
export const FIXTURES = join(REPO, 'test', 'fixtures', 'trail', 'detect');

/** The records of a Stratus Red Team detonation log (a JSON array), sourced as the file's records. */
export function stratus(name: string): SourcedRecord[] {
  const file = join(STRATUS, name.endsWith('.json') ? name : `${name}.json`);
  const records = JSON.parse(readFileSync(file, 'utf8')) as CloudTrailRecord[];
  return records.map((record, index) => ({ record, source: { file, index } }));
}

export const stratusFiles = (): string[] => readdirSync(STRATUS).filter((f) => f.endsWith('.json')).sort();

export interface PantherCase {
  rule: string;
  test: string;
  expected: boolean;
  line: number;
  record: SourcedRecord;
}

/** Panther's rule unit-test events, one per line of the shared JSONL. */
export function pantherCases(): PantherCase[] {
  const file = join(SHARED_CLOUDTRAIL, 'panther-test-events.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, i) => {
      const o = JSON.parse(line) as { source_rule: string; test: string; expected: boolean; event: CloudTrailRecord };
      return { rule: o.source_rule, test: o.test, expected: o.expected, line: i + 1, record: { record: o.event, source: { file, line: i + 1 } } };
    });
}

/** A test fixture of records: a JSON array, each record sourced by its index. */
export function fixture(name: string): SourcedRecord[] {
  const file = join(FIXTURES, name);
  return (JSON.parse(readFileSync(file, 'utf8')) as CloudTrailRecord[]).map((record, index) => ({ record, source: { file, index } }));
}

let counter = 0;
/** A record built in a test: the fields given plus a source. */
export function rec(record: Partial<CloudTrailRecord> & Pick<CloudTrailRecord, 'eventSource' | 'eventName'>): SourcedRecord {
  counter++;
  return { record: { eventTime: '2024-08-01T12:00:00Z', ...record } as CloudTrailRecord, source: { file: 'test.jsonl', line: counter } };
}

export async function alertsOf(detection: Detection | readonly Detection[], records: readonly SourcedRecord[], options: RunOptions = {}): Promise<Alert[]> {
  const list = Array.isArray(detection) ? detection : [detection as Detection];
  return (await detect(records, list, options)).alerts;
}

export const USER = { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' };
export const ROLE_SESSION = (session: string, role = 'DataScientist') => ({
  type: 'AssumedRole',
  principalId: `AROAEXAMPLE:${session}`,
  arn: `arn:aws:sts::111122223333:assumed-role/${role}/${session}`,
  accountId: '111122223333',
  sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: `arn:aws:iam::111122223333:role/${role}`, accountId: '111122223333', userName: role } },
});

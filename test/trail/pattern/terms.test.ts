import { describe, expect, it } from 'vitest';
import { compileFilterPattern, parseFilterPattern } from '../../../src/trail/pattern/index.js';

const test = (pattern: string, message: string) => compileFilterPattern(pattern).test(message);

describe('term patterns', () => {
  // AWS's OR example: three events and what each pattern matches.
  const EVENTS = ['ERROR WARN message', 'ERROR message', 'WARN message'];
  const matching = (pattern: string) => EVENTS.map((e, i) => (test(pattern, e) ? i + 1 : 0)).filter(Boolean);

  it.each([
    ['ERROR', [1, 2]],
    ['?ERROR ?WARN', [1, 2, 3]],
    ['ERROR WARN', [1]],
    ['ERROR -WARN', [2]],
    ['"ERROR" - "WARN"', [2]],
    ['-ERROR', [3]],
  ])('%s matches events %j', (pattern, expected) => {
    expect(matching(pattern)).toEqual(expected);
  });

  it('matches terms as case-sensitive substrings, as AWS documents for ERROR and ERRORCODE', () => {
    expect(test('ERROR', 'Exiting with ERRORCODE: -1')).toBe(true);
    expect(test('ERROR', '[ERROR] A fatal exception has occurred')).toBe(true);
    expect(test('ERROR', 'error=cannot process')).toBe(false);
    expect(test('ERROR', 'NotFoundError')).toBe(false);
  });

  it('matches quoted phrases exactly, including their spaces and punctuation', () => {
    expect(test('"Failed to process the request"', '[WARN] Failed to process the request')).toBe(true);
    expect(test('"Failed to process the request"', '[WARN] Failed to process request')).toBe(false);
    expect(test('"ERROR][grpc"', '2025-03-28 [ERROR][grpc] failed')).toBe(true);
    expect(test('"ERROR][grpc"', '[ERROR] [grpc]')).toBe(false);
    expect(test('Failed to process the request', '[ERROR] Unable to continue: the request Failed to process')).toBe(true);
  });

  it('ignores ?terms when a plain term is present', () => {
    expect(test('ERROR ?WARN', 'ERROR message')).toBe(true);
    expect(test('ERROR ?WARN', 'WARN message')).toBe(false);
  });

  it('matches everything for an empty pattern, "" and " "', () => {
    for (const p of ['', '   ', '""', '" "']) {
      expect(parseFilterPattern(p).kind, p).toBe('match-all');
      expect(test(p, 'anything at all')).toBe(true);
    }
  });

  it('matches standalone regular expressions', () => {
    expect(test('%AUTHORIZED%', '[ERROR 401] UNAUTHORIZED REQUEST')).toBe(true);
    expect(test('%AUTHORIZED%', '[SUCCESS 200] AUTHORIZED REQUEST')).toBe(true);
    expect(test('%[Ee]rror|[Ff]ail%', 'the job did fail')).toBe(true);
    expect(test('%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', 'from 10.0.0.1 port')).toBe(true);
    expect(test('%^ERROR%', 'an ERROR')).toBe(false);
  });

  it('matches a parsed record by its compact JSON, as CloudWatch Logs holds it', () => {
    const record = { eventName: 'StopLogging', errorCode: 'AccessDenied' };
    expect(compileFilterPattern('StopLogging AccessDenied').test(record)).toBe(true);
    expect(compileFilterPattern('"\\"eventName\\":\\"StopLogging\\""').test(record)).toBe(true);
  });
});

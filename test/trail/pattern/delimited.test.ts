import { describe, expect, it } from 'vitest';
import { compileFilterPattern, splitFields } from '../../../src/trail/pattern/index.js';

// AWS's space-delimited examples run against its Apache access log lines.
const LOG = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
  '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /index.html HTTP/1.0" 404 4355',
];
const matching = (pattern: string) => {
  const p = compileFilterPattern(pattern);
  return LOG.map((l, i) => (p.test(l) ? i + 1 : 0)).filter(Boolean);
};

describe('splitting events into fields', () => {
  it('treats [..] and ".." as one field each, without the delimiters', () => {
    expect(splitFields(LOG[0]!)).toEqual(['127.0.0.1', '-', 'frank', '10/Oct/2000:13:25:15 -0700', 'GET /apache_pb.gif HTTP/1.0', '200', '1534']);
    expect(splitFields('  a\t b  "c \\" d" [e f]g ')).toEqual(['a', 'b', 'c \\" d', 'e f', 'g']);
    expect(splitFields('unterminated "quote here')).toEqual(['unterminated', 'quote here']);
  });
});

describe('space-delimited patterns', () => {
  it.each([
    ['[ip, user, username, timestamp, request, status_code, bytes]', [1, 2, 3]],
    ['[ip, user, username, timestamp, request, status_code, bytes > 5000]', [2]],
    ['[ip, user, username, timestamp, request, status_code = 200, bytes]', [1]],
    ['[ip, user, username, timestamp, request, status_code = 4*, bytes]', [3]],
    ['[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]', [3]],
    ['[ip, user, username, timestamp, request, status_code = 5* || status_code = 4*, bytes]', [2, 3]],
    ['[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]', [3]],
    ['[ip, user, username, timestamp, request, status_code >= 400 && bytes < 5000, bytes]', [3]],
    ['[..., status_code, bytes]', [1, 2, 3]],
    ['[ip, user, ..., status_code, bytes]', [1, 2, 3]],
    ['[ip, user, ...]', [1, 2, 3]],
    ['[..., status_code = 500, bytes]', [2]],
    ['[..., request = %index\\.html%, status_code, bytes]', [3]],
    ['[ip, user, username, timestamp, request, status_code]', []],
    ['[ip = 127.0.0.2, ...]', []],
  ])('%s matches lines %j', (pattern, expected) => {
    expect(matching(pattern)).toEqual(expected);
  });

  it('extracts every field: named ones by name, the rest by position, as AWS documents', () => {
    const p = compileFilterPattern('[..., request=*.html*, status_code=4*,]');
    expect(p.match('127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /products/index.html HTTP/1.0" 404 1534')?.extractedValues).toEqual({
      $1: '127.0.0.1',
      $2: '-',
      $3: 'frank',
      $4: '10/Oct/2000:13:25:15 -0700',
      $request: 'GET /products/index.html HTTP/1.0',
      $status_code: '404',
      $7: '1534',
    });
  });

  it('handles AWS\'s w1/w2 OR and AND examples', () => {
    const events = ['ERROR WARN message', 'ERROR message', 'WARN message'];
    const m = (p: string) => events.filter((e) => compileFilterPattern(p).test(e));
    expect(m('[w1=ERROR, w2]')).toEqual(['ERROR message']);
    expect(m('[w1=ERROR || w1=WARN, w2]')).toEqual(['ERROR message', 'WARN message']);
    expect(m('[w1!=ERROR&&w1!=WARN, w2]')).toEqual([]);
    expect(m('[w1, w2, w3=message]')).toEqual(['ERROR WARN message']);
  });

  it('places fields around several ellipses, taking the earliest fields that satisfy the slots', () => {
    const p = compileFilterPattern('[..., level = ERROR, ..., code = 5*, ...]');
    expect(p.match('t1 INFO x ERROR y 503 z')?.extractedValues).toMatchObject({ $level: 'ERROR', $code: '503' });
    expect(p.test('t1 ERROR y 404 z')).toBe(false);
  });

  it('gives up, without hanging, on events that would need too much placing', () => {
    const p = compileFilterPattern('[..., a = x, ..., b = y, ..., c = z, ...]');
    const event = Array.from({ length: 3000 }, () => 'w').join(' ');
    const t = Date.now();
    expect(p.test(event)).toBe(false);
    expect(Date.now() - t).toBeLessThan(5000);
  });
});

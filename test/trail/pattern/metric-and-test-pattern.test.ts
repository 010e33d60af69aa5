import { describe, expect, it } from 'vitest';
import { compileFilterPattern, FilterPatternError, lintPattern, metricValueOf, parseFilterPattern, parseMetricValue, printPattern, testPattern } from '../../../src/trail/pattern/index.js';

describe('metric values', () => {
  it('publishes a constant, a JSON field or a space-delimited field', () => {
    const json = compileFilterPattern('{ $.latency = * }');
    const m = json.match('{"latency": 250, "n": "12", "s": "x"}')!;
    expect(metricValueOf(parseMetricValue('1', json.ast), m)).toBe(1);
    expect(metricValueOf(parseMetricValue('$.latency', json.ast), m)).toBe(250);
    expect(metricValueOf(parseMetricValue('$.n', json.ast), m)).toBe(12);
    expect(metricValueOf(parseMetricValue('$.s', json.ast), m)).toBeUndefined();
    expect(metricValueOf(parseMetricValue('$.missing', json.ast), m)).toBeUndefined();

    const delimited = compileFilterPattern('[ip, user, username, timestamp, request, status_code, bytes]');
    const d = delimited.match('127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET / HTTP/1.0" 200 1534')!;
    expect(metricValueOf(parseMetricValue('$bytes', delimited.ast), d)).toBe(1534);
    expect(metricValueOf(parseMetricValue('$request', delimited.ast), d)).toBeUndefined();
  });

  it('rejects a metric value that does not fit its pattern', () => {
    const json = parseFilterPattern('{ $.a = 1 }');
    const delimited = parseFilterPattern('[a, b]');
    expect(() => parseMetricValue('$bytes', json)).toThrow(/not space-delimited/);
    expect(() => parseMetricValue('$.a', delimited)).toThrow(/not a JSON pattern/);
    expect(() => parseMetricValue('$c', delimited)).toThrow(/no field named c/);
    expect(() => parseMetricValue('lots', json)).toThrow(FilterPatternError);
  });
});

describe('testPattern (TestMetricFilter)', () => {
  it('lists matching events with 1-based numbers and extracted values', () => {
    const r = testPattern('[ip, user, status = 4*]', ['1.2.3.4 bob 404', '1.2.3.4 bob 200', '5.6.7.8 - 403']);
    expect(r).toEqual({
      matches: [
        { eventNumber: 1, eventMessage: '1.2.3.4 bob 404', extractedValues: { $ip: '1.2.3.4', $user: 'bob', $status: '404' } },
        { eventNumber: 3, eventMessage: '5.6.7.8 - 403', extractedValues: { $ip: '5.6.7.8', $user: '-', $status: '403' } },
      ],
    });
  });

  it('gives JSON matches no extracted values', () => {
    expect(testPattern('{ $.a = 1 }', ['{"a":1}', '{"a":2}'])).toEqual({ matches: [{ eventNumber: 1, eventMessage: '{"a":1}', extractedValues: {} }] });
  });

  it('refuses what TestMetricFilter refuses', () => {
    expect(() => testPattern('x', [])).toThrow(RangeError);
    expect(() => testPattern('x', Array.from({ length: 51 }, () => 'x'))).toThrow(/at most 50/);
    expect(() => testPattern('x', ['a', ''])).toThrow(/message 2 is empty/);
    expect(testPattern('x', Array.from({ length: 51 }, () => 'x'), { maxEvents: Infinity }).matches).toHaveLength(51);
    expect(() => testPattern('{ $.a = ', ['x'])).toThrow(FilterPatternError);
  });
});

describe('lints and printing', () => {
  const CIS_V14 = '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';

  it('shows how CloudWatch groups the CIS v1.4 unauthorized-calls pattern', () => {
    const [w, ...rest] = lintPattern(parseFilterPattern(CIS_V14));
    expect(rest).toEqual([]);
    expect(w!.code).toBe('mixed-precedence');
    expect(w!.message).toContain(
      '($.errorCode = "*UnauthorizedOperation") || (($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket"))',
    );
  });

  it('evaluates the CIS v1.4 pattern as CloudWatch does: the exclusions cover only AccessDenied*', () => {
    const p = compileFilterPattern(CIS_V14);
    const delivery = { sourceIPAddress: 'delivery.logs.amazonaws.com', eventName: 'PutObject' };
    expect(p.test({ ...delivery, errorCode: 'AccessDenied' })).toBe(false);
    expect(p.test({ ...delivery, errorCode: 'Client.UnauthorizedOperation' })).toBe(true);
    expect(p.test({ errorCode: 'AccessDenied', eventName: 'HeadBucket', sourceIPAddress: '1.2.3.4' })).toBe(false);
    expect(p.test({ errorCode: 'Client.UnauthorizedOperation', eventName: 'HeadBucket', sourceIPAddress: '1.2.3.4' })).toBe(true);
  });

  it('says nothing about patterns that group explicitly', () => {
    expect(lintPattern(parseFilterPattern('{ ($.a = 1 || $.b = 2) && $.c = 3 }'))).toEqual([]);
    expect(lintPattern(parseFilterPattern('{ $.a = 1 || ($.b = 2 && $.c = 3) }'))).toEqual([]);
  });

  it('warns about a * that is not a wildcard', () => {
    expect(lintPattern(parseFilterPattern('{ $.a = "Ev*ent" }')).map((w) => w.code)).toEqual(['literal-asterisk']);
    expect(lintPattern(parseFilterPattern('[a, b = x*y || b = z && a = q]')).map((w) => w.code)).toEqual(['mixed-precedence', 'literal-asterisk']);
  });

  it('prints patterns back to text that parses to the same meaning', () => {
    for (const p of [CIS_V14, '[ip, ..., status = 4* && bytes > 10, bytes, ]', '?ERROR -"bad thing" %x[0-9]%', '{ $.a[*].b IS NULL || $.c NOT EXISTS }', '']) {
      const printed = printPattern(parseFilterPattern(p));
      expect(printPattern(parseFilterPattern(printed)), p).toBe(printed);
    }
  });
});

import { compileFilterPattern } from './compile.js';
import { TEST_METRIC_FILTER_MAX_EVENTS } from './limits.js';

/** One matched event, as TestMetricFilter's MetricFilterMatchRecord. */
export interface MetricFilterMatchRecord {
  /** 1-based position of the event in the request. */
  eventNumber: number;
  eventMessage: string;
  extractedValues: Record<string, string>;
}

export interface TestPatternResult {
  matches: MetricFilterMatchRecord[];
}

export interface TestPatternOptions {
  /** TestMetricFilter takes 1 to 50 messages; raise it to test a whole file. */
  maxEvents?: number;
}

/**
 * Answers like CloudWatch Logs' TestMetricFilter: the events the pattern matches, with the values
 * a space-delimited pattern extracts. Throws FilterPatternError for an invalid pattern and
 * RangeError for an event list TestMetricFilter would refuse.
 */
export function testPattern(pattern: string, events: string[], options: TestPatternOptions = {}): TestPatternResult {
  const max = options.maxEvents ?? TEST_METRIC_FILTER_MAX_EVENTS;
  if (events.length === 0) throw new RangeError('no log event messages to test (TestMetricFilter needs at least one)');
  if (events.length > max) throw new RangeError(`${events.length} log event messages; TestMetricFilter takes at most ${max}`);
  const empty = events.findIndex((e) => e.length === 0);
  if (empty >= 0) throw new RangeError(`log event message ${empty + 1} is empty (TestMetricFilter needs at least one character)`);
  const compiled = compileFilterPattern(pattern);
  const matches: MetricFilterMatchRecord[] = [];
  events.forEach((eventMessage, i) => {
    const m = compiled.match(eventMessage);
    if (m) matches.push({ eventNumber: i + 1, eventMessage, extractedValues: m.extractedValues });
  });
  return { matches };
}

import { readFile, stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { UsageError } from '../../core/errors.js';
import { openSink, patternOrUsageError, warnLints } from './pattern-cli.js';

interface TestPatternFlags {
  format: 'table' | 'json';
  output?: string;
  metricValue?: string;
  quiet?: boolean;
}

/** `ringfence trail test-pattern PATTERN EVENTS…`: CloudWatch Logs' TestMetricFilter, offline. */
export function defineTrailTestPattern(trail: Command, setExit: (code: number) => void): void {
  trail
    .command('test-pattern')
    .description("Test a filter pattern against log events and answer like CloudWatch Logs' TestMetricFilter.")
    .argument('<pattern>', 'filter pattern: JSON, space-delimited or terms')
    .argument('<events...>', 'event files: one JSON event, a JSON array of events, or one event per line')
    .addOption(new Option('-f, --format <format>', 'json prints the TestMetricFilter response').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write the result to FILE instead of stdout')
    .option('--metric-value <value>', 'also show what each match publishes as a metric filter with this MetricValue: 1, $.latency, $bytes')
    .option('-q, --quiet', 'no warnings on stderr')
    .addHelpText(
      'after',
      `
The result lists the matching events by number (from 1, across the files in order) with the
values a space-delimited pattern extracts ($name, or $N for unnamed fields), as TestMetricFilter
returns them. Unlike TestMetricFilter, which takes at most 50 messages, any number is tested.

Examples:
  $ ringfence trail test-pattern '{ $.errorCode = "AccessDenied*" }' event.json
  $ ringfence trail test-pattern '[ip, user, ..., status = 4*, bytes > 1000]' access.log -f json
  $ ringfence trail test-pattern '{ $.latency > 500 }' events.jsonl --metric-value '$.latency'

Exit codes: 0 the pattern ran (whether or not anything matched); 2 an invalid pattern (with its
position) or an event file that could not be read.`,
    )
    .action(async (pattern: string, files: string[], flags: TestPatternFlags) => {
      setExit(await runTestPattern(pattern, files, flags));
    });
}

async function runTestPattern(pattern: string, files: string[], flags: TestPatternFlags): Promise<number> {
  const p = await import('../../trail/pattern/index.js');
  const compiled = patternOrUsageError(() => p.compileFilterPattern(pattern), pattern);
  const metric = flags.metricValue === undefined ? undefined : patternOrUsageError(() => p.parseMetricValue(flags.metricValue!, compiled.ast), flags.metricValue);
  if (!flags.quiet) warnLints(p.lintPattern(compiled.ast));

  const events: string[] = [];
  for (const f of files) events.push(...(await readEvents(f)));
  if (events.length === 0) throw new UsageError(`no log events in ${files.join(', ')}`);
  const result = p.testPattern(pattern, events, { maxEvents: Infinity });
  const matches = result.matches.map((m) => (metric ? { ...m, metricValue: p.metricValueOf(metric, compiled.match(m.eventMessage)!) ?? null } : m));

  const sink = await openSink(flags.output);
  if (flags.format === 'json') {
    await sink.write(JSON.stringify({ matches }, null, 2) + '\n');
  } else {
    for (const m of matches) {
      const values = Object.entries(m.extractedValues).map(([k, v]) => `${k}=${v}`);
      if ('metricValue' in m) values.push(`metric value ${m.metricValue ?? '(none: not a number)'}`);
      await sink.write(`#${m.eventNumber}  ${shorten(m.eventMessage)}\n${values.length ? `    ${values.join('  ')}\n` : ''}`);
    }
    await sink.write(`${matches.length} of ${events.length} event${events.length === 1 ? '' : 's'} matched\n`);
  }
  await sink.close();
  return 0;
}

function shorten(message: string): string {
  const one = message.replace(/\s+/g, ' ');
  return one.length > 160 ? one.slice(0, 157) + '...' : one;
}

/**
 * The log event messages in a file: a JSON array (strings as they are, other values as their
 * compact JSON), a single JSON value, or else one message per non-empty line.
 */
async function readEvents(file: string): Promise<string[]> {
  let text: string;
  try {
    const s = await stat(file);
    if (s.size > DEFAULT_LIMITS.maxFileBytes) throw new UsageError(`${file}: ${s.size} bytes, over the ${DEFAULT_LIMITS.maxFileBytes}-byte limit for an event file`);
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory, not an event file' : (e as Error).message}`);
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(trimmed);
      const list = Array.isArray(v) ? v : [v];
      return list.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
    } catch {
      // JSON Lines, or a space-delimited log whose lines start with [ — read it line by line.
    }
  }
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

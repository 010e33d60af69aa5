import { SEVERITIES, type Finding, type Severity } from '../core/finding.js';
import type { Rule } from '../core/rule.js';
import type { ScanResult } from '../core/scan-result.js';
import { clean, styler, type Style, type Styler } from './ansi.js';
import { groupByRing, sortFindings } from './order.js';
import { findingWhere, inputErrorText, position, scanErrorText } from './where.js';

export interface TableOptions {
  color: boolean;
  /** Also list passing checks, each suppressed finding with its reason, and every detection. */
  verbose?: boolean;
}

/**
 * Runtime detections of one rule for one subject (a caller's out-of-distribution inputs, say)
 * listed before the rest are folded into one line: the first few show when and how it started,
 * the count says how much more there is, and machine formats keep every one.
 */
const DETECTIONS_SHOWN = 3;

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ['bold', 'red'],
  high: ['red'],
  medium: ['yellow'],
  low: ['blue'],
  info: ['gray'],
};

/** Worst first, as people read them. */
const WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();
const LABEL_WIDTH = Math.max(...SEVERITIES.map((s) => s.length));
const INDENT = '  ';
/** Where the second line of a finding starts: under the rule id. */
const DETAIL_INDENT = ' '.repeat(INDENT.length + LABEL_WIDTH + 2);

/** The default, human format: failures by ring, then coverage gaps, inputs and a summary line. */
export function renderTable(result: ScanResult, _rules: readonly Rule[], options: TableOptions): string {
  const c = styler(options.color);
  const sections = [
    header(result, c),
    failures(result.findings, c, options.verbose ?? false),
    coverageGaps(result.findings, c),
    suppressed(result.findings, c, options.verbose ?? false),
    options.verbose ? passed(result.findings, c) : [],
    inputs(result, c),
    scanErrors(result, c),
    [summaryLine(result, c)],
  ];
  return sections.filter((lines) => lines.length > 0).map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

function paint(c: Styler, styles: readonly Style[], text: string): string {
  return styles.reduce((t, s) => c[s](t), text);
}

function header(result: ScanResult, c: Styler): string[] {
  const s = result.summary;
  return [`${c.bold(`${result.tool.name} ${clean(result.tool.version)}`)} ${c.dim(`· profile ${clean(result.profile)} · ${count(s.resources, s.units?.resources ?? 'resource')} · ${count(s.rules, s.units?.rules ?? 'rule')}`)}`];
}

function failures(findings: readonly Finding[], c: Styler, verbose: boolean): string[] {
  const groups = groupByRing(findings.filter((f) => f.status === 'fail'));
  if (groups.length === 0) return [c.green('No failed checks.')];
  const lines: string[] = [];
  for (const [ring, list] of groups) {
    if (lines.length) lines.push('');
    lines.push(c.bold(`${ring} (${list.length} failed)`));
    const idWidth = Math.max(...list.map((f) => clean(f.ruleId).length));
    const folded = verbose ? new Map<string, number>() : foldDetections(list);
    const seen = new Map<string, number>();
    for (const f of list) {
      const key = detectionKey(f);
      const shown = key === undefined ? 0 : (seen.get(key) ?? 0) + 1;
      if (key !== undefined) seen.set(key, shown);
      if (shown > DETECTIONS_SHOWN && folded.has(key!)) continue;
      const label = paint(c, SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(LABEL_WIDTH));
      lines.push(`${INDENT}${label}  ${clean(f.ruleId).padEnd(idWidth)}  ${resourceText(f)}`);
      lines.push(`${DETAIL_INDENT}${c.dim(clean(findingWhere(f)))}  ${clean(f.message)}${propertyText(f, c)}`);
      const more = shown === DETECTIONS_SHOWN ? folded.get(key!) : undefined;
      if (more) lines.push(`${DETAIL_INDENT}${c.dim(`… and ${more} more ${clean(f.ruleId)} for ${clean(f.detection!.subjectKind)} ${clean(f.detection!.subject)} (--verbose or --format json lists each)`)}`);
    }
  }
  return lines;
}

/** Rule, resource and subject of a runtime detection; undefined for posture findings. */
function detectionKey(f: Finding): string | undefined {
  return f.detection ? `${f.ruleId}\u0000${f.resource.type}\u0000${f.resource.id}\u0000${f.detection.subject}` : undefined;
}

/** How many detections past the shown few each key has (only keys that have some). */
function foldDetections(list: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of list) {
    const key = detectionKey(f);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].filter(([, n]) => n > DETECTIONS_SHOWN).map(([key, n]) => [key, n - DETECTIONS_SHOWN]));
}

function coverageGaps(findings: readonly Finding[], c: Styler): string[] {
  const gaps = sortFindings(findings.filter((f) => f.status === 'unknown'));
  if (gaps.length === 0) return [];
  return [
    c.bold(`Coverage gaps: ${count(gaps.length, 'check')} could not be decided`),
    ...gaps.map((f) => `${INDENT}${c.yellow('?')} ${clean(f.ruleId)}  ${resourceText(f)}  ${c.dim(clean(findingWhere(f)))}  ${clean(f.message)}${propertyText(f, c)}`),
  ];
}

function suppressed(findings: readonly Finding[], c: Styler, verbose: boolean): string[] {
  const list = sortFindings(findings.filter((f) => f.status === 'suppressed'));
  if (list.length === 0) return [];
  if (!verbose) return [`${c.bold('Suppressed:')} ${list.length} ${c.dim('(--verbose lists them with their reasons)')}`];
  return [
    c.bold(`Suppressed: ${list.length}`),
    ...list.map((f) => `${INDENT}${clean(f.ruleId)}  ${resourceText(f)}  ${c.dim(clean(findingWhere(f)))}  reason: ${clean(f.suppressionReason ?? '(none given)')}`),
  ];
}

function passed(findings: readonly Finding[], c: Styler): string[] {
  const list = sortFindings(findings.filter((f) => f.status === 'pass'));
  if (list.length === 0) return [];
  return [
    c.bold(`Passed: ${list.length}`),
    ...list.map((f) => `${INDENT}${c.green('ok')} ${clean(f.ruleId)}  ${resourceText(f)}  ${c.dim(clean(findingWhere(f)))}${propertyText(f, c)}`),
  ];
}

/** Only the inputs that need attention, worst first; the summary line counts the ones read. */
function inputs(result: ScanResult, c: Styler): string[] {
  const failed = result.inputs.filter((i) => i.status === 'failed').map((i) => `${INDENT}${c.red('failed ')} ${clean(inputErrorText(i))}`);
  const warnings = result.inputs.flatMap((i) =>
    (i.warnings ?? []).map((w) => `${INDENT}${c.yellow('warning')} ${clean(position(i.path, w.line, w.column))}: ${clean(w.message)}`),
  );
  const skipped = result.inputs
    .filter((i) => i.status === 'skipped')
    .map((i) => `${INDENT}${c.dim('skipped')} ${clean(i.path)}${i.reason ? c.dim(` (${clean(i.reason)})`) : ''}`);
  const lines = [...failed, ...warnings, ...skipped];
  return lines.length ? [c.bold('Inputs'), ...lines] : [];
}

function scanErrors(result: ScanResult, c: Styler): string[] {
  const errors = result.errors ?? [];
  if (errors.length === 0) return [];
  return [c.bold(`Errors: ${errors.length}`), ...errors.map((e) => `${INDENT}${c.red('error')} ${clean(scanErrorText(e))}`)];
}

function summaryLine(result: ScanResult, c: Styler): string {
  const s = result.summary;
  const bySeverity = WORST_FIRST.filter((sev) => s.failedBySeverity[sev] > 0).map((sev) => `${s.failedBySeverity[sev]} ${sev}`);
  const failedText = `${s.findings.fail} failed${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}`;
  const checks = [
    s.findings.fail > 0 ? c.red(failedText) : failedText,
    c.green(`${s.findings.pass} passed`),
    `${s.findings.unknown} unknown`,
    `${s.findings.suppressed} suppressed`,
  ].join(', ');
  const ins = `inputs: ${s.inputs.read} read, ${s.inputs.skipped} skipped, ${s.inputs.failed > 0 ? c.red(`${s.inputs.failed} failed`) : `${s.inputs.failed} failed`}`;
  const errors = result.errors?.length ?? 0;
  return `${checks}; ${ins}${errors > 0 ? `; ${c.red(count(errors, 'error'))}` : ''}`;
}

function resourceText(f: Finding): string {
  return `${clean(f.resource.type)} ${clean(f.resource.id)}`;
}

function propertyText(f: Finding, c: Styler): string {
  return f.property ? c.cyan(`  [${clean(f.property)}]`) : '';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

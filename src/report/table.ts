import { SEVERITIES, type Finding, type Severity } from '../core/finding.js';
import type { Rule } from '../core/rule.js';
import type { ScanResult } from '../core/scan-result.js';
import { clean, styler, type Style, type Styler } from './ansi.js';
import { groupByRing, sortFindings } from './order.js';
import { findingWhere, inputErrorText, position, scanErrorText } from './where.js';

export interface TableOptions {
  color: boolean;
  /** Also list passing checks and each suppressed finding with its reason. */
  verbose?: boolean;
}

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
    failures(result.findings, c),
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

function failures(findings: readonly Finding[], c: Styler): string[] {
  const groups = groupByRing(findings.filter((f) => f.status === 'fail'));
  if (groups.length === 0) return [c.green('No failed checks.')];
  const lines: string[] = [];
  for (const [ring, list] of groups) {
    if (lines.length) lines.push('');
    lines.push(c.bold(`${ring} (${list.length} failed)`));
    const idWidth = Math.max(...list.map((f) => clean(f.ruleId).length));
    for (const f of list) {
      const label = paint(c, SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(LABEL_WIDTH));
      lines.push(`${INDENT}${label}  ${clean(f.ruleId).padEnd(idWidth)}  ${resourceText(f)}`);
      lines.push(`${DETAIL_INDENT}${c.dim(clean(findingWhere(f)))}  ${clean(f.message)}${propertyText(f, c)}`);
    }
  }
  return lines;
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

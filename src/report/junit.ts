import type { Finding } from '../core/finding.js';
import type { Rule } from '../core/rule.js';
import type { ScanResult } from '../core/scan-result.js';
import { sortFindings } from './order.js';
import { findingWhere, inputErrorText, scanErrorText } from './where.js';
import { attrs, escapeText } from './xml.js';

// One <testsuite> per rule, not per ring: a rule is the control being tested, so CI dashboards
// then show pass/fail counts per control (what an auditor asks for), a failing suite names the
// thing to fix, and a rule's title and severity fit on the suite as its properties. Per ring
// would give five suites of hundreds of unrelated cases. Each case is one resource.

interface Case {
  finding: Finding;
  /** Every finding of this rule on this resource (a check may judge several properties). */
  all: Finding[];
}

/** JUnit XML for CI systems: fails are <failure>, unknown and suppressed are <skipped/>. */
export function renderJunit(result: ScanResult, rules: readonly Rule[], _options?: unknown): string {
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const suites: string[] = [];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };

  for (const [ruleId, findings] of byRule(result.findings)) {
    const cases = byResource(findings);
    const failures = cases.filter((k) => k.all.some((f) => f.status === 'fail')).length;
    const skipped = cases.filter((k) => !k.all.some((f) => f.status === 'fail') && k.all.some((f) => f.status !== 'pass')).length;
    const first = findings[0]!;
    const rule = ruleById.get(ruleId);
    const properties = [
      ['title', rule?.title ?? first.title],
      ['ring', rule?.ring ?? first.ring],
      ['severity', rule?.severity ?? first.severity],
    ]
      .map(([name, value]) => `      <property${attrs({ name, value })}/>`)
      .join('\n');
    suites.push(
      [
        `  <testsuite${attrs({ name: ruleId, tests: cases.length, failures, errors: 0, skipped, time: 0 })}>`,
        `    <properties>\n${properties}\n    </properties>`,
        ...cases.map((k) => testcase(k)),
        '  </testsuite>',
      ].join('\n'),
    );
    totals.tests += cases.length;
    totals.failures += failures;
    totals.skipped += skipped;
  }

  const failedInputs = result.inputs.filter((i) => i.status === 'failed');
  if (failedInputs.length) {
    suites.push(errorSuite('inputs', failedInputs.map((i) => ({ name: i.path, text: inputErrorText(i), type: 'InputError' }))));
    totals.tests += failedInputs.length;
    totals.errors += failedInputs.length;
  }
  const scanErrors = result.errors ?? [];
  if (scanErrors.length) {
    suites.push(errorSuite('scan', scanErrors.map((e, n) => ({ name: `error ${n + 1}`, text: scanErrorText(e), type: 'ScanError' }))));
    totals.tests += scanErrors.length;
    totals.errors += scanErrors.length;
  }

  const body = suites.length ? `\n${suites.join('\n')}\n` : '\n';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: result.tool.name, ...totals, time: 0 })}>${body}</testsuites>\n`;
}

/** Findings per rule, rules in report order (ring, severity, id). */
function byRule(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of sortFindings(findings)) {
    const list = out.get(f.ruleId);
    if (list) list.push(f);
    else out.set(f.ruleId, [f]);
  }
  return out;
}

/** One case per resource; logical ids repeat across templates, so the file is part of the key. */
function byResource(findings: readonly Finding[]): Case[] {
  const out = new Map<string, Case>();
  for (const f of findings) {
    const key = `${f.resource.type}\u0000${f.resource.id}\u0000${f.location?.file ?? f.resource.arn ?? ''}`;
    const k = out.get(key);
    if (k) k.all.push(f);
    else out.set(key, { finding: f, all: [f] });
  }
  return [...out.values()];
}

function testcase({ finding, all }: Case): string {
  const file = finding.location?.file;
  const name = `${finding.resource.type} ${finding.resource.id}${file ? ` (${file})` : ''}`;
  const open = `    <testcase${attrs({ name, classname: `ringfence.${finding.ring}.${finding.ruleId}`, file, time: 0 })}`;
  const fails = all.filter((f) => f.status === 'fail');
  if (fails.length) {
    const message = fails[0]!.message + (fails.length > 1 ? ` (+${fails.length - 1} more)` : '');
    const details = [...fails.map(detailLine), `Remediation: ${finding.remediation}`].join('\n');
    return `${open}>\n      <failure${attrs({ message, type: finding.severity })}>${escapeText(details)}</failure>\n    </testcase>`;
  }
  const undecided = all.filter((f) => f.status === 'unknown' || f.status === 'suppressed');
  if (undecided.length) {
    const message = undecided.map(skipReason).join('; ');
    return `${open}>\n      <skipped${attrs({ message })}/>\n    </testcase>`;
  }
  return `${open}/>`;
}

function detailLine(f: Finding): string {
  return `${findingWhere(f)}${f.property ? ` ${f.property}` : ''}: ${f.message}`;
}

function skipReason(f: Finding): string {
  if (f.status === 'suppressed') return `suppressed: ${f.suppressionReason ?? '(no reason given)'}`;
  return `unknown${f.property ? ` (${f.property})` : ''}: ${f.message}`;
}

function errorSuite(name: string, cases: { name: string; text: string; type: string }[]): string {
  return [
    `  <testsuite${attrs({ name, tests: cases.length, failures: 0, errors: cases.length, skipped: 0, time: 0 })}>`,
    ...cases.map(
      (k) =>
        `    <testcase${attrs({ name: k.name, classname: `ringfence.${name}`, time: 0 })}>\n      <error${attrs({ message: k.text, type: k.type })}>${escapeText(k.text)}</error>\n    </testcase>`,
    ),
    '  </testsuite>',
  ].join('\n');
}

import { readFile, stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { LintSeverity } from '../../iam/lint/checks.js';
import type { LintPolicyType } from '../../iam/lint/lint.js';
import type { TextLintResult } from '../../iam/lint/text.js';
import { clean, type Styler } from '../../report/ansi.js';
import { choice } from '../options.js';

interface LintFlags {
  type: LintPolicyType;
  format: 'table' | 'json';
  output?: string;
  failOn: LintSeverity | 'none';
  quiet?: boolean;
}

const TYPES: readonly LintPolicyType[] = ['identity', 'resource', 'trust', 'scp'];
const FAIL_ON = ['error', 'security', 'warning', 'suggestion', 'none'] as const;
const MAX_BYTES = 20 * 1024 * 1024;

/** `ringfence iam lint POLICY.json...`: the policy checks of IAM Access Analyzer and more, before deployment. */
export function defineIamLint(iam: Command, setExit: (code: number) => void): void {
  iam
    .command('lint')
    .description('Check IAM policy documents for errors and risky constructs: unknown actions, ARNs that fit nothing, PassRole on every role, NotPrincipal, redundant statements.')
    .argument('<policies...>', 'policy documents (JSON files, or - for stdin)')
    .addOption(new Option('--type <type>', 'what the documents are: identity, resource (bucket, key, endpoint policy), trust (role trust policy), scp').choices(TYPES).default('identity'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: suggestion, warning, security, error, none', choice(FAIL_ON), 'warning')
    .option('-q, --quiet', 'no error lines on stderr')
    .addHelpText(
      'after',
      `
Each finding names its check, severity (error, security, warning, suggestion), the JSON path and
line:column of the element, and the IAM Access Analyzer policy check it corresponds to where
there is one, so results compare with \`aws accessanalyzer validate-policy\`.

Examples:
  $ ringfence iam lint policy.json
  $ ringfence iam lint bucket-policy.json --type resource
  $ ringfence iam lint trust.json --type trust --format json -o lint.json
  $ cat policy.json | ringfence iam lint -

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 a file could not be
read or is not JSON (the report still covers the other files).`,
    )
    .action(async (files: string[], flags: LintFlags, c: Command) => {
      setExit(await runLint(files, flags, c.optsWithGlobals().color as boolean | undefined));
    });
}

async function runLint(files: string[], flags: LintFlags, color: boolean | undefined): Promise<number> {
  const [{ lintPolicyText }, { lintSeverityRank }, { styler }, { useColor }, { emit }] = await Promise.all([
    import('../../iam/lint/text.js'),
    import('../../iam/lint/checks.js'),
    import('../../report/ansi.js'),
    import('../options.js'),
    import('../output.js'),
  ]);
  const results: (TextLintResult & { error?: string })[] = [];
  for (const file of files) {
    const read = await readPolicy(file);
    if ('error' in read) results.push({ source: file, findings: [], error: read.error });
    else results.push(lintPolicyText(read.text, file === '-' ? '<stdin>' : file, { type: flags.type }));
  }
  const unreadable = results.filter((r) => r.error || r.findings.some((f) => f.check === 'invalid-policy' && f.path === ''));
  if (!flags.quiet) {
    for (const r of unreadable) {
      const f = r.findings[0];
      process.stderr.write(`ringfence: error: ${r.source}${f?.line !== undefined ? `:${f.line}:${f.column ?? 1}` : ''}: ${r.error ?? f?.message}\n`);
    }
  }
  const text =
    flags.format === 'json'
      ? JSON.stringify({ type: flags.type, files: results, summary: summary(results) }, null, 2) + '\n'
      : renderLint(results, styler(!flags.output && useColor(process.stdout, color)));
  await emit(text, flags.output);
  if (unreadable.length) return 2;
  if (flags.failOn === 'none') return 0;
  const threshold = lintSeverityRank(flags.failOn);
  return results.some((r) => r.findings.some((f) => lintSeverityRank(f.severity) >= threshold)) ? 1 : 0;
}

async function readPolicy(file: string): Promise<{ text: string } | { error: string }> {
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of process.stdin) {
        size += (chunk as Buffer).length;
        if (size > MAX_BYTES) return { error: `input is larger than ${MAX_BYTES} bytes` };
        chunks.push(chunk as Buffer);
      }
      return { text: Buffer.concat(chunks).toString('utf8') };
    }
    const s = await stat(file);
    if (!s.isFile()) return { error: 'not a file' };
    if (s.size > MAX_BYTES) return { error: `file is larger than ${MAX_BYTES} bytes` };
    return { text: await readFile(file, 'utf8') };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message };
  }
}

function summary(results: TextLintResult[]): Record<string, number> {
  const out: Record<string, number> = { files: results.length, findings: 0, error: 0, security: 0, warning: 0, suggestion: 0 };
  for (const r of results) for (const f of r.findings) {
    out['findings']!++;
    out[f.severity]!++;
  }
  return out;
}

const SEVERITY_STYLE: Record<LintSeverity, keyof Styler> = { error: 'red', security: 'red', warning: 'yellow', suggestion: 'cyan' };

export function renderLint(results: (TextLintResult & { error?: string })[], s: Styler): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(s.bold(clean(r.source)));
    if (r.error) lines.push(`  ${s.red('cannot read')}  ${clean(r.error)}`);
    else if (r.findings.length === 0) lines.push(s.dim('  no findings'));
    for (const f of r.findings) {
      const pos = f.line !== undefined ? `${f.line}:${f.column ?? 1}` : '';
      const aa = f.accessAnalyzer ? s.dim(`  [Access Analyzer: ${f.accessAnalyzer}]`) : '';
      lines.push(`  ${pos.padEnd(8)} ${s[SEVERITY_STYLE[f.severity]](f.severity.padEnd(10))} ${f.check}  ${s.dim(clean(f.path || '(document)'))}`);
      lines.push(`  ${''.padEnd(8)} ${''.padEnd(10)} ${clean(f.message)}${aa}`);
    }
    lines.push('');
  }
  const sum = summary(results);
  lines.push(`${sum['files']} file(s), ${sum['findings']} finding(s): ${sum['error']} error, ${sum['security']} security, ${sum['warning']} warning, ${sum['suggestion']} suggestion`);
  return lines.join('\n') + '\n';
}

import { Option } from 'commander';
import { RINGS, SEVERITIES, type Ring, type Severity } from '../core/finding.js';
import type { Rule } from '../core/rule.js';
import type { Define } from './main.js';
import { emit } from './output.js';

interface RulesFlags {
  ring?: Ring;
  severity?: Severity;
  reference?: string;
  format: 'table' | 'json';
}

export const defineRules: Define = (program, setExit) => {
  program
    .command('rules')
    .description('List the rule catalog, filtered by ring, severity or a reference (Checkov id, Security Hub control, ATLAS id, …).')
    .addOption(new Option('--ring <ring>', 'only this ring').choices(RINGS))
    .addOption(new Option('--severity <severity>', 'only this severity').choices(SEVERITIES))
    .option('--reference <text>', 'only rules with a reference containing TEXT (e.g. CKV_AWS_122, SageMaker.1, AML.T0020)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence rules
  $ ringfence rules --ring identity --severity high
  $ ringfence rules --reference CKV_AWS_122     # which ringfence rule replaces this Checkov check
  $ ringfence rules --format json`,
    )
    .action(async (flags: RulesFlags) => {
      const { RULES } = await import('../rules/index.js');
      const rules = filterRules(RULES, flags);
      await emit(flags.format === 'json' ? JSON.stringify(rules.map(describe), null, 2) + '\n' : table(rules), undefined);
      setExit(0);
    });
};

export function filterRules(rules: readonly Rule[], flags: Pick<RulesFlags, 'ring' | 'severity' | 'reference'>): Rule[] {
  const needle = flags.reference?.toLowerCase();
  return rules.filter(
    (r) =>
      (!flags.ring || r.ring === flags.ring) &&
      (!flags.severity || r.severity === flags.severity) &&
      (!needle || Object.values(r.references).some((ids) => (ids as string[] | undefined)?.some((id: string) => id.toLowerCase().includes(needle)))),
  );
}

/** The serialisable part of a rule (everything but its code). */
export function describe(r: Rule) {
  return {
    id: r.id,
    title: r.title,
    ring: r.ring,
    severity: r.severity,
    resourceTypes: r.resourceTypes,
    profiles: r.profiles ?? ['default', 'strict'],
    rationale: r.rationale,
    remediation: r.remediation,
    references: r.references,
  };
}

function table(rules: Rule[]): string {
  if (rules.length === 0) return 'no rules match\n';
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const lines: string[] = [];
  for (const ring of RINGS) {
    const inRing = rules.filter((r) => r.ring === ring);
    if (!inRing.length) continue;
    lines.push(`${ring}`);
    for (const r of inRing) {
      const strict = r.profiles && !r.profiles.includes('default') && !/strict/i.test(r.title) ? ' (strict profile)' : '';
      lines.push(`  ${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${r.title}${strict}`);
    }
  }
  lines.push('', `${rules.length} rule${rules.length === 1 ? '' : 's'}; \`ringfence explain RULE\` for details`);
  return lines.join('\n') + '\n';
}
